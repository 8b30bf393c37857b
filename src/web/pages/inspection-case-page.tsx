import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, Modal, NumberInput, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RequireSignIn } from '../modules/dossiers/require-citizen.tsx';
import { type Case, caseFile, declarationFile, useCase, useCaseAction, useDeclaration } from '../modules/inspection/inspection.api.ts';
import { DESK_ACCEPT, uploadFile } from '../modules/workspace/workspace.api.ts';
import { MAX_UPLOAD_MB } from '../modules/dossiers/dossiers.api.ts';
import { FilePicker } from '../ui/file-picker.tsx';
import { useProcedure } from '../modules/catalog/catalog.api.ts';
import { DeclaredFacts } from '../modules/workspace/declared-info.tsx';
import '../modules/inspection/inspection.css';
import { ApiError } from '../ui/http.ts';
import { ActionError, Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { useTabState } from '../ui/use-tab-state.ts';
import { useMe } from '../modules/identity/identity.api.ts';
import { localDate, localInstant, localTime, toLocalIso } from '../../platform/clock.ts';
import { Fact, Facts } from '../ui/facts.tsx';
import { DayInput, dayText } from '../ui/day-input.tsx';
import { formatNumber } from '../ui/numbers.ts';
import { WHOLE_BADGE } from '../ui/whole-labels.ts';

const formatTime = (iso: string) => `${iso.slice(11, 16)}, ${dayText(iso)}`;

/** `/hau-kiem/ho-so/:id`: one inspection case — risk, checklist and visit record, conclusion, revocation, log. */
export default function InspectionCasePage() {
  const { t } = useTranslation();
  usePageTitle(t('inspection.caseTitle'));
  const { id = '' } = useParams();
  return (
    <RequireSignIn>
      <CaseView id={id} />
    </RequireSignIn>
  );
}

function CaseView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const q = useCase(id);
  const act = useCaseAction(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return q.error instanceof ApiError && q.error.status === 404 ? <Alert color="gray">{t('inspection.notFound')}</Alert> : <LoadError onRetry={() => q.refetch()} />;
  const c = q.data;
  const en = i18n.language === 'en';
  return (
    <Stack gap="md" className="hk-page hk-case">
      <Group justify="space-between" className="hk-no-print">
        <Anchor component={Link} to="/hau-kiem">
          ← {t('inspection.back')}
        </Anchor>
        {/* for the record: the case, the declaration, the conclusion and the log — without the forms (inspection.css) */}
        <Button variant="default" onClick={() => window.print()} data-testid="case-print">
          {t('inspection.print')}
        </Button>
      </Group>
      <Title order={1}>{t('inspection.caseHeading', { number: c.number })}</Title>
      <Group gap="xs">
        <Badge color={c.status === 'concluded' ? 'teal.9' : 'blue.9'} data-testid="case-status" styles={WHOLE_BADGE}>
          {t(`inspection.statuses.${c.status}`)}
        </Badge>
        {c.conclusion && <Badge color={c.conclusion === 'compliant' ? 'teal.9' : 'red.9'}>{t(`inspection.conclusions.${c.conclusion}`)}</Badge>}
        {c.resultRevoked && (
          <Badge color="red.9" data-testid="case-revoked">
            {t('inspection.revoked')}
          </Badge>
        )}
        {c.overdue && <Badge color="red.9">{t('inspection.overdue')}</Badge>}
      </Group>
      <Facts>
        <Fact term={t('inspection.declarant')}>{c.declarant}</Fact>
        <Fact term={t('inspection.dossier')}>{c.dossierCode ?? c.dossierId}</Fact>
        <Fact term={t('inspection.origin')}>
          {t(`inspection.origins.${c.origin}`)}: {c.reason}
        </Fact>
        <Fact term={t('inspection.inspector')}>{c.inspector?.fullName ?? '—'}</Fact>
        <Fact term={t('inspection.due')}>{dayText(c.dueDate)}</Fact>
        {c.resultId && (
          <Fact term={t('inspection.result')}>
            <Anchor component={Link} to={`/verify/${encodeURIComponent(c.resultId)}`}>
              {t('inspection.verifyResult')}
            </Anchor>
          </Fact>
        )}
      </Facts>

      <DeclarationSection c={c} />

      <section aria-labelledby="hk-risk">
        <Title order={2} size="h3" id="hk-risk">
          {t('inspection.riskTitle', { score: c.riskScore })}
        </Title>
        <ul>
          {c.riskFactors.map((f) => (
            <li key={f.code}>
              {en ? f.en : f.vi}: +{f.points}
            </li>
          ))}
        </ul>
      </section>

      {/* a step confirmed in a dialog (conclusion, revocation) says its error in the dialog: not twice */}
      <ActionError error={act.variables && CONFIRMED.includes(act.variables.action) ? null : act.error} color="red" variant="light" />

      <div className="hk-no-print">
        <Stack gap="md">
          {c.allowedActions.includes('assign') && <AssignForm c={c} onAssign={(inspector) => act.mutate({ action: 'assign', inspector })} busy={act.isPending} />}
          {c.allowedActions.includes('record_visit') && <VisitForm c={c} act={act} />}
          {c.allowedActions.includes('conclude') && <ConcludeForm c={c} act={act} />}
        </Stack>
      </div>
      {c.conclusion && (
        <section aria-labelledby="hk-conclusion">
          <Title order={2} size="h3" id="hk-conclusion">
            {t('inspection.conclusionTitle')}
          </Title>
          <Text>{t(`inspection.conclusions.${c.conclusion}`)}</Text>
          {c.legalBasis && <Text size="sm">{t('inspection.legalBasis')}: {c.legalBasis}</Text>}
          {c.correctBy && <Text size="sm">{t('inspection.correctBy')}: {dayText(c.correctBy)}</Text>}
          {c.sanction?.fineVnd !== undefined && <Text size="sm">{t('inspection.fine')}: {formatNumber(c.sanction.fineVnd, i18n.language)} đ</Text>}
          {c.sanction?.measures && <Text size="sm">{t('inspection.measures')}: {c.sanction.measures}</Text>}
          {c.revocationReason && (
            <Alert color="red" variant="light" mt="xs">
              {t('inspection.revokedBecause', { reason: c.revocationReason })}
            </Alert>
          )}
        </section>
      )}
      {c.allowedActions.includes('revoke_result') && (
        <div className="hk-no-print">
          <RevokeForm c={c} act={act} />
        </div>
      )}

      <section aria-labelledby="hk-log">
        <Title order={2} size="h3" id="hk-log">
          {t('inspection.log')}
        </Title>
        <ol data-testid="case-log">
          {c.log.map((l) => (
            <li key={l.seq}>
              <Text size="sm">
                {formatTime(l.at)} — {l.actorName}: {t(`inspection.actions.${l.action}`)}
                {l.action === 'record_visit' && typeof l.data.findings === 'string' ? ` — ${l.data.place}: ${l.data.findings}` : ''}
              </Text>
              {l.action === 'record_visit' && <VisitDetails c={c} data={l.data} />}
            </li>
          ))}
        </ol>
      </section>
    </Stack>
  );
}

/**
 * What the case inspects: the declared data of the version the case was opened on, and its
 * documents to download. The inspector cannot open the dossier itself (it is the desk's), so
 * this is where they read it; each read is audited on the dossier's chain.
 */
function DeclarationSection({ c }: { c: Case }) {
  const { t } = useTranslation();
  const declaration = useDeclaration(c.dossierId);
  const procedureCode = declaration.data?.procedureCode ?? '';
  const procedure = useProcedure(procedureCode, !!procedureCode);
  const version = declaration.data?.versions.find((v) => v.version === c.declarationVersion);
  const componentName = (code: string) => procedure.data?.components.find((p) => p.code === code)?.name ?? code;
  return (
    <section aria-labelledby="hk-declaration" data-testid="case-declaration">
      <Title order={2} size="h3" id="hk-declaration" mb="xs">
        {t('inspection.declarationTitle')}
      </Title>
      {declaration.isPending ? (
        <Loading />
      ) : declaration.isError ? (
        <LoadError onRetry={() => declaration.refetch()} />
      ) : !version ? null : (
        <Stack gap="xs">
          <Text size="sm">
            {declaration.data.procedureName} · {t('inspection.declarationVersion', { n: version.version, at: formatTime(version.declaredAt) })}
          </Text>
          {version.correctionReason && <Text size="sm">{t('citizen.declaration.reason', { reason: version.correctionReason })}</Text>}
          <DeclaredFacts fields={version.fields} schema={procedure.isError ? null : (procedure.data?.formSchema as Record<string, unknown> | null | undefined)} />
          <Title order={3} size="h4" mt="xs">
            {t('inspection.declarationDocuments')}
          </Title>
          {version.documents.length === 0 ? (
            <Text size="sm">{t('inspection.noDocuments')}</Text>
          ) : (
            <List spacing={4}>
              {version.documents.map((d) => (
                <List.Item key={d.fileId}>
                  <Anchor href={declarationFile(c.dossierId, d.fileId)} data-testid="declaration-document">
                    {componentName(d.componentCode)}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
    </section>
  );
}

/** A recorded visit's participants and the checklist items found NOT met (what the printed record needs too). */
function VisitDetails({ c, data }: { c: Case; data: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const participants = Array.isArray(data.participants) ? data.participants.filter((p): p is string => typeof p === 'string') : [];
  const checklist = Array.isArray(data.checklist) ? (data.checklist as { code?: unknown; ok?: unknown }[]) : [];
  const failed = checklist.filter((i) => i.ok === false).map((i) => c.checklist.find((x) => x.code === i.code) ?? { vi: String(i.code), en: String(i.code) });
  const files = Array.isArray(data.files) ? data.files.filter((f): f is string => typeof f === 'string') : [];
  if (participants.length === 0 && checklist.length === 0 && files.length === 0) return null;
  return (
    <Text size="sm" c="gray.8" component="div">
      {participants.length > 0 && <div>{t('inspection.participants')}: {participants.join('; ')}</div>}
      {checklist.length > 0 && (
        <div>
          {failed.length === 0 ? t('inspection.checklistAllMet') : `${t('inspection.checklistNotMet')}: ${failed.map((f) => (i18n.language === 'en' ? f.en : f.vi)).join('; ')}`}
        </div>
      )}
      {files.map((fileId, i) => (
        <div key={fileId}>
          <Anchor href={caseFile(c.id, fileId)} size="sm" data-testid="visit-file">
            {t('inspection.visitFileLink', { n: i + 1 })}
          </Anchor>
        </div>
      ))}
    </Text>
  );
}

function AssignForm({ c, onAssign, busy }: { c: Case; onAssign: (inspector: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const [inspector, setInspector] = useState<string | null>(c.inspector?.username ?? c.inspectors[0]?.username ?? null);
  return (
    <form
      aria-labelledby="hk-assign"
      onSubmit={(e) => {
        e.preventDefault();
        if (inspector) onAssign(inspector);
      }}
    >
      <Title order={2} size="h3" id="hk-assign">
        {t('inspection.assignTitle')}
      </Title>
      <Group align="flex-end" gap="sm">
        <Select label={t('inspection.inspector')} data={c.inspectors.map((i) => ({ value: i.username, label: i.fullName }))} value={inspector} onChange={setInspector} allowDeselect={false} />
        <Button type="submit" loading={busy} disabled={!inspector} data-testid="assign-button">
          {t('inspection.assign')}
        </Button>
      </Group>
    </form>
  );
}

/**
 * A required text left empty or blank once the form was sent: the field says so (the browser's own
 * check lets spaces through, and the server's answer, "Dữ liệu không hợp lệ", names no field).
 */
function useBlankCheck() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  return {
    sent: () => setSent(true),
    reset: () => setSent(false),
    error: (value: string, required = true) => (sent && required && !value.trim() ? t('workspace.form.required') : undefined),
  };
}

/** Now as `YYYY-MM-DDTHH:MM` in Vietnam time (the visit time field's value). */
const nowLocal = (now = new Date()) => `${localDate(now)}T${localTime(now)}`;

type CaseActionCall = ReturnType<typeof useCaseAction>;
/** The actions asked again in a dialog (ConfirmStep), which shows their error. */
const CONFIRMED: string[] = ['conclude', 'revoke_result'];

/**
 * The visit record. Once saved it says so (a polite status), the form is emptied for a further
 * visit and the record is in the log: a second tap cannot send the same visit again (nor can a
 * double tap while the first is on its way).
 */
function VisitForm({ c, act }: { c: Case; act: CaseActionCall }) {
  const { t, i18n } = useTranslation();
  // what is typed survives a reload, or a tablet that closed the tab in the background (kept for this tab, per user and case, until saved)
  const me = useMe();
  const kept = (name: string) => `motcua.inspection.visit.${me.data?.id ?? ''}.${c.id}.${name}`;
  const [at, setAt] = useTabState(kept('at'), () => nowLocal());
  const [place, setPlace] = useTabState(kept('place'), '');
  const [participants, setParticipants] = useTabState(kept('participants'), '');
  const [findings, setFindings] = useTabState(kept('findings'), '');
  const [failed, setFailed] = useTabState<string[]>(kept('failed'), []);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // the signed record's scan or a photo of the premises (not kept across a reload: a File cannot be)
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const sending = useRef(false);
  const blank = useBlankCheck();
  const clear = () => {
    setAt(nowLocal());
    setPlace('');
    setParticipants('');
    setFindings('');
    setFailed([]);
    setFile(null);
    blank.reset();
  };
  return (
    <form
      aria-labelledby="hk-visit"
      onSubmit={(e) => {
        e.preventDefault();
        if (sending.current) return; // the same visit already on its way
        setSavedAt(null);
        blank.sent();
        if (!at || !place.trim() || !findings.trim()) return; // not a day and time, or a blank text: the field says so
        sending.current = true;
        setUploadError(null);
        const send = (files: string[]) => act.mutate({
          action: 'record_visit',
          at: toLocalIso(localInstant(at.slice(0, 10), at.slice(11, 16))),
          place: place.trim(),
          participants: participants
            .split('\n')
            .map((p) => p.trim())
            .filter(Boolean),
          findings: findings.trim(),
          checklist: c.checklist.map((item) => ({ code: item.code, ok: !failed.includes(item.code) })),
          ...(files.length > 0 ? { files } : {}),
        }, {
          onSuccess: () => {
            clear();
            setSavedAt(localTime(new Date()));
          },
          onSettled: () => {
            sending.current = false;
          },
        });
        if (!file) return send([]);
        setUploading(true);
        uploadFile(file)
          .then((stored) => send([stored.fileId]))
          .catch((error: unknown) => {
            setUploadError(error);
            sending.current = false;
          })
          .finally(() => setUploading(false));
      }}
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id="hk-visit">
          {t('inspection.visitTitle')}
        </Title>
        <DayInput time label={t('inspection.visitAt')} value={at} onChange={setAt} required />
        <TextInput label={t('inspection.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} required maxLength={500} error={blank.error(place)} />
        <Textarea label={t('inspection.participants')} description={t('inspection.participantsHint')} value={participants} onChange={(e) => setParticipants(e.currentTarget.value)} autosize minRows={2} />
        <Checkbox.Group label={t('inspection.checklist')} description={t('inspection.checklistHint')} value={failed} onChange={setFailed}>
          <Stack gap={4} mt={4}>
            {c.checklist.map((item) => (
              <Checkbox key={item.code} value={item.code} label={i18n.language === 'en' ? item.en : item.vi} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea label={t('inspection.findings')} value={findings} onChange={(e) => setFindings(e.currentTarget.value)} required autosize minRows={3} maxLength={8000} error={blank.error(findings)} />
        <FilePicker label={t('inspection.visitFile')} accept={DESK_ACCEPT} hint={t('workspace.form.fileHint', { max: MAX_UPLOAD_MB })} chosen={file} busy={uploading} onChange={setFile} onClear={() => setFile(null)} testId="visit-file-chosen" />
        <ActionError error={uploadError} />
        <Button type="submit" loading={act.isPending || uploading} data-testid="visit-button">
          {t('inspection.saveVisit')}
        </Button>
        <Text role="status" data-testid="visit-saved" c="teal.9" fw={600}>
          {savedAt ? `✓ ${t('inspection.visitSaved', { time: savedAt })}` : ''}
        </Text>
      </Stack>
    </form>
  );
}

/** A step that cannot be undone asks first, naming what will happen (a dialog: focus inside, Esc goes back). */
function ConfirmStep({ title, children, yes, act, onYes, onClose, testId }: { title: string; children: ReactNode; yes: string; act: CaseActionCall; onYes: () => void; onClose: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': t('inspection.cancel') }}>
      <Stack gap="sm">
        {children}
        <ActionError error={act.error} color="red" variant="light" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('inspection.cancel')}
          </Button>
          <Button color="red.9" loading={act.isPending} onClick={onYes} data-testid={testId}>
            {yes}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type ConcludeBody = Extract<Parameters<CaseActionCall['mutate']>[0], { action: 'conclude' }>;

function ConcludeForm({ c, act }: { c: Case; act: CaseActionCall }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<ConcludeBody | null>(null);
  const [conclusion, setConclusion] = useState<'compliant' | 'correct' | 'sanction'>('compliant');
  const [legalBasis, setLegalBasis] = useState('');
  const [correctBy, setCorrectBy] = useState('');
  const [fine, setFine] = useState<number | string>('');
  const [measures, setMeasures] = useState('');
  const blank = useBlankCheck();
  return (
    <form
      aria-labelledby="hk-conclude"
      onSubmit={(e) => {
        e.preventDefault();
        blank.sent();
        if (conclusion !== 'compliant' && !legalBasis.trim()) return;
        act.reset();
        setAsking({
          action: 'conclude',
          conclusion,
          ...(legalBasis.trim() ? { legalBasis: legalBasis.trim() } : {}),
          ...(conclusion === 'correct' && correctBy ? { correctBy } : {}),
          ...(conclusion === 'sanction' && typeof fine === 'number' ? { fineVnd: fine } : {}),
          ...(conclusion === 'sanction' && measures.trim() ? { measures: measures.trim() } : {}),
        });
      }}
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id="hk-conclude">
          {t('inspection.concludeTitle')}
        </Title>
        <Radio.Group label={t('inspection.conclusionTitle')} value={conclusion} onChange={(v) => setConclusion(v as typeof conclusion)}>
          <Stack gap={4} mt={4}>
            {(['compliant', 'correct', 'sanction'] as const).map((k) => (
              <Radio key={k} value={k} label={t(`inspection.conclusions.${k}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea label={t('inspection.legalBasis')} value={legalBasis} onChange={(e) => setLegalBasis(e.currentTarget.value)} required={conclusion !== 'compliant'} autosize minRows={2} maxLength={2000} error={blank.error(legalBasis, conclusion !== 'compliant')} />
        {conclusion === 'correct' && <DayInput label={t('inspection.correctBy')} value={correctBy} onChange={setCorrectBy} required />}
        {conclusion === 'sanction' && (
          <>
            <NumberInput label={t('inspection.fine')} value={fine} onChange={setFine} min={0} thousandSeparator="." decimalSeparator="," />
            <Textarea label={t('inspection.measures')} value={measures} onChange={(e) => setMeasures(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
          </>
        )}
        <Button type="submit" data-testid="conclude-button">
          {t('inspection.conclude')}
        </Button>
      </Stack>
      {asking && (
        <ConfirmStep title={t('inspection.confirmConcludeTitle')} yes={t('inspection.confirmConcludeYes')} act={act} onYes={() => act.mutate(asking, { onSuccess: () => setAsking(null) })} onClose={() => setAsking(null)} testId="conclude-confirm">
          <Text>{t('inspection.confirmConclude', { conclusion: t(`inspection.conclusions.${asking.conclusion}`), number: c.number })}</Text>
          {asking.conclusion !== 'compliant' && <Text>{t('inspection.confirmConcludeNotice', { declarant: c.declarant })}</Text>}
        </ConfirmStep>
      )}
    </form>
  );
}

function RevokeForm({ c, act }: { c: Case; act: CaseActionCall }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const blank = useBlankCheck();
  return (
    <form
      aria-labelledby="hk-revoke"
      onSubmit={(e) => {
        e.preventDefault();
        blank.sent();
        act.reset();
        if (reason.trim()) setAsking(true);
      }}
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id="hk-revoke">
          {t('inspection.revokeTitle')}
        </Title>
        <Text size="sm">{t('inspection.revokeHint')}</Text>
        <Textarea label={t('inspection.revokeReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={2} maxLength={2000} error={blank.error(reason)} />
        <Button type="submit" color="red.9" data-testid="revoke-button">
          {t('inspection.revoke')}
        </Button>
      </Stack>
      {asking && (
        <ConfirmStep title={t('inspection.confirmRevokeTitle')} yes={t('inspection.confirmRevokeYes')} act={act} onYes={() => act.mutate({ action: 'revoke_result', reason: reason.trim() }, { onSuccess: () => setAsking(false) })} onClose={() => setAsking(false)} testId="revoke-confirm">
          <Text>{t('inspection.confirmRevoke', { declarant: c.declarant, number: c.number })}</Text>
          <Text size="sm">
            {t('inspection.revokeReason')}: {reason.trim()}
          </Text>
        </ConfirmStep>
      )}
    </form>
  );
}
