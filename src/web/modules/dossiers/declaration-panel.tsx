import { Badge, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Declaration } from '#modules/inspection/inspection.contract.ts';
import { useProcedure } from '../catalog/catalog.api.ts';
import { ApiError, apiFetch } from '../../ui/http.ts';
import { ActionError, Loading, LoadError } from '../../ui/query-state.tsx';
import { Section } from '../../ui/section.tsx';
import { dateTime } from './dossier-format.ts';
import { type FieldValues, fieldsToSend, formFields, validateFields } from './form-schema.ts';
import { fieldId, SchemaForm } from './schema-form.tsx';

/**
 * Bản công bố (post-control declaration) on the business's own dossier: its frozen versions with
 * what each correction changed, and "Khai bổ sung / sửa đổi" — the procedure's form prefilled from
 * the current version, a reason, sent as a new version (docs/modules/inspection.md). Loaded lazily
 * by the dossier page, so the form code stays out of the citizen's first download.
 */
export default function DeclarationPanel({ dossierId, procedureCode }: { dossierId: string; procedureCode: string }) {
  const { t } = useTranslation();
  const declaration = useQuery({
    queryKey: ['declaration', dossierId],
    queryFn: ({ signal }) => apiFetch<Declaration>(`/api/v1/inspection/declarations/${encodeURIComponent(dossierId)}`, { signal }),
    retry: false,
  });
  const procedure = useProcedure(procedureCode);
  const [editing, setEditing] = useState(false);
  if (declaration.isPending) return <Loading />;
  // Not received yet (no version frozen): nothing to show.
  if (declaration.isError) return declaration.error instanceof ApiError && declaration.error.status === 404 ? null : <LoadError onRetry={() => declaration.refetch()} />;
  const d = declaration.data;
  const schema = (procedure.data?.formSchema ?? null) as Record<string, unknown> | null;
  const titles = new Map(formFields(schema).map((f) => [f.name, f.title]));
  const current = d.versions.at(-1)!;
  return (
    <Section id="ban-cong-bo" title={t('citizen.declaration.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('citizen.declaration.intro')}</Text>
        <ol className="declaration-versions" aria-label={t('citizen.declaration.versions')} data-testid="declaration-versions">
          {[...d.versions].reverse().map((v) => {
            const previous = d.versions.find((p) => p.version === v.version - 1);
            const changed = previous ? Object.keys({ ...previous.fields, ...v.fields }).filter((k) => JSON.stringify(previous.fields[k]) !== JSON.stringify(v.fields[k])) : [];
            return (
              <li key={v.version} data-testid="declaration-version">
                <Group gap="xs" wrap="wrap">
                  <Text fw={700}>{t('citizen.declaration.version', { n: v.version })}</Text>
                  {v.version === current.version && (
                    <Badge color="teal.9" variant="filled">
                      {t('citizen.declaration.current')}
                    </Badge>
                  )}
                  <Text size="sm" c="gray.8">
                    {dateTime(v.declaredAt)}
                  </Text>
                </Group>
                {v.correctionReason && <Text size="sm">{t('citizen.declaration.reason', { reason: v.correctionReason })}</Text>}
                {changed.length > 0 && (
                  <ul className="declaration-changes">
                    {changed.map((k) => (
                      <li key={k}>
                        <Text size="sm">
                          {titles.get(k) ?? k}: <s>{shown(previous?.fields[k], t)}</s> → <strong>{shown(v.fields[k], t)}</strong>
                        </Text>
                      </li>
                    ))}
                  </ul>
                )}
                {v.version === 1 && <Text size="sm">{t('citizen.declaration.first')}</Text>}
              </li>
            );
          })}
        </ol>
        {d.resultRevoked ? (
          <Text size="sm">{t('citizen.declaration.revoked')}</Text>
        ) : editing ? (
          schema ? (
            <CorrectionForm dossierId={dossierId} schema={schema} current={current.fields} onDone={() => setEditing(false)} />
          ) : procedure.isError ? (
            <LoadError onRetry={() => procedure.refetch()} />
          ) : (
            <Loading />
          )
        ) : (
          <Button variant="default" onClick={() => setEditing(true)} data-testid="declaration-correct">
            {t('citizen.declaration.correct')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}

const shown = (v: unknown, t: (k: string) => string) => (v === undefined || v === null || v === '' ? t('citizen.declaration.empty') : v === true ? t('citizen.declaration.yes') : v === false ? t('citizen.declaration.no') : String(v));

/** The form's values from a version's fields (numbers as text, as the inputs hold them). */
const valuesOf = (fields: Record<string, unknown>): FieldValues => {
  const out: FieldValues = {};
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return out;
};

function CorrectionForm({ dossierId, schema, current, onDone }: { dossierId: string; schema: Record<string, unknown>; current: Record<string, unknown>; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [values, setValues] = useState<FieldValues>(() => valuesOf(current));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const send = useMutation({
    mutationFn: () => apiFetch<Declaration>(`/api/v1/inspection/declarations/${encodeURIComponent(dossierId)}/corrections`, { method: 'POST', body: { fields: fieldsToSend(schema, values), reason: reason.trim() } }),
    onSuccess: (d) => {
      client.setQueryData(['declaration', dossierId], d);
      onDone();
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problems = Object.fromEntries(Object.entries(validateFields(schema, values)).map(([k, p]) => [k, t(`citizen.validation.${p.key}`, p.params)]));
        if (!reason.trim()) problems.reason = t('citizen.validation.required');
        setErrors(problems);
        const first = Object.keys(problems)[0];
        if (first) {
          document.getElementById(first === 'reason' ? 'declaration-reason' : fieldId(first))?.focus();
          return;
        }
        send.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('citizen.declaration.formTitle')}
        </Title>
        <Text size="sm">{t('citizen.declaration.formIntro')}</Text>
        <SchemaForm
          schema={schema}
          values={values}
          errors={errors}
          onChange={(name, value) => {
            setValues((v) => ({ ...v, [name]: value }));
            setErrors((e) => ({ ...e, [name]: undefined }));
          }}
        />
        <Textarea
          id="declaration-reason"
          label={t('citizen.declaration.reasonLabel')}
          description={t('citizen.declaration.reasonHint')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setErrors((x) => ({ ...x, reason: undefined }));
          }}
          error={errors.reason}
          required
          autosize
          minRows={2}
        />
        <ActionError error={send.error} />
        <Group>
          <Button type="submit" loading={send.isPending} data-testid="declaration-send">
            {t('citizen.declaration.send')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('citizen.declaration.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
