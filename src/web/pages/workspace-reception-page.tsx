import { HandOverPreview } from '../modules/workspace/hand-over-preview.tsx';
import { Alert, Badge, Button, Group, List, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ProcedureDetail, useProcedureSearch } from '../modules/catalog/catalog.api.ts';
import { useCommunes } from '../modules/places/places.api.ts';
import { useOfficer } from '../modules/workspace/use-officer.ts';
import { useSupplementAtCounter } from '../modules/workspace/supplement-at-counter.ts';
import { type DossierDetail, dossierPdf, fieldErrors, type SubmitBody, uploadFile, useProcedureDetail, useReceiveAtCounter } from '../modules/workspace/workspace.api.ts';
import { agenciesWith, dateTime, ID_NUMBER, PHONE } from '../modules/workspace/workspace.format.ts';
import { WorkspaceGate, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import '../modules/workspace/workspace.css';
import { ApiError } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { Section } from '../ui/section.tsx';

/** /can-bo/tiep-nhan — tiếp nhận hồ sơ trực tiếp tại Bộ phận Một cửa. */
export default function WorkspaceReceptionPage() {
  const { t } = useTranslation();
  usePageTitle(t('workspace.reception.title'));
  const [received, setReceived] = useState<DossierDetail | null>(null);
  const [round, setRound] = useState(0);
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
          <ReceptionForm key={round} onReceived={setReceived} />
        )}
      </Stack>
    </WorkspaceGate>
  );
}

