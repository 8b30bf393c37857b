import '@mantine/core/styles/Timeline.css';
import '../modules/dossiers/dossiers.css';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Timeline, Title } from '@mantine/core';
import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { normalizeTrackingCode } from '../../modules/dossiers/applicant-rules.ts';
import { actionText, dateTime, timelinessText } from '../modules/dossiers/dossier-format.ts';
import { StatusBadge } from '../modules/dossiers/status-badge.tsx';
import { useTracking } from '../modules/dossiers/dossiers.api.ts';
import { earlyInput } from '../ui/early-input.ts';
import { ApiError } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { Fact, Facts } from '../ui/facts.tsx';

/**
 * Tra cứu hồ sơ (no sign-in): `/tra-cuu` asks for a code, `/tra-cuu/:code` shows the dossier.
 * The QR code on the receipt (Mẫu 01) points to `/tra-cuu/<code>`.
 */
export default function TrackingPage() {
  const { code: path = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  // `?ma=`: the form sent by the browser itself, before the app had started (the page comes prerendered).
  const raw = path || (params.get('ma') ?? '');
  // As people type it: any case, spaces around (the server reads it the same way).
  const code = normalizeTrackingCode(raw);
  const phone = params.get('sdt') ?? '';
  const [phoneInput, setPhoneInput] = useState(phone);
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  // The browser sent the form empty (tapped before the app ran): the same answer the app gives.
  const [error, setError] = useState<string | undefined>(() => (params.has('ma') && !code ? t('citizen.tracking.codeRequired') : undefined));
  usePageTitle(code ? t('citizen.tracking.resultTitle', { code }) : t('citizen.tracking.title'));

  // What was typed into the prerendered form before the app took it over is kept (React's state
  // starts empty), also when the app rendered the page afresh (ui/early-input.ts); in the commit
  // itself, so a tap right after it sends what was typed.
  const formRef = useRef<HTMLFormElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, when the app takes over the page
  useLayoutEffect(() => {
    const form = formRef.current;
    const [ma, sdt] = [earlyInput('ma', form), earlyInput('sdt', form)];
    if (!input && ma) setInput(ma);
    if (!phoneInput && sdt) setPhoneInput(sdt);
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // What the fields show, not the state: between the app taking the page over and the effect
    // above, the state is still empty while the field shows what was typed (a tap then under
    // load answered "Vui lòng nhập mã hồ sơ" to a typed code).
    const shown = new FormData(event.currentTarget);
    const value = normalizeTrackingCode(String(shown.get('ma') ?? ''));
    if (!value) return setError(t('citizen.tracking.codeRequired'));
    setError(undefined);
    const tail = String(shown.get('sdt') ?? '').trim();
    navigate(`/tra-cuu/${encodeURIComponent(value)}${/^\d{4}$/.test(tail) ? `?sdt=${tail}` : ''}`);
  }

  return (
    <Stack gap="md" className="citizen-form">
      <Title order={1}>{t('citizen.tracking.title')}</Title>
      <Paper role="search" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <form ref={formRef} onSubmit={submit} noValidate action="/tra-cuu" method="get">
          <Stack gap="sm">
            <TextInput
              label={t('citizen.tracking.codeLabel')}
              description={t('citizen.tracking.codeHint')}
              name="ma"
              value={input}
              onChange={(e) => setInput(e.currentTarget.value)}
              error={error}
              autoCapitalize="characters"
              spellCheck={false}
            />
            <TextInput
              label={t('citizen.tracking.phoneLabel')}
              description={t('citizen.tracking.phoneHint')}
              name="sdt"
              value={phoneInput}
              onChange={(e) => setPhoneInput(e.currentTarget.value)}
              inputMode="numeric"
              maxLength={4}
              autoComplete="off"
            />
            <Group>
              <Button type="submit">{t('citizen.tracking.submit')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {code && <TrackingResult code={code} phone={phone} />}
    </Stack>
  );
}

/** Once decided, the agency shown is where the result is collected (the receiving desk). */
const resultDecided = (status: string) => status === 'RESULT_READY' || status === 'RESULT_RETURNED';

function TrackingResult({ code, phone }: { code: string; phone: string }) {
  const { t } = useTranslation();
  const tracking = useTracking(code, phone);
  if (tracking.isPending) return <Loading />;
  if (tracking.isError) {
    const missing = tracking.error instanceof ApiError && tracking.error.status === 404;
    if (missing) {
      return (
        <Alert color="red" variant="light" role="alert" title={t('citizen.tracking.notFoundTitle')}>
          {t('citizen.tracking.notFound', { code })}
        </Alert>
      );
    }
    return <LoadError onRetry={() => tracking.refetch()} />;
  }
  const d = tracking.data;
  // Hand-overs between agencies; the reception step of an agency to itself says nothing new.
  const steps = d.steps.filter((s) => s.fromAgency !== s.toAgency);
  return (
    <Paper component="section" aria-labelledby="ket-qua-tra-cuu" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
      <Stack gap="sm">
        <Title order={2} id="ket-qua-tra-cuu" size="h3">
          {t('citizen.tracking.result')} <span className="dossier-code">{d.code}</span>
        </Title>
        <Facts>
          <Fact term={t('citizen.tracking.procedure')}>{d.procedureName}</Fact>
          {d.applicantName && <Fact term={t('citizen.tracking.applicant')} testId="tracking-applicant">{d.applicantName}</Fact>}
          <Fact term={t('citizen.detail.status')}>
            <StatusBadge status={d.status} label={d.statusLabel} testId="tracking-status" />
          </Fact>
          {d.agencyName && <Fact term={t(resultDecided(d.status) ? 'citizen.tracking.resultAgency' : 'citizen.tracking.agency')}>{d.agencyName}</Fact>}
          {d.returnMethod && <Fact term={t('citizen.submit.delivery')} testId="tracking-return-method">{t(`citizen.delivery.${d.returnMethod}`)}</Fact>}
          <Fact term={t('citizen.detail.receivedAt')}>{dateTime(d.receivedAt)}</Fact>
          <Fact term={t('citizen.detail.dueAt')}>{dateTime(d.dueAt)}</Fact>
          <Fact term={t('citizen.detail.timeliness')}>{timelinessText(t, d.timeliness)}</Fact>
        </Facts>
        {steps.length > 0 && (
          <>
            <Title order={3} size="h4">
              {t('citizen.tracking.steps')}
            </Title>
            <Stack component="ol" gap={6} pl="lg" m={0}>
              {steps.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are in order and have no id
                <li key={i}>
                  <Text size="sm">
                    {t('citizen.tracking.step', { from: s.fromAgency, to: s.toAgency, at: dateTime(s.sentAt) })}
                    {s.finishedAt ? ` — ${t('citizen.tracking.stepDone', { at: dateTime(s.finishedAt) })}` : ''}
                  </Text>
                </li>
              ))}
            </Stack>
          </>
        )}
        <Title order={3} size="h4">
          {t('citizen.detail.history')}
        </Title>
        <Timeline active={d.history.length - 1} bulletSize={16} lineWidth={2} color="blue.8">
          {d.history.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the history is in order and has no id here
            <Timeline.Item key={i} title={<Text fw={600}>{actionText(t, h.action, h.label)}</Text>}>
              <Text size="sm" c="gray.8">
                {dateTime(h.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Paper>
  );
}
