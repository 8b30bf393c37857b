import { Table, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IndicatorDef } from './reporting.api.ts';
import { REPORT_TEXT_LIMITS } from '#modules/reporting/text-limits.ts';

/** A table cell's figure code: `table.row.column` (as the API names it). */
export const cellCode = (table: string, row: string, column: string) => `${table}.${row}.${column}`;

/** The figures of an indicator: itself, or every cell of a table. */
export const figuresOf = (ind: IndicatorDef): { code: string; type: string; label: string }[] =>
  ind.type === 'table'
    ? (ind.rows ?? []).flatMap((r) => (ind.columns ?? []).map((c) => ({ code: cellCode(ind.code, r.key, c.code), type: c.type, label: `${r.label} — ${c.name}` })))
    : [{ code: ind.code, type: ind.type, label: ind.name }];

const show = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? v.toLocaleString('vi-VN') : String(v));

/**
 * A table indicator (e.g. TTHC results by sector): one row per table row, one input per column.
 * A changed pre-filled cell asks for its reason under the table. Read-only: the figures as text,
 * each correction with its reason.
 */
export function TableIndicator(props: {
  ind: IndicatorDef;
  values: Record<string, string>;
  prefilled: Record<string, number>;
  reasons: Record<string, string>;
  changed: (code: string) => boolean;
  editable: boolean;
  onValue?: (code: string, value: string) => void;
  onReason?: (code: string, reason: string) => void;
}) {
  const { t } = useTranslation();
  const { ind } = props;
  const rows = ind.rows ?? [];
  const columns = ind.columns ?? [];
  const changed = figuresOf(ind).filter((f) => props.changed(f.code));
  return (
    // Scrolls sideways on a phone: read-only (no field to tab into), the box itself takes the keyboard to scroll it.
    <div
      className="reporting-table"
      {...(props.editable ? {} : { tabIndex: 0, role: 'region', 'aria-label': `${ind.number}. ${ind.name}` })}
    >
      <Table withTableBorder withColumnBorders captionSide="top">
        <Table.Caption>
          {ind.number}. {ind.name}
          {ind.unit ? ` (${ind.unit})` : ''}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reporting.tableRow')}</Table.Th>
            {columns.map((c) => (
              <Table.Th scope="col" key={c.code}>
                {c.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row">{r.label}</Table.Th>
              {columns.map((c) => {
                const code = cellCode(ind.code, r.key, c.code);
                return (
                  <Table.Td key={c.code} className={props.changed(code) ? 'reporting-cell-changed' : undefined}>
                    {props.editable ? (
                      <TextInput
                        aria-label={`${r.label} — ${c.name}`}
                        inputMode="decimal"
                        size="xs"
                        value={props.values[code] ?? ''}
                        onChange={(e) => props.onValue?.(code, e.currentTarget.value)}
                      />
                    ) : (
                      <Text size="sm" ta="right">
                        {props.values[code] || '—'}
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {changed.map((f) => (
        <Textarea
          key={f.code}
          mt={4}
          label={`${f.label}: ${t('reporting.reason', { value: show(props.prefilled[f.code]) })}`}
          required
          value={props.reasons[f.code] ?? ''}
          onChange={(e) => props.onReason?.(f.code, e.currentTarget.value)}
          readOnly={!props.editable}
          maxLength={REPORT_TEXT_LIMITS.reason}
          autosize
          minRows={1}
        />
      ))}
    </div>
  );
}