/** What the counter issued: Mẫu 01 for a received dossier, Mẫu 02 when it waits for a supplement. */
function Receipt({ d, onNext }: { d: DossierDetail; onNext: () => void }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const supplement = d.status === 'AWAITING_SUPPLEMENT';
  return (
    <Alert color={supplement ? 'yellow' : 'green'} variant="light" p="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" ref={heading} tabIndex={-1}>
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
          <Button component="a" href={dossierPdf(d.id, supplement ? 'supplement-notice' : 'receipt')} target="_blank" rel="noopener">
            {t(supplement ? 'workspace.reception.printSupplement' : 'workspace.reception.printReceipt')}
          </Button>
          <Button component={Link} to={`/can-bo/ho-so/${d.id}`} variant="outline" color="blue.9" bg="white">
            {t('workspace.reception.openDossier')}
          </Button>
          <Button variant="default" onClick={onNext} data-shortcut="new-reception" aria-keyshortcuts="Alt+N">
            {t('workspace.reception.next')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

type Upload = { state: 'uploading'; name: string } | { state: 'done'; name: string; fileId: string } | { state: 'error'; message: string };

function ReceptionForm({ onReceived }: { onReceived: (d: DossierDetail) => void }) {
  const { t, i18n } = useTranslation();
  const { user, grants } = useOfficer();
  const deskAgencies = agenciesWith(grants, 'desk_officer');
  const [agency, setAgency] = useState(deskAgencies[0] ?? '');
  const agencyInfo = user?.agencies.find((a) => a.code === agency);
  const province = grants.find((g) => g.agencyCode === agency)?.provinceCode ?? '';
  const communes = useCommunes(province);

  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const search = useProcedureSearch(q, 1);
  const [code, setCode] = useState('');
  const procedure = useProcedureDetail(code);

  const [applicant, setApplicant] = useState({ fullName: '', idNumber: '', phone: '', communeCode: '', detail: '' });
  useEffect(() => {
    if (agencyInfo && !applicant.communeCode) setApplicant((a) => ({ ...a, communeCode: agencyInfo.adminUnitCode }));
  }, [agencyInfo, applicant.communeCode]);
  const [uploads, setUploads] = useState<Record<string, Upload>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formId] = useState(() => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  const receive = useReceiveAtCounter(formId);
  const supplement = useSupplementAtCounter(formId);
  const failed = receive.error ?? supplement.error;
  const summary = useRef<HTMLDivElement>(null);
  /** Offered once a submit found required components missing (Mẫu 02 instead of a bare refusal). */
  const [offerSupplement, setOfferSupplement] = useState(false);
  const [reason, setReason] = useState<string | null>(null);

  const server = fieldErrors(failed);
  const err = (k: string) => errors[k] ?? server[`body.applicant.${k}`] ?? server[`body.applicant.address.${k}`];

  if (deskAgencies.length === 0) return <Alert color="blue">{t('workspace.reception.deskOnly')}</Alert>;

  const upload = async (componentCode: string, file: File | undefined) => {
    if (!file) return;
    setErrors(({ [`component.${componentCode}`]: _, ...rest }) => rest);
    setUploads((u) => ({ ...u, [componentCode]: { state: 'uploading', name: file.name } }));
    try {
      const stored = await uploadFile(file);
      setUploads((u) => ({ ...u, [componentCode]: { state: 'done', name: file.name, fileId: stored.fileId } }));
    } catch (error) {
      setUploads((u) => ({ ...u, [componentCode]: { state: 'error', message: error instanceof ApiError ? error.message : String(error) } }));
    }
  };

  const missing = (procedure.data?.components ?? []).filter((c) => c.required && uploads[c.code]?.state !== 'done');
  /** The notice is a Vietnamese document: its prefilled reason is Vietnamese whatever the screen's language. */
  const defaultReason = i18n.getFixedT('vi')('workspace.reception.supplementReasonPrefix', { names: missing.map((c) => c.name).join('; ') });
  const reasonText = reason ?? defaultReason;

  const applicantProblems = () => {
    const problems: Record<string, string> = {};
    if (!procedure.data) problems.procedure = t('workspace.reception.pickProcedure');
    if (!applicant.fullName.trim()) problems.fullName = t('workspace.form.required');
    if (!ID_NUMBER.test(applicant.idNumber.trim())) problems.idNumber = t('workspace.reception.idNumberInvalid');
    if (!PHONE.test(applicant.phone.trim())) problems.phone = t('workspace.reception.phoneInvalid');
    if (!applicant.communeCode) problems.communeCode = t('workspace.form.required');
    if (!applicant.detail.trim()) problems.detail = t('workspace.form.required');
    return problems;
  };

  const bodyFor = (p: ProcedureDetail): SubmitBody => ({
    procedureCode: p.code,
    receivingAgency: agency,
    channel: 'direct',
    applicant: {
      fullName: applicant.fullName.trim().normalize('NFC'),
      idNumber: applicant.idNumber.trim(),
      phone: applicant.phone.trim(),
      address: { communeCode: applicant.communeCode, detail: applicant.detail.trim().normalize('NFC') },
    },
    fields: {},
    documents: Object.entries(uploads).flatMap(([componentCode, u]) => (u.state === 'done' ? [{ componentCode, fileId: u.fileId }] : [])),
  });

  const requestSupplement = () => {
    const p = procedure.data;
    const problems = applicantProblems();
    if (!reasonText.trim()) problems.reason = t('workspace.reception.supplementReasonRequired');
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !p || missing.length === 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    supplement.mutate(
      { body: bodyFor(p), reason: reasonText.trim().normalize('NFC'), components: missing.map((c) => c.code) },
      { onSuccess: onReceived, onError: () => requestAnimationFrame(() => summary.current?.focus()) },
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = procedure.data;
    const problems = applicantProblems();
    for (const c of p?.components ?? []) {
      const u = uploads[c.code];
      if (c.required && u?.state !== 'done') problems[`component.${c.code}`] = t('workspace.reception.fileMissing');
    }
    setErrors(problems);
    if (missing.length > 0) setOfferSupplement(true);
    if (Object.keys(problems).length > 0 || !p) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    receive.mutate(bodyFor(p), { onSuccess: onReceived, onError: () => requestAnimationFrame(() => summary.current?.focus()) });
  };

  const problemCount = Object.keys(errors).length;
  const labels: Record<string, string> = {
    'applicant.fullName': t('workspace.reception.fullName'),
    'applicant.idNumber': t('workspace.reception.idNumber'),
    'applicant.phone': t('workspace.reception.phone'),
    'applicant.address.communeCode': t('workspace.reception.commune'),
    'applicant.address.detail': t('workspace.reception.addressDetail'),
  };
  const fieldLabel = (field: string) => labels[field.replace(/^body\./, '')] ?? field.replace(/^body\./, '');
  const set = (k: keyof typeof applicant) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setApplicant((a) => ({ ...a, [k]: value }));
    setErrors(({ [k]: _, ...rest }) => rest);
  };

  return (
    <Stack gap="md">
      <div ref={summary} tabIndex={-1}>
        {problemCount > 0 && (
          <Alert color="red" variant="light" role="alert">
            {t('workspace.reception.fixErrors', { count: problemCount })}
          </Alert>
        )}
        {failed && (
          <Alert color="red" variant="light" role="alert">
            {failed.message}
            {Array.isArray((failed as ApiError).details) && Object.keys(server).length > 0 && (
              <List size="sm" mt={4}>
                {Object.entries(server).map(([field, message]) => (
                  <List.Item key={field}>
                    {fieldLabel(field)}: {message}
                  </List.Item>
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
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setQ(draft.trim());
          }}
        >
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              type="search"
              label={t('workspace.reception.searchProcedure')}
              placeholder={t('home.searchPlaceholder')}
              data-shortcut="search"
              aria-keyshortcuts="/"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              error={errors.procedure}
              style={{ flex: 1 }}
            />
            <Button type="submit">{t('workspace.queues.search')}</Button>
          </Group>
        </form>
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
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' }, root: { height: 'auto', minHeight: 40, paddingBlock: 8 } }}
                  aria-pressed={p.code === code}
                  onClick={() => {
                    setCode(p.code);
                    setUploads({});
                  }}
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
          {code && (
            <Section id="thanh-phan-ho-so" title={t('workspace.reception.components')}>
              {procedure.isPending ? (
                <Loading />
              ) : procedure.isError ? (
                <LoadError onRetry={() => procedure.refetch()} />
              ) : (
                <Components p={procedure.data} uploads={uploads} errors={errors} onFile={upload} />
              )}
            </Section>
          )}

          <Section id="nguoi-nop" title={t('workspace.reception.applicant')}>
            <Stack gap="sm">
              <TextInput label={t('workspace.reception.fullName')} required value={applicant.fullName} onChange={set('fullName')} error={err('fullName')} autoComplete="off" />
              <TextInput
                label={t('workspace.reception.idNumber')}
                description={t('workspace.reception.idNumberHint')}
                styles={{ description: { color: '#495057' } }}
                required
                inputMode="numeric"
                maxLength={12}
                value={applicant.idNumber}
                onChange={set('idNumber')}
                error={err('idNumber')}
                autoComplete="off"
              />
              <TextInput label={t('workspace.reception.phone')} required inputMode="tel" value={applicant.phone} onChange={set('phone')} error={err('phone')} autoComplete="off" />
              <NativeSelect
                label={t('workspace.reception.commune')}
                required
                value={applicant.communeCode}
                onChange={set('communeCode')}
                error={err('communeCode')}
                data={[
                  { value: '', label: communes.isPending ? t('app.loading') : t('workspace.form.choose') },
                  ...(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name })),
                ]}
              />
              <TextInput label={t('workspace.reception.addressDetail')} required value={applicant.detail} onChange={set('detail')} error={err('detail')} autoComplete="off" />
              <HandOverPreview procedureCode={procedure.data?.code ?? ''} receivingAgency={agency} communeCode={applicant.communeCode} />
            </Stack>
          </Section>

          <Group>
            <Button type="submit" size="md" loading={receive.isPending} disabled={supplement.isPending}>
              {t('workspace.reception.submit')}
            </Button>
          </Group>

          {offerSupplement && procedure.data && missing.length > 0 && (
            <Section id="yeu-cau-bo-sung" title={t('workspace.reception.supplementTitle')}>
              <Stack gap="sm">
                <Text>{t('workspace.reception.supplementIntro', { count: missing.length })}</Text>
                <List size="sm" data-testid="missing-components">
                  {missing.map((c) => (
                    <List.Item key={c.code}>{c.name}</List.Item>
                  ))}
                </List>
                <Textarea
                  label={t('workspace.reception.supplementReason')}
                  required
                  autosize
                  minRows={3}
                  maxLength={2000}
                  value={reasonText}
                  onChange={(e) => {
                    setReason(e.currentTarget.value);
                    setErrors(({ reason: _, ...rest }) => rest);
                  }}
                  error={errors.reason}
                />
                <Group>
                  <Button type="button" size="md" onClick={requestSupplement} loading={supplement.isPending} disabled={receive.isPending}>
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
  uploads,
  errors,
  onFile,
}: {
  p: ProcedureDetail;
  uploads: Record<string, Upload>;
  errors: Record<string, string>;
  onFile: (code: string, file: File | undefined) => void;
}) {
  const { t } = useTranslation();
  if (p.components.length === 0) return <Text>{t('procedure.noComponents')}</Text>;
  return (
    <Stack gap="md" component="ol" style={{ paddingLeft: 20, margin: 0 }}>
      {p.components.map((c) => {
        const u = uploads[c.code];
        const id = `tp-${c.code}`;
        const error = errors[`component.${c.code}`] ?? (u?.state === 'error' ? u.message : undefined);
        return (
          <li key={c.code}>
            <Group gap="xs" wrap="wrap">
              <label htmlFor={id}>
                <Text fw={600} span>
                  {c.name}
                </Text>
              </label>
              <Badge color={c.required ? 'red.9' : 'gray.7'} variant={c.required ? 'filled' : 'outline'} tt="none">
                {c.required ? t('procedure.requiredYes') : t('procedure.requiredNo')}
              </Badge>
            </Group>
            <input
              id={id}
              className="ws-file"
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
              aria-invalid={!!error}
              aria-describedby={`${id}-state`}
              onChange={(e) => onFile(c.code, e.currentTarget.files?.[0])}
              style={{ marginTop: 6 }}
            />
            <Text id={`${id}-state`} size="sm" c={error ? 'var(--mantine-color-error)' : 'gray.8'} aria-live="polite">
              {error ??
                (u?.state === 'uploading'
                  ? t('workspace.reception.uploading', { name: u.name })
                  : u?.state === 'done'
                    ? t('workspace.reception.uploaded', { name: u.name })
                    : t('workspace.reception.noFile'))}
            </Text>
          </li>
        );
      })}
    </Stack>
  );
}
