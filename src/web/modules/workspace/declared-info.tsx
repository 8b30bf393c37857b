import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { declaredFields, type FormField } from '../dossiers/form-schema.ts';
import { optionLabel } from '../dossiers/schema-form.tsx';
import { Facts, Fact } from '../../ui/facts.tsx';
import { Section } from '../../ui/section.tsx';
import { dayText } from '../../ui/day-input.tsx';
import type { DossierDetail } from './workspace.api.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** A declared value as the form showed it: a day dd/mm/yyyy, a choice by its label, yes / no. */
function shown(t: T, field: FormField, value: unknown): string {
  if (typeof value === 'boolean') return t(value ? 'citizen.declaration.yes' : 'citizen.declaration.no');
  if (field.kind === 'date' && typeof value === 'string') return dayText(value) || value;
  const option = field.options?.find((o) => o.value === String(value));
  if (option) return optionLabel(t, option);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * "Thông tin trên tờ khai": what the applicant declared (a child's name, a birth date…), which
 * the specialist appraises and the leader approves — at the counter it exists nowhere else.
 * `schema` is the procedure's form: null when it has none (or could not be read: the values are
 * then shown under their names), undefined while it loads — nothing is shown then, not the
 * values' code names and raw days ("childBirthDate 2026-03-02") for a moment.
 */
export function DeclaredInfo({ d, schema }: { d: Pick<DossierDetail, 'fields'>; schema: Record<string, unknown> | null | undefined }) {
  const { t } = useTranslation();
  const rows = schema === undefined ? [] : declaredFields(schema, d.fields);
  if (rows.length === 0) return null;
  return (
    <Section id="to-khai" title={t('workspace.dossier.declared')}>
      <DeclaredFacts fields={d.fields} schema={schema} />
    </Section>
  );
}

/** The declared values under their titles (nothing while the schema loads); also the inspector's reading of a declaration. */
export function DeclaredFacts({ fields, schema }: { fields: Record<string, unknown>; schema: Record<string, unknown> | null | undefined }) {
  const { t } = useTranslation();
  const rows = schema === undefined ? [] : declaredFields(schema, fields);
  if (rows.length === 0) return null;
  return (
    <Facts>
      {rows.map(({ field, value }) => (
        <Fact key={field.name} term={field.title} testId={`declared-${field.name}`}>
          {shown(t, field, value)}
        </Fact>
      ))}
    </Facts>
  );
}

/** The components the desk received on paper, with their originals and copies (Mẫu 01 lists the same). */
export function PaperReceived({ d, componentName }: { d: DossierDetail; componentName: (code: string) => string }) {
  const { t } = useTranslation();
  const paper = d.intake?.paper ?? [];
  if (paper.length === 0) return null;
  return (
    <>
      <Text fw={600} mt="sm">
        {t('workspace.dossier.paper')}
      </Text>
      <List spacing="xs" data-testid="paper-received">
        {paper.map((p) => (
          <List.Item key={p.componentCode}>
            {componentName(p.componentCode)}{' '}
            <Text span size="sm" c="gray.7">
              ({t('workspace.dossier.paperCounts', { originals: p.originals, copies: p.copies })})
            </Text>
          </List.Item>
        ))}
      </List>
    </>
  );
}
