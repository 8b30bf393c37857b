import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Overlay.css';
import { Alert, Anchor, Button, Group, List, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../catalog/catalog.api.ts';
import { ApiError, apiFetch } from '../../ui/http.ts';
import type { ActionInput } from '#modules/dossiers/dossiers.contract.ts';
import { idNumberProblem, normalizeIdNumber } from '../../../modules/dossiers/applicant-rules.ts';
import { DESK_ACCEPT, type DossierAction, type DossierDetail, fieldErrors, uploadFile, useAct, useWorkingDayAfter } from './workspace.api.ts';
import { ForwardAgencyField } from './forward-agency-field.tsx';
import { StepAgencyFields } from './step-agency-fields.tsx';
import { localInputToIso } from './workspace.format.ts';
import { localDate } from '../../../platform/clock.ts';
import { longDate } from '../catalog/catalog.format.ts';
import { initialRows, type PaperRow, SupplementComponents, SupplementPapers } from './supplement-papers.tsx';
import type { z } from 'zod';
import type { SpecialistList } from '#modules/dossiers/dossiers.contract.ts';
import { DayInput } from '../../ui/day-input.tsx';
import { FilePicker } from '../../ui/file-picker.tsx';
import { MAX_UPLOAD_MB } from '../dossiers/dossiers.api.ts';

type Field =
  | 'reason'
  | 'optionalReason'
  | 'assignee'
  | 'toAgency'
  | 'note'
  | 'amountVnd'
  | 'reference'
  | 'newDueAt'
  | 'document'
  | 'stepNote'
  | 'resultFile'
  | 'stepAgencies'
  | 'collectedBy'
  | 'postalReference';

/** Số định danh cá nhân (12 digits) or an organisation's tax code (10 / 13 digits), as the API checks. */

/** The input each action's body takes (api.md §5) — the shape of the request, not who may act. */
const FIELDS: Record<DossierAction, Field[]> = {
  receive: [],
  reject: ['reason'],
  request_supplement: ['reason'],
  submit_supplement: ['document'],
  assign: ['assignee'],
  forward: ['toAgency', 'note'],
  dispatch: ['stepAgencies', 'note'],
  complete_step: ['stepNote', 'resultFile', 'stepAgencies'],
  approve: ['note'],
  issue_result: [],
  stop: ['reason'],
  request_payment: ['amountVnd', 'reason'],
  confirm_payment: ['reference'],
  extend: ['reason', 'newDueAt'],
  recall_step: ['reason'],
  return_result: ['collectedBy'],
  withdraw: ['optionalReason'],
};

function useSpecialists(agencyCode: string, enabled: boolean) {
  return useQuery({
    queryKey: ['workspace', 'specialists', agencyCode],
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof SpecialistList>>(`/api/v1/agencies/${encodeURIComponent(agencyCode)}/specialists`, { signal }),
    enabled,
  });
}

/** The fields in the order the dialog shows them (the request_supplement checklist comes before its reason). */
const SHOWN_ORDER: Field[] = ['postalReference', 'collectedBy', 'stepNote', 'resultFile', 'stepAgencies', 'assignee', 'toAgency', 'amountVnd', 'newDueAt', 'reference', 'document', 'reason', 'optionalReason', 'note'];
/** Fields a plain input that can take the first focus (`data-autofocus`); a file picker or a list of its own keeps Mantine's default. */
const AUTOFOCUS: Field[] = ['postalReference', 'collectedBy', 'stepNote', 'assignee', 'amountVnd', 'newDueAt', 'reference', 'reason', 'optionalReason', 'note'];

/**
 * What the keyboard starts on when the dialog opens: its first field, or the confirm button of a
 * dialog without one — not the close button, where the Enter of a quick "open, confirm" closed it.
 */
function firstFocus(action: DossierAction, fields: Field[]): Field | 'submit' | null {
  if (fields.length === 0) return 'submit';
  if (action === 'request_supplement') return null;
  const first = SHOWN_ORDER.find((f) => fields.includes(f));
  return first && AUTOFOCUS.includes(first) ? first : null;
}

/**
 * The problems the dialog can name, in the order it shows its fields: the field each is about,
 * its label, and the server's other names for it (besides `body.<key>` and `<key>`). A paper of
 * "Ghi nhận giấy tờ bổ sung" has its own (`component.<row>`, `file.<row>`, supplement-papers.tsx).
 */
const PROBLEMS: { key: string; field: Field; label: string; server?: string[] }[] = [
  { key: 'postalReference', field: 'postalReference', label: 'workspace.form.postalReference' },
  { key: 'collectedName', field: 'collectedBy', label: 'workspace.form.collectedName', server: ['body.collectedBy.fullName'] },
  { key: 'collectedId', field: 'collectedBy', label: 'workspace.form.collectedId', server: ['body.collectedBy.idNumber'] },
  { key: 'stepNote', field: 'stepNote', label: 'workspace.form.stepNote', server: ['body.note', 'note'] },
  { key: 'file', field: 'resultFile', label: 'workspace.form.resultFile', server: ['body.resultFileId', 'resultFileId'] },
  { key: 'assignee', field: 'assignee', label: 'workspace.form.assignee' },
  { key: 'toAgency', field: 'toAgency', label: 'workspace.form.toAgency' },
  { key: 'amountVnd', field: 'amountVnd', label: 'workspace.form.amountVnd' },
  { key: 'newDueAt', field: 'newDueAt', label: 'workspace.form.newDueAt' },
  { key: 'reference', field: 'reference', label: 'workspace.form.reference' },
  { key: 'reason', field: 'reason', label: 'workspace.form.reason' },
  { key: 'reason', field: 'optionalReason', label: 'workspace.form.reasonOptional' },
  { key: 'note', field: 'note', label: 'workspace.form.note' },
];
const SERVER_NAMES: Record<string, string[] | undefined> = Object.fromEntries(PROBLEMS.map((p) => [p.key, p.server]));
/** The element a problem's link moves the keyboard to (an input's id, or a wrapper around a list or a file button). */
const problemId = (key: string) => `hd-${key.replace('.', '-')}`;

/** The field inside a problem's element: a list before a search box (agencies), a file's button, else the input itself. */
function focusField(id: string) {
  const el = document.getElementById(id);
  const target = el?.matches('input, select, textarea, button') ? el : (el?.querySelector<HTMLElement>('select') ?? el?.querySelector<HTMLElement>('textarea, input:not([type=file]), button'));
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

/** The leader whose approval the clerk issues (named as signer on the result). */
const approvedBy = (d: DossierDetail) => d.history.filter((h) => h.action === 'approve').at(-1)?.by ?? '';

/** A small modal form for one action; validates in the user's language, then shows the server's answer. */
export function ActionForm({ dossier, action, onClose }: { dossier: DossierDetail; action: DossierAction; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const act = useAct(dossier.id);
  // the result goes back the way the applicant chose: at the desk (who collects it), by post, online
  const returnMethod = action === 'return_result' ? (dossier.returnMethod ?? 'tai_quay') : null;
  const fields = returnMethod && returnMethod !== 'tai_quay' ? (returnMethod === 'buu_chinh' ? (['postalReference'] as Field[]) : []) : FIELDS[action];
  // who collects the result: the applicant unless someone else comes (with an authorisation)
  const [values, setValues] = useState<Record<string, string>>(() =>
    fields.includes('collectedBy') ? { collectedName: dossier.applicant.fullName, collectedId: dossier.applicant.idNumber } : ({} as Record<string, string>),
  );
  const [file, setFile] = useState<File | null>(null);
  const [papers, setPapers] = useState<PaperRow[]>(() => initialRows(dossier));
  const [asked, setAsked] = useState<string[]>([]);
  const [stepAgencies, setStepAgencies] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  /** The new due time as typed: the field answers '' while it is not a day and an hour. */
  const [dueText, setDueText] = useState('');
  const summary = useRef<HTMLDivElement>(null);
  const focusSummary = () => requestAnimationFrame(() => summary.current?.focus());
  const specialists = useSpecialists(dossier.currentAgency.code, fields.includes('assignee'));
  const procedure = useProcedure(dossier.procedureCode);
  // a new appointment falls on a working day after the current one (or after today, when overdue)
  const today = localDate(new Date());
  const nextDay = useWorkingDayAfter(fields.includes('newDueAt') ? [dossier.dueDate ?? today, today].sort()[1] : null).data?.date;
  // A field's message (the form's or the server's) goes once the field is edited: it no longer
  // describes what is typed there. Messages of the other fields stay until the next try.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const set = (k: string) => (v: string) => {
    setValues((old) => ({ ...old, [k]: v }));
    setEdited((old) => (old.has(k) ? old : new Set(old).add(k)));
  };
  const serverErrors = fieldErrors(act.error);
  const err = (k: string) => (edited.has(k) ? undefined : (errors[k] ?? [`body.${k}`, k, ...(SERVER_NAMES[k] ?? [])].map((s) => serverErrors[s]).find(Boolean)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const body: Record<string, unknown> = { action };
    // a list (assignee, agency) asks to choose, a text box to fill in
    const need = (k: string, message = 'workspace.form.required') => {
      const v = (values[k] ?? '').trim();
      if (!v) problems[k] = t(message);
      return v;
    };
    if (fields.includes('reason')) body.reason = need('reason');
    if (fields.includes('optionalReason') && values.reason?.trim()) body.reason = values.reason.trim();
    if (fields.includes('assignee')) body.assignee = need('assignee', 'workspace.form.requiredChoice');
    if (fields.includes('toAgency')) body.toAgency = need('toAgency', 'workspace.form.requiredChoice');
    if (fields.includes('note') && values.note?.trim()) body.note = values.note.trim();
    if (fields.includes('stepNote')) body.note = need('stepNote');
    const chosen = Object.entries(stepAgencies).map(([step, agency]) => ({ step: Number(step), agency }));
    if (fields.includes('stepAgencies') && chosen.length > 0) body.agencies = chosen;
    if (fields.includes('resultFile') && file && Object.keys(problems).length === 0) {
      setUploading(true);
      try {
        body.resultFileId = (await uploadFile(file)).fileId;
      } catch (error) {
        problems.file = error instanceof ApiError ? error.message : t('app.loadFailed');
      } finally {
        setUploading(false);
      }
    }
    if (fields.includes('collectedBy')) {
      const fullName = need('collectedName');
      const idNumber = (values.collectedId ?? '').trim();
      if (idNumber && idNumberProblem(normalizeIdNumber(idNumber))) problems.collectedId = t('workspace.form.idInvalid');
      body.collectedBy = { fullName: fullName.normalize('NFC'), ...(idNumber ? { idNumber: normalizeIdNumber(idNumber) } : {}) };
    }
    if (fields.includes('reference')) body.reference = need('reference');
    if (fields.includes('postalReference') && values.postalReference?.trim()) body.postalReference = values.postalReference.trim();
    if (fields.includes('amountVnd')) {
      const raw = need('amountVnd').replace(/[.\s,]/g, '');
      if (raw && !/^\d+$/.test(raw)) problems.amountVnd = t('workspace.form.amountInvalid');
      else if (raw && Number(raw) <= 0) problems.amountVnd = t('workspace.form.amountInvalid');
      else body.amountVnd = Number(raw);
    }
    if (fields.includes('newDueAt')) {
      // a text that is not a day and an hour is said as such, here and beside the field (DayInput)
      const raw = (values.newDueAt ?? '').trim() || dueText.trim() === '' ? need('newDueAt') : '';
      if (!raw && dueText.trim() !== '') problems.newDueAt = t('dayTimeInput.invalid');
      // DayInput answers '' while its text is not a day and an hour (and says so itself)
      const iso = raw ? localInputToIso(raw) : null;
      if (iso && dossier.dueAt && new Date(iso) <= new Date(dossier.dueAt)) problems.newDueAt = t('workspace.form.dueLater');
      body.newDueAt = iso;
    }
    if (fields.includes('document')) {
      // several papers at once: rows with a file are sent, the others stay missing
      const chosen = papers.filter((r) => r.file);
      if (chosen.length === 0) problems[`file.${papers[0]?.key ?? 0}`] = t('workspace.form.fileRequired');
      for (const r of chosen) if (!r.componentCode) problems[`component.${r.key}`] = t('workspace.form.requiredChoice');
      if (Object.keys(problems).length === 0) {
        setUploading(true);
        try {
          const documents = [];
          for (const r of chosen) documents.push({ componentCode: r.componentCode, fileId: (await uploadFile(r.file as File)).fileId });
          body.documents = documents;
        } catch (error) {
          problems[`file.${chosen[0]?.key ?? 0}`] = error instanceof ApiError ? error.message : t('app.loadFailed');
        } finally {
          setUploading(false);
        }
      }
    }
    if (action === 'request_supplement' && asked.length > 0) body.components = asked;
    setErrors(problems);
    setEdited(new Set());
    if (Object.keys(problems).length > 0) return focusSummary();
    // built field by field from the action's form; the server checks it against ActionBody
    act.mutate(body as ActionInput, {
      onSuccess: onClose,
      onError: (error) => {
        if (Object.keys(fieldErrors(error)).length > 0) focusSummary();
      },
    });
  };

  // The summary names each field to fix, its label and message, as a link that moves the keyboard
  // there — as the counter's form does (workspace-reception-page.tsx).
  const rowLabel = (name: string, i: number) => `${t(name)}${papers.length > 1 ? ` (${i + 1})` : ''}`;
  const listed: { key: string; label: string; message: string }[] = [];
  for (const p of PROBLEMS) {
    if (p.field === 'reason' && fields.includes('document')) {
      papers.forEach((row, i) => {
        for (const [kind, label] of [['component', 'workspace.form.component'], ['file', 'workspace.form.file']] as const) {
          const message = errors[`${kind}.${row.key}`];
          if (message) listed.push({ key: `${kind}.${row.key}`, label: rowLabel(label, i), message });
        }
      });
    }
    const message = fields.includes(p.field) ? err(p.key) : undefined;
    if (message) listed.push({ key: p.key, label: t(p.label), message });
  }

  const label = t(`workspace.actions.${action}`);
  const first = firstFocus(action, fields);
  const auto = (f: Field | 'submit') => (first === f ? { 'data-autofocus': true } : {});
  return (
    <Modal opened onClose={onClose} title={label} centered closeButtonProps={{ 'aria-label': t('workspace.form.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div ref={summary} tabIndex={-1}>
            {listed.length > 0 && (
              <Alert color="red" variant="light" role="alert" data-testid="action-problems">
                {t('workspace.reception.fixErrors', { count: listed.length })}
                <List size="sm" mt={4}>
                  {listed.map((p) => (
                    <List.Item key={p.key}>
                      <Anchor
                        href={`#${problemId(p.key)}`}
                        c="red.9"
                        onClick={(e) => {
                          e.preventDefault();
                          focusField(problemId(p.key));
                        }}
                      >
                        {p.label}: {p.message}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </div>
          {(fields.length === 0 || action === 'return_result') && <Text>{t('workspace.form.confirm', { action: label.toLocaleLowerCase('vi') })}</Text>}
          {returnMethod === 'buu_chinh' && (
            <Text size="sm" data-testid="return-by-post">
              {t('workspace.form.returnByPost', { address: dossier.returnAddress ?? '' })}
            </Text>
          )}
          {returnMethod === 'truc_tuyen' && (
            <Text size="sm" data-testid="return-online">
              {t('workspace.form.returnOnline')}
            </Text>
          )}
          {fields.includes('postalReference') && (
            <TextInput
              id={problemId('postalReference')}
              label={t('workspace.form.postalReference')}
              description={t('workspace.form.postalReferenceHint')}
              autoComplete="off"
              maxLength={40}
              {...auto('postalReference')}
              value={values.postalReference ?? ''}
              onChange={(e) => set('postalReference')(e.currentTarget.value)}
              error={err('postalReference')}
            />
          )}
          {action === 'issue_result' && <Text size="sm">{t('workspace.form.issueHint', { leader: approvedBy(dossier) })}</Text>}
          {fields.includes('collectedBy') && (
            <>
              <Text size="sm">{t('workspace.form.collectedHint')}</Text>
              <TextInput
                id={problemId('collectedName')}
                label={t('workspace.form.collectedName')}
                required
                {...auto('collectedBy')}
                autoComplete="off"
                value={values.collectedName ?? ''}
                onChange={(e) => set('collectedName')(e.currentTarget.value)}
                error={err('collectedName')}
              />
              <TextInput
                id={problemId('collectedId')}
                label={t('workspace.form.collectedId')}
                description={t('workspace.form.collectedIdHint')}
                inputMode="numeric"
                autoComplete="off"
                value={values.collectedId ?? ''}
                onChange={(e) => set('collectedId')(e.currentTarget.value)}
                error={err('collectedId')}
              />
            </>
          )}
          {action === 'dispatch' && <Text size="sm">{t('workspace.form.dispatchHint')}</Text>}
          {action === 'recall_step' && <Text size="sm">{t('workspace.form.recallHint')}</Text>}
          {action === 'extend' && <Text size="sm">{t(dossier.timeliness === 'qua_han' ? 'workspace.blocked.extendLateHint' : 'workspace.blocked.extendHint')}</Text>}
          {action === 'complete_step' && <Text size="sm">{t('workspace.form.completeHint')}</Text>}
          {fields.includes('stepNote') && (
            <Textarea
              id={problemId('stepNote')}
              label={t('workspace.form.stepNote')}
              required
              {...auto('stepNote')}
              autosize
              minRows={3}
              value={values.stepNote ?? ''}
              onChange={(e) => set('stepNote')(e.currentTarget.value)}
              error={err('stepNote')}
            />
          )}
          {fields.includes('resultFile') && (
            <div id={problemId('file')}>
            <FilePicker
              label={t('workspace.form.resultFile')}
              accept={DESK_ACCEPT}
              hint={t('workspace.form.fileHint', { max: MAX_UPLOAD_MB })}
              chosen={file}
              onChange={(f) => {
                setFile(f);
                setEdited((old) => new Set(old).add('file'));
              }}
              error={err('file')}
            />
            </div>
          )}
          {fields.includes('stepAgencies') && (
            <StepAgencyFields
              dossierId={dossier.id}
              value={stepAgencies}
              onChange={(step, agency) => setStepAgencies((old) => ({ ...old, [step]: agency }))}
              error={serverErrors['body.agencies'] ?? serverErrors.agencies}
            />
          )}
          {fields.includes('assignee') && (
            <NativeSelect
              id={problemId('assignee')}
              label={t('workspace.form.assignee')}
              required
              {...auto('assignee')}
              value={values.assignee ?? ''}
              onChange={(e) => set('assignee')(e.currentTarget.value)}
              error={err('assignee')}
              data={[
                { value: '', label: specialists.isPending ? t('app.loading') : t('workspace.form.choose') },
                ...(specialists.data?.items ?? []).map((s) => ({ value: s.username, label: `${s.fullName} (${s.username})` })),
              ]}
            />
          )}
          {fields.includes('toAgency') && (
            <div id={problemId('toAgency')}>
              <ForwardAgencyField dossier={dossier} value={values.toAgency ?? ''} onChange={set('toAgency')} error={err('toAgency')} />
            </div>
          )}
          {fields.includes('amountVnd') && (
            <TextInput
              id={problemId('amountVnd')}
              label={t('workspace.form.amountVnd')}
              inputMode="numeric"
              required
              {...auto('amountVnd')}
              value={values.amountVnd ?? ''}
              onChange={(e) => set('amountVnd')(e.currentTarget.value)}
              error={err('amountVnd')}
            />
          )}
          {fields.includes('newDueAt') && (
            <DayInput
              time
              w="100%"
              id={problemId('newDueAt')}
              onInput={(e) => setDueText(e.currentTarget.value)}
              label={t('workspace.form.newDueAt')}
              {...auto('newDueAt')}
              description={nextDay ? t('workspace.form.newDueAtNext', { day: longDate(nextDay, i18n.language) }) : t('workspace.form.newDueAtHint')}
              required
              value={values.newDueAt ?? ''}
              onChange={set('newDueAt')}
              error={err('newDueAt')}
            />
          )}
          {fields.includes('reference') && (
            <TextInput
              id={problemId('reference')}
              label={t('workspace.form.reference')}
              required
              {...auto('reference')}
              value={values.reference ?? ''}
              onChange={(e) => set('reference')(e.currentTarget.value)}
              error={err('reference')}
            />
          )}
          {fields.includes('document') && (
            <SupplementPapers rows={papers} onChange={setPapers} components={procedure.data?.components ?? []} errors={errors} />
          )}
          {action === 'request_supplement' && <SupplementComponents value={asked} onChange={setAsked} components={procedure.data?.components ?? []} />}
          {(fields.includes('reason') || fields.includes('optionalReason')) && (
            <Textarea
              id={problemId('reason')}
              label={t(fields.includes('reason') ? 'workspace.form.reason' : 'workspace.form.reasonOptional')}
              required={fields.includes('reason')}
              {...auto(fields.includes('reason') ? 'reason' : 'optionalReason')}
              autosize
              minRows={3}
              value={values.reason ?? ''}
              onChange={(e) => set('reason')(e.currentTarget.value)}
              error={err('reason')}
            />
          )}
          {fields.includes('note') && (
            <Textarea
              id={problemId('note')}
              label={t('workspace.form.note')}
              {...auto('note')}
              autosize
              minRows={2}
              value={values.note ?? ''}
              onChange={(e) => set('note')(e.currentTarget.value)}
              error={err('note')}
            />
          )}
          {act.isError && listed.length === 0 && (
            <Alert color="red" variant="light" role="alert">
              {act.error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} type="button">
              {t('workspace.form.cancel')}
            </Button>
            <Button type="submit" loading={act.isPending || uploading} {...auto('submit')}>
              {label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
