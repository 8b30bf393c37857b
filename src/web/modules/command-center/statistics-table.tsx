import { Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../ui/http.ts';
import { Loaded } from '../../ui/query-state.tsx';
import { type StatisticsRow, useStatistics } from './command-center.api.ts';
import { CcCard, ScrollTable } from './cc-card.tsx';
import { formatNumber } from '../../ui/numbers.ts';

/** The figures of a statistics line, each a drill-down to its dossiers (the API's figure names). */
const COLUMNS = ['received', 'carriedOver', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'pendingInTime', 'pendingOverdue', 'withdrawn', 'stopped'] as const;
const FACT_GROUPS = ['procedure', 'sector', 'officer'];

/** A reporting month (15th of the month before → 14th), clipped to the range shown. */
function monthBounds(code: string, from: string, to: string) {
  const [y, m] = code.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 2, 15)).toISOString().slice(0, 10);
  const end = `${code}-14`;
  return { from: start < from ? from : start, to: end > to ? to : end };
}

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/**
 * Thống kê kết quả giải quyết TTHC: the unit's table for the reporting period, grouped by unit
 * below, procedure, sector, officer or reporting month; every figure opens the dossiers behind it.
 */
export function StatisticsTable({ unit, unitKind, period, onDrill }: {
  unit: string;
  unitKind: string;
  period: string;
  onDrill: (title: string, url: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [groupBy, setGroupBy] = useState(unitKind === 'agency' ? 'procedure' : 'unit');
  const by = unitKind === 'agency' && groupBy === 'unit' ? 'procedure' : groupBy;
  const stats = useStatistics(unit, period, by);
  const num = (v: number | null) => formatNumber(v, i18n.language);
  const options = [...(unitKind === 'agency' ? [] : ['unit']), 'procedure', 'sector', 'officer', 'month'].map((v) => ({
    value: v,
    label: t(`commandCenter.stats.by.${v}`),
  }));

  const label = (r: StatisticsRow) => {
    if (by === 'month') return `${t('commandCenter.stats.month')} ${r.key.slice(5)}/${r.key.slice(0, 4)}`;
    if (r.key === '') return t(`commandCenter.stats.none.${by}`);
    return by === 'procedure' ? `${r.key} · ${r.name ?? ''}` : (r.name ?? r.key);
  };
  const drillUrl = (r: StatisticsRow | null, figure: string, range: { from: string; to: string }) => {
    const base = { figure, limit: 100 };
    if (!r) return withQuery('/api/v1/statistics/tthc/dossiers', { ...base, unit, ...range });
    if (by === 'unit') return withQuery('/api/v1/statistics/tthc/dossiers', { ...base, unit: r.key, ...range });
    if (by === 'month') return withQuery('/api/v1/statistics/tthc/dossiers', { ...base, unit, ...monthBounds(r.key, range.from, range.to) });
    if (FACT_GROUPS.includes(by)) return withQuery('/api/v1/statistics/tthc/dossiers', { ...base, unit, ...range, groupBy: by, key: r.key });
    return withQuery('/api/v1/statistics/tthc/dossiers', { ...base, unit, ...range });
  };

  return (
    <CcCard
      id="cc-stats"
      title={t('commandCenter.stats.title')}
      controls={
        <Group align="end" gap="sm">
          <NativeSelect label={t('commandCenter.stats.groupBy')} value={by} onChange={(e) => setGroupBy(e.currentTarget.value)} data={options} />
          {stats.data && (
            <Button
              component="a"
              variant="default"
              href={withQuery('/api/v1/statistics/tthc/export', { unit, from: stats.data.from, to: stats.data.to, groupBy: by })}
            >
              {t('commandCenter.export')}
            </Button>
          )}
        </Group>
      }
    >
      <Loaded query={stats}>
        {(report) => (
          <ScrollTable label={t('commandCenter.stats.title')} mah={640} testId="stats-table" caption={t('commandCenter.stats.caption', { from: dmy(report.from), to: dmy(report.to) })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`commandCenter.stats.by.${by}`)}</Table.Th>
                {COLUMNS.map((col) => (
                  <Table.Th key={col} ta="right">
                    {t(`commandCenter.stats.col.${col}`)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('commandCenter.stats.col.averageWorkingDays')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS.length + 2}>{t('commandCenter.stats.empty')}</Table.Td>
                </Table.Tr>
              )}
              {[...report.rows.map((r) => ({ r, total: false })), { r: report.total, total: true }].map(({ r, total }) => {
                const name = total ? t('commandCenter.stats.total') : label(r);
                return (
                  <Table.Tr key={total ? '__total' : `row-${r.key}`} fw={total ? 700 : undefined}>
                    <Table.Th scope="row" fw={total ? 700 : 400}>
                      {name}
                    </Table.Th>
                    {COLUMNS.map((col) => (
                      <Table.Td key={col} ta="right">
                        {r[col] === 0 ? (
                          '0'
                        ) : (
                          <button
                            type="button"
                            className="cc-link"
                            aria-label={`${name}: ${t(`commandCenter.stats.col.${col}`)} ${num(r[col])}`}
                            onClick={() => onDrill(`${name} — ${t(`commandCenter.stats.col.${col}`)}`, drillUrl(total ? null : r, col, report))}
                          >
                            {num(r[col])}
                          </button>
                        )}
                      </Table.Td>
                    ))}
                    <Table.Td ta="right">{num(r.averageWorkingDays)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Loaded>
      <Text size="xs" mt="xs">
        {t('commandCenter.stats.note')}
      </Text>
    </CcCard>
  );
}
