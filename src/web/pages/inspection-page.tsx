import '@mantine/core/styles/SegmentedControl.css';
import '@mantine/core/styles/SimpleGrid.css';
import { Alert, Anchor, Badge, Button, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayText } from '../ui/day-input.tsx';
import { Link, useNavigate } from 'react-router';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { type Draw, type Plan, useCases, useDraw, useFigures, useLastDraw, useOpenCase, usePlans } from '../modules/inspection/inspection.api.ts';
import '../modules/inspection/inspection.css';
import { DataTable } from '../ui/data-table.tsx';
import { ActionError, Loading, LoadError } from '../ui/query-state.tsx';
import { formatNumber } from '../ui/numbers.ts';
import { WHOLE_BADGE } from '../ui/whole-labels.ts';

/** `/hau-kiem`: the inspectors' and their head's desk — figures, plans with their sample and reasons, cases (mine, all, overdue). */
const InspectionPage = signedInPage('inspection.title', Desk);
export default InspectionPage;

function Desk() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = me.data?.roles ?? [];
  const staff = roles.includes('inspector') || roles.includes('inspection_leader');
  const lead = roles.includes('inspection_leader');
  if (!staff) return <Alert color="gray">{t('inspection.notStaff')}</Alert>;
  return (
    <Stack gap="lg" className="hk-page">
      <Title order={1}>{t('inspection.title')}</Title>
      <FiguresSection />
      <PlansSection lead={lead} />
      <CasesSection lead={lead} />
    </Stack>
  );
}

function FiguresSection() {
  const { t, i18n } = useTranslation();
  const figures = useFigures();
  if (!figures.data) return null;
  const f = figures.data;
  // 0,1% and 2.853 in Vietnamese (0.1% and 2,853 in English), as on the command center.
  const percent = (x: number) => formatNumber(x, i18n.language, 'percent');
  const count = (n: number) => formatNumber(n, i18n.language);
  const tiles = [
    { label: t('inspection.fig.share'), value: `${percent(f.postControlShare)} (${count(f.proceduresUnderPostControl)}/${count(f.proceduresInForce)})` },
    { label: t('inspection.fig.declarations'), value: count(f.declarations) },
    { label: t('inspection.fig.inspected'), value: `${percent(f.inspectedShare)} (${count(f.inspected)})` },
    { label: t('inspection.fig.violations'), value: f.concluded ? `${percent(f.violationRate)} (${count(f.violations)})` : '—' },
    { label: t('inspection.fig.days'), value: f.averageDaysToInspection === null ? '—' : t('inspection.fig.daysValue', { days: f.averageDaysToInspection }) },
  ];
  return (
    <section aria-labelledby="hk-figures">
      <Title order={2} id="hk-figures" size="h3" mb="xs">
        {t('inspection.fig.title', { from: dayText(f.scope.from), to: dayText(f.scope.to) })}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" component="dl" m={0} data-testid="inspection-figures">
        {tiles.map((tile) => (
          <div key={tile.label} className="stat-tile">
            <Text component="dt" size="sm">
              {tile.label}
            </Text>
            <Text component="dd" fw={700} size="lg" m={0}>
              {tile.value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </section>
  );
}

function PlansSection({ lead }: { lead: boolean }) {
  const { t } = useTranslation();
  const plans = usePlans();
  return (
    <section aria-labelledby="hk-plans">
      <Title order={2} id="hk-plans" size="h3" mb="xs">
        {t('inspection.plans')}
      </Title>
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <LoadError onRetry={() => plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <Text className="empty-state">{t('inspection.noPlans')}</Text>
      ) : (
        <Stack gap="md">
          {plans.data.items.map((p) => (
            <PlanCard key={p.id} plan={p} lead={lead} />
          ))}
        </Stack>
      )}
    </section>
  );
}

function PlanCard({ plan, lead }: { plan: Plan; lead: boolean }) {
  const { t } = useTranslation();
  const [seed, setSeed] = useState('');
  const last = useLastDraw(plan.lastDraw ? plan.id : null);
  const draw = useDraw(plan.id);
  const shown = draw.data ?? last.data;
  return (
    <div className="hk-card" data-testid="plan-card">
      <Text fw={700}>{plan.title}</Text>
      <Text size="sm">
        {plan.agencyName} · {t('inspection.period', { from: dayText(plan.periodFrom), to: dayText(plan.periodTo) })}
      </Text>
      <Text size="sm">{t('inspection.planRule', { percent: plan.minRandomPercent, threshold: plan.highRiskThreshold, days: plan.caseDueWorkingDays })}</Text>
      <Text size="sm">
        {t('inspection.legalBasis')}: {plan.legalBasis}
      </Text>
      {lead && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            draw.mutate(seed.trim() || undefined);
          }}
        >
          <Group align="flex-end" gap="sm" mt="sm">
            <TextInput label={t('inspection.seed')} description={t('inspection.seedHint')} value={seed} onChange={(e) => setSeed(e.currentTarget.value)} maxLength={64} />
            <Button type="submit" loading={draw.isPending} data-testid="draw-button">
              {t('inspection.draw')}
            </Button>
          </Group>
        </form>
      )}
      <ActionError error={draw.error} mt="sm" />
      {shown && <Sample draw={shown} lead={lead} />}
    </div>
  );
}

