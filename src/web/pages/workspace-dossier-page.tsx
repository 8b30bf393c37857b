import { Anchor, Breadcrumbs, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProcedure } from '../modules/catalog/catalog.api.ts';
import { DeskPayments } from '../modules/payments/desk-payments.tsx';
import { ActionForm } from '../modules/workspace/action-form.tsx';
import { InteragencySteps } from '../modules/workspace/interagency-steps.tsx';
import { LockBanner, ResultStatus, useDossierLock } from '../modules/workspace/processing-lock.tsx';
import { BlockedActions } from '../modules/workspace/blocked-actions.tsx';
import { DeclaredInfo, PaperReceived } from '../modules/workspace/declared-info.tsx';
import { SupplementStatus } from '../modules/workspace/supplement-papers.tsx';
import { TimelinessBadge } from '../modules/workspace/timeliness-badge.tsx';
import { type DossierAction, type DossierDetail, dossierFile, dossierPdf, useDossier } from '../modules/workspace/workspace.api.ts';
import { dateTime } from '../modules/workspace/workspace.format.ts';
import { workspacePage, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import '../modules/workspace/workspace.css';
import { ApiError } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { Section } from '../ui/section.tsx';
import { Fact, FactsCard } from '../ui/facts.tsx';

/** The forms (Mẫu 01–05) and the action after which each exists. */
const FORMS = [
  { form: 'receipt', after: 'receive' },
  { form: 'supplement-notice', after: 'request_supplement' },
  { form: 'refusal-notice', after: 'reject' },
  { form: 'apology-letter', after: 'extend' },
  { form: 'control-slip', after: 'receive' },
] as const;

/** /can-bo/ho-so/:id — xử lý hồ sơ: header, documents, history, the actions the API allows. */
const WorkspaceDossierPage = workspacePage('workspace.dossier.title', DossierView);
export default WorkspaceDossierPage;

function DossierView() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const dossier = useDossier(id);
  usePageTitle(dossier.data ? (dossier.data.code ?? t('workspace.noCode')) : t('workspace.dossier.title'));

  if (dossier.isPending) return <Loading />;
  if (dossier.isError) {
    const missing = dossier.error instanceof ApiError && dossier.error.status === 404;
    return (
      <Stack gap="sm">
        <WorkspaceNav />
        <Title order={1}>{missing ? t('workspace.dossier.notFoundTitle') : t('app.loadFailed')}</Title>
        <LoadError message={missing ? t('workspace.dossier.notFound') : dossier.error.message} onRetry={missing ? undefined : () => dossier.refetch()} />
        <Anchor component={Link} to="/can-bo">
          {t('workspace.dossier.back')}
        </Anchor>
      </Stack>
    );
  }
  return <DossierDetailView d={dossier.data} />;
}

