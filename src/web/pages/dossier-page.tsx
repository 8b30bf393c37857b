import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Timeline.css';
import '@mantine/core/styles/Progress.css';
import '../modules/dossiers/dossiers.css';
import { Alert, Anchor, Button, Group, List, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useProcedure } from '../modules/catalog/catalog.api.ts';
import { type AttachedFile, ComponentUpload } from '../modules/dossiers/component-upload.tsx';
import { accessLogWhat, actionText, dateTime, timelinessText } from '../modules/dossiers/dossier-format.ts';
import { StatusBadge } from '../modules/dossiers/status-badge.tsx';
import {
  DOSSIER_FORMS,
  type Dossier,
  isDefinitiveRejection,
  useAccessLog,
  useDossier,
  useDossierAction,
} from '../modules/dossiers/dossiers.api.ts';
import { newIdempotencyKey } from '../modules/dossiers/draft.ts';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { RatingForm } from '../modules/evaluation/rating-form.tsx';
import { PaymentPanel, vnd } from '../modules/payments/payment-panel.tsx';
import { paymentEvents, useDossierPayments } from '../modules/payments/payments.api.ts';
import { ApiError } from '../ui/http.ts';
import { LoadError, Loading, PageLoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';
import { ColumnHeaders } from '../ui/data-table.tsx';
import { Fact, FactsCard } from '../ui/facts.tsx';
import { ENDED_STATUSES } from '../../modules/dossiers/statuses.ts';

/** The declaration's versions and the correction form (post-control): loaded only when the dossier has one. */
const DeclarationPanel = lazy(() => import('../modules/dossiers/declaration-panel.tsx'));

/** The notices a citizen must read: what was asked of them, and why. */
const NOTICE_ACTIONS = ['request_supplement', 'extend', 'reject', 'stop', 'request_payment'] as const;

/** Chi tiết hồ sơ của tôi (also the confirmation after submitting, with `?vua-nop=1`). */
const DossierPage = signedInPage('citizen.detail.title', DossierDetail);
export default DossierPage;

function DossierDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const justSubmitted = params.get('vua-nop') === '1';
  const dossier = useDossier(id, { poll: justSubmitted });
  const payments = useDossierPayments(id);

  if (dossier.isPending) return <Loading />;
  if (dossier.isError) {
    const notFound = { title: t('citizen.detail.notFoundTitle'), message: t('citizen.detail.notFound') };
    return <PageLoadError error={dossier.error} notFound={notFound} onRetry={() => dossier.refetch()} back={{ to: '/ho-so-cua-toi', label: t('citizen.detail.back') }} />;
  }
  const d = dossier.data;
  // Refused at the counter, withdrawn or stopped before reception: no code, date or deadline will come.
  const endedUnreceived = !d.receivedAt && (ENDED_STATUSES as readonly string[]).includes(d.status);
  const notices = d.history.filter((h) => (NOTICE_ACTIONS as readonly string[]).includes(h.action));
  const forms = DOSSIER_FORMS.filter((f) => f.when(d));
  // The timeline: the action log, with the payments (paid, refunded) in time order.
  const timeline = [
    ...d.history.map((h) => ({ key: `h${h.seq}`, at: h.at, history: h, payment: undefined })),
    ...paymentEvents(payments.data?.items).map((e) => ({ key: e.key, at: e.at, history: undefined, payment: e })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <Stack gap="md" className="citizen-form">
      <Anchor component={Link} to="/ho-so-cua-toi">
        {t('citizen.detail.back')}
      </Anchor>
      {justSubmitted && (
        <Alert color="green" variant="light" title={t('citizen.confirm.title')} role="status" data-testid="submitted-notice">
          {d.reference && (
            <Text size="sm" mb={4}>
              {t('citizen.confirm.reference')}: <strong className="dossier-code" data-testid="submission-reference">{d.reference}</strong>
            </Text>
          )}
          <Text size="sm">{d.code ? t('citizen.confirm.received', { code: d.code }) : t('citizen.confirm.waiting')}</Text>
          {d.reference && (
            <Group gap="md" mt={6}>
              <Anchor size="sm" c="blue.9" component={Link} to={`/tra-cuu/${encodeURIComponent(d.reference)}`}>
                {t('citizen.confirm.track')}
              </Anchor>
              {d.channel === 'online' && (
                <Anchor size="sm" c="blue.9" href={`/api/v1/dossiers/${encodeURIComponent(d.id)}/documents/submission-receipt.pdf`} target="_blank" rel="noopener">
                  {t('citizen.forms.submission-receipt')} {t('citizen.forms.pdf')}
                </Anchor>
              )}
            </Group>
          )}
        </Alert>
      )}
      <div>
        <Title order={1}>{d.procedureName}</Title>
        <Text c="gray.8" mt={4}>
          {t('procedure.code')}: {d.procedureCode}
        </Text>
      </div>

      {/* On a phone the finished dossier opens on what the citizen came for: the result, then the rating. */}
      {d.result && (
        <Section id="ket-qua" title={t('citizen.result.title')}>
          <Text mb="xs">{t('citizen.result.text', { number: d.result.number, at: dateTime(d.result.issuedAt) })}</Text>
          {d.result.revoked && (
            <Alert color="red" mb="xs">
              {t('citizen.result.revoked')}
              {d.result.revocationReason ? ` ${t('citizen.result.revokedReason', { reason: d.result.revocationReason })}` : ''}
            </Alert>
          )}
          <Group gap="md">
            <Anchor href={`/api/v1/dossiers/${encodeURIComponent(d.id)}/result.pdf`} target="_blank" rel="noopener">
              {t('citizen.result.download')}
            </Anchor>
            <Anchor component={Link} to={`/verify/${encodeURIComponent(d.result.id)}`}>
              {t('citizen.result.verify')}
            </Anchor>
          </Group>
        </Section>
      )}

      {['RESULT_READY', 'RESULT_RETURNED', 'REJECTED_AT_INTAKE', 'STOPPED'].includes(d.status) && <RatingForm dossierId={d.id} />}

      {d.controlMode !== 'pre' && d.code && (
        <Suspense fallback={<Loading />}>
          <DeclarationPanel dossierId={d.id} procedureCode={d.procedureCode} />
        </Suspense>
      )}


      <FactsCard>
        <Fact term={t('citizen.detail.code')} testId="dossier-code">
          {d.code ? (
            <span className="dossier-code">{d.code}</span>
          ) : (
            <Text fs="italic">{t(endedUnreceived ? (d.status === 'REJECTED_AT_INTAKE' ? 'citizen.detail.noCodeRejected' : 'citizen.detail.noCodeEnded') : 'citizen.awaitingReception')}</Text>
          )}
        </Fact>
        {d.reference && (
          <Fact term={t('citizen.detail.reference')}>
            <span className="dossier-code">{d.reference}</span>
          </Fact>
        )}
        <Fact term={t('citizen.detail.status')}>
          <StatusBadge status={d.status} label={d.statusLabel} testId="dossier-status" />
        </Fact>
        <Fact term={t('citizen.detail.agency')}>{d.receivingAgency.name}</Fact>
        <Fact term={t('citizen.detail.submittedAt')}>{dateTime(d.submittedAt)}</Fact>
        <Fact term={t('citizen.detail.receivedAt')}>{d.receivedAt ? dateTime(d.receivedAt) : endedUnreceived ? '—' : t('citizen.awaitingReception')}</Fact>
        <Fact term={t('citizen.detail.dueAt')} testId="dossier-due">{d.dueAt ? dateTime(d.dueAt) : endedUnreceived ? '—' : t('citizen.detail.noDueYet')}</Fact>
        <Fact term={t('citizen.detail.timeliness')}>{endedUnreceived ? '—' : timelinessText(t, d.timeliness)}</Fact>
        {d.returnMethod && (
          <Fact term={t('citizen.submit.delivery')} testId="dossier-return-method">
            {t(`citizen.delivery.${d.returnMethod}`)}
            {d.returnAddress ? ` — ${d.returnAddress}` : ''}
          </Fact>
        )}
      </FactsCard>

      {notices.length > 0 && (
        <Section id="thong-bao" title={t('citizen.detail.notices')}>
          <Stack gap="sm">
            {[...notices].reverse().map((n) => {
              // A supplement request already answered stays in the list, greyed, with when it was answered.
              const answered = n.action === 'request_supplement' ? d.history.find((h) => h.action === 'submit_supplement' && h.seq > n.seq) : undefined;
              const color = answered ? 'gray' : n.action === 'request_supplement' || n.action === 'extend' ? 'orange' : n.action === 'request_payment' ? 'blue' : 'red';
              return (
                <Alert key={n.seq} color={color} variant="light" title={t(`citizen.notices.${n.action}`)}>
                  <Text size="sm">{dateTime(n.at)}</Text>
                  {n.reason && (
                    <Text size="sm" mt={4}>
                      {t('citizen.notices.reason')}: {n.reason}
                    </Text>
                  )}
                  {answered && (
                    <Text size="sm" mt={4} fw={600}>
                      {t('citizen.notices.answered', { at: dateTime(answered.at) })}
                    </Text>
                  )}
                </Alert>
              );
            })}
          </Stack>
        </Section>
      )}

      {d.allowedActions.includes('submit_supplement') && <SupplementForm dossier={d} />}

      <PaymentPanel dossierId={d.id} />


      {forms.length > 0 && (
        <Section id="van-ban" title={t('citizen.detail.forms')}>
          <List spacing="xs">
            {forms.map((f) => (
              <List.Item key={f.form}>
                <Anchor href={`/api/v1/dossiers/${encodeURIComponent(d.id)}/documents/${f.form}.pdf`} target="_blank" rel="noopener">
                  {t(`citizen.forms.${f.form}`)} {t('citizen.forms.pdf')}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Section>
      )}

      <Section id="qua-trinh" title={t('citizen.detail.history')}>
        <Timeline active={timeline.length - 1} bulletSize={16} lineWidth={2} color="blue.8">
          {timeline.map(({ key, history: h, payment: e }) =>
            h ? (
              <Timeline.Item key={key} title={<Text fw={600}>{actionText(t, h.action, h.label)}</Text>}>
                <Text size="sm" c="gray.8">
                  {dateTime(h.at)}
                  {h.by ? ` · ${h.by}` : ''}
                </Text>
                {h.reason && <Text size="sm">{h.reason}</Text>}
                {h.late && <Text size="sm">{t('citizen.detail.lateSupplement')}</Text>}
              </Timeline.Item>
            ) : e ? (
              <Timeline.Item key={key} title={<Text fw={600}>{t(`payments.history.${e.kind}`, { amount: vnd(e.payment.amountVnd, i18n.language) })}</Text>}>
                <Text size="sm" c="gray.8">
                  {dateTime(e.at)}
                  {e.kind === 'paid' ? ` · ${t('payments.history.receiptNo', { receipt: e.payment.receiptNo })}` : ` · ${e.payment.refund?.reference}`}
                </Text>
              </Timeline.Item>
            ) : null,
          )}
        </Timeline>
      </Section>

      <AccessLog dossier={d} />

      {d.allowedActions.includes('withdraw') && <WithdrawForm dossier={d} />}
    </Stack>
  );
}

/** Rút hồ sơ: the applicant withdraws the dossier, with an optional reason, after a second confirmation. */
function WithdrawForm({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const act = useDossierAction(dossier.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  return (
    <Section id="rut-ho-so" title={t('citizen.withdraw.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('citizen.withdraw.hint')}</Text>
        {!open ? (
          <Group>
            <Button variant="default" onClick={() => setOpen(true)}>
              {t('citizen.withdraw.open')}
            </Button>
          </Group>
        ) : (
          <>
            <Textarea label={t('citizen.withdraw.reason')} value={reason} maxLength={2000} autosize minRows={2} onChange={(e) => setReason(e.currentTarget.value)} />
            <div aria-live="assertive">
              {act.isError && (
                <Alert color="red" variant="light">
                  {act.error instanceof ApiError ? act.error.message : t('citizen.submit.networkError')}
                </Alert>
              )}
            </div>
            <Group gap="sm">
              <Button variant="default" onClick={() => setOpen(false)} disabled={act.isPending}>
                {t('citizen.withdraw.cancel')}
              </Button>
              <Button
                color="red.9"
                loading={act.isPending}
                onClick={() =>
                  act.mutate(
                    { body: { action: 'withdraw', ...(reason.trim() ? { reason: reason.trim() } : {}) }, idempotencyKey: key },
                    { onError: (e) => isDefinitiveRejection(e) && setKey(newIdempotencyKey()) },
                  )
                }
              >
                {t('citizen.withdraw.confirm')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Section>
  );
}

/** Bổ sung hồ sơ: upload the requested components, then `submit_supplement`. */
function SupplementForm({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const procedure = useProcedure(dossier.procedureCode);
  const act = useDossierAction(dossier.id);
  const [files, setFiles] = useState<Record<string, AttachedFile>>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const request = [...dossier.history].reverse().find((h) => h.action === 'request_supplement');

  function send() {
    const documents = Object.entries(files).map(([componentCode, f]) => ({ componentCode, fileId: f.fileId }));
    if (documents.length === 0) {
      setError(t('citizen.supplement.none'));
      return;
    }
    setError(null);
    act.mutate(
      { body: { action: 'submit_supplement', documents }, idempotencyKey: key },
      {
        onSuccess: () => {
          setFiles({});
          setKey(newIdempotencyKey());
        },
        onError: (e) => {
          if (isDefinitiveRejection(e)) setKey(newIdempotencyKey());
          setError(e instanceof ApiError ? e.message : t('citizen.submit.networkError'));
        },
      },
    );
  }

  return (
    <Section id="bo-sung" title={t('citizen.supplement.title')}>
      <Stack gap="sm">
        {request?.reason && (
          <Text>
            {t('citizen.supplement.asked')}: <strong>{request.reason}</strong>
          </Text>
        )}
        <Text size="sm">{t('citizen.supplement.hint')}</Text>
        {procedure.isPending ? (
          <Loading />
        ) : procedure.isError ? (
          <LoadError onRetry={() => procedure.refetch()} />
        ) : (
          <ul className="component-list">
            {(procedure.data.components ?? []).map((c) => (
              <ComponentUpload
                key={c.code}
                code={c.code}
                name={c.name}
                required={c.required}
                attached={files[c.code]}
                onAttached={(file) => setFiles((f) => ({ ...f, [c.code]: file }))}
                onRemoved={() =>
                  setFiles((f) => {
                    const { [c.code]: _, ...rest } = f;
                    return rest;
                  })
                }
              />
            ))}
          </ul>
        )}
        <div aria-live="assertive">
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
        </div>
        <Group>
          <Button onClick={send} loading={act.isPending}>
            {t('citizen.supplement.send')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function AccessLog({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const log = useAccessLog(dossier.id);
  const procedure = useProcedure(dossier.procedureCode);
  // an attachment read: named by its component, when it is one of the dossier's documents
  const fileName = (fileId: string) => {
    const code = dossier.documents.find((doc) => doc.fileId === fileId)?.componentCode;
    return code ? (procedure.data?.components.find((c) => c.code === code)?.name ?? undefined) : undefined;
  };
  const what = (w: string) => accessLogWhat(t, w, fileName);
  return (
    <Section id="ai-da-xem" title={t('citizen.accessLog.title')}>
      <Text size="sm" mb="sm">
        {t('citizen.accessLog.hint')}
      </Text>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <LoadError onRetry={() => log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <Text>{t('citizen.accessLog.empty')}</Text>
      ) : (
        <Table striped withTableBorder fz="sm" verticalSpacing={6} horizontalSpacing={6}>
            <Table.Caption>{t('citizen.accessLog.caption')}</Table.Caption>
            <ColumnHeaders columns={[t('citizen.accessLog.at'), t('citizen.accessLog.who'), t('citizen.accessLog.agency'), t('citizen.accessLog.what')]} />
            <Table.Tbody>
              {log.data.items.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the order is fixed
                <Table.Tr key={i}>
                  <Table.Td>{dateTime(e.at)}</Table.Td>
                  <Table.Td>{e.who ?? '–'}</Table.Td>
                  <Table.Td>{e.agency?.name ?? '–'}</Table.Td>
                  <Table.Td>{what(e.what)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