function Sample({ draw, lead }: { draw: Draw; lead: boolean }) {
  const { t, i18n } = useTranslation();
  const open = useOpenCase();
  const navigate = useNavigate();
  return (
    <Stack gap="xs" mt="md">
      <Title order={3} size="h4" aria-live="polite" data-testid="sample-title">
        {t('inspection.sample', { count: draw.items.length, population: draw.population, minimum: draw.minimum, seed: draw.seed })}
      </Title>
      <DataTable columns={[t('inspection.dossier'), t('inspection.declarant'), t('inspection.risk'), t('inspection.reasons'), t('inspection.case')]}>
        {draw.items.map((item) => (
          <Table.Tr key={item.dossierId} data-testid="sample-row">
            <Table.Td>{item.dossierCode ?? item.dossierId}</Table.Td>
            <Table.Td>{item.declarant}</Table.Td>
            <Table.Td>{item.riskScore}</Table.Td>
            <Table.Td>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {item.reasons.map((r) => (
                  <li key={r.code}>{i18n.language === 'en' ? r.en : r.vi}</li>
                ))}
              </ul>
            </Table.Td>
            <Table.Td>
              {item.caseId ? (
                <Anchor component={Link} to={`/hau-kiem/ho-so/${encodeURIComponent(item.caseId)}`}>
                  {t('inspection.openCaseLink')}
                </Anchor>
              ) : lead ? (
                <Button
                  size="compact-sm"
                  variant="default"
                  loading={open.isPending && open.variables?.dossierId === item.dossierId}
                  onClick={() =>
                    open.mutate(
                      { dossierId: item.dossierId, reason: t('inspection.sampleReason', { seed: draw.seed }), origin: 'sample', drawId: draw.id },
                      { onSuccess: (c) => navigate(`/hau-kiem/ho-so/${encodeURIComponent(c.id)}`) },
                    )
                  }
                >
                  {t('inspection.createCase')}
                </Button>
              ) : (
                '—'
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ActionError error={open.error} />
    </Stack>
  );
}

function CasesSection({ lead }: { lead: boolean }) {
  const { t } = useTranslation();
  // the head of inspection opens cases and assigns them to others: none are "mine", so all of them first
  const [view, setView] = useState<'all' | 'mine' | 'overdue'>(lead ? 'all' : 'mine');
  const cases = useCases(view);
  return (
    <section aria-labelledby="hk-cases">
      <Title order={2} id="hk-cases" size="h3" mb="xs">
        {t('inspection.cases')}
      </Title>
      <SegmentedControl
        size="md"
        aria-label={t('inspection.cases')}
        value={view}
        onChange={(v) => setView(v as typeof view)}
        data={[
          { value: 'mine', label: t('inspection.view.mine') },
          { value: 'all', label: t('inspection.view.all') },
          { value: 'overdue', label: t('inspection.view.overdue') },
        ]}
        mb="sm"
      />
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <LoadError onRetry={() => cases.refetch()} />
      ) : cases.data.items.length === 0 ? (
        <Text className="empty-state">{t('inspection.noCases')}</Text>
      ) : (
        <DataTable columns={[t('inspection.number'), t('inspection.declarant'), t('inspection.status'), t('inspection.inspector'), t('inspection.due')]}>
          {cases.data.items.map((c) => (
            <Table.Tr key={c.id} data-testid="case-row">
              <Table.Td>
                <Anchor component={Link} to={`/hau-kiem/ho-so/${encodeURIComponent(c.id)}`}>
                  {c.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.declarant}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge color={c.status === 'concluded' ? 'teal.9' : 'blue.9'} styles={WHOLE_BADGE} data-testid="case-row-status">
                    {t(`inspection.statuses.${c.status}`)}
                  </Badge>
                  {c.resultRevoked && (
                    <Badge color="red.9" styles={WHOLE_BADGE}>
                      {t('inspection.revoked')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{c.inspector?.fullName ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" c={c.overdue ? 'red.9' : undefined} fw={c.overdue ? 700 : undefined}>
                  {dayText(c.dueDate)}
                  {c.overdue ? ` (${t('inspection.overdue')})` : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