function DossierDetailView({ d }: { d: DossierDetail }) {
  const { t, i18n } = useTranslation();
  const procedure = useProcedure(d.procedureCode);
  const [action, setAction] = useState<DossierAction | null>(null);
  /** The button that opened the dialog: the keyboard comes back to it (the dialog unmounts, Mantine cannot return focus). */
  const opener = useRef<HTMLElement | null>(null);
  const closeAction = () => {
    setAction(null);
    // Once the answer is on screen: the same button if the action is still offered, else the actions' heading.
    requestAnimationFrame(() => {
      const back = opener.current?.isConnected ? opener.current : document.getElementById('thao-tac');
      if (back && !back.matches('button')) back.tabIndex = -1;
      back?.focus();
    });
  };
  // Reading takes no lock; starting an action does (and keeps it, renewed, until the page is left).
  const [acting, setActing] = useState(false);
  const { lockedByOther, takeOver } = useDossierLock(d, acting);
  const componentName = (code: string) =>
    procedure.data?.components.find((c) => c.code === code)?.name ??
    (/^KQ_BUOC_\d+$/.test(code) ? t('workspace.interagency.stepResultDoc', { step: code.slice(8) }) : null) ??
    t(`workspace.component.${code}`, { defaultValue: code });
  const done = new Set(d.history.map((h) => h.action));
  // the specialist in charge: the one the last assignment named (the log keeps the name)
  const assigneeName = d.assignee ? d.history.findLast((h) => h.action === 'assign')?.assigneeName : undefined;
  const forms = FORMS.filter((f) => done.has(f.after));

  return (
    <Stack gap="md">
      <WorkspaceNav />
      <Breadcrumbs aria-label={t('workspace.dossier.breadcrumb')} component="nav" separator="›" styles={{ root: { flexWrap: 'wrap' }, breadcrumb: { whiteSpace: 'normal', lineHeight: 1.4 } }}>
        <Anchor component={Link} to="/can-bo">
          {t('workspace.queues.title')}
        </Anchor>
        <Text component="span" aria-current="page">
          {d.code ?? t('workspace.noCode')}
        </Text>
      </Breadcrumbs>
      <div>
        <Title order={1} data-testid="dossier-code">
          {d.code ?? t('workspace.noCode')}
        </Title>
        <Text size="lg" mt={4}>
          {d.procedureName}
        </Text>
      </div>
      <FactsCard>
        <Fact term={t('workspace.col.status')} testId="dossier-status">{t(`workspace.status.${d.status}`, { defaultValue: d.statusLabel })}</Fact>
        <Fact term={t('workspace.col.timeliness')}>
          <TimelinessBadge value={d.timeliness} />
        </Fact>
        <Fact term={t('workspace.col.applicant')}>
          {d.applicant.fullName} · {t('workspace.dossier.idNumber')} {d.applicant.idNumber} · {d.applicant.phone}
        </Fact>
        <Fact term={t('workspace.dossier.channel')}>{t(`workspace.channel.${d.channel}`)}</Fact>
        {/* the mã tra cứu the applicant was given online: what they quote at the counter or on the phone (the queue's search finds it) */}
        {d.reference && (
          <Fact term={t('workspace.dossier.reference')} testId="dossier-reference">
            {d.reference}
          </Fact>
        )}
        {d.returnMethod && (
          <Fact term={t('workspace.dossier.returnMethod')} testId="dossier-return-method">
            {t(`citizen.delivery.${d.returnMethod}`)}
            {d.returnAddress ? ` — ${d.returnAddress}` : ''}
          </Fact>
        )}
        <Fact term={t('workspace.dossier.submitted')}>{dateTime(d.submittedAt, i18n.language)}</Fact>
        <Fact term={t('workspace.col.received')}>{dateTime(d.receivedAt, i18n.language)}</Fact>
        <Fact term={t('workspace.col.due')} testId="dossier-due">{dateTime(d.dueAt, i18n.language)}</Fact>
        <Fact term={t('workspace.dossier.currentAgency')}>{d.currentAgency.name}</Fact>
        {assigneeName && (
          <Fact term={t('workspace.col.assignee')} testId="dossier-assignee">
            {assigneeName}
          </Fact>
        )}
        {d.finishedAt && <Fact term={t('workspace.dossier.finished')}>{dateTime(d.finishedAt, i18n.language)}</Fact>}
      </FactsCard>

      <DeskPayments dossierId={d.id} />

      <Section id="thao-tac" title={t('workspace.dossier.actions')}>
        {lockedByOther && <LockBanner lock={lockedByOther} takeOver={takeOver} />}
        <ResultStatus d={d} />
        <SupplementStatus d={d} />
        <BlockedActions d={d} />
        {d.allowedActions.length === 0 ? (
          <Text>{t('workspace.dossier.noActions')}</Text>
        ) : (
          <Group gap="sm" wrap="wrap">
            {d.allowedActions.map((a) => (
              <Button key={a} variant={a === 'reject' || a === 'stop' ? 'outline' : 'filled'} color={a === 'reject' || a === 'stop' ? 'red.9' : undefined} disabled={!!lockedByOther} onClick={(e) => { opener.current = e.currentTarget; setActing(true); setAction(a); }}>
                {t(`workspace.actions.${a}`)}
              </Button>
            ))}
          </Group>
        )}
      </Section>
      {action && <ActionForm dossier={d} action={action} onClose={closeAction} />}

      <InteragencySteps d={d} />

      <DeclaredInfo d={d} schema={procedure.isError ? null : procedure.data?.formSchema} />

      <Section id="giay-to" title={t('workspace.dossier.documents')}>
        {d.documents.length === 0 ? (
          <Text>{t((d.intake?.paper.length ?? 0) > 0 ? 'workspace.dossier.noScans' : 'workspace.dossier.noDocuments')}</Text>
        ) : (
          <List spacing="xs">
            {d.documents.map((doc) => (
              <List.Item key={doc.fileId}>
                <Anchor href={dossierFile(d.id, doc.fileId)} target="_blank" rel="noopener">
                  {componentName(doc.componentCode)}
                </Anchor>{' '}
                <Text span size="sm" c="gray.7">
                  ({t('workspace.dossier.addedAt', { at: dateTime(doc.addedAt, i18n.language) })})
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        <PaperReceived d={d} componentName={componentName} />
      </Section>

      <Section id="bieu-mau" title={t('workspace.dossier.forms')}>
        {forms.length === 0 ? (
          <Text>{t('workspace.dossier.noForms')}</Text>
        ) : (
          <List spacing="xs">
            {forms.map((f) => (
              <List.Item key={f.form}>
                <Anchor href={dossierPdf(d.id, f.form)} target="_blank" rel="noopener">
                  {t(`workspace.forms.${f.form}`)}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Section>

      <Section id="lich-su" title={t('workspace.dossier.history')}>
        <ol className="ws-timeline">
          {d.history.map((h) => (
            <li key={h.seq}>
              <Text fw={600}>{t(`workspace.historyAction.${h.action}`, { defaultValue: h.label })}</Text>
              <Text size="sm">
                {dateTime(h.at, i18n.language)}
                {h.by ? ` · ${h.by}` : ''}
              </Text>
              {h.assigneeName && <Text size="sm" data-testid="history-assignee">{t('workspace.dossier.assignedTo', { name: h.assigneeName })}</Text>}
              {h.reason && <Text size="sm">{t('workspace.dossier.reason', { reason: h.reason })}</Text>}
              {h.note && <Text size="sm" data-testid="history-note">{t('workspace.dossier.note', { note: h.note })}</Text>}
              {h.late && (
                <Text size="sm" fw={600} c="red.9" data-testid="history-late">
                  {t(h.action === 'extend' ? 'workspace.blocked.lateApology' : 'workspace.blocked.lateSupplement')}
                </Text>
              )}
              {h.stillMissing && h.stillMissing.length > 0 && (
                <Text size="sm">{t('workspace.supplement.stillMissing', { names: h.stillMissing.map((c) => c.name).join('; ') })}</Text>
              )}
              {h.action === 'return_result' && h.returnMethod && h.returnMethod !== 'tai_quay' && (
                <Text size="sm" data-testid="returned-how">
                  {h.returnMethod === 'buu_chinh'
                    ? h.postalReference
                      ? t('workspace.dossier.returnedByPostRef', { ref: h.postalReference })
                      : t('workspace.dossier.returnedByPost')
                    : t('workspace.dossier.returnedOnline')}
                </Text>
              )}
              {h.collectedBy && (
                <Text size="sm" data-testid="collected-by">
                  {h.collectedBy.idNumber
                    ? t('workspace.dossier.collectedByWithId', { name: h.collectedBy.fullName, id: h.collectedBy.idNumber })
                    : t('workspace.dossier.collectedBy', { name: h.collectedBy.fullName })}
                </Text>
              )}
            </li>
          ))}
        </ol>
      </Section>
    </Stack>
  );
}
