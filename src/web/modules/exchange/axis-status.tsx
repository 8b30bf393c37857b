import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ColumnHeaders } from '../../ui/data-table.tsx';
import { dayTimeText } from '../../ui/day-input.tsx';
import { Fact, Facts } from '../../ui/facts.tsx';
import { LoadError, Loading } from '../../ui/query-state.tsx';
import { Section } from '../../ui/section.tsx';
import { AuditAnchorsSection } from './audit-anchors-section.tsx';
import { NODE_TONE, nationalNodeOf, nodeState } from './axis-status.ts';
import { type RegistryView, useRegistry } from './axis-status.api.ts';
import { NationalSyncSection } from './national-sync-section.tsx';
import { ScrollRegion } from '../../ui/scroll-region.tsx';
import { StateBadge } from './state-badge.tsx';

/**
 * Kết nối liên thông (`/van-thu?so=ket-noi`, also an administrator's `/van-thu`): read-only status
 * of this installation on the interconnection axis — this node, the nodes it knows and its
 * deliveries to them, refused packages, the national-portal sync and the audit anchors.
 */
export default function AxisStatus() {
  const { t } = useTranslation();
  const registry = useRegistry();
  if (registry.isPending) return <Loading />;
  if (registry.isError) return <LoadError onRetry={() => registry.refetch()} />;
  const national = nationalNodeOf(registry.data);
  return (
    <Stack gap="md" data-testid="axis-status">
      <Text>{t('exchange.axis.intro')}</Text>
      {!national && (
        <Alert color="yellow" variant="light" c="dark.9" data-testid="no-national">
          {t('exchange.axis.noNational')}
        </Alert>
      )}
      <ThisNode registry={registry.data} />
      <Nodes registry={registry.data} />
      <NationalSyncSection role={registry.data.self.role} national={national} />
      <AuditAnchorsSection role={registry.data.self.role} national={national} />
    </Stack>
  );
}

function ThisNode({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const { self, transport, outbox } = registry;
  return (
    <Section id="axis-self" title={t('exchange.axis.thisNode')}>
      <Facts>
        <Fact term={t('exchange.axis.nodeId')} testId="self-node">
          {self.nodeId}
        </Fact>
        <Fact term={t('exchange.axis.role')} testId="self-role">
          {t(`exchange.axis.roles.${self.role}`)}
        </Fact>
        <Fact term={t('exchange.axis.transport')} testId="self-transport">
          {t(`exchange.axis.transports.${transport}`)}
        </Fact>
        <Fact term={t('exchange.axis.provinces')}>{self.provinces.length ? self.provinces.join(', ') : t('exchange.axis.none')}</Fact>
        {self.agencies.length > 0 && (
          <Fact term={t('exchange.axis.agencies')}>
            {t('exchange.axis.agencyCount', { count: self.agencies.length })}: {self.agencies.map((a) => a.name).join('; ')}
          </Fact>
        )}
        <Fact term={t('exchange.axis.outbox')} testId="self-outbox">
          {t('exchange.axis.outboxText', outbox)}
        </Fact>
      </Facts>
    </Section>
  );
}

function Nodes({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  return (
    <Section id="axis-nodes" title={t('exchange.axis.nodes')}>
      {registry.nodes.length === 0 ? (
        <Text className="empty-state" p="md" data-testid="no-nodes">
          {t('exchange.axis.noNodes')}
        </Text>
      ) : (
        <ScrollRegion label={t('exchange.axis.nodesCaption', { count: registry.nodes.length })} minWidth={720}>
          <Table striped withTableBorder data-testid="axis-nodes">
            <Table.Caption>{t('exchange.axis.nodesCaption', { count: registry.nodes.length })}</Table.Caption>
            <ColumnHeaders columns={[t('exchange.axis.node'), t('exchange.axis.role'), t('exchange.axis.lastSeen'), t('exchange.axis.delivery'), t('exchange.axis.lastError')]} />
            <Table.Tbody>
              {registry.nodes.map((n) => {
                const state = nodeState(n.delivery);
                return (
                  <Table.Tr key={n.nodeId}>
                    <Table.Th scope="row">
                      {n.nodeId}
                      {n.url && (
                        <Text size="sm" fw={400} style={{ overflowWrap: 'anywhere' }}>
                          {n.url}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>{t(`exchange.axis.roles.${n.role}`)}</Table.Td>
                    <Table.Td>{dayTimeText(n.announcedAt)}</Table.Td>
                    <Table.Td>
                      <StateBadge tone={NODE_TONE[state]}>{t(`exchange.axis.nodeState.${state}`, { count: state === 'failing' ? n.delivery.failing : n.delivery.pending })}</StateBadge>
                      {n.delivery.lastDeliveredAt && (
                        <Text size="sm">{t('exchange.axis.lastDelivered', { at: dayTimeText(n.delivery.lastDeliveredAt) })}</Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{n.delivery.lastError ?? '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Title order={3} size="h4" mt="md" mb="xs">
        {t('exchange.axis.refusals')}
      </Title>
      {registry.refusals.length === 0 ? (
        <Text data-testid="no-refusals">{t('exchange.axis.noRefusals')}</Text>
      ) : (
        <ScrollRegion label={t('exchange.axis.refusalsCaption', { count: registry.refusals.length })} minWidth={720}>
          <Table striped withTableBorder data-testid="axis-refusals">
            <Table.Caption>{t('exchange.axis.refusalsCaption', { count: registry.refusals.length })}</Table.Caption>
            <ColumnHeaders columns={[t('exchange.axis.refusalAt'), t('exchange.axis.problem'), t('exchange.axis.documentId'), t('exchange.axis.fromAgency'), t('exchange.axis.via')]} />
            <Table.Tbody>
              {registry.refusals.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{dayTimeText(r.at)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <strong>{r.problem}</strong>
                    <Text size="sm">{r.detail}</Text>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.documentId ?? '—'}</Table.Td>
                  <Table.Td>{r.fromAgency ?? '—'}</Table.Td>
                  <Table.Td>{r.via}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Section>
  );
}
