import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Progress.css';
import '../modules/dossiers/dossiers.css';
import { Alert, Anchor, Button, Group, List, NativeSelect, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { type ReactNode, useDeferredValue, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import {
  APPLICANT_LIMITS,
  idNumberProblem,
  normalizeIdNumber,
  normalizePhone,
  PHONE_PATTERN,
} from '../../modules/dossiers/applicant-rules.ts';
import { type ProcedureDetail, useProcedure } from '../modules/catalog/catalog.api.ts';
import { isProvincial, procedureName, receivingKinds } from '../modules/catalog/catalog.format.ts';
import { ComponentUpload } from '../modules/dossiers/component-upload.tsx';
import { dateTime } from '../modules/dossiers/dossier-format.ts';
import { fileSize } from '../ui/file-picker.tsx';
import { isDefinitiveRejection, useSubmitDossier } from '../modules/dossiers/dossiers.api.ts';
import { type Draft, newIdempotencyKey, useDraft } from '../modules/dossiers/draft.ts';
import { activeFields, allowsExtraFields, fieldsToSend, validateFields } from '../modules/dossiers/form-schema.ts';
import { fieldId, optionLabel, SchemaForm } from '../modules/dossiers/schema-form.tsx';
import { type User, useMe } from '../modules/identity/identity.api.ts';
import { FeeQuoteSummary } from '../modules/payments/fee-quote.tsx';
import { useCommunes, useProvinces } from '../modules/places/places.api.ts';
import { WhereToSubmit } from '../modules/places/where-to-submit.tsx';
import { toLocalIso } from '../../platform/clock.ts';
import { ApiError } from '../ui/http.ts';
import { Loading, PageLoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { readOnlyField } from '../ui/read-only-field.ts';
import { Section } from '../ui/section.tsx';

// The server's own rules (src/modules/dossiers/applicant-rules.ts, shared), checked here first.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DELIVERY = ['tai_quay', 'buu_chinh', 'truc_tuyen'] as const;

type Errors = Record<string, string | undefined>;

/** Focus the field behind an error key (a radio group focuses its first radio, a component its file button). */
function focusField(id: string) {
  const el = document.getElementById(id);
  const target = el?.matches('input, select, textarea') ? el : el?.querySelector<HTMLElement>('input:not([type="file"]), select, textarea, .file-picker button');
  target?.focus();
}

/**
 * The applicant from the account, into a draft without one (everything stays editable): name and
 * number, and the e-ID's address as the residence and the default place to submit. Not for
 * another person (nộp thay): their name and number are typed, never the account's.
 */
function prefillFromAccount(d: Draft, me: User & { idNumber?: string | null }): Draft {
  if (d.forOther || d.applicant.fullName || d.applicant.idNumber) return d;
  const home = me.residence;
  return {
    ...d,
    applicant: {
      ...d.applicant,
      fullName: me.fullName ?? '',
      idNumber: me.idNumber ?? '',
      ...(home && !d.applicant.communeCode ? { provinceCode: home.provinceCode, communeCode: home.communeCode, detail: d.applicant.detail || home.detail } : {}),
    },
    place: home && !d.place.communeCode ? { provinceCode: home.provinceCode, communeCode: home.communeCode, agency: null } : d.place,
  };
}

/** Nộp hồ sơ trực tuyến: sign in first, then the form, a review step and the submission. */
export default function SubmitPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useMe();
  const procedure = useProcedure(code);
  // The form is large: built in slices at low priority once the procedure arrives, so the
  // page still answers taps meanwhile (one long task on a slow phone otherwise). Its first render
  // is the heading alone (null at first, even when the procedure is known): that is the screen
  // the server renders (src/http/rendered-pages.ts) and the one hydration must find; the form
  // (with the draft kept in this browser) is built after it.
  const detail = useDeferredValue(procedure.data ?? null, null);
  usePageTitle(t('citizen.submit.title'));
  // The step is kept here, with the heading that says it: the heading stays the same element
  // from the server's HTML to the built form (nothing of it is drawn again), and a new form
  // (another account or procedure) starts at the first step.
  const formKey = `${me.data?.id ?? ''}:${code}`;
  const [step, setStep] = useState<Step>('form');
  const [stepFor, setStepFor] = useState(formKey);
  if (stepFor !== formKey) {
    setStepFor(formKey);
    setStep('form');
  }

  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to={`/dang-nhap?next=${encodeURIComponent(pathname)}`} replace />;
  if (procedure.isPending) return <Loading />;
  if (procedure.isError) {
    const notFound = { title: t('notFound.title'), message: t('procedure.notFound', { code }) };
    return <PageLoadError error={procedure.error} notFound={notFound} onRetry={() => procedure.refetch()} />;
  }
  // While the form is built: its heading already, the page's largest text (Lighthouse's LCP
  // element), so that it paints before the form's long render instead of after it.
  return (
    <Stack gap="md" className="citizen-form">
      <SubmitHeading procedure={procedure.data} step={step} />
      {detail ? <SubmitForm key={formKey} procedure={detail} me={me.data} step={step} setStep={setStep} /> : <Loading />}
    </Stack>
  );
}

type Step = 'form' | 'review';

/** The top of the page: the way back to the sheet, the title, the procedure and the step. */
function SubmitHeading({ procedure, step }: { procedure: ProcedureDetail; step: Step }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <Anchor component={Link} to={`/thu-tuc/${encodeURIComponent(procedure.code)}`}>
        {t('citizen.submit.backToProcedure')}
      </Anchor>
      <Title order={1} mt="xs">
        {t('citizen.submit.title')}
      </Title>
      <Text mt={4}>
        {procedureName(procedure, i18n.language)} <Text span c="gray.8">({procedure.code})</Text>
      </Text>
      <Text mt={4} fw={600}>
        {step === 'form' ? t('citizen.submit.step1') : t('citizen.submit.step2')}
      </Text>
    </div>
  );
}

/** The form below the heading (children of the page's stack): the draft, the checks, the review and the submission. */
function SubmitForm({
  procedure,
  me,
  step,
  setStep,
}: {
  procedure: ProcedureDetail;
  me: User & { idNumber?: string | null };
  step: Step;
  setStep: (step: Step) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { draft, update, setDraft, resumed, discard } = useDraft(me.id, procedure.code, (d) => prefillFromAccount(d, me));
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState<{ id: string; label: string; message: string }[]>([]);
  const submit = useSubmitDossier();
  const [offlineAt, setOfflineAt] = useState<number | null>(null);
  const schema = procedure.formSchema ?? null;
  const components = procedure.components ?? [];
  const summaryRef = useRef<HTMLDivElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);
  // The residence follows the chosen place until the applicant changes it. Not "while it is
  // empty": arrow keys in the commune select pass through every commune before the right one.
  const residenceFollows = useRef(!draft.applicant.communeCode);

  // The applicant prefilled from the account (first render: useDraft); again when the draft is
  // emptied ("Xóa bản nháp") or the person is chosen back. Not a change of the citizen's: a newer
  // draft from another device still replaces it.
  useEffect(() => {
    if (draft.forOther || draft.applicant.fullName || draft.applicant.idNumber) return;
    if (me.residence) residenceFollows.current = false;
    setDraft((d) => prefillFromAccount(d, me));
  }, [draft.forOther, draft.applicant.fullName, draft.applicant.idNumber, me, setDraft]);

  useEffect(() => {
    if (step === 'review') reviewRef.current?.focus();
  }, [step]);

  // For oneself, the name and number are the account's (the API refuses another number without an
  // authorisation); for another person (nộp thay) they are typed, and the authorisation is uploaded.
  const selfLocked = !draft.forOther && !!me.idNumber;
  const chooseFor = (forOther: boolean) => {
    update((d) => {
      const ownNumber = !!me.idNumber && normalizeIdNumber(d.applicant.idNumber) === me.idNumber;
      const applicant = forOther
        ? { ...d.applicant, ...(ownNumber ? { fullName: '', idNumber: '' } : {}) }
        : { ...d.applicant, fullName: me.fullName ?? d.applicant.fullName, idNumber: me.idNumber ?? d.applicant.idNumber };
      return { ...d, forOther, applicant };
    });
    setErrors((e) => ({ ...e, 'applicant-fullName': undefined, 'applicant-idNumber': undefined, 'uy-quyen': undefined }));
  };

  const setApplicant = (field: keyof Draft['applicant'], value: string) => {
    update((d) => ({ ...d, applicant: { ...d.applicant, [field]: value } }));
    setErrors((e) => ({ ...e, [`applicant-${field}`]: undefined }));
  };
  /** An applicant field bound to its input: the id its error is kept under, the value, the error, the edit. */
  const applicantField = (field: 'fullName' | 'idNumber' | 'phone' | 'email' | 'detail') => ({
    id: `applicant-${field}`,
    value: draft.applicant[field],
    error: errors[`applicant-${field}`],
    onChange: (e: { currentTarget: { value: string } }) => setApplicant(field, e.currentTarget.value),
  });

  /** Every check the browser can make; the keys are the ids of the fields they belong to. */
  function check(): Errors {
    const out: Errors = {};
    for (const [field, problem] of Object.entries(validateFields(schema, draft.fields))) {
      out[fieldId(field)] = t(`citizen.validation.${problem.key}`, problem.params);
    }
    const a = draft.applicant;
    if (!a.fullName.trim()) out['applicant-fullName'] = t('citizen.validation.required');
    else if ([...a.fullName.trim()].length > APPLICANT_LIMITS.fullName) out['applicant-fullName'] = t('citizen.validation.maxLength', { max: APPLICANT_LIMITS.fullName });
    const idNumber = normalizeIdNumber(a.idNumber);
    const idProblem = idNumberProblem(idNumber);
    if (!idNumber) out['applicant-idNumber'] = t('citizen.validation.required');
    else if (idProblem) out['applicant-idNumber'] = t(idProblem === 'province' ? 'citizen.validation.idProvince' : 'citizen.validation.idNumber', { prefix: idNumber.slice(0, 3) });
    else if (draft.forOther && idNumber === me.idNumber) out['applicant-idNumber'] = t('citizen.validation.ownIdNumber');
    if (draft.forOther && !draft.authorisation) out['uy-quyen'] = t('citizen.validation.authorisation');
    if (!PHONE_PATTERN.test(normalizePhone(a.phone))) out['applicant-phone'] = t(a.phone.trim() ? 'citizen.validation.phone' : 'citizen.validation.required');
    if (a.email.trim() && !EMAIL_PATTERN.test(a.email.trim())) out['applicant-email'] = t('citizen.validation.email');
    else if (a.email.trim().length > APPLICANT_LIMITS.email) out['applicant-email'] = t('citizen.validation.maxLength', { max: APPLICANT_LIMITS.email });
    if (!a.provinceCode) out['applicant-province'] = t('citizen.validation.chooseProvince');
    else if (!a.communeCode) out['applicant-commune'] = t('citizen.validation.chooseCommune');
    if (!a.detail.trim()) out['applicant-detail'] = t('citizen.validation.required');
    else if ([...a.detail.trim()].length > APPLICANT_LIMITS.addressDetail) out['applicant-detail'] = t('citizen.validation.maxLength', { max: APPLICANT_LIMITS.addressDetail });
    if (!draft.place.agency) out['noi-nop-hs'] = t('citizen.validation.chooseAgency');
    for (const c of components) if (c.required && !draft.documents[c.code]) out[`tp-${c.code}`] = t('citizen.validation.document');
    return out;
  }

  /** Errors go beside their fields on the form step; the summary and focus follow once it is on screen. */
  const pendingErrors = useRef<Errors | null>(null);
  function showErrors(found: Errors) {
    setErrors(found);
    setStep('form');
    pendingErrors.current = found;
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when new errors reach the screen
  useEffect(() => {
    const found = pendingErrors.current;
    if (!found || step !== 'form') return;
    pendingErrors.current = null;
    const labelOf = (id: string) => {
      if (id === 'noi-nop-hs') return t('citizen.submit.agency');
      if (id === 'uy-quyen') return t('citizen.submit.authorisation');
      const component = components.find((c) => `tp-${c.code}` === id);
      if (component) return `${component.code}. ${component.name.length > 70 ? `${component.name.slice(0, 70)}…` : component.name}`;
      const label = document.getElementById(`${id}-label`) ?? document.querySelector(`label[for="${id}"]`);
      return label?.textContent?.replace(/\s*\*\s*$/, '').trim() ?? '';
    };
    setSummary(
      Object.entries(found)
        .filter((e): e is [string, string] => !!e[1] && e[0] !== 'server')
        .map(([id, message]) => ({ id, label: labelOf(id), message })),
    );
    // The first wrong field on the page, in reading order.
    const first = Object.keys(found)
      .filter((k) => found[k] && document.getElementById(k))
      .sort((a, b) => {
        const pos = document.getElementById(a)!.compareDocumentPosition(document.getElementById(b)!);
        return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      })[0];
    summaryRef.current?.scrollIntoView({ block: 'start' });
    if (first) focusField(first);
  }, [errors, step]);

  function toReview() {
    const found = check();
    if (Object.values(found).some(Boolean)) return showErrors(found);
    setErrors({});
    setSummary([]);
    setStep('review');
  }

  const body = () => ({
    procedureCode: procedure.code,
    receivingAgency: draft.place.agency?.code ?? '',
    channel: 'online' as const,
    applicant: {
      fullName: selfLocked ? (me.fullName ?? draft.applicant.fullName).trim() : draft.applicant.fullName.trim(),
      idNumber: selfLocked ? (me.idNumber as string) : normalizeIdNumber(draft.applicant.idNumber),
      phone: normalizePhone(draft.applicant.phone),
      email: draft.applicant.email.trim() || undefined,
      address: { communeCode: draft.applicant.communeCode, detail: draft.applicant.detail.trim() },
    },
    fields: { ...fieldsToSend(schema, draft.fields), ...(allowsExtraFields(schema) ? { resultDelivery: draft.delivery } : {}) },
    documents: components.flatMap((c) => (draft.documents[c.code] ? [{ componentCode: c.code, fileId: draft.documents[c.code].fileId }] : [])),
    ...(draft.forOther && draft.authorisation ? { representation: { authorisationFileId: draft.authorisation.fileId } } : {}),
  });

  /**
   * The server's `details` (`fields.x`, `applicant.phone`, `documents.0.fileId`…) beside the named
   * fields, in the page's own sentences: a validator's wording never reaches the citizen.
   */
  function serverErrors(error: ApiError): Errors {
    const out: Errors = {};
    const sent = body().documents;
    const details = Array.isArray(error.details) ? (error.details as { field?: string; message?: string }[]) : [];
    for (const d of details) {
      // Schema failures name `body.applicant.phone`; the use case's own checks name `fields.x`.
      const path = (d.field ?? '').replace(/^body\./, '');
      const message = serverFieldMessage(t, path, body());
      let key = 'server';
      if (path.startsWith('fields.')) key = fieldId(path.split('.')[1]);
      else if (path === 'applicant.address.communeCode') key = 'applicant-commune';
      else if (path === 'applicant.address.detail') key = 'applicant-detail';
      else if (path.startsWith('applicant.')) key = `applicant-${path.split('.')[1]}`;
      else if (path === 'receivingAgency') key = 'noi-nop-hs';
      else if (path.startsWith('representation.')) key = 'uy-quyen';
      else if (path.startsWith('documents.')) key = `tp-${sent[Number(path.split('.')[1])]?.componentCode ?? ''}`;
      out[key] = out[key] ? `${out[key]} ${message}` : message;
    }
    if (Object.keys(out).length === 0) out.server = t('citizen.validation.rejected');
    return out;
  }

  function send() {
    if (submit.isPending) return;
    // Offline: say so now (apiFetch refuses at once too); the draft and its key stay for later.
    if (!navigator.onLine) {
      submit.reset();
      setOfflineAt(Date.now());
      return;
    }
    setOfflineAt(null);
    submit.mutate(
      { body: body(), idempotencyKey: draft.idempotencyKey },
      {
        onSuccess: (dossier) => {
          discard();
          navigate(`/ho-so-cua-toi/${encodeURIComponent(dossier.id)}?vua-nop=1`);
        },
        onError: (error) => {
          // Rejected outright: nothing was created, so the next attempt gets a fresh key.
          if (isDefinitiveRejection(error)) update((d) => ({ ...d, idempotencyKey: newIdempotencyKey() }));
          if (error instanceof ApiError && error.status === 400) showErrors(serverErrors(error));
          // Someone else's number without an authorisation: said beside the number, in the page's words.
          if (error instanceof ApiError && error.code === 'APPLICANT_NOT_SELF') showErrors({ 'applicant-idNumber': t('citizen.validation.notSelf') });
        },
      },
    );
  }

  // The summary shrinks as fields are corrected.
  const openProblems = summary.filter((item) => errors[item.id]);
  const savedAt = draft.savedAt ? dateTime(localIso(new Date(draft.savedAt))) : null;
  const fieldsList = activeFields(schema, draft.fields).visible;
  const deliveryAllowed = allowsExtraFields(schema);

  return (
    <>
      <Alert color="blue" variant="light" title={resumed ? t('citizen.draft.resumedTitle') : t('citizen.draft.title')}>
        <Text size="sm">
          {resumed ? t('citizen.draft.resumed') : t('citizen.draft.text')}
          {savedAt && ` ${t('citizen.draft.savedAt', { time: savedAt })}`}
        </Text>
        <Button
          mt="xs"
          size="compact-sm"
          variant="default"
          onClick={() => {
            if (window.confirm(t('citizen.draft.confirmDiscard'))) {
              discard();
              residenceFollows.current = true;
              setErrors({});
              setSummary([]);
              setStep('form');
            }
          }}
        >
          {t('citizen.draft.discard')}
        </Button>
      </Alert>

      <div ref={summaryRef} aria-live="assertive">
        {openProblems.length > 0 && (
          <Alert color="red" variant="light" title={t('citizen.submit.errorsTitle', { count: openProblems.length })}>
            <List size="sm">
              {openProblems.map((item) => (
                <List.Item key={item.id}>
                  <Anchor
                    href={`#${item.id}`}
                    c="red.9"
                    onClick={(event) => {
                      event.preventDefault();
                      focusField(item.id);
                    }}
                  >
                    {item.label ? `${item.label}: ${item.message}` : item.message}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {errors.server && (
          <Alert color="red" variant="light" mt="sm">
            {errors.server}
          </Alert>
        )}
        {(offlineAt !== null || (submit.error instanceof ApiError && submit.error.code === 'OFFLINE')) && (
          <Alert color="red" variant="light" mt="sm" role="alert" data-testid="submit-offline">
            {t('citizen.submit.offline')}
          </Alert>
        )}
        {submit.isError && !(submit.error instanceof ApiError && (submit.error.status === 400 || ['OFFLINE', 'APPLICANT_NOT_SELF'].includes(submit.error.code))) && (
          <Alert color="red" variant="light" mt="sm" role="alert">
            {submit.error instanceof ApiError && submit.error.status === 0 ? t('citizen.submit.networkError') : submit.error.message}
          </Alert>
        )}
      </div>

      {step === 'form' ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            toReview();
          }}
        >
          <Stack gap="md">
            {schema && fieldsList.length > 0 && (
              <Section id="thong-tin-thu-tuc" title={t('citizen.submit.procedureFields')}>
                <SchemaForm
                  schema={schema}
                  values={draft.fields}
                  errors={Object.fromEntries(fieldsList.map((f) => [f.name, errors[fieldId(f.name)]]))}
                  onChange={(field, value) => {
                    update((d) => ({ ...d, fields: { ...d.fields, [field]: value } }));
                    setErrors((e) => ({ ...e, [fieldId(field)]: undefined }));
                  }}
                />
              </Section>
            )}

            <Section id="nguoi-nop" title={t('citizen.submit.applicant')}>
              <Stack gap="md">
                <Radio.Group
                  id="applicant-for"
                  label={t('citizen.submit.forWho')}
                  value={draft.forOther ? 'other' : 'self'}
                  onChange={(v) => chooseFor(v === 'other')}
                >
                  <Stack gap={6} mt={6}>
                    <Radio value="self" label={t('citizen.submit.forSelf')} />
                    <Radio value="other" label={t('citizen.submit.forOther')} />
                  </Stack>
                </Radio.Group>
                <Text size="sm" c="gray.8">
                  {draft.forOther ? t('citizen.submit.forOtherHint') : me.idNumber ? t('citizen.submit.forSelfHint') : t('citizen.submit.applicantHint')}
                </Text>
                {draft.forOther && (
                  <ul className="component-list">
                    <ComponentUpload
                      anchorId="uy-quyen"
                      code={t('citizen.submit.authorisationCode')}
                      name={t('citizen.submit.authorisation')}
                      required
                      attached={draft.authorisation ?? undefined}
                      error={errors['uy-quyen']}
                      onAttached={(file) => {
                        update((d) => ({ ...d, authorisation: file }));
                        setErrors((e) => ({ ...e, 'uy-quyen': undefined }));
                      }}
                      onRemoved={() => update((d) => ({ ...d, authorisation: null }))}
                    />
                  </ul>
                )}
                <TextInput
                  label={draft.forOther ? t('citizen.submit.representedFullName') : t('citizen.submit.fullName')}
                  required={!selfLocked}
                  autoComplete={draft.forOther ? 'off' : 'name'}
                  maxLength={APPLICANT_LIMITS.fullName}
                  {...readOnlyField(selfLocked, t('citizen.submit.fromAccount'))}
                  {...applicantField('fullName')}
                />
                <TextInput
                  label={draft.forOther ? t('citizen.submit.representedIdNumber') : t('citizen.submit.idNumber')}
                  description={selfLocked ? undefined : t('citizen.submit.idNumberHint')}
                  required={!selfLocked}
                  inputMode="numeric"
                  maxLength={20}
                  {...readOnlyField(selfLocked, t('citizen.submit.fromAccount'))}
                  {...applicantField('idNumber')}
                />
                <TextInput
                  label={t('citizen.submit.phone')}
                  required
                  type="tel"
                  autoComplete="tel"
                  description={t('citizen.submit.phoneHint')}
                  maxLength={20}
                  {...applicantField('phone')}
                />
                <TextInput
                  label={t('citizen.submit.email')}
                  type="email"
                  autoComplete="email"
                  maxLength={APPLICANT_LIMITS.email}
                  {...applicantField('email')}
                />
                <AddressPicker
                  draft={draft}
                  errors={errors}
                  onChange={(patch) => {
                    residenceFollows.current = false;
                    update((d) => ({ ...d, applicant: { ...d.applicant, ...patch } }));
                    setErrors((e) => ({ ...e, 'applicant-province': undefined, 'applicant-commune': undefined }));
                  }}
                />
                <TextInput
                  label={t('citizen.submit.addressDetail')}
                  description={t('citizen.submit.addressDetailHint')}
                  required
                  autoComplete="street-address"
                  maxLength={APPLICANT_LIMITS.addressDetail}
                  {...applicantField('detail')}
                />
              </Stack>
            </Section>

            <Paper component="section" aria-labelledby="noi-nop" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md" id="noi-nop-hs">
              <WhereToSubmit
                headingId="noi-nop"
                agencyKinds={receivingKinds(procedure)}
                provincial={isProvincial(procedure)}
                choice={draft.place}
                agencyError={errors['noi-nop-hs']}
                onChoose={(place) => {
                  const follows = residenceFollows.current;
                  update((d) => ({
                    ...d,
                    place,
                    // The applicant usually lives where they submit: offer that address until they choose another.
                    applicant: follows ? { ...d.applicant, provinceCode: place.provinceCode, communeCode: place.communeCode } : d.applicant,
                  }));
                  // A residence filled in that way is no longer missing: its error goes, beside it and in the summary.
                  if (follows) {
                    setErrors((e) => ({
                      ...e,
                      'applicant-province': place.provinceCode ? undefined : e['applicant-province'],
                      'applicant-commune': place.communeCode ? undefined : e['applicant-commune'],
                    }));
                  }
                  if (place.agency) setErrors((e) => ({ ...e, 'noi-nop-hs': undefined }));
                }}
              />
            </Paper>

            <Section id="thanh-phan-ho-so" title={t('citizen.submit.components')}>
              {components.length === 0 ? (
                <Text>{t('procedure.noComponents')}</Text>
              ) : (
                <ul className="component-list">
                  {components.map((c) => (
                    <ComponentUpload
                        key={c.code}
                        anchorId={`tp-${c.code}`}
                        code={c.code}
                        name={c.name}
                        required={c.required}
                        attached={draft.documents[c.code]}
                        error={errors[`tp-${c.code}`]}
                        onAttached={(file) => {
                          update((d) => ({ ...d, documents: { ...d.documents, [c.code]: file } }));
                          setErrors((e) => ({ ...e, [`tp-${c.code}`]: undefined }));
                        }}
                        onRemoved={() =>
                          update((d) => {
                            const { [c.code]: _, ...rest } = d.documents;
                            return { ...d, documents: rest };
                          })
                        }
                      />
                  ))}
                </ul>
              )}
            </Section>

            {deliveryAllowed && (
              <Section id="nhan-ket-qua" title={t('citizen.submit.delivery')}>
                <Radio.Group
                  label={t('citizen.submit.deliveryLabel')}
                  value={draft.delivery}
                  onChange={(value) => update((d) => ({ ...d, delivery: value as Draft['delivery'] }))}
                >
                  <Stack gap={6} mt={6}>
                    {DELIVERY.map((v) => (
                      <Radio key={v} value={v} label={t(`citizen.delivery.${v}`)} />
                    ))}
                  </Stack>
                </Radio.Group>
              </Section>
            )}

            <Group>
              <Button type="submit" size="md">
                {t('citizen.submit.toReview')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Paper component="section" aria-labelledby="kiem-tra" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
          <Title order={2} id="kiem-tra" size="h3" mb="sm" tabIndex={-1} ref={reviewRef}>
            {t('citizen.submit.review')}
          </Title>
          <Text mb="sm">{t('citizen.submit.reviewHint')}</Text>
          <dl className="review-list">
            {fieldsList.map((f) => {
              const v = draft.fields[f.name];
              const shown =
                typeof v === 'boolean'
                  ? t(v ? 'procedure.yes' : 'procedure.no')
                  : f.kind === 'enum'
                    ? optionLabel(t, f.options?.find((o) => o.value === v) ?? { value: String(v ?? '') })
                    : f.kind === 'date' && v
                      ? v.split('-').reverse().join('/')
                      : v || '–';
              return (
                <ReviewItem key={f.name} label={f.title}>
                  {shown}
                </ReviewItem>
              );
            })}
            <ReviewItem label={t('citizen.submit.forWho')}>{draft.forOther ? t('citizen.submit.forOther') : t('citizen.submit.forSelf')}</ReviewItem>
            {draft.forOther && (
              <ReviewItem label={t('citizen.submit.authorisation')}>
                {draft.authorisation ? `${draft.authorisation.name} (${fileSize(draft.authorisation.size, i18n.language)})` : t('citizen.submit.noFile')}
              </ReviewItem>
            )}
            <ReviewItem label={draft.forOther ? t('citizen.submit.representedFullName') : t('citizen.submit.fullName')}>{draft.applicant.fullName}</ReviewItem>
            <ReviewItem label={draft.forOther ? t('citizen.submit.representedIdNumber') : t('citizen.submit.idNumber')}>{draft.applicant.idNumber}</ReviewItem>
            <ReviewItem label={t('citizen.submit.phone')}>{draft.applicant.phone}</ReviewItem>
            {draft.applicant.email && <ReviewItem label={t('citizen.submit.email')}>{draft.applicant.email}</ReviewItem>}
            <ReviewItem label={t('citizen.submit.address')}>
              <AddressText draft={draft} />
            </ReviewItem>
            <ReviewItem label={t('citizen.submit.agency')}>{draft.place.agency?.name}</ReviewItem>
            {components.map((c) => (
              <ReviewItem key={c.code} label={`${c.code}. ${c.name}`}>
                {draft.documents[c.code]
                  ? `${draft.documents[c.code].name} (${fileSize(draft.documents[c.code].size, i18n.language)})`
                  : t('citizen.submit.noFile')}
              </ReviewItem>
            ))}
            {deliveryAllowed && <ReviewItem label={t('citizen.submit.delivery')}>{t(`citizen.delivery.${draft.delivery}`)}</ReviewItem>}
          </dl>
          <FeeQuoteSummary procedureCode={procedure.code} />
          <Group mt="lg" gap="sm">
            <Button variant="default" onClick={() => setStep('form')} disabled={submit.isPending}>
              {t('citizen.submit.edit')}
            </Button>
            <Button onClick={send} loading={submit.isPending} size="md">
              {t('citizen.submit.send')}
            </Button>
          </Group>
        </Paper>
      )}
    </>
  );
}

/** The page's sentence for a field the server refused (never the validator's own words). */
function serverFieldMessage(t: (key: string, options?: Record<string, unknown>) => string, path: string, sent: { applicant: { idNumber: string } }): string {
  switch (path) {
    case 'applicant.phone':
      return t('citizen.validation.phone');
    case 'applicant.idNumber': {
      const problem = idNumberProblem(sent.applicant.idNumber);
      return t(problem === 'province' ? 'citizen.validation.idProvince' : 'citizen.validation.idNumber', { prefix: sent.applicant.idNumber.slice(0, 3) });
    }
    case 'applicant.email':
      return t('citizen.validation.email');
    case 'applicant.fullName':
      return t('citizen.validation.fullName', { max: APPLICANT_LIMITS.fullName });
    case 'applicant.address.detail':
      return t('citizen.validation.addressDetail', { max: APPLICANT_LIMITS.addressDetail });
    case 'applicant.address.communeCode':
      return t('citizen.validation.chooseCommune');
    case 'receivingAgency':
      return t('citizen.validation.agencyRefused');
  }
  if (path.startsWith('documents.') || path.startsWith('representation.')) return t('citizen.validation.documentRefused');
  if (path.startsWith('fields.')) return t('citizen.validation.fieldRefused');
  return t('citizen.validation.rejected');
}

function ReviewItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** `YYYY-MM-DDTHH:mm` in Vietnam time, for the "saved at" line. */
function localIso(d: Date): string {
  return toLocalIso(d).slice(0, 16);
}

function AddressPicker({
  draft,
  errors,
  onChange,
}: {
  draft: Draft;
  errors: Errors;
  onChange: (patch: Partial<Draft['applicant']>) => void;
}) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const communes = useCommunes(draft.applicant.provinceCode);
  return (
    <>
      <NativeSelect
        id="applicant-province"
        label={t('citizen.submit.addressProvince')}
        required
        value={draft.applicant.provinceCode}
        error={errors['applicant-province']}
        disabled={!provinces.data}
        onChange={(e) => onChange({ provinceCode: e.currentTarget.value, communeCode: '' })}
        data={[{ value: '', label: t('procedure.chooseProvince') }, ...(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))]}
      />
      <NativeSelect
        id="applicant-commune"
        label={t('citizen.submit.addressCommune')}
        required
        value={draft.applicant.communeCode}
        error={errors['applicant-commune']}
        disabled={!draft.applicant.provinceCode || !communes.data}
        onChange={(e) => onChange({ communeCode: e.currentTarget.value })}
        data={[{ value: '', label: t('procedure.chooseCommune') }, ...(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))]}
      />
    </>
  );
}

function AddressText({ draft }: { draft: Draft }) {
  const provinces = useProvinces();
  const communes = useCommunes(draft.applicant.provinceCode);
  const province = provinces.data?.items.find((p) => p.code === draft.applicant.provinceCode)?.name;
  const commune = communes.data?.items.find((c) => c.code === draft.applicant.communeCode)?.name;
  return <>{[draft.applicant.detail, commune, province].filter(Boolean).join(', ')}</>;
}
