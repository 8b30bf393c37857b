import { NativeSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../ui/query-state.tsx';
import { type ScoreLine, useCircular01 } from './command-center.api.ts';
import { CcCard, ScrollTable } from './cc-card.tsx';
import { formatNumber } from '../../ui/numbers.ts';

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** Đánh giá theo Thông tư 01/2018: nine indicators scored 2/1/0 per dossier, per agency or per officer, with the bands. */
export function ScoringTable({ unit, period }: { unit: string; period: string }) {
  const { t, i18n } = useTranslation();
  const [groupBy, setGroupBy] = useState('agency');
  const data = useCircular01(unit, period, groupBy);
  const en = i18n.language === 'en';
  const num = (v: number | null) => formatNumber(v, i18n.language, 'score');
  const officer = groupBy === 'officer';
  const ids = data.data?.indicators.map((i) => i.id) ?? [];

  const line = (r: ScoreLine, name: string, total: boolean) => (
    <Table.Tr key={total ? '__total' : `row-${r.key}`} fw={total ? 700 : undefined}>
      <Table.Th scope="row" fw={total ? 700 : 400}>
        {name}
      </Table.Th>
      <Table.Td ta="right">{r.dossiers}</Table.Td>
      {ids.map((id, n) => (
        <Table.Td key={id} ta="right">
          {num(r.scores[n] ?? null)}
        </Table.Td>
      ))}
      <Table.Td ta="right">{num(officer && !total ? r.officerTotal : r.total)}</Table.Td>
      <Table.Td>{r.band?.name ?? '—'}</Table.Td>
    </Table.Tr>
  );

  return (
    <CcCard
      id="cc-tt01"
      title={t('commandCenter.tt01.title')}
      controls={
        <NativeSelect
          label={t('commandCenter.tt01.groupBy')}
          value={groupBy}
          onChange={(e) => setGroupBy(e.currentTarget.value)}
          data={['agency', 'officer'].map((v) => ({ value: v, label: t(`commandCenter.tt01.by.${v}`) }))}
        />
      }
    >
      <Loaded query={data}>
        {(table) => (
          <>
            <ScrollTable label={t('commandCenter.tt01.title')} mah={560} testId="tt01-table" caption={t('commandCenter.tt01.caption', { from: dmy(table.from), to: dmy(table.to), source: table.ruleBook.source })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`commandCenter.tt01.by.${groupBy}`)}</Table.Th>
                  <Table.Th ta="right">{t('commandCenter.tt01.dossiers')}</Table.Th>
                  {table.indicators.map((i) => (
                    <Table.Th key={i.id} ta="right">
                      <abbr title={`${en ? i.nameEn : i.name}${i.measured ? '' : ` — ${t('commandCenter.index.missing')}`}`}>{`(${i.id})`}</abbr>
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">{officer ? t('commandCenter.tt01.officerTotal') : t('commandCenter.tt01.total')}</Table.Th>
                  <Table.Th>{t('commandCenter.tt01.band')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={table.indicators.length + 4}>{t('commandCenter.tt01.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {table.rows.map((r) => line(r, r.key === '' ? t('commandCenter.stats.none.officer') : (r.name ?? r.key), false))}
                {line(table.total, t('commandCenter.stats.total'), true)}
              </Table.Tbody>
            </ScrollTable>
            <details>
              <summary>{t('commandCenter.tt01.legend')}</summary>
              <Table mt="xs">
                <Table.Tbody>
                  {table.indicators.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Th scope="row">{`(${i.id}) ${en ? i.nameEn : i.name}`}</Table.Th>
                      <Table.Td>{i.measured ? `2: ${i.levels[0]} · 1: ${i.levels[1]} · 0: ${i.levels[2]}` : `${t('commandCenter.index.missing')}: ${i.missingReason}`}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="xs">{t('commandCenter.tt01.note')}</Text>
            </details>
          </>
        )}
      </Loaded>
    </CcCard>
  );
}
