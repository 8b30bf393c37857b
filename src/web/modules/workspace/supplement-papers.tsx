import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/InlineInput.css';
import { Alert, Button, Checkbox, CloseButton, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '../../ui/file-picker.tsx';
import { MAX_UPLOAD_MB } from '../dossiers/dossiers.api.ts';
import { DESK_ACCEPT, type DossierDetail } from './workspace.api.ts';

export interface PaperRow {
  key: number;
  componentCode: string;
  file: File | null;
}

let rowKeys = 0;
/** One row per paper still missing from the Mẫu 02 (or one empty row when it listed none). */
export function initialRows(d: DossierDetail): PaperRow[] {
  const missing = d.supplement?.missing ?? [];
  return missing.length > 0 ? missing.map((c) => ({ key: rowKeys++, componentCode: c.code, file: null })) : [{ key: rowKeys++, componentCode: '', file: null }];
}

/**
 * Ghi nhận giấy tờ bổ sung: several papers at once, one row each (component + file). Rows left
 * without a file are not sent; what the Mẫu 02 asked for and did not arrive stays missing.
 */
export function SupplementPapers({
  rows,
  onChange,
  components,
  errors,
}: {
  rows: PaperRow[];
  onChange: (rows: PaperRow[]) => void;
  components: { code: string; name: string }[];
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const many = rows.length > 1;
  const update = (key: number, patch: Partial<PaperRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs">
      {many && <Text size="sm">{t('workspace.supplement.rowsHint')}</Text>}
      {rows.map((row, i) => {
        const n = many ? ` (${i + 1})` : '';
        return (
          <Group key={row.key} align="flex-end" gap="xs" wrap="nowrap">
            <Stack gap={4} style={{ flex: 1 }}>
              <NativeSelect
                id={`hd-component-${row.key}`}
                label={`${t('workspace.form.component')}${n}`}
                required
                value={row.componentCode}
                onChange={(e) => update(row.key, { componentCode: e.currentTarget.value })}
                error={errors[`component.${row.key}`]}
                data={[{ value: '', label: t('workspace.form.choose') }, ...components.map((c) => ({ value: c.code, label: c.name }))]}
              />
              {/* the dialog's summary links here (action-form.tsx problemId) */}
              <div id={`hd-file-${row.key}`}>
                <FilePicker
                  label={`${t('workspace.form.file')}${n}`}
                  accept={DESK_ACCEPT}
                  hint={t('workspace.form.fileHint', { max: MAX_UPLOAD_MB })}
                  chosen={row.file}
                  onChange={(file) => update(row.key, { file })}
                  error={errors[`file.${row.key}`]}
                />
              </div>
            </Stack>
            {many && <CloseButton aria-label={t('workspace.supplement.removeRow', { n: i + 1 })} onClick={() => onChange(rows.filter((r) => r.key !== row.key))} />}
          </Group>
        );
      })}
      <Group>
        <Button variant="default" size="xs" type="button" onClick={() => onChange([...rows, { key: rowKeys++, componentCode: '', file: null }])}>
          {t('workspace.supplement.addRow')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Mẫu 02 content picker: the components the officer asks for (at intake the server adds every missing required one). */
export function SupplementComponents({
  value,
  onChange,
  components,
}: {
  value: string[];
  onChange: (codes: string[]) => void;
  components: { code: string; name: string }[];
}) {
  const { t } = useTranslation();
  if (components.length === 0) return null;
  return (
    <Checkbox.Group label={t('workspace.supplement.components')} description={t('workspace.supplement.componentsHint')} value={value} onChange={onChange}>
      <Stack gap={6} mt={6}>
        {components.map((c) => (
          <Checkbox key={c.code} value={c.code} label={c.name} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** On the processing page while status 5: what the Mẫu 02 asked for and what is still missing, by name. */
export function SupplementStatus({ d }: { d: DossierDetail }) {
  const { t } = useTranslation();
  const s = d.supplement;
  if (!s) return null;
  return (
    <Alert color="yellow" variant="light" styles={{ title: { color: '#5c3d00' } }} title={t('workspace.supplement.waitingTitle')} data-testid="supplement-status">
      {s.missing.length > 0 ? (
        <>
          <Text size="sm">{t('workspace.supplement.missing', { count: s.missing.length })}</Text>
          <ul className="ws-missing">
            {s.missing.map((c) => (
              <li key={c.code}>{c.name}</li>
            ))}
          </ul>
        </>
      ) : (
        <Text size="sm">{t('workspace.supplement.noneListed')}</Text>
      )}
    </Alert>
  );
}
