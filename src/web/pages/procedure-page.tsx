import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ProcedureDetail, useDeadlinePreview, useProcedure } from '../modules/catalog/catalog.api.ts';
import { isProcedureKnownDeadline, isProvincial, levelText, longDate, onlineLevelText, procedureName, receivingKinds } from '../modules/catalog/catalog.format.ts';
import { ComponentsTable } from '../modules/catalog/components-table.tsx';
import { DeadlineText } from '../modules/catalog/deadline-text.tsx';
import { FeeList } from '../modules/catalog/fee-list.tsx';
import { usePrefetchProvinces } from '../modules/places/places.api.ts';
import { WhereToSubmit } from '../modules/places/where-to-submit.tsx';
import { Loading, PageLoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { Fact, FactsCard } from '../ui/facts.tsx';

/** Đặt lịch hẹn nộp hồ sơ tại quầy (booking-page.tsx), offered where the procedure is not submitted online. */
const APPOINTMENT_PATH: ((code: string) => string) | null = (code) => `/dat-lich/${encodeURIComponent(code)}`;

/** Trang thủ tục: the whole procedure sheet, as citizens know it from the national portal. */
export default function ProcedurePage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const procedure = useProcedure(code);
  // Asked together with the procedure, not after it: the preview line is the page's largest
  // text (its LCP element), and the places' first list is needed as soon as the page shows
  // (without re-rendering the whole sheet when it arrives: only WhereToSubmit shows it).
  const preview = useDeadlinePreview(code, code !== '');
  usePrefetchProvinces();
  // Built in slices at low priority once the procedure arrives (a long page), not in one long task.
  const p = useDeferredValue(procedure.data);
  const name = p ? procedureName(p, i18n.language) : undefined;
  usePageTitle(name ?? code);

  if (procedure.isPending) return <Loading />;
  if (procedure.isError) {
    const notFound = { title: t('notFound.title'), message: t('procedure.notFound', { code }) };
    return <PageLoadError error={procedure.error} notFound={notFound} onRetry={() => procedure.refetch()} back={{ to: '/', label: t('procedure.back') }} />;
  }
  if (!p) return <Loading />;
  const online = p.onlineSubmission ?? { allowed: true, reason: null };
  const knownDeadline = isProcedureKnownDeadline(p.deadline);

  return (
    <Stack gap="md" className="procedure-sheet">
      <Breadcrumbs aria-label={t('procedure.breadcrumb')} component="nav" separator="›" styles={{ root: { flexWrap: 'wrap' }, breadcrumb: { whiteSpace: 'normal', lineHeight: 1.4 } }}>
        <Anchor component={Link} to="/">
          {t('app.home')}
        </Anchor>
        {p.sector ? (
          <Anchor component={Link} to={`/?linhVuc=${encodeURIComponent(p.sector)}`}>
            {p.sector}
          </Anchor>
        ) : null}
        <Text component="span" aria-current="page">
          {name}
        </Text>
      </Breadcrumbs>

      <div>
        <Title order={1}>{name}</Title>
        <Group gap="xs" mt="xs" wrap="wrap">
          <Text c="gray.8">
            {t('procedure.code')}: <strong>{p.code}</strong>
          </Text>
        </Group>
        {online.allowed ? (
          // The submission page sends a signed-out visitor to sign in and back.
          <Button component={Link} to={`/nop-ho-so/${encodeURIComponent(p.code)}`} mt="sm">
            {t('citizen.submitOnline')}
          </Button>
        ) : (
          <Alert mt="sm" color="blue" variant="light" title={t('procedure.inPersonTitle')} data-testid="in-person">
            <Text>{online.reason === 'deadline_unknown' ? t('procedure.notOnlineYet') : t('procedure.notOnline')}</Text>
            <Group gap="md" mt="xs" wrap="wrap">
              <Anchor href="#noi-nop" c="blue.9" fw={600}>
                {t('procedure.seeWhere')}
              </Anchor>
              {APPOINTMENT_PATH ? (
                <Anchor component={Link} to={APPOINTMENT_PATH(p.code)} c="blue.9" fw={600}>
                  {t('procedure.bookTime')}
                </Anchor>
              ) : null}
            </Group>
          </Alert>
        )}
      </div>

      <FactsCard>
        <Fact term={t('procedure.level')}>
          <Group gap={6} wrap="wrap">
            {(p.levels?.length ? p.levels : [p.level].flat()).map((l) => (
              <Badge key={l} variant="outline" color="blue.9" tt="none">
                {levelText(t, l)}
              </Badge>
            ))}
          </Group>
        </Fact>
        {p.sector ? <Fact term={t('procedure.sector')}>{p.sector}</Fact> : null}
        <Fact term={t('procedure.agency')}>{p.agencyType ?? t('procedure.notPublished')}</Fact>
        <Fact term={t('procedure.target')}>{p.target ?? t('procedure.notPublished')}</Fact>
        <Fact term={t('procedure.onlineLevel')}>{online.allowed || p.onlineLevel ? onlineLevelText(t, p.onlineLevel) : t('procedure.inPersonOnly')}</Fact>
        <Fact term={t('procedure.deadline')}>
          <DeadlineText deadline={p.deadline} withNote />
          <Text mt={4} data-testid="deadline-preview" aria-live="polite">
            {knownDeadline && preview.data?.dueDate
              ? t('procedure.preview', { date: longDate(preview.data.dueDate, i18n.language) })
              : knownDeadline && preview.isError
                ? t('procedure.previewFailed')
                : null}
          </Text>
        </Fact>
        <Fact term={t('procedure.result')}>{p.result ?? t('procedure.notPublished')}</Fact>
        {p.decision ? <Fact term={t('procedure.decision')}>{p.issuingBody ? t('procedure.decisionOf', { decision: p.decision, body: p.issuingBody }) : p.decision}</Fact> : null}
      </FactsCard>

      <Section id="trinh-tu" title={t('procedure.steps')}>
        <Steps p={p} />
      </Section>

      <Section id="cach-thuc" title={t('procedure.channels')}>
        <Channels p={p} />
      </Section>

      <Section id="thanh-phan" title={t('procedure.components')}>
        <ComponentsTable components={p.components ?? []} />
      </Section>

      <Section id="phi-le-phi" title={t('procedure.fees')}>
        <FeeList fees={p.fees ?? []} />
      </Section>

      <Section id="yeu-cau" title={t('procedure.conditions')}>
        <TextList items={p.conditions} empty={<NotPublished p={p} />} />
      </Section>

      <Section id="can-cu" title={t('procedure.legalBasis')}>
        <TextList items={p.legalBasis} empty={<Text>{t('procedure.noLegalBasis')}</Text>} />
      </Section>

      <Paper component="section" aria-labelledby="noi-nop" id="noi-nop-section" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <WhereToSubmit headingId="noi-nop" agencyKinds={receivingKinds(p)} provincial={isProvincial(p)} />
      </Paper>

      {p.portalUrl ? (
        <Text size="sm" c="gray.8">
          {t('procedure.source')}{' '}
          <Anchor href={p.portalUrl} target="_blank" rel="noopener noreferrer">
            {t('procedure.portalLink')}
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  );
}

function TextList({ items, empty }: { items: string[] | undefined; empty: ReactNode }) {
  if (!items?.length) return <>{empty}</>;
  return (
    <List spacing="xs">
      {items.map((text) => (
        <List.Item key={text} style={{ overflowWrap: 'anywhere' }}>
          {text}
        </List.Item>
      ))}
    </List>
  );
}

/** A section the catalogue leaves empty: said so, with the national portal's sheet when there is one. */
function NotPublished({ p }: { p: ProcedureDetail }) {
  const { t } = useTranslation();
  return <Text>{p.portalUrl ? t('procedure.notPublishedSeePortal') : t('procedure.notPublished')}</Text>;
}

/** Trình tự thực hiện: the published steps, or the inter-agency chain of a linked procedure. */
function Steps({ p }: { p: ProcedureDetail }) {
  const { t } = useTranslation();
  if (p.steps?.length) {
    return (
      <List type="ordered" spacing="xs">
        {p.steps.map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
    );
  }
  if (p.interagencySteps?.length) {
    return (
      <List type="ordered" spacing="xs">
        {p.interagencySteps.map((s) => (
          <List.Item key={s.seq}>
            <strong>{s.agency}</strong>: {s.task}
            {s.result ? ` — ${t('procedure.stepResult', { result: s.result })}` : ''}
            {s.deadlineDays != null ? ` (${t('deadline.working_days', { count: s.deadlineDays })})` : ''}
          </List.Item>
        ))}
      </List>
    );
  }
  return <NotPublished p={p} />;
}

/** Cách thức thực hiện: each channel with its deadline and fees, as published. */
function Channels({ p }: { p: ProcedureDetail }) {
  const { t } = useTranslation();
  if (!p.channels?.length) return <NotPublished p={p} />;
  return (
    <Stack gap="sm">
      {p.channels.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a procedure may publish the same channel twice (e.g. two desks)
        <Paper key={i} withBorder p="sm" radius="sm" component="article" aria-label={t(`procedure.method.${c.method}`)}>
          <Text fw={700}>{t(`procedure.method.${c.method}`)}</Text>
          <dl className="facts channel-facts">
            <dt>{t('procedure.deadline')}</dt>
            <dd style={{ overflowWrap: 'anywhere' }}>{c.deadline ?? t('procedure.notPublished')}</dd>
            <dt>{t('procedure.fees')}</dt>
            <dd style={{ overflowWrap: 'anywhere' }}>{c.fees.length ? c.fees.join('; ') : t('procedure.notPublished')}</dd>
            {c.note ? (
              <>
                <dt>{t('procedure.channelNote')}</dt>
                <dd style={{ overflowWrap: 'anywhere' }}>{c.note}</dd>
              </>
            ) : null}
          </dl>
        </Paper>
      ))}
    </Stack>
  );
}
