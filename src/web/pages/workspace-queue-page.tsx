import '@mantine/core/styles/ScrollArea.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/InlineInput.css';
import { Alert, Anchor, Button, Card, Checkbox, Group, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../modules/identity/identity.api.ts';
import { useAgency } from '../modules/places/agency-select.tsx';
import { TimelinessBadge } from '../modules/workspace/timeliness-badge.tsx';
import { QUEUES, type Queue, type QueueItem, SORTS, type Sort, useBulkAssign, useQueue } from '../modules/workspace/workspace.api.ts';
import { agenciesWith, dossierLabel } from '../modules/workspace/workspace.format.ts';
import { useOfficer } from '../modules/workspace/use-officer.ts';
import { apiFetch } from '../ui/http.ts';
import { dateTime } from '../modules/workspace/workspace.format.ts';
import { workspacePage, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import '../modules/workspace/workspace.css';
import { Loaded } from '../ui/query-state.tsx';
import type { z } from 'zod';
import type { SpecialistList } from '#modules/dossiers/dossiers.contract.ts';
import { DayInput } from '../ui/day-input.tsx';
import { useQueryUpdate } from '../ui/address-query.ts';

const PAGE_SIZE = 20;
/** The longest search the API takes (QueueQuery.q). */
const SEARCH_MAX = 200;
const SORT_OPTIONS = SORTS.flatMap((s) => (['asc', 'desc'] as const).map((o) => `${s}:${o}`));

/** /can-bo: the officer's queues (hàng đợi hồ sơ). */
const WorkspaceQueuePage = workspacePage('workspace.queues.title', QueueView);
export default WorkspaceQueuePage;

function QueueView() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queue = (QUEUES as readonly string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as Queue) : 'agency';
  const q = params.get('q') ?? '';
  const agency = params.get('agency') ?? undefined;
  // the filter names the agency, not its code (the code only while the name loads or is unknown)
  const agencyName = useAgency(agency).data?.name ?? agency;
  const [sortField, sortOrder] = (params.get('sort') ?? '').split(':');
  const sort = (SORTS as readonly string[]).includes(sortField) ? (sortField as Sort) : undefined;
  const order = sortOrder === 'desc' ? 'desc' : sortOrder === 'asc' ? 'asc' : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const procedure = params.get('procedure') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const assignee = params.get('assignee') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const [filters, setFilters] = useState({ procedure, from, to, assignee });
  useEffect(() => setFilters({ procedure, from, to, assignee }), [procedure, from, to, assignee]);
  /** A range ending before it starts is said beside "Đến ngày" (the server would refuse the whole list). */
  const [toError, setToError] = useState<string | undefined>();
  const { grants } = useOfficer();
  const leaderAgency = agenciesWith(grants, 'leader')[0];
  const staffAgency = leaderAgency ?? agenciesWith(grants, 'specialist')[0];
  const specialists = useQuery({
    queryKey: ['workspace', 'specialists', staffAgency],
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof SpecialistList>>(`/api/v1/agencies/${encodeURIComponent(staffAgency!)}/specialists`, { signal }),
    enabled: !!staffAgency,
  });
  const [picked, setPicked] = useState<string[]>([]);
  const [assignTo, setAssignTo] = useState('');
  const bulk = useBulkAssign();

  const list = useQueue({
    queue,
    q: q || undefined,
    agency,
    procedure: procedure || undefined,
    from: from || undefined,
    to: to || undefined,
    assignee: assignee || undefined,
    sort,
    order: sort ? order : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const me = useMe();
  // "Chờ phát hành" is the clerk's (văn thư) queue; others see it only while it holds a dossier.
  const tabs = QUEUES.filter(
    (tab) => tab !== 'to_issue' || tab === queue || me.data?.roles.includes('clerk') || (list.data?.counts.to_issue ?? 0) > 0,
  );

  const setQuery = useQueryUpdate();
  /** Changes the address's query as it is now (not as last rendered: ui/address-query.ts); back to the first page unless `page` is set. */
  const update = (changes: Record<string, string | undefined>) => setQuery('page' in changes ? changes : { ...changes, page: undefined });
  /** A search looks through every dossier, open or finished ("Tất cả hồ sơ"); a tab narrows it again. */
  const search = (e: FormEvent) => {
    e.preventDefault();
    const text = draft.trim();
    update({ q: text || undefined, ...(text ? { queue: 'all' } : {}) });
  };
  const applyFilters = (e: FormEvent) => {
    e.preventDefault();
    if (filters.from && filters.to && filters.from > filters.to) {
      setToError(t('workspace.queues.toBeforeFrom'));
      document.getElementById('loc-den-ngay')?.focus();
      return;
    }
    update({
      procedure: filters.procedure.trim() || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      assignee: filters.assignee || undefined,
    });
  };
  const selectable = !!leaderAgency && (list.data?.items.length ?? 0) > 0;
  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...new Set([...p, id])] : p.filter((x) => x !== id)));
  const assignPicked = () => {
    if (!assignTo || picked.length === 0) return;
    bulk.mutate({ ids: picked, assignee: assignTo }, { onSuccess: () => setPicked([]) });
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
          {t('workspace.queues.agencyFilter', { agency: agencyName })}{' '}
          <Anchor component="button" type="button" onClick={() => update({ agency: undefined })}>
            {t('workspace.queues.clearAgency')}
          </Anchor>
        </Text>
      )}
      <nav aria-label={t('workspace.queues.tabsLabel')}>
        <ul className="ws-tabs">
          {tabs.map((tab) => (
            <li key={tab}>
              <Link
                to={tabHref(tab)}
                aria-current={tab === queue ? 'page' : undefined}
                data-queue={tab}
                onClick={(e) => {
                  // a plain click opens the tab on the address as it is now (ui/address-query.ts); the
                  // link's own address serves a new tab or window
                  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  update({ queue: tab });
                }}
              >
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
              maxLength={SEARCH_MAX}
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

      <form onSubmit={applyFilters} aria-label={t('workspace.queues.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('workspace.queues.procedureFilter')}
            description={t('workspace.queues.procedureFilterHint')}
            w={150}
            value={filters.procedure}
            onChange={(e) => {
              const procedure = e.currentTarget.value; // read now: the updater runs after the event is gone
              setFilters((f) => ({ ...f, procedure }));
            }}
          />
          <DayInput
            label={t('workspace.queues.from')}
            w={190}
            value={filters.from}
            onChange={(from) => {
              setToError(undefined);
              setFilters((f) => ({ ...f, from }));
            }}
          />
          <DayInput
            id="loc-den-ngay"
            label={t('workspace.queues.to')}
            w={190}
            value={filters.to}
            error={toError}
            onChange={(to) => {
              setToError(undefined);
              setFilters((f) => ({ ...f, to }));
            }}
          />
          {staffAgency && (
            <NativeSelect
              label={t('workspace.queues.assigneeFilter')}
              value={filters.assignee}
              onChange={(e) => {
                const assignee = e.currentTarget.value;
                setFilters((f) => ({ ...f, assignee }));
              }}
              data={[{ value: '', label: t('workspace.queues.anyone') }, ...(specialists.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }))]}
            />
          )}
          <Button type="submit" variant="outline" color="blue.9" bg="white">
            {t('workspace.queues.applyFilters')}
          </Button>
          {(procedure || from || to || assignee) && (
            <Button type="button" variant="subtle" onClick={() => update({ procedure: undefined, from: undefined, to: undefined, assignee: undefined })}>
              {t('workspace.queues.clearFilters')}
            </Button>
          )}
        </Group>
      </form>

      {selectable && (
        <Group align="flex-end" gap="sm" wrap="wrap" component="section" aria-label={t('workspace.queues.bulkTitle')}>
          <NativeSelect
            label={t('workspace.queues.bulkAssignee', { count: picked.length })}
            value={assignTo}
            onChange={(e) => setAssignTo(e.currentTarget.value)}
            data={[{ value: '', label: t('workspace.form.choose') }, ...(specialists.data?.items ?? []).map((u) => ({ value: u.username, label: u.fullName }))]}
          />
          <Button onClick={assignPicked} disabled={picked.length === 0 || !assignTo} loading={bulk.isPending}>
            {t('workspace.queues.bulkAssign', { count: picked.length })}
          </Button>
        </Group>
      )}
      <div aria-live="polite">
        {bulk.data && (
          <Alert color={bulk.data.results.every((r) => r.ok) ? 'green' : 'yellow'} variant="light" data-testid="bulk-result">
            {t('workspace.queues.bulkDone', { count: bulk.data.assigned, total: bulk.data.results.length })}
            {bulk.data.results
              .filter((r) => !r.ok)
              .map((r) => {
                const item = list.data?.items.find((i) => i.id === r.id);
                return (
                  <Text key={r.id} size="sm">
                    {item ? dossierLabel(t, item) : r.id}: {r.message}
                  </Text>
                );
              })}
          </Alert>
        )}
        {bulk.error && (
          <Alert color="red" variant="light">
            {bulk.error.message}
          </Alert>
        )}
      </div>

      <Text role="status" aria-live="polite">
        {list.data ? t('workspace.queues.total', { count: list.data.total, queue: t(`workspace.queue.${queue}`) }) : ''}
      </Text>

      <Loaded query={list} empty={{ when: (data) => data.items.length === 0, text: q ? t('workspace.queues.emptySearch', { q }) : t('workspace.queues.empty') }}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={720} visibleFrom="md">
              <Table striped={false} highlightOnHover={false} verticalSpacing="sm">
                <Table.Caption>{t(`workspace.queue.${queue}`)}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {selectable && (
                      <Table.Th scope="col">
                        <VisuallyHidden>{t('workspace.queues.select')}</VisuallyHidden>
                      </Table.Th>
                    )}
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
                  {data.items.map((d) => (
                    <Table.Tr
                      key={d.id}
                      className="ws-row"
                      data-timeliness={d.timeliness ?? 'none'}
                      onClick={() => navigate(`/can-bo/ho-so/${d.id}`)}
                    >
                      {selectable && (
                        <Table.Td onClick={(e) => e.stopPropagation()}>
                          <Checkbox
                            aria-label={t('workspace.queues.selectOne', { code: dossierLabel(t, d), name: d.applicantName })}
                            checked={picked.includes(d.id)}
                            onChange={(e) => toggle(d.id, e.currentTarget.checked)}
                          />
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Anchor component={Link} to={`/can-bo/ho-so/${d.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                          <DossierName d={d} />
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
              {data.items.map((d) => (
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
      </Loaded>
    </Stack>
  );
}

/**
 * The link text of a line: its code, before reception its mã tra cứu; a dossier with neither (from
 * before references existed) adds, for screen readers, whose it is and when it came, so no two
 * links of the list are called alike.
 */
function DossierName({ d }: { d: QueueItem }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {dossierLabel(t, d)}
      {!d.code && !d.reference && <VisuallyHidden>{t('workspace.queues.noCodeOf', { name: d.applicantName, at: dateTime(d.submittedAt, i18n.language) })}</VisuallyHidden>}
    </>
  );
}

function QueueCard({ d }: { d: QueueItem }) {
  const { t, i18n } = useTranslation();
  return (
    <Card component="li" withBorder padding="sm" radius="md" className="ws-card" data-timeliness={d.timeliness ?? 'none'}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Anchor component={Link} to={`/can-bo/ho-so/${d.id}`} fw={700}>
          <DossierName d={d} />
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
