import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ColumnHeaders } from '../../ui/data-table.tsx';
import { dayTimeText } from '../../ui/day-input.tsx';
import { LoadError, Loading } from '../../ui/query-state.tsx';
import { Section } from '../../ui/section.tsx';
import { anchorState, latestAnchorError, SEND_TONE, shortDigest } from './axis-status.ts';
import { type AuditAnchorView, useAuditAnchors } from './axis-status.api.ts';
import { ScrollRegion } from '../../ui/scroll-region.tsx';
import { StateBadge } from './state-badge.tsx';

/**
 * Điểm mốc nhật ký kiểm toán: a local node's latest signed checkpoints and whether the national
 * node holds each (with the last error); on a national node, the digests the installations sent.
 */
export function AuditAnchorsSection({ role, national }: { role: 'local' | 'national'; national: string | null }) {
  const { t } = useTranslation();
  const anchors = useAuditAnchors(10);
  return (
    <Section id="axis-anchors" title={t('exchange.axis.anchors')}>
      <Stack gap="sm">
        <Text>{t(role === 'national' ? 'exchange.axis.anchorsIntroNational' : 'exchange.axis.anchorsIntro', { node: national ?? '—' })}</Text>
        {anchors.isPending ? (
          <Loading />
        ) : anchors.isError ? (
          <LoadError onRetry={() => anchors.refetch()} />
        ) : role === 'national' ? (
          <Held anchors={anchors.data.anchors} />
        ) : (
          <Sent view={anchors.data} />
        )}
      </Stack>
    </Section>
  );
}

function Sent({ view }: { view: AuditAnchorView }) {
  const { t } = useTranslation();
  if (view.summary.total === 0)
    return (
      <Text className="empty-state" p="md" data-testid="anchors-none">
        {t('exchange.axis.noCheckpoints')}
      </Text>
    );
  const error = latestAnchorError(view.sent);
  return (
    <>
      <Text data-testid="anchors-summary">{t('exchange.axis.anchorsSummary', view.summary)}</Text>
      {error && (
        <Text data-testid="anchors-error" style={{ overflowWrap: 'anywhere' }}>
          {t('exchange.axis.anchorError', { error })}
        </Text>
      )}
      <ScrollRegion label={t('exchange.axis.anchorsCaption', { count: view.sent.length })} minWidth={640}>
        <Table striped withTableBorder data-testid="anchors-sent">
          <Table.Caption>{t('exchange.axis.anchorsCaption', { count: view.sent.length })}</Table.Caption>
          <ColumnHeaders columns={[t('exchange.axis.seq'), t('exchange.axis.checkpointAt'), t('exchange.axis.digest'), t('exchange.axis.anchorState'), t('exchange.axis.attempts')]} />
          <Table.Tbody>
            {view.sent.map((c) => {
              const state = anchorState(c);
              return (
                <Table.Tr key={c.seq}>
                  <Table.Th scope="row">{c.seq}</Table.Th>
                  <Table.Td>{dayTimeText(c.at)}</Table.Td>
                  <Table.Td>
                    <code title={c.digest}>{shortDigest(c.digest)}</code>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge tone={SEND_TONE[state]}>{t(`exchange.axis.sendState.${state}`, { node: c.anchoredBy ?? '' })}</StateBadge>
                    {c.anchoredAt && <Text size="sm">{dayTimeText(c.anchoredAt)}</Text>}
                  </Table.Td>
                  <Table.Td>{c.anchorAttempts}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </>
  );
}

function Held({ anchors }: { anchors: AuditAnchorView['anchors'] }) {
  const { t } = useTranslation();
  if (anchors.length === 0)
    return (
      <Text className="empty-state" p="md" data-testid="anchors-none">
        {t('exchange.axis.noAnchorsHeld')}
      </Text>
    );
  return (
    <ScrollRegion label={t('exchange.axis.heldCaption', { count: anchors.length })} minWidth={640}>
      <Table striped withTableBorder data-testid="anchors-held">
        <Table.Caption>{t('exchange.axis.heldCaption', { count: anchors.length })}</Table.Caption>
        <ColumnHeaders columns={[t('exchange.axis.node'), t('exchange.axis.seq'), t('exchange.axis.checkpointAt'), t('exchange.axis.digest'), t('exchange.axis.receivedAt')]} />
        <Table.Tbody>
          {anchors.map((a) => (
            <Table.Tr key={`${a.node}-${a.seq}`}>
              <Table.Td>{a.node}</Table.Td>
              <Table.Td>{a.seq}</Table.Td>
              <Table.Td>{dayTimeText(a.at)}</Table.Td>
              <Table.Td>
                <code title={a.digest}>{shortDigest(a.digest)}</code>
              </Table.Td>
              <Table.Td>{dayTimeText(a.receivedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
