import '@mantine/core/styles/ScrollArea.css';
import { Anchor, Button, Card, Group, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../modules/identity/identity.api.ts';
import { TimelinessBadge } from '../modules/workspace/timeliness-badge.tsx';
import { QUEUES, type Queue, type QueueItem, SORTS, type Sort, useQueue } from '../modules/workspace/workspace.api.ts';
import { dateTime } from '../modules/workspace/workspace.format.ts';
import { WorkspaceGate, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import '../modules/workspace/workspace.css';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

const PAGE_SIZE = 20;
const SORT_OPTIONS = SORTS.flatMap((s) => (['asc', 'desc'] as const).map((o) => `${s}:${o}`));

/** /can-bo: the officer's queues (hàng đợi hồ sơ). */
export default function WorkspaceQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('workspace.queues.title'));
  return (
    <WorkspaceGate title={t('workspace.queues.title')}>
      <QueueView />
    </WorkspaceGate>
  );
}

function QueueView() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const queue = (QUEUES as readonly string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as Queue) : 'agency';
  const q = params.get('q') ?? '';
  const agency = params.get('agency') ?? undefined;
  const [sortField, sortOrder] = (params.get('sort') ?? '').split(':');
  const sort = (SORTS as readonly string[]).includes(sortField) ? (sortField as Sort) : undefined;
  const order = sortOrder === 'desc' ? 'desc' : sortOrder === 'asc' ? 'asc' : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const list = useQueue({ queue, q: q || undefined, agency, sort, order: sort ? order : undefined, page, pageSize: PAGE_SIZE });
  const me = useMe();
  // "Chờ phát hành" is the clerk's (văn thư) queue; others see it only while it holds a dossier.
  const tabs = QUEUES.filter(
    (tab) => tab !== 'to_issue' || tab === queue || me.data?.roles.includes('clerk') || (list.data?.counts.to_issue ?? 0) > 0,
  );

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    update({ q: draft.trim() || undefined });
  };
  const tabHref = (tab: Queue) => {
    const next = new URLSearchParams(params);
    next.set('queue', tab);
    next.delete('page');
    return `/can-bo?${next.toString()}`;
  };
  const currentSort = list.data ? `${list.data.sort}:${list.data.order}` : '';
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="md">
      <WorkspaceNav />
      <Title order={1}>{t('workspace.queues.title')}</Title>
      {agency && (
        <Text>
          {t('workspace.queues.agencyFilter', { agency })}{' '}
          <Anchor component="button" type="button" onClick={() => update({ agency: undefined })}>
            {t('workspace.queues.clearAgency')}
          </Anchor>
        </Text>
      )}
      <nav aria-label={t('workspace.queues.tabsLabel')}>
        <ul className="ws-tabs">
          {tabs.map((tab) => (
            <li key={tab}>
              <Link to={tabHref(tab)} aria-current={tab === queue ? 'page' : undefined} data-queue={tab}>
                {t(`workspace.queue.${tab}`)}
                <span className="ws-count">
                  {list.data ? list.data.counts[tab] : '…'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Group align="flex-end" gap="sm" wrap="wrap">
        <form onSubmit={search} style={{ flex: '1 1 260px' }}>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              type="search"
              label={t('workspace.queues.searchLabel')}
              placeholder={t('workspace.queues.searchPlaceholder')}
              data-shortcut="search"
              aria-keyshortcuts="/"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button type="submit">{t('workspace.queues.search')}</Button>
          </Group>
        </form>
        <NativeSelect
          label={t('workspace.queues.sortLabel')}
          value={sort ? `${sort}:${order ?? 'asc'}` : currentSort}
          onChange={(e) => update({ sort: e.currentTarget.value })}
          data={SORT_OPTIONS.map((value) => ({ value, label: t(`workspace.sort.${value.replace(':', '_')}`) }))}
        />
      </Group>

      <Text role="status" aria-live="polite">
        {list.data ? t('workspace.queues.total', { count: list.data.total, queue: t(`workspace.queue.${queue}`) }) : ''}
      </Text>

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError message={list.error.message} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text className="empty-state" p="md">
          {q ? t('workspace.queues.emptySearch', { q }) : t('workspace.queues.empty')}
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720} visibleFrom="md">
            <Table striped={false} highlightOnHover={false} verticalSpacing="sm">
              <Table.Caption style={{ color: '#495057' }}>{t(`workspace.queue.${queue}`)}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('workspace.col.code')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.col.procedure')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.col.applicant')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.col.status')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.handOver.column')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.col.received')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.col.due')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.col.timeliness')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.col.assignee')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((d) => (
                  <Table.Tr
                    key={d.id}
                    className="ws-row"
                    data-timeliness={d.timeliness ?? 'none'}
                    onClick={() => navigate(`/can-bo/ho-so/${d.id}`)}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/can-bo/ho-so/${d.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                        {d.code ?? t('workspace.noCode')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{d.procedureName}</Table.Td>
                    <Table.Td>{d.applicantName}</Table.Td>
                    <Table.Td>{t(`workspace.status.${d.status}`, { defaultValue: d.statusLabel })}</Table.Td>
                    <Table.Td data-testid="holding-agency">{d.holdingAgency?.name ?? d.agencyCode}</Table.Td>
                    <Table.Td>{dateTime(d.receivedAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      {d.step ? (
                        <span data-testid="step-due">
                          {t('workspace.queues.stepDue', { step: d.step.step })} {dateTime(d.step.subDueAt, i18n.language)}
                        </span>
                      ) : (
                        dateTime(d.dueAt, i18n.language)
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TimelinessBadge value={d.step ? d.step.timeliness : d.timeliness} />
                    </Table.Td>
                    <Table.Td>{d.assignee?.name ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack gap="sm" hiddenFrom="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t(`workspace.queue.${queue}`)}>
            {list.data.items.map((d) => (
              <QueueCard key={d.id} d={d} />
            ))}
          </Stack>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => update({ page: String(p) })}
              getControlProps={(control) => ({
                'aria-label': control === 'previous' ? t('home.previousPage') : control === 'next' ? t('home.nextPage') : undefined,
              })}
              getItemProps={(p) => ({ 'aria-label': t('home.page', { page: p }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function QueueCard({ d }: { d: QueueItem }) {
  const { t, i18n } = useTranslation();
  return (
    <Card component="li" withBorder padding="sm" radius="md" className="ws-card" data-timeliness={d.timeliness ?? 'none'}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Anchor component={Link} to={`/can-bo/ho-so/${d.id}`} fw={700}>
          {d.code ?? t('workspace.noCode')}
        </Anchor>
        <TimelinessBadge value={d.step ? d.step.timeliness : d.timeliness} />
      </Group>
      <Text mt={4}>{d.procedureName}</Text>
      <Text size="sm">
        {t('workspace.col.applicant')}: {d.applicantName}
      </Text>
      <Text size="sm">
        {t('workspace.col.status')}: {t(`workspace.status.${d.status}`, { defaultValue: d.statusLabel })}
      </Text>
      <Text size="sm">
        {t('workspace.col.due')}: {dateTime(d.dueAt, i18n.language)}
      </Text>
      {d.step && (
        <Text size="sm">
          {t('workspace.queues.stepDue', { step: d.step.step })} {dateTime(d.step.subDueAt, i18n.language)}
        </Text>
      )}
      {d.holdingAgency && (
        <Text size="sm">
          {t('workspace.handOver.column')}: {d.holdingAgency.name}
        </Text>
      )}
      {d.assignee?.name && (
        <Text size="sm">
          {t('workspace.col.assignee')}: {d.assignee.name}
        </Text>
      )}
    </Card>
  );
}
