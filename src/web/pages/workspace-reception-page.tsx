import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/Checkbox.css';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, type KeyboardEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { HandOverPreview } from '../modules/workspace/hand-over-preview.tsx';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ProcedureDetail, useDeadlinePreview, useProcedureSearch } from '../modules/catalog/catalog.api.ts';
import { money } from '../modules/catalog/catalog.format.ts';
import { type FieldValues, validateFields, fieldsToSend, activeFields } from '../modules/dossiers/form-schema.ts';
import { fieldId, SchemaForm } from '../modules/dossiers/schema-form.tsx';
import { joinAddress } from '#modules/places/join-address.ts';
import { useCommunes, useProvinces } from '../modules/places/places.api.ts';
import { type IdCardQr, looksLikeQr, parseIdCardQr, placeCardAddress } from '../modules/workspace/id-card-qr.ts';
import { useOfficer } from '../modules/workspace/use-officer.ts';
import { useSupplementAtCounter } from '../modules/workspace/supplement-at-counter.ts';
import {
  type DossierDetail,
  dossierPdf,
  fieldErrors,
  lookUpApplicant,
  type ReturnMethod,
  type SubmitBody,
  DESK_ACCEPT,
  uploadFile,
  useCounterFee,
  useProcedureDetail,
  useReceiveAtCounter,
} from '../modules/workspace/workspace.api.ts';
import { agenciesWith, dateTime } from '../modules/workspace/workspace.format.ts';
import { counterApplicantProblems, counterIdNumber, counterPhone } from '../modules/workspace/counter-applicant.ts';
import { APPLICANT_LIMITS } from '../../modules/dossiers/applicant-rules.ts';
import { WorkspaceGate, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import '../modules/workspace/workspace.css';
import { ApiError } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { forgetTabState, useTabState } from '../ui/use-tab-state.ts';
import { Section } from '../ui/section.tsx';
import { wrappingButton } from '../ui/whole-labels.ts';
import { FilePicker } from '../ui/file-picker.tsx';
import { MAX_UPLOAD_MB } from '../modules/dossiers/dossiers.api.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A procedure code as published (1.001193, 1.000948.H38…): typed whole, it picks the procedure at once. */
const PROCEDURE_CODE = /^\d\.\d{6}(\.[0-9A-Za-z.]+)?$/;
const RETURN_METHODS: ReturnMethod[] = ['tai_quay', 'buu_chinh', 'truc_tuyen'];

/** /can-bo/tiep-nhan — tiếp nhận hồ sơ trực tiếp tại Bộ phận Một cửa. */
export default function WorkspaceReceptionPage() {
  const { t } = useTranslation();
  usePageTitle(t('workspace.reception.title'));
  const [received, setReceived] = useState<DossierDetail | null>(null);
  const [round, setRound] = useState(0);
  /** "Tiếp nhận hồ sơ khác" keeps the procedure just received: the next applicant in line often wants the same. */
  const [lastProcedure, setLastProcedure] = useState('');
  const { user } = useOfficer();
  return (
    <WorkspaceGate title={t('workspace.reception.title')}>
      <Stack gap="md">
        <WorkspaceNav />
        <Title order={1}>{t('workspace.reception.title')}</Title>
        {received ? (
          <Receipt
            d={received}
            onNext={() => {
              setReceived(null);
              setRound((r) => r + 1);
            }}
          />
        ) : (
          <ReceptionForm
            key={round}
            kept={draftKey(user?.id ?? '')}
            initialProcedure={lastProcedure}
            onReceived={(d) => {
              setLastProcedure(d.procedureCode);
              setReceived(d);
            }}
            onDiscard={() => setRound((r) => r + 1)}
          />
        )}
      </Stack>
    </WorkspaceGate>
  );
}

/** Prints a PDF of this origin without leaving the page (a hidden frame, then the browser's print dialog). */
function printPdf(url: string) {
  document.getElementById('in-mau')?.remove();
  const frame = document.createElement('iframe');
  frame.id = 'in-mau';
  frame.title = 'Mẫu 01';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
  const back = document.activeElement as HTMLElement | null;
  frame.onload = () => {
    try {
      frame.contentWindow?.print();
    } catch {
      window.open(url, '_blank', 'noopener');
    }
    // The keyboard stays on the page (Alt+N for the next applicant), not in the printed frame.
    back?.focus();
  };
  frame.src = url;
  document.body.appendChild(frame);
}

/** What the counter issued: Mẫu 01 for a received dossier, Mẫu 02 when it waits for a supplement. */
function Receipt({ d, onNext }: { d: DossierDetail; onNext: () => void }) {
  const { t, i18n } = useTranslation();
  const print = useRef<HTMLButtonElement>(null);
  // The next key the officer presses prints the form the applicant takes away.
  useEffect(() => print.current?.focus(), []);
  const supplement = d.status === 'AWAITING_SUPPLEMENT';
  const pdf = dossierPdf(d.id, supplement ? 'supplement-notice' : 'receipt');
  return (
    <Alert color={supplement ? 'yellow' : 'green'} variant="light" p="lg">
      <Stack gap="sm" role="status">
        <Title order={2} size="h3">
          {t(supplement ? 'workspace.reception.supplementDone' : 'workspace.reception.done')}
        </Title>
        {supplement ? (
          <>
            <Text>
              {t('workspace.reception.applicantName')}: <strong data-testid="supplement-applicant">{d.applicant.fullName}</strong>
            </Text>
            <Text>{t('workspace.reception.supplementStatus')}</Text>
          </>
        ) : (
          <>
            <Text>
              {t('workspace.reception.code')}: <strong data-testid="received-code">{d.code}</strong>
            </Text>
            <Text>
              {t('workspace.reception.appointment')}: <strong data-testid="received-due">{dateTime(d.dueAt, i18n.language)}</strong>
            </Text>
          </>
        )}
        <Group gap="sm" wrap="wrap">
          <Button ref={print} onClick={() => printPdf(pdf)} data-testid="print-form">
            {t(supplement ? 'workspace.reception.printSupplementNow' : 'workspace.reception.printReceiptNow')}
          </Button>
          <Button component="a" href={pdf} target="_blank" rel="noopener" variant="outline" color="blue.9" bg="white">
            {t(supplement ? 'workspace.reception.printSupplement' : 'workspace.reception.printReceipt')}
          </Button>
          <Button component={Link} to={`/can-bo/ho-so/${d.id}`} variant="outline" color="blue.9" bg="white">
            {t('workspace.reception.openDossier')}
          </Button>
          <Button variant="default" onClick={onNext} data-shortcut="new-reception" aria-keyshortcuts="Alt+N">
            {t('workspace.reception.next')}
          </Button>
        </Group>
        <Text size="sm" c="gray.8">
          {t(supplement ? 'workspace.reception.printSupplementHint' : 'workspace.reception.printHint')}
        </Text>
      </Stack>
    </Alert>
  );
}

type Upload = { state: 'uploading'; name: string } | { state: 'done'; name: string; size: number; fileId: string } | { state: 'error'; message: string };
/** A component as the desk received it: ticked as paper (originals, copies), and/or a scan. */
interface PaperState {
  paper: boolean;
  originals: string;
  copies: string;
}

/** The two counts of a paper the desk received, each a small input in the paper's row. */
const PAPER_COUNTS = ['originals', 'copies'] as const;
/** The label of each field the counter checks itself (the summary names it). */
const PROBLEM_LABELS: Record<string, string> = {
  procedure: 'workspace.reception.procedure',
  fullName: 'workspace.reception.fullName',
  idNumber: 'workspace.reception.idNumber',
  phone: 'workspace.reception.phone',
  email: 'workspace.reception.email',
  communeCode: 'workspace.reception.commune',
  detail: 'workspace.reception.addressDetail',
  returnAddress: 'workspace.reception.returnAddress',
  pages: 'workspace.reception.pages',
  copies: 'workspace.reception.feeCopies',
  reason: 'workspace.reception.supplementReason',
};

/**
 * Where the form being filled is kept for this tab (sessionStorage, per officer): a link followed
 * mid-form (the queues, a dossier to look at) and the way back give it again, as the officer
 * left it. Forgotten once the dossier is received or Mẫu 02 issued, or on "Bỏ, nhập hồ sơ mới".
 */
const draftKey = (userId: string) => `motcua.reception.${userId}.`;

const emptyApplicant = { fullName: '', idNumber: '', phone: '', email: '', communeCode: '', detail: '' };
type ApplicantDraft = typeof emptyApplicant;

function ReceptionForm({
  kept,
  initialProcedure,
  onReceived,
  onDiscard,
}: {
  /** The prefix of this form's values kept for the tab (draftKey). */
  kept: string;
  initialProcedure: string;
  onReceived: (d: DossierDetail) => void;
  onDiscard: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { user, grants } = useOfficer();
  const deskAgencies = agenciesWith(grants, 'desk_officer');
  const [agency, setAgency] = useTabState(`${kept}agency`, deskAgencies[0] ?? '');
  const agencyInfo = user?.agencies.find((a) => a.code === agency);
  const province = grants.find((g) => g.agencyCode === agency)?.provinceCode ?? '';
  const communes = useCommunes(province);

  const [draft, setDraft] = useTabState(`${kept}search`, initialProcedure);
  const [q, setQ] = useTabState(`${kept}q`, '');
  const search = useProcedureSearch(q, 1);
  const [code, setCode] = useTabState(`${kept}procedure`, initialProcedure);
  /** The procedure whose checklist the papers below are: another procedure starts them afresh, the same one (the form given back) keeps them. */
  const [checklistOf, setChecklistOf] = useTabState(`${kept}checklistOf`, '');
  const procedure = useProcedureDetail(code);
  const schema = procedure.data?.formSchema ?? null;
  const appointment = useDeadlinePreview(code, code !== '' && !!procedure.data);

  const [fields, setFields] = useTabState<FieldValues>(`${kept}fields`, {});
  const [applicant, setApplicant] = useTabState<ApplicantDraft>(`${kept}applicant`, emptyApplicant);
  useEffect(() => {
    if (agencyInfo && !applicant.communeCode) setApplicant((a) => ({ ...a, communeCode: agencyInfo.adminUnitCode }));
  }, [agencyInfo, applicant.communeCode, setApplicant]);
  const [qr, setQr] = useState('');
  const [card, setCard] = useTabState<IdCardQr | null>(`${kept}card`, null);
  const [returning, setReturning] = useTabState<'found' | 'new' | null>(`${kept}returning`, null);
  const [paper, setPaper] = useTabState<Record<string, PaperState>>(`${kept}paper`, {});
  // a scan still uploading when the page was left never finished: only the stored ones come back
  const [uploads, setUploads] = useTabState<Record<string, Upload>>(`${kept}uploads`, {});
  useEffect(() => setUploads((u) => (Object.values(u).every((x) => x.state === 'done') ? u : Object.fromEntries(Object.entries(u).filter(([, x]) => x.state === 'done')))), [setUploads]);
  const [channel, setChannel] = useTabState<'direct' | 'postal'>(`${kept}channel`, 'direct');
  const [returnMethod, setReturnMethod] = useTabState<ReturnMethod>(`${kept}returnMethod`, 'tai_quay');
  const [returnAddress, setReturnAddress] = useTabState(`${kept}returnAddress`, '');
  const provinces = useProvinces();
  /** By post: the address box starts from the applicant's full address (the API's default), to edit. */
  const chooseReturnMethod = (method: ReturnMethod) => {
    setReturnMethod(method);
    if (method !== 'buu_chinh' || returnAddress.trim() || !applicant.detail.trim()) return;
    const commune = communes.data?.items.find((c) => c.code === applicant.communeCode)?.name;
    const provinceName = provinces.data?.items.find((p) => p.code === province)?.name;
    setReturnAddress(joinAddress(applicant.detail.trim(), commune, provinceName));
  };
  const [pages, setPages] = useTabState(`${kept}pages`, '1');
  const [copies, setCopies] = useTabState(`${kept}copies`, '1');
  const perPage = (procedure.data?.fees ?? []).some((f) => f.type === 'per_page');
  const count = (v: string) => (/^\d{1,5}$/.test(v.trim()) && Number(v) >= 1 ? Number(v) : undefined);
  const fee = useCounterFee(procedure.data ? code : '', channel, perPage ? count(pages) : undefined, perPage ? count(copies) : undefined);

  const [errors, setErrors] = useState<Record<string, string>>({});
  // the Idempotency-Key goes with the form kept: a reception whose answer was lost is not made twice
  const [formId] = useTabState(`${kept}formId`, () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  const receive = useReceiveAtCounter(formId);
  const supplement = useSupplementAtCounter(formId);
  const failed = receive.error ?? supplement.error;
  const summary = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const qrBox = useRef<HTMLInputElement>(null);
  const phoneBox = useRef<HTMLInputElement>(null);
  const allPaper = useRef<HTMLButtonElement>(null);
  const supplementButton = useRef<HTMLButtonElement>(null);
  /** Once the chosen procedure's checklist is on screen, the next key ticks every required paper. */
  const focusChecklist = useRef(initialProcedure !== '');
  const [offerSupplement, setOfferSupplement] = useTabState(`${kept}offerSupplement`, false);
  const [reason, setReason] = useTabState<string | null>(`${kept}reason`, null);

  // Alt+N or a new round: the procedure picker first (a kept procedure: its checklist, below).
  const ready = deskAgencies.length > 0;
  const focusedOnce = useRef(false);
  const restoredAtStart = useRef<boolean | null>(null);
  useEffect(() => {
    if (!ready || focusedOnce.current) return;
    focusedOnce.current = true;
    // After the layout's own focus on the new page (WCAG 2.4.3): the officer came here to pick a
    // procedure — unless the form came back half filled (the notice at the top says so).
    if (!initialProcedure && !restoredAtStart.current) requestAnimationFrame(() => searchBox.current?.focus());
  }, [ready, initialProcedure]);

  // The checklist follows the chosen procedure: nothing ticked, the published originals / copies proposed.
  useEffect(() => {
    const p = procedure.data;
    if (!p || p.code === checklistOf) return;
    setChecklistOf(p.code);
    setPaper(Object.fromEntries(p.components.map((c) => [c.code, { paper: false, originals: String(c.original || 1), copies: String(c.copy || 0) }])));
    setUploads({});
    setFields({});
    if (focusChecklist.current) {
      focusChecklist.current = false;
      requestAnimationFrame(() => (allPaper.current ?? qrBox.current)?.focus());
    }
  }, [procedure.data, checklistOf, setChecklistOf, setPaper, setUploads, setFields]);

  // The form is kept for the tab (a link followed, a reload); a closed tab would lose what the
  // officer typed and ticked: the browser asks first.
  const typed =
    [applicant.fullName, applicant.idNumber, applicant.phone, applicant.email, applicant.detail].some((v) => v.trim() !== '') ||
    Object.values(fields).some((v) => v !== '' && v !== false) ||
    Object.values(paper).some((p) => p.paper) ||
    Object.keys(uploads).length > 0;
  /** The form came back as the officer left it (draftKey): said at the top, with a way to start afresh. */
  const [restored] = useState(typed);
  restoredAtStart.current ??= typed;
  useEffect(() => {
    if (!typed) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [typed]);

  if (deskAgencies.length === 0) return <Alert color="blue">{t('workspace.reception.deskOnly')}</Alert>;

  const clearError = (...keys: string[]) =>
    setErrors((e) => {
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  /** A field kept in a state of its own: its value, its error, and an edit that clears the error. */
  const own = (key: string, value: string, set: (value: string) => void) => ({
    value,
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      set(e.currentTarget.value);
      clearError(key);
    },
  });

  const pick = (next: string) => {
    if (next === code && procedure.data) {
      requestAnimationFrame(() => (allPaper.current ?? qrBox.current)?.focus());
    } else {
      focusChecklist.current = true;
      setCode(next);
    }
    setOfferSupplement(false);
    clearError('procedure');
  };

  /** "Đã nhận đủ bản giấy": every required component ticked as paper, then on to the ID card. */
  const tickRequiredPaper = () => {
    setPaper((all) => {
      const next = { ...all };
      for (const c of componentsOf(procedure.data)) if (c.required) next[c.code] = { ...next[c.code], paper: true };
      return next;
    });
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('component.'))));
    qrBox.current?.focus();
  };

  /** After the card: the first thing still to type (the phone of a first-time applicant, else the declaration). */
  const focusNextEmpty = (phoneKnown: boolean) =>
    requestAnimationFrame(() => {
      if (!phoneKnown) return phoneBox.current?.focus();
      const first = activeFields(schema, fields).visible[0];
      const el = first ? document.getElementById(fieldId(first.name)) : null;
      const target = el?.matches('input, select, textarea') ? el : el?.querySelector<HTMLElement>('input, select, textarea');
      (target ?? document.querySelector<HTMLButtonElement>('#nop-nhan input'))?.focus();
    });

  const searchProcedure = (e: FormEvent) => {
    e.preventDefault();
    const typed = draft.trim();
    if (PROCEDURE_CODE.test(typed)) pick(typed);
    setQ(typed);
  };

  const upload = async (componentCode: string, file: File) => {
    clearError(`component.${componentCode}`);
    setUploads((u) => ({ ...u, [componentCode]: { state: 'uploading', name: file.name } }));
    try {
      const stored = await uploadFile(file);
      setUploads((u) => ({ ...u, [componentCode]: { state: 'done', name: file.name, size: stored.size, fileId: stored.fileId } }));
    } catch (error) {
      setUploads((u) => ({ ...u, [componentCode]: { state: 'error', message: error instanceof ApiError ? error.message : String(error) } }));
    }
  };

  /** The card read: name, number and address from the code; phone, e-mail and address as this desk last recorded them. */
  const readCard = async (text: string) => {
    const parsed = parseIdCardQr(text);
    if (!parsed) {
      setErrors((e) => ({ ...e, qr: t('workspace.reception.qrInvalid') }));
      return;
    }
    clearError('qr', 'fullName', 'idNumber', 'detail');
    setCard(parsed);
    setQr('');
    // the card's address ends with its ward and city: the ward goes to its list, the rest to the street field
    const placed = placeCardAddress(parsed.address, communes.data?.items ?? [], provinces.data?.items.find((p) => p.code === province)?.name);
    if (placed) clearError('communeCode');
    setApplicant((a) => ({ ...a, fullName: parsed.fullName, idNumber: parsed.idNumber, ...(placed ?? { detail: parsed.address || a.detail }) }));
    try {
      const found = await lookUpApplicant(parsed.idNumber, agency);
      if (found.applicant) {
        const before = found.applicant;
        setApplicant((a) => ({
          ...a,
          phone: before.phone,
          email: before.email ?? '',
          communeCode: before.address.communeCode,
          detail: before.address.detail,
        }));
        clearError('phone', 'communeCode');
        setReturning('found');
        focusNextEmpty(true);
      } else {
        setReturning('new');
        focusNextEmpty(false);
      }
    } catch {
      setReturning(null);
      focusNextEmpty(false);
    }
  };

  const onQrKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void readCard(e.currentTarget.value);
  };

  const componentsOf = (p: ProcedureDetail | undefined) => p?.components ?? [];
  const has = (c: string) => paper[c]?.paper || uploads[c]?.state === 'done';
  const missing = componentsOf(procedure.data).filter((c) => c.required && !has(c.code));
  /** The notice is a Vietnamese document: its prefilled reason is Vietnamese whatever the screen's language. */
  const defaultReason = i18n.getFixedT('vi')('workspace.reception.supplementReasonPrefix', { names: missing.map((c) => c.name).join('; ') });
  const reasonText = reason ?? defaultReason;

  /** Every check the browser can make before sending: the server's own rules (formSchema, patterns). */
  const problemsOf = (withComponents: boolean) => {
    const problems: Record<string, string> = {};
    if (!procedure.data) problems.procedure = t('workspace.reception.pickProcedure');
    for (const [name, problem] of Object.entries(validateFields(schema, fields))) {
      problems[fieldId(name)] = t(`citizen.validation.${problem.key}`, problem.params);
    }
    if (!applicant.fullName.trim()) problems.fullName = t('workspace.form.required');
    // the server's rules: a 12-digit personal number or an organisation's 10/13-digit tax code
    const numbers = counterApplicantProblems(applicant);
    if (numbers.idNumber) problems.idNumber = t(numbers.idNumber);
    if (numbers.phone) problems.phone = t(numbers.phone);
    if (applicant.email.trim() && !EMAIL.test(applicant.email.trim())) problems.email = t('citizen.validation.email');
    if (!applicant.communeCode) problems.communeCode = t('workspace.form.requiredChoice');
    if (!applicant.detail.trim()) problems.detail = t('workspace.form.required');
    for (const c of componentsOf(procedure.data)) {
      const p = paper[c.code];
      if (!p?.paper) continue;
      const o = Number(p.originals);
      const k = Number(p.copies);
      if (!/^\d{1,2}$/.test(p.originals.trim()) || !/^\d{1,2}$/.test(p.copies.trim())) problems[`component.${c.code}`] = t('workspace.reception.countInvalid');
      else if (o + k === 0) problems[`component.${c.code}`] = t('workspace.reception.countZero');
    }
    if (withComponents) {
      for (const c of missing) problems[`component.${c.code}`] = t('workspace.reception.componentMissing');
    }
    if (perPage && !count(pages)) problems.pages = t('workspace.reception.countPositive');
    if (perPage && !count(copies)) problems.copies = t('workspace.reception.countPositive');
    if (returnMethod === 'buu_chinh' && !returnAddress.trim()) problems.returnAddress = t('workspace.form.required');
    return problems;
  };

  const bodyFor = (p: ProcedureDetail): SubmitBody => ({
    procedureCode: p.code,
    receivingAgency: agency,
    channel,
    applicant: {
      fullName: applicant.fullName.trim().normalize('NFC'),
      idNumber: counterIdNumber(applicant.idNumber),
      phone: counterPhone(applicant.phone),
      email: applicant.email.trim() || undefined,
      address: { communeCode: applicant.communeCode, detail: applicant.detail.trim().normalize('NFC') },
    },
    fields: fieldsToSend(schema, fields),
    documents: Object.entries(uploads).flatMap(([componentCode, u]) => (u.state === 'done' ? [{ componentCode, fileId: u.fileId }] : [])),
    intake: {
      paper: p.components.flatMap((c) =>
        paper[c.code]?.paper ? [{ componentCode: c.code, originals: Number(paper[c.code].originals), copies: Number(paper[c.code].copies) }] : [],
      ),
      ...(perPage ? { pages: count(pages), copies: count(copies) } : {}),
      returnMethod,
      ...(returnMethod === 'buu_chinh' ? { returnAddress: returnAddress.trim().normalize('NFC') } : {}),
    },
  });

  const focusSummary = () => requestAnimationFrame(() => summary.current?.focus());
  /** Received (or Mẫu 02 issued): the kept form is done with. */
  const received = (d: DossierDetail) => {
    forgetTabState(kept);
    onReceived(d);
  };

  const requestSupplement = () => {
    const p = procedure.data;
    const problems = problemsOf(false);
    if (!reasonText.trim()) problems.reason = t('workspace.reception.supplementReasonRequired');
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !p || missing.length === 0) return focusSummary();
    supplement.mutate(
      { body: bodyFor(p), reason: reasonText.trim().normalize('NFC'), components: missing.map((c) => c.code) },
      { onSuccess: received, onError: focusSummary },
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = procedure.data;
    const problems = problemsOf(true);
    setErrors(problems);
    if (missing.length > 0) setOfferSupplement(true);
    // Only papers missing: the keyboard goes to the offer of Mẫu 02 below the form, not back to the top.
    if (missing.length > 0 && Object.keys(problems).every((k) => k.startsWith('component.'))) {
      return requestAnimationFrame(() => supplementButton.current?.focus());
    }
    if (Object.keys(problems).length > 0 || !p) return focusSummary();
    receive.mutate(bodyFor(p), { onSuccess: received, onError: focusSummary });
  };

  // The server's refusal beside the same fields, in the form's words (never the validator's).
  const server = fieldErrors(failed);
  const visibleFields = activeFields(schema, fields).visible;
  // the sections are numbered as shown: no declaration, no section 4
  const hasDeclaration = !!code && !!schema && visibleFields.length > 0;
  const fieldErrorsShown: Record<string, string | undefined> = {};
  for (const f of visibleFields) {
    fieldErrorsShown[f.name] = errors[fieldId(f.name)] ?? server[`fields.${f.name}`] ?? server[`body.fields.${f.name}`];
  }
  const err = (k: string) => errors[k] ?? server[`body.applicant.${k}`] ?? server[`applicant.${k}`] ?? server[`body.applicant.address.${k}`] ?? server[`applicant.address.${k}`];
  const placedOnForm = (field: string) => {
    const path = field.replace(/^body\./, '');
    return path.startsWith('fields.') || path.startsWith('applicant.');
  };
  const unplaced = Object.entries(server).filter(([field]) => !placedOnForm(field));
  const problemCount = Object.keys(errors).length + (Object.keys(errors).length === 0 ? Object.keys(server).length - unplaced.length : 0);
  // The summary lists each field to fix, its label and message, as a link that moves the focus there.
  const applicantPath = (path: string) => /^applicant\.(?:address\.)?(\w+)$/.exec(path)?.[1];
  const listed: [string, string][] =
    Object.keys(errors).length > 0
      ? Object.entries(errors)
      : Object.entries(server)
          .filter(([field]) => placedOnForm(field))
          .map(([field, message]) => {
            const path = field.replace(/^body\./, '');
            return [path.startsWith('fields.') ? fieldId(path.slice(7)) : (applicantPath(path) ?? path), message];
          });
  const problemTarget = (key: string): { id: string; label: string } => {
    if (key.startsWith('component.')) {
      const c = procedure.data?.components.find((x) => x.code === key.slice(10));
      return { id: `tp-${key.slice(10)}-giay`, label: c?.name ?? key.slice(10) };
    }
    const field = visibleFields.find((f) => fieldId(f.name) === key);
    if (field) return { id: key, label: field.title };
    return { id: `tn-${key}`, label: t(PROBLEM_LABELS[key] ?? 'workspace.reception.applicant') };
  };
  const focusProblem = (id: string) => (e: { preventDefault: () => void }) => {
    e.preventDefault();
    const el = document.getElementById(id);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  };

  const setA = (k: keyof ApplicantDraft) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setApplicant((a) => ({ ...a, [k]: value }));
    clearError(k);
  };

  return (
    <Stack gap="md">
      {restored && (
        <Alert color="blue" variant="light" data-testid="draft-restored">
          <Group gap="sm" justify="space-between" wrap="wrap">
            <Text size="sm">{t('workspace.reception.draftRestored')}</Text>
            <Button
              size="xs"
              variant="outline"
              color="blue.9"
              bg="white"
              onClick={() => {
                forgetTabState(kept);
                onDiscard();
              }}
            >
              {t('workspace.reception.draftDiscard')}
            </Button>
          </Group>
        </Alert>
      )}
      <div ref={summary} tabIndex={-1}>
        {problemCount > 0 && (
          <Alert color="red" variant="light" role="alert">
            {t('workspace.reception.fixErrors', { count: problemCount })}
            {listed.length > 0 && (
              <List size="sm" mt={4} data-testid="problem-list">
                {listed.map(([key, message]) => {
                  const target = problemTarget(key);
                  return (
                    <List.Item key={key}>
                      <Anchor href={`#${target.id}`} c="red.9" onClick={focusProblem(target.id)}>
                        {target.label}: {message}
                      </Anchor>
                    </List.Item>
                  );
                })}
              </List>
            )}
          </Alert>
        )}
        {failed && (
          <Alert color="red" variant="light" role="alert" mt="xs">
            {failed instanceof ApiError && failed.status === 0 ? t('citizen.submit.networkError') : failed.message}
            {unplaced.length > 0 && (
              <List size="sm" mt={4}>
                {unplaced.map(([field, message]) => (
                  <List.Item key={field}>{message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </div>

      <Section id="chon-thu-tuc" title={t('workspace.reception.procedure')}>
        {deskAgencies.length > 1 ? (
          <NativeSelect
            label={t('workspace.reception.agency')}
            value={agency}
            onChange={(e) => setAgency(e.currentTarget.value)}
            data={deskAgencies.map((c) => ({ value: c, label: user?.agencies.find((a) => a.code === c)?.name ?? c }))}
            mb="sm"
          />
        ) : (
          <Text mb="sm">
            {t('workspace.reception.agency')}: <strong>{agencyInfo?.name ?? agency}</strong>
          </Text>
        )}
        <form onSubmit={searchProcedure}>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              ref={searchBox}
              id="tn-procedure"
              type="search"
              label={t('workspace.reception.searchProcedure')}
              description={t('workspace.reception.searchProcedureHint')}
              placeholder={t('home.searchPlaceholder')}
              data-shortcut="search"
              aria-keyshortcuts="/ Alt+N"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              error={errors.procedure}
              style={{ flex: 1 }}
            />
            <Button type="submit">{t('workspace.queues.search')}</Button>
          </Group>
        </form>
        {procedure.data && (
          <Text mt="sm" data-testid="chosen-procedure">
            {t('workspace.reception.chosen')}: <strong>{procedure.data.code} — {procedure.data.name}</strong>
          </Text>
        )}
        {code && procedure.isError && <LoadError message={t('procedure.notFound', { code })} />}
        {q && search.isPending && <Loading />}
        {q && search.data && (
          <Stack gap={4} mt="sm" component="ul" style={{ listStyle: 'none', padding: 0 }} aria-label={t('workspace.reception.results')}>
            {search.data.items.length === 0 && <Text>{t('home.empty', { q })}</Text>}
            {search.data.items.map((p) => (
              <li key={p.code}>
                <Button
                  variant={p.code === code ? 'filled' : 'subtle'}
                  justify="flex-start"
                  fullWidth
                  styles={wrappingButton()}
                  aria-pressed={p.code === code}
                  onClick={() => pick(p.code)}
                >
                  {p.code} — {p.name}
                </Button>
              </li>
            ))}
          </Stack>
        )}
      </Section>

      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Section id="thanh-phan-ho-so" title={t('workspace.reception.components')}>
            {!code ? (
              <Text size="sm">{t('workspace.reception.componentsAfterPick')}</Text>
            ) : procedure.isPending ? (
                <Loading />
              ) : procedure.isError ? (
                <LoadError onRetry={() => procedure.refetch()} />
              ) : (
                <Components
                  p={procedure.data}
                  allPaperRef={allPaper}
                  onAllPaper={tickRequiredPaper}
                  paper={paper}
                  uploads={uploads}
                  errors={errors}
                  onPaper={(c, patch) => {
                    setPaper((all) => ({ ...all, [c]: { ...all[c], ...patch } }));
                    clearError(`component.${c}`);
                  }}
                  onFile={upload}
                />
              )}
            </Section>

          <Section id="nguoi-nop" title={t('workspace.reception.applicant')}>
            <Stack gap="sm">
              <TextInput
                ref={qrBox}
                id="quet-cccd"
                label={t('workspace.reception.qr')}
                description={t('workspace.reception.qrHint')}
                onKeyDown={onQrKey}
                onBlur={(e) => {
                  if (looksLikeQr(e.currentTarget.value)) void readCard(e.currentTarget.value);
                }}
                {...own('qr', qr, setQr)}
                autoComplete="off"
              />
              <div aria-live="polite">
                {card && (
                  <Text size="sm" data-testid="card-read">
                    {t('workspace.reception.cardRead', {
                      name: card.fullName,
                      birth: card.birthDate.split('-').reverse().join('/'),
                      sex: card.sex ? t(`citizen.enumValues.${card.sex}`, { defaultValue: card.sex }) : '—',
                    })}{' '}
                    {returning === 'found' && t('workspace.reception.returning')}
                    {returning === 'new' && t('workspace.reception.firstTime')}
                  </Text>
                )}
              </div>
              <TextInput id="tn-fullName" label={t('workspace.reception.fullName')} required maxLength={APPLICANT_LIMITS.fullName} value={applicant.fullName} onChange={setA('fullName')} error={err('fullName')} autoComplete="off" />
              <TextInput
                id="tn-idNumber"
                label={t('workspace.reception.idNumber')}
                description={t('workspace.reception.idNumberHint')}
                required
                inputMode="numeric"
                maxLength={12}
                value={applicant.idNumber}
                onChange={setA('idNumber')}
                error={err('idNumber')}
                autoComplete="off"
              />
              <TextInput ref={phoneBox} id="tn-phone" label={t('workspace.reception.phone')} required inputMode="tel" value={applicant.phone} onChange={setA('phone')} error={err('phone')} autoComplete="off" />
              <TextInput id="tn-email" label={t('workspace.reception.email')} type="email" maxLength={APPLICANT_LIMITS.email} value={applicant.email} onChange={setA('email')} error={err('email')} autoComplete="off" />
              <NativeSelect
                id="tn-communeCode"
                label={t('workspace.reception.commune')}
                required
                value={applicant.communeCode}
                onChange={setA('communeCode')}
                error={err('communeCode')}
                data={[
                  { value: '', label: communes.isPending ? t('app.loading') : t('workspace.form.choose') },
                  ...(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name })),
                ]}
              />
              <TextInput id="tn-detail" label={t('workspace.reception.addressDetail')} required maxLength={APPLICANT_LIMITS.addressDetail} value={applicant.detail} onChange={setA('detail')} error={err('detail')} autoComplete="off" />
              <HandOverPreview procedureCode={procedure.data?.code ?? ''} receivingAgency={agency} communeCode={applicant.communeCode} />
            </Stack>
          </Section>

          {hasDeclaration && (
            <Section id="thong-tin-thu-tuc" title={t('workspace.reception.procedureFields')}>
              <SchemaForm
                schema={schema}
                values={fields}
                errors={fieldErrorsShown}
                onChange={(name, value) => {
                  setFields((f) => ({ ...f, [name]: value }));
                  clearError(fieldId(name));
                }}
              />
            </Section>
          )}

          {code && procedure.data && (
            <Section id="nop-nhan" title={t('workspace.reception.channelAndFee', { n: hasDeclaration ? 5 : 4 })}>
              <Stack gap="sm">
                <Radio.Group label={t('workspace.reception.channel')} value={channel} onChange={(v) => setChannel(v as 'direct' | 'postal')}>
                  <Group gap="lg" mt={6}>
                    <Radio value="direct" label={t('workspace.channel.direct')} />
                    <Radio value="postal" label={t('workspace.channel.postal')} />
                  </Group>
                </Radio.Group>
                <Radio.Group label={t('workspace.reception.returnMethod')} value={returnMethod} onChange={(v) => chooseReturnMethod(v as ReturnMethod)}>
                  <Group gap="lg" mt={6}>
                    {RETURN_METHODS.map((m) => (
                      <Radio key={m} value={m} label={t(`citizen.delivery.${m}`)} />
                    ))}
                  </Group>
                </Radio.Group>
                {returnMethod === 'buu_chinh' && (
                  <TextInput
                    id="tn-returnAddress"
                    label={t('workspace.reception.returnAddress')}
                    required
                    maxLength={APPLICANT_LIMITS.addressDetail}
                    {...own('returnAddress', returnAddress, setReturnAddress)}
                    autoComplete="off"
                  />
                )}
                {perPage && (
                  <Group gap="sm" align="flex-start" wrap="wrap">
                    <TextInput
                      id="tn-pages"
                      label={t('workspace.reception.pages')}
                      inputMode="numeric"
                      required
                      w={180}
                      {...own('pages', pages, setPages)}
                    />
                    <TextInput
                      id="tn-copies"
                      label={t('workspace.reception.feeCopies')}
                      inputMode="numeric"
                      required
                      w={180}
                      {...own('copies', copies, setCopies)}
                    />
                  </Group>
                )}
                <div aria-live="polite">
                  {fee.data && (
                    <Text data-testid="counter-fee">
                      {t('workspace.reception.fee')}:{' '}
                      <strong>
                        {!fee.data.complete
                          ? t('payments.quote.undetermined')
                          : fee.data.totalVnd === 0
                            ? t('payments.quote.free')
                            : money(fee.data.totalVnd, i18n.language)}
                      </strong>
                      {fee.data.lines.length > 0 && (
                        <Text span size="sm" c="gray.8">
                          {' '}
                          ({fee.data.lines.map((l) => l.label).join('; ')})
                        </Text>
                      )}
                    </Text>
                  )}
                </div>
              </Stack>
            </Section>
          )}

          {appointment.data && (
            <Text data-testid="appointment-preview">
              {t('workspace.reception.appointmentPreview')}: <strong>{dateTime(appointment.data.dueAt, i18n.language)}</strong>
            </Text>
          )}

          <Group>
            <Button type="submit" size="md" loading={receive.isPending} disabled={supplement.isPending}>
              {t('workspace.reception.submit')}
            </Button>
          </Group>

          {offerSupplement && procedure.data && missing.length > 0 && (
            <Section id="yeu-cau-bo-sung" title={t('workspace.reception.supplementTitle')}>
              <Stack gap="sm">
                <Text id="yeu-cau-bo-sung-intro">{t('workspace.reception.supplementIntro', { count: missing.length })}</Text>
                <List size="sm" data-testid="missing-components" id="yeu-cau-bo-sung-list">
                  {missing.map((c) => (
                    <List.Item key={c.code}>{c.name}</List.Item>
                  ))}
                </List>
                <Textarea
                  id="tn-reason"
                  label={t('workspace.reception.supplementReason')}
                  required
                  autosize
                  minRows={3}
                  maxLength={2000}
                  {...own('reason', reasonText, setReason)}
                />
                <Group>
                  <Button
                    ref={supplementButton}
                    type="button"
                    size="md"
                    aria-describedby="yeu-cau-bo-sung-intro yeu-cau-bo-sung-list"
                    onClick={requestSupplement}
                    loading={supplement.isPending}
                    disabled={receive.isPending}
                  >
                    {t('workspace.reception.supplementSubmit')}
                  </Button>
                </Group>
              </Stack>
            </Section>
          )}
        </Stack>
      </form>
    </Stack>
  );
}

function Components({
  p,
  allPaperRef,
  onAllPaper,
  paper,
  uploads,
  errors,
  onPaper,
  onFile,
}: {
  p: ProcedureDetail;
  allPaperRef: RefObject<HTMLButtonElement | null>;
  onAllPaper: () => void;
  paper: Record<string, PaperState>;
  uploads: Record<string, Upload>;
  errors: Record<string, string>;
  onPaper: (code: string, patch: Partial<PaperState>) => void;
  onFile: (code: string, file: File) => void;
}) {
  const { t } = useTranslation();
  if (p.components.length === 0) return <Text>{t('procedure.noComponents')}</Text>;
  return (
    <Stack gap="sm">
    {p.components.some((c) => c.required) && (
      <Group>
        <Button ref={allPaperRef} variant="outline" color="blue.9" bg="white" onClick={onAllPaper} data-testid="all-paper">
          {t('workspace.reception.allPaper')}
        </Button>
      </Group>
    )}
    <Stack gap="md" component="ol" style={{ paddingLeft: 20, margin: 0 }}>
      {p.components.map((c) => {
        const u = uploads[c.code];
        const state = paper[c.code] ?? { paper: false, originals: '1', copies: '0' };
        const id = `tp-${c.code}`;
        const error = errors[`component.${c.code}`] ?? (u?.state === 'error' ? u.message : undefined);
        return (
          <li key={c.code} data-component={c.code}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} span id={`${id}-name`}>
                {c.name}
              </Text>
              <Badge color={c.required ? 'red.9' : 'gray.7'} variant={c.required ? 'filled' : 'outline'} tt="none">
                {c.required ? t('procedure.requiredYes') : t('procedure.requiredNo')}
              </Badge>
            </Group>
            <Group gap="md" mt={6} align="flex-end" wrap="wrap">
              <Checkbox
                id={`${id}-giay`}
                label={t('workspace.reception.paperReceived')}
                aria-describedby={`${id}-name ${id}-state`}
                checked={state.paper}
                onChange={(e) => onPaper(c.code, { paper: e.currentTarget.checked })}
              />
              {state.paper &&
                PAPER_COUNTS.map((count) => (
                  <TextInput
                    key={count}
                    label={t(`workspace.reception.${count}`)}
                    aria-describedby={`${id}-name`}
                    inputMode="numeric"
                    size="xs"
                    w={90}
                    value={state[count]}
                    onChange={(e) => onPaper(c.code, { [count]: e.currentTarget.value })}
                  />
                ))}
            </Group>
            <FilePicker
              label={t('workspace.reception.scanOptional')}
              labelledBy={`${id}-name`}
              accept={DESK_ACCEPT}
              hint={t('workspace.form.fileHint', { max: MAX_UPLOAD_MB })}
              chosen={u?.state === 'done' ? u : null}
              busy={u?.state === 'uploading'}
              error={error}
              status={
                u?.state === 'uploading'
                  ? t('fileInput.uploading', { name: u.name })
                  : u?.state === 'done'
                    ? t('workspace.reception.uploaded', { name: u.name })
                    : state.paper
                      ? t('workspace.reception.paperNoted')
                      : undefined
              }
              onChange={(file) => onFile(c.code, file)}
            />
          </li>
        );
      })}
    </Stack>
    </Stack>
  );
}
