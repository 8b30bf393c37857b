import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnHeaders } from '../../ui/data-table.tsx';
import { dayTimeText } from '../../ui/day-input.tsx';
import { Fact, Facts } from '../../ui/facts.tsx';
import { LoadError, Loading } from '../../ui/query-state.tsx';
import { Section } from '../../ui/section.tsx';
import { dossierStatusOf, SEND_TONE, syncState } from './axis-status.ts';
import { type NationalSyncView, useNationalSync } from './axis-status.api.ts';
import { ScrollRegion } from '../../ui/scroll-region.tsx';
import { StateBadge } from './state-badge.tsx';

/**
 * Đồng bộ Cổng Dịch vụ công quốc gia: the log's figures (acknowledged, pending, the oldest pending
 * with its error; on a national node what it holds) and one dossier's rows found by its code.
 */
export function NationalSyncSection({ role, national }: { role: 'local' | 'national'; national: string | null }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [code, setCode] = useState<string | undefined>(undefined);
  const log = useNationalSync(undefined, 1);
  return (
    <Section id="axis-sync" title={t('exchange.axis.sync')}>
      <Stack gap="sm">
        <Text>{t(role === 'national' ? 'exchange.axis.syncIntroNational' : 'exchange.axis.syncIntro', { node: national ?? '—' })}</Text>
        {log.isPending ? <Loading /> : log.isError ? <LoadError onRetry={() => log.refetch()} /> : <SyncFigures role={role} summary={log.data.summary} />}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setCode(typed.trim() || undefined);
          }}
        >
          <Group align="end" gap="sm">
            <TextInput
              label={t('exchange.axis.searchLabel')}
              description={t('exchange.axis.searchHint')}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              type="search"
              maxLength={100}
              style={{ flex: '1 1 16rem' }}
            />
            <Button type="submit" variant="default">
              {t('exchange.axis.searchButton')}
            </Button>
          </Group>
        </form>
        {code && <DossierSync code={code} role={role} />}
      </Stack>
    </Section>
  );
}

function SyncFigures({ role, summary }: { role: 'local' | 'national'; summary: NationalSyncView['summary'] }) {
  const { t } = useTranslation();
  if (role === 'national')
    return (
      <Facts>
        <Fact term={t('exchange.axis.received')} testId="sync-received">
          {t('exchange.axis.receivedText', { count: summary.received, nodes: summary.nodes })}
        </Fact>
      </Facts>
    );
  const oldest = summary.oldestPending;
  return (
    <Facts>
      <Fact term={t('exchange.axis.acknowledged')} testId="sync-acknowledged">
        {summary.acknowledged}
      </Fact>
      <Fact term={t('exchange.axis.pending')} testId="sync-pending">
        {t('exchange.axis.pendingText', { count: summary.pending, failing: summary.failing })}
      </Fact>
      <Fact term={t('exchange.axis.oldestPending')} testId="sync-oldest">
        {oldest ? (
          <>
            {t('exchange.axis.oldestPendingText', { code: oldest.maHoSo, at: dayTimeText(oldest.recordedAt), count: oldest.attempts })}
            {oldest.lastError && <Text style={{ overflowWrap: 'anywhere' }}>{t('exchange.axis.errorText', { error: oldest.lastError })}</Text>}
          </>
        ) : (
          t('exchange.axis.noPending')
        )}
      </Fact>
    </Facts>
  );
}

/** A TrangThai code with the dossier status it stands for, when one does. */
function TrangThai({ code }: { code: number | null }) {
  const { t } = useTranslation();
  if (code === null) return <>—</>;
  const status = dossierStatusOf(code);
  return (
    <>
      {code}
      {status && ` · ${t(`workspace.status.${status}`)}`}
    </>
  );
}

function DossierSync({ code, role }: { code: string; role: 'local' | 'national' }) {
  const { t } = useTranslation();
  const log = useNationalSync(code, 100);
  if (log.isPending) return <Loading />;
  if (log.isError) return <LoadError onRetry={() => log.refetch()} />;
  const rows = role === 'national' ? log.data.received : log.data.sent;
  return (
    <div aria-live="polite">
      <Title order={3} size="h4" mb="xs">
        {t('exchange.axis.syncOf', { code })}
      </Title>
      {rows.length === 0 ? (
        <Text className="empty-state" p="md" data-testid="sync-none">
          {t('exchange.axis.noSyncRows', { code })}
        </Text>
      ) : role === 'national' ? (
        <ScrollRegion label={t('exchange.axis.syncCaption', { code, count: rows.length })} minWidth={560}>
          <Table striped withTableBorder data-testid="sync-rows">
            <Table.Caption>{t('exchange.axis.syncCaption', { code, count: rows.length })}</Table.Caption>
            <ColumnHeaders columns={[t('exchange.axis.trangThai'), t('exchange.axis.node'), t('exchange.axis.receivedAt')]} />
            <Table.Tbody>
              {log.data.received.map((r) => (
                <Table.Tr key={`${r.node}-${r.syncId}`}>
                  <Table.Td>
                    <TrangThai code={r.trangThai} />
                  </Table.Td>
                  <Table.Td>{r.node}</Table.Td>
                  <Table.Td>{dayTimeText(r.receivedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      ) : (
        <ScrollRegion label={t('exchange.axis.syncCaption', { code, count: rows.length })} minWidth={720}>
          <Table striped withTableBorder data-testid="sync-rows">
            <Table.Caption>{t('exchange.axis.syncCaption', { code, count: rows.length })}</Table.Caption>
            <ColumnHeaders
              columns={[t('exchange.axis.trangThai'), t('exchange.axis.recordedAt'), t('exchange.axis.syncState'), t('exchange.axis.acknowledgedAt'), t('exchange.axis.attempts'), t('exchange.axis.lastError')]}
            />
            <Table.Tbody>
              {log.data.sent.map((r) => {
                const state = syncState(r);
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <TrangThai code={r.trangThai} />
                    </Table.Td>
                    <Table.Td>{dayTimeText(r.recordedAt)}</Table.Td>
                    <Table.Td>
                      <StateBadge tone={SEND_TONE[state]}>{t(`exchange.axis.sendState.${state}`, { node: r.acknowledgedBy ?? '' })}</StateBadge>
                    </Table.Td>
                    <Table.Td>{r.deliveredAt ? dayTimeText(r.deliveredAt) : '—'}</Table.Td>
                    <Table.Td>{r.attempts}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.lastError ?? '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </div>
  );
}
