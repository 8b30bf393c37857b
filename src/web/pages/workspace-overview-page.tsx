import '@mantine/core/styles/ScrollArea.css';
import { Anchor, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useOfficer } from '../modules/workspace/use-officer.ts';
import { useIndex766, useStatistics } from '../modules/command-center/command-center.api.ts';
import { useOverview } from '../modules/workspace/workspace.api.ts';
import { agenciesWith, dateTime } from '../modules/workspace/workspace.format.ts';
import { workspacePage, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import '../modules/workspace/workspace.css';
import { apiFetch, withQuery } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { localDate } from '../../platform/clock.ts';
import type { z } from 'zod';
import type { AgencyList } from '#modules/places/places.contract.ts';
import { ColumnHeaders } from '../ui/data-table.tsx';
import { Section } from '../ui/section.tsx';
import { formatNumber } from '../ui/numbers.ts';

function Stat({ label, value, to }: { label: string; value: ReactNode; to?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm">{label}</Text>
      <Text fz={28} fw={700} lh={1.2}>
        {to ? (
          <Anchor component={Link} to={to} inherit>
            {value}
          </Anchor>
        ) : (
          value
        )}
      </Text>
    </Paper>
  );
}

/** /can-bo/tong-quan — tổng quan cơ quan for its leaders and the provincial leadership. */
const WorkspaceOverviewPage = workspacePage('workspace.overview.title', OverviewView);
export default WorkspaceOverviewPage;

function OverviewView() {
  const { t, i18n } = useTranslation();
  const { user, grants } = useOfficer();
  const [params, setParams] = useSearchParams();
  const provinces = [...new Set(grants.filter((g) => g.role === 'provincial_leader' && g.provinceCode).map((g) => g.provinceCode!))];
  const provincial = useQuery({
    queryKey: ['workspace', 'province-agencies', provinces[0]],
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof AgencyList>>(withQuery('/api/v1/agencies', { provinceCode: provinces[0] }), { signal }),
    enabled: provinces.length > 0,
    staleTime: 3_600_000,
  });
  const own = agenciesWith(grants, 'leader').map((code) => ({ code, name: user?.agencies.find((a) => a.code === code)?.name ?? code }));
  const options = [...own, ...(provincial.data?.items ?? []).filter((a) => !own.some((o) => o.code === a.code))];
  const agency = params.get('agency') ?? own[0]?.code ?? options[0]?.code;
  const overview = useOverview(agency);
  const o = overview.data;
  // the on-time rate is the command center's: Decision 766 indicator 2.1 of this month, for the dossiers the agency is competent for
  const month = localDate(new Date()).slice(0, 7);
  const index = useIndex766(agency, month);
  // resolved this calendar month, from the command center's read model: once, for the competent agency, against the legal due date
  const [y, m] = month.split('-').map(Number);
  const stats = useStatistics(agency, month, 'none', { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) });
  const s = stats.data?.total;
  const i21 = index.data?.groups.flatMap((g) => g.indicators).find((i) => i.id === '2.1');
  const queueLink = (queue: string) => `/can-bo?queue=${queue}&agency=${encodeURIComponent(agency ?? '')}`;
  const percent = (r: number | null) => formatNumber(r, i18n.language, 'percent');

  if (!agency) {
    return (
      <Stack>
        <WorkspaceNav />
        <Title order={1}>{t('workspace.overview.title')}</Title>
        {provincial.isPending && provinces.length > 0 ? <Loading /> : <Text>{t('workspace.overview.leadersOnly')}</Text>}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <WorkspaceNav />
      <Title order={1}>{t('workspace.overview.title')}</Title>
      {options.length > 1 && (
        <NativeSelect
          label={t('workspace.overview.agency')}
          value={agency}
          onChange={(e) => setParams({ agency: e.currentTarget.value })}
          data={options.map((a) => ({ value: a.code, label: a.name }))}
          maw={520}
        />
      )}
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <LoadError message={overview.error.message} onRetry={() => overview.refetch()} />
      ) : (
        o && (
          <>
            <Text>
              {o!.agency.name} · {t('workspace.overview.at', { at: dateTime(o!.at, i18n.language) })}
            </Text>
            <section aria-labelledby="chi-so">
              <Title order={2} size="h3" id="chi-so" mb="sm">
                {t('workspace.overview.figures')}
              </Title>
              <div className="ws-stats">
                <Stat label={t('workspace.overview.total')} value={o.total} />
                <Stat
                  label={t('workspace.overview.onTimeRate766')}
                  value={i21 ? percent(i21.ratio) : index.isPending ? '…' : '—'}
                  to={`/chi-dao-dieu-hanh?unit=${encodeURIComponent(agency)}`}
                />
                <Stat
                  label={t('workspace.overview.finished')}
                  value={s ? s.resolvedEarly + s.resolvedOnTime + s.resolvedLate : stats.isPending ? '…' : '—'}
                  to={queueLink('done')}
                />
                <Stat label={t('workspace.queue.due_soon')} value={o.dueSoon} to={queueLink('due_soon')} />
                <Stat label={t('workspace.queue.overdue')} value={o.overdueCount} to={queueLink('overdue')} />
              </div>
              <Text size="sm" mt="xs">
                {s &&
                  t('workspace.overview.breakdown', {
                    truoc: s.resolvedEarly,
                    dung: s.resolvedOnTime,
                    qua: s.resolvedLate,
                    days: s.averageWorkingDays ?? '—',
                  })}
              </Text>
            </section>

            <Section id="theo-trang-thai" title={t('workspace.overview.byStatus')}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('workspace.col.status')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('workspace.overview.count')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {o.byStatus.map((s) => (
                    <Table.Tr key={s.status}>
                      <Table.Td>
                        {s.statusCode}. {t(`workspace.status.${s.status}`, { defaultValue: s.statusLabel })}
                      </Table.Td>
                      <Table.Td ta="right">{s.count}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>

            <Section id="qua-han" title={t('workspace.overview.overdueList', { count: o.overdueCount })}>
              {o.overdue.length === 0 ? (
                <Text>{t('workspace.overview.noOverdue')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={600}>
                  <Table>
                    <ColumnHeaders columns={[t('workspace.col.code'), t('workspace.col.procedure'), t('workspace.col.due'), t('workspace.overview.daysLate'), t('workspace.overview.responsible')]} />
                    <Table.Tbody>
                      {o.overdue.map((d) => (
                        <Table.Tr key={d.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/can-bo/ho-so/${d.id}`}>
                              {d.code ?? t('workspace.noCode')}
                            </Anchor>
                            {d.step ? (
                              <Text size="sm" data-testid="overdue-step">
                                {t('workspace.overview.stepLate', { step: d.step })}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>{d.procedureName}</Table.Td>
                          <Table.Td>{dateTime(d.dueAt, i18n.language)}</Table.Td>
                          <Table.Td>{t('workspace.overview.days', { count: d.daysLate })}</Table.Td>
                          <Table.Td>{d.responsible?.name ?? t('workspace.overview.unassigned')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Section>
          </>
        )
      )}
    </Stack>
  );
}
