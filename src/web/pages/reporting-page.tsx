import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayText, dayTimeText } from '../ui/day-input.tsx';
import { useSearchParams } from 'react-router';
import { useQueryUpdate } from '../ui/address-query.ts';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import '../modules/reporting/reporting.css';
import { AdHocRequest } from '../modules/reporting/ad-hoc-request.tsx';
import { ErrorAlert } from '../modules/reporting/error-alert.tsx';
import { periodName } from '../modules/reporting/period-name.ts';
import { figuresOf, TableIndicator } from '../modules/reporting/table-indicator.tsx';
import {
  aggregateExportUrl,
  exportUrl,
  type Key,
  type Regime,
  type ReportOut,
  templateUrl,
  useAggregate,
  usePeriods,
  useRegimes,
  useReport,
  useReportingMe,
  useReportMutations,
} from '../modules/reporting/reporting.api.ts';
import { localDate } from '../../platform/clock.ts';
import { REPORT_TEXT_LIMITS } from '#modules/reporting/text-limits.ts';
import { ApiError } from '../ui/http.ts';
import { WRAPPING_BADGE, wrappingButton } from '../ui/whole-labels.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { FilePicker } from '../ui/file-picker.tsx';
import { useTabState } from '../ui/use-tab-state.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { ColumnHeaders } from '../ui/data-table.tsx';

/** `/bao-cao`: the reporting officer fills, the leader signs and submits, the receiving unit reviews and aggregates. */
const ReportingPage = signedInPage('reporting.title', Workspace);
export default ReportingPage;

/** The choices of the unit, regime and period lists are long (a regime's name, "Đơn vị nhận báo cáo — Ủy ban nhân dân …"): the
 * list may be wider than its field, and each choice wraps instead of being cut (issue 17, 1024 px). */
const LONG_OPTIONS = { width: 'max-content', position: 'bottom-start', classNames: { option: 'reporting-option', dropdown: 'reporting-dropdown' } } as const;

const STATUS_COLOR: Record<string, string> = { draft: 'gray.8', pending_signature: 'blue.9', submitted: 'blue.9', returned: 'red.9', accepted: 'teal.9', missing: 'gray.8' };

function Workspace() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const me = useReportingMe();
  const regimes = useRegimes();
  // Hà Nội's date, not the phone's nor UTC's: from 00:00 to 07:00 on a period's first day the
  // UTC date is still the previous period's.
  const today = localDate(new Date());
  const year = Number(params.get('period')?.slice(0, 4)) || Number(today.slice(0, 4));
  const roles = me.data?.roles ?? [];
  const roleKey = params.get('as') ?? (roles.find((r) => r.agency === params.get('unit')) ? `${roles.find((r) => r.agency === params.get('unit'))!.role}:${params.get('unit')}` : roles[0] ? `${roles[0].role}:${roles[0].agency}` : null);
  const role = roles.find((r) => `${r.role}:${r.agency}` === roleKey) ?? null;
  const regimeCode = params.get('regime') ?? regimes.data?.items[0]?.code ?? null;
  const regime = regimes.data?.items.find((r) => r.code === regimeCode) ?? null;
  const periods = usePeriods(regimeCode, year);
  const period = params.get('period') ?? periods.data?.filter((p) => p.from <= today).at(-1)?.period ?? periods.data?.[0]?.period ?? null;
  // on the address as it is now, not as last rendered (ui/address-query.ts)
  const setQuery = useQueryUpdate();
  const set = (k: string, v: string | null) =>
    setQuery({ [k]: v, ...(k === 'regime' ? { period: null } : {}), ...(k === 'as' ? { unit: null } : {}) }, { replace: true });

  if (me.isPending || regimes.isPending) return <Loading />;
  if (me.isError || regimes.isError) return (
      <LoadError
        onRetry={() => {
          me.refetch();
          regimes.refetch();
        }}
      />
    );
  if (roles.length === 0)
    return (
      <Stack>
        <Title order={1}>{t('reporting.title')}</Title>
        <Text>{t('reporting.noRole')}</Text>
      </Stack>
    );
  const periodOptions = (periods.data ?? []).map((p) => ({ value: p.period, label: t('reporting.periodOption', { label: periodName(t, p.period), due: dayText(p.dueDate) }) }));
  const key: Key | null = role && regimeCode && period ? { regime: regimeCode, period, unit: role.agency } : null;
  return (
    <Stack gap="md">
      <Title order={1}>{t('reporting.title')}</Title>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t('reporting.as')}
          style={{ flex: '1 1 400px' }}
          comboboxProps={LONG_OPTIONS}
          value={roleKey}
          onChange={(v) => set('as', v)}
          allowDeselect={false}
          data={roles.map((r) => ({ value: `${r.role}:${r.agency}`, label: `${t(`reporting.role.${r.role}`)} — ${r.agencyName}` }))}
        />
        <Select label={t('reporting.regime')} style={{ flex: '1 1 500px' }} comboboxProps={LONG_OPTIONS} value={regimeCode} onChange={(v) => set('regime', v)} allowDeselect={false} data={(regimes.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))} />
        <Select
          label={t('reporting.period')}
          // as wide as the longest choice ("6 tháng đầu năm 2026 (hạn 18/06/2026)", "Đợt DX-2026-… (hạn …)"; "(due …)" in English), so the chosen one is never cut;
          // `ch` is the width of "0", wider than the average letter, plus the padding and the arrow
          style={{ flex: `0 0 calc(${Math.max(24, ...periodOptions.map((p) => p.label.length))}ch + 56px)`, maxWidth: '100%' }}
          comboboxProps={LONG_OPTIONS}
          value={period}
          onChange={(v) => set('period', v)}
          allowDeselect={false}
          searchable
          data={periodOptions}
        />
      </Group>
      {role?.role === 'leader' && role.level === 'tinh' && <AdHocRequest agency={role.agency} provinceCode={role.provinceCode} />}
      {regime && <Text size="sm">{regime.definition.content}</Text>}
      {key && regime && role && (role.role === 'receiver' ? <Receiving key={JSON.stringify(key)} k={key} regime={regime} /> : <ReportForm key={JSON.stringify(key)} k={key} regime={regime} leader={role.role === 'leader'} />)}
    </Stack>
  );
}

function Header({ report }: { report: ReportOut }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Title order={2} size="h3">
          {report.unitName} — {periodName(t, report.period)}
        </Title>
        <Badge color={STATUS_COLOR[report.status]} data-testid="report-status" styles={WRAPPING_BADGE}>
          {t(`reporting.status.${report.status}`)}
        </Badge>
        {report.late && <Badge color="red.9" styles={WRAPPING_BADGE}>{t('reporting.late')}</Badge>}
        {report.overdue && <Badge color="red.9" styles={WRAPPING_BADGE}>{t('reporting.overdue')}</Badge>}
        <Button variant="subtle" size="compact-sm" className="reporting-no-print" onClick={() => window.print()}>
          {t('reporting.print')}
        </Button>
      </Group>
      <Text size="sm">
        {t('reporting.range', { from: dayText(report.from), to: dayText(report.to), due: dayText(report.dueDate), receiving: report.receivingUnitName })}
      </Text>
      <Elsewhere report={report} />
      {report.prefilledFrom?.source === 'aggregate' && (
        <Text size="sm" data-testid="prefilled-from">
          {t('reporting.prefilledFromAggregate', { accepted: report.prefilledFrom.accepted, expected: report.prefilledFrom.expected, regime: report.prefilledFrom.regime })}
        </Text>
      )}
      {report.returnedReason && report.status !== 'accepted' && (
        <Alert color="red.9" title={t('reporting.returnedReason')}>
          {report.returnedReason}
        </Alert>
      )}
      {report.signature && (
        <Text size="sm" data-testid="signature">
          {report.signature.valid ? t('reporting.signedValid', { signer: report.signature.signer }) : t('reporting.signedInvalid', { signer: report.signature.signer })}
          {report.submittedAt ? ` · ${dayTimeText(report.submittedAt)}` : ''}
        </Text>
      )}
    </Stack>
  );
}

/** Which installation decides, when the receiving unit (or, for the receiver, the reporting unit) is on another one. */
function Elsewhere({ report }: { report: ReportOut }) {
  const { t } = useTranslation();
  const { receivingNode, unitNode, delivery } = report.elsewhere;
  if (unitNode) {
    return (
      <Text size="sm" data-testid="report-elsewhere">
        {t('reporting.elsewhere.fromUnit', { unit: report.unitName, node: unitNode })}
      </Text>
    );
  }
  if (!receivingNode) return null;
  const names = { receiving: report.receivingUnitName, node: receivingNode };
  const which = report.status === 'accepted' || report.status === 'returned' ? 'decided' : report.status === 'submitted' ? 'waiting' : 'before';
  return (
    <Alert color={delivery === 'refused' ? 'red' : 'blue'} variant="light" data-testid="report-elsewhere">
      <Text size="sm">{t(`reporting.elsewhere.${which}`, names)}</Text>
      {delivery && <Text size="sm">{t(`reporting.elsewhere.delivery.${delivery}`)}</Text>}
    </Alert>
  );
}

type Draft = Record<string, string>;
const NOTHING_TYPED: { values: Draft; reasons: Draft } = { values: {}, reasons: {} };
const show = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v).replace('.', ',') : String(v));
const parse = (s: string, type: string): number | string | null => {
  const v = s.trim();
  if (!v) return null;
  if (type === 'text') return v;
  const n = Number(v.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : v;
};

function ReportForm({ k, regime, leader }: { k: Key; regime: Regime; leader: boolean }) {
  const { t } = useTranslation();
  const report = useReport(k);
  const m = useReportMutations(k);
  // What was typed and not yet saved, over the saved report: kept for the tab, so a reload (or a
  // phone that dropped the tab) gives back the figures instead of the last saved ones; a closed tab
  // asks first. Forgotten once saved (the server's answer is then the report).
  const [typed, setTyped] = useTabState<{ values: Draft; reasons: Draft }>(`reporting:${k.regime}:${k.period}:${k.unit}:typed`, NOTHING_TYPED);
  const editableNow = report.data?.allowedActions.includes('save') ?? false;
  const values = useMemo<Draft>(
    () => ({ ...Object.fromEntries(Object.entries(report.data?.values ?? {}).map(([c, v]) => [c, show(v)])), ...(editableNow ? typed.values : {}) }),
    [report.data, typed.values, editableNow],
  );
  const reasons = useMemo<Draft>(
    () => ({ ...Object.fromEntries((report.data?.corrections ?? []).map((c) => [c.indicator, c.reason])), ...(editableNow ? typed.reasons : {}) }),
    [report.data, typed.reasons, editableNow],
  );
  const setValue = (code: string, v: string) => setTyped((old) => ({ ...old, values: { ...old.values, [code]: v } }));
  const setReason = (code: string, v: string) => setTyped((old) => ({ ...old, reasons: { ...old.reasons, [code]: v } }));
  const unsaved = editableNow && (Object.keys(typed.values).length > 0 || Object.keys(typed.reasons).length > 0);
  useEffect(() => {
    if (report.data && !editableNow) setTyped((old) => (old === NOTHING_TYPED ? old : NOTHING_TYPED)); // handed in, signed: nothing left to keep
  }, [report.data, editableNow, setTyped]);
  useEffect(() => {
    if (!unsaved) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
  const saved = () => setTyped(NOTHING_TYPED);
  const [file, setFile] = useState<File | null>(null);
  const [sendBack, setSendBack] = useState('');
  const [confirming, setConfirming] = useState(false);
  const indicators = useMemo(() => new Set(report.data?.indicators ?? []), [report.data]);
  if (report.isPending) return <Loading />;
  if (report.isError && report.error instanceof ApiError && report.error.status === 404) return <Text>{t('reporting.notReporting')}</Text>;
  if (report.isError) return <LoadError onRetry={() => report.refetch()} />;
  const r = report.data;
  const editable = r.allowedActions.includes('save');
  const body = () => {
    const out: Record<string, number | string | null> = {};
    const why: Record<string, string> = {};
    for (const section of regime.definition.sections)
      for (const f of section.indicators.flatMap(figuresOf)) {
        if (!indicators.has(f.code)) continue;
        out[f.code] = parse(values[f.code] ?? '', f.type);
        if (reasons[f.code]?.trim()) why[f.code] = reasons[f.code].trim();
      }
    return { values: out, reasons: why };
  };
  const error = m.save.error ?? m.act.error ?? m.upload.error;
  // a leader signs and sends even a draft; an officer hands it in for signature
  const signs = leader || r.status === 'pending_signature' || !r.allowedActions.includes('save');
  const submitLabel = signs ? t('reporting.signSubmit') : t('reporting.submit');
  const submit = () =>
    editable
      ? m.save.mutate(body(), {
          onSuccess: () => {
            saved();
            m.act.mutate({ action: 'submit' });
          },
        })
      : m.act.mutate({ action: 'submit' });
  return (
    <Stack gap="md">
      <Header report={r} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          m.save.mutate(body(), { onSuccess: saved });
        }}
      >
        <Stack gap="lg">
          {regime.definition.sections.map((section) => {
            const inds = section.indicators.filter((i) => figuresOf(i).some((f) => indicators.has(f.code)));
            if (inds.length === 0) return null;
            const isChanged = (code: string, type: string) => {
              const pre = r.prefilled[code];
              return pre !== undefined && values[code] !== undefined && values[code] !== '' && parse(values[code], type) !== pre;
            };
            return (
              <fieldset key={section.title} className="reporting-section">
                <legend>{section.title}</legend>
                <Stack gap="sm">
                  {inds.map((ind) => {
                    if (ind.type === 'table')
                      return (
                        <TableIndicator
                          key={ind.code}
                          ind={ind}
                          values={values}
                          prefilled={r.prefilled}
                          reasons={reasons}
                          changed={(code) => isChanged(code, 'number')}
                          editable={editable}
                          onValue={setValue}
                          onReason={setReason}
                        />
                      );
                    const pre = r.prefilled[ind.code];
                    const changed = pre !== undefined && values[ind.code] !== undefined && values[ind.code] !== '' && parse(values[ind.code], ind.type) !== pre;
                    const label = `${ind.number}. ${ind.name}${ind.unit ? ` (${ind.unit})` : ''}`;
                    return (
                      <div key={ind.code}>
                        {ind.type === 'text' ? (
                          <Textarea label={label} value={values[ind.code] ?? ''} onChange={(e) => setValue(ind.code, e.currentTarget.value)} readOnly={!editable} autosize minRows={2} maxLength={REPORT_TEXT_LIMITS.value} />
                        ) : (
                          <TextInput
                            label={label}
                            inputMode="decimal"
                            w={{ base: '100%', sm: 560 }}
                            value={values[ind.code] ?? ''}
                            onChange={(e) => setValue(ind.code, e.currentTarget.value)}
                            readOnly={!editable}
                            description={pre !== undefined ? t(r.prefilledFrom?.source === 'aggregate' ? 'reporting.prefilledAggregate' : 'reporting.prefilled', { value: show(pre) }) : undefined}
                          />
                        )}
                        {changed && (
                          <Textarea
                            mt={4}
                            label={t('reporting.reason', { value: show(pre) })}
                            required
                            value={reasons[ind.code] ?? ''}
                            onChange={(e) => setReason(ind.code, e.currentTarget.value)}
                            readOnly={!editable}
                            maxLength={REPORT_TEXT_LIMITS.reason}
                            autosize
                            minRows={1}
                          />
                        )}
                      </div>
                    );
                  })}
                </Stack>
              </fieldset>
            );
          })}
          <ErrorAlert error={error} />
          {(m.save.isSuccess || m.upload.isSuccess) && !error && (
            <Alert color="teal" variant="light" role="status">
              {t('reporting.saved')}
            </Alert>
          )}
          <Group gap="sm">
            {editable && (
              <Button type="submit" variant="default" loading={m.save.isPending}>
                {t('reporting.save')}
              </Button>
            )}
            {r.allowedActions.includes('submit') && (
              <Button
                loading={m.act.isPending}
                // signing sends the report for good (only the receiving unit can return it): asked first
                onClick={() => (signs ? setConfirming(true) : submit())}
              >
                {submitLabel}
              </Button>
            )}
            <Anchor href={r.status === 'draft' || r.status === 'returned' ? templateUrl(k) : exportUrl(k)} download>
              {r.status === 'draft' || r.status === 'returned' ? t('reporting.template') : t('reporting.export')}
            </Anchor>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirming}
        title={t('reporting.signConfirmTitle')}
        confirm={t('reporting.signConfirmButton')}
        cancel={t('reporting.cancel')}
        close={t('reporting.close')}
        onConfirm={submit}
        onClose={() => setConfirming(false)}
      >
        {t('reporting.signConfirm', { unit: r.unitName, period: periodName(t, r.period), receiving: r.receivingUnitName })}
      </ConfirmDialog>
      {r.allowedActions.includes('return') && (
        <Group align="flex-end">
          <Textarea label={t('reporting.sendBackReason')} value={sendBack} onChange={(e) => setSendBack(e.currentTarget.value)} w={420} autosize minRows={1} maxLength={REPORT_TEXT_LIMITS.sendBack} />
          <Button variant="default" color="red.9" disabled={!sendBack.trim()} onClick={() => m.act.mutate({ action: 'return', reason: sendBack.trim() })}>
            {t('reporting.sendBack')}
          </Button>
        </Group>
      )}
      {editable && (
        <Group align="flex-end">
          <FilePicker label={t('reporting.uploadLabel')} accept=".xlsx" chosen={file} onChange={setFile} onClear={() => setFile(null)} />
          <Button variant="default" disabled={!file} loading={m.upload.isPending} onClick={() => file && m.upload.mutate(file, { onSuccess: saved })}>
            {t('reporting.upload')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Receiving({ k, regime }: { k: Key; regime: Regime }) {
  const { t } = useTranslation();
  const agg = useAggregate(k);
  const [selected, setSelected] = useState<string | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  if (agg.isPending) return <Loading />;
  if (agg.isError) return <LoadError onRetry={() => agg.refetch()} />;
  const a = agg.data;
  const order = { returned: 0, submitted: 1, accepted: 2, missing: 3 } as const;
  const rows = [...a.units].sort((x, y) => order[x.status] - order[y.status]).filter((u) => showMissing || u.status !== 'missing');
  const inds = regime.definition.sections.flatMap((s) => s.indicators);
  const names = new Map(inds.map((i) => [i.code, i] as const));
  const aggregated = new Map(a.indicators.map((i) => [i.indicator, i]));
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('reporting.board', { unit: a.unitName, period: periodName(t, a.period) })}
      </Title>
      <Text data-testid="board-counts">{t('reporting.counts', a.counts)}</Text>
      <Table striped withTableBorder aria-label={t('reporting.boardTable')} className="reporting-board">
        <ColumnHeaders columns={[t('reporting.unit'), t('reporting.statusLabel'), t('reporting.submittedAt'), t('reporting.open')]} />
        <Table.Tbody>
          {rows.map((u) => (
            <Table.Tr key={u.unit}>
              <Table.Td>{u.unitName}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {/* wrapped, never cut to "SU…" in a narrow column (English at 360 px) */}
                  <Badge color={STATUS_COLOR[u.status]} styles={WRAPPING_BADGE}>
                    {t(`reporting.status.${u.status}`)}
                  </Badge>
                  {(u.late || u.overdue) && (
                    <Badge color="red.9" styles={WRAPPING_BADGE}>
                      {u.late ? t('reporting.late') : t('reporting.overdue')}
                    </Badge>
                  )}
                </Group>
                {/* on a phone the time goes under the status, its own column hidden (reporting.css) */}
                {u.submittedAt && (
                  <Text size="xs" mt={4} className="reporting-board-when">
                    {t('reporting.submittedAt')}: {dayTimeText(u.submittedAt)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{u.submittedAt ? dayTimeText(u.submittedAt) : '—'}</Table.Td>
              <Table.Td>
                {u.status !== 'missing' && (
                  <Button size="compact-sm" variant="default" onClick={() => setSelected(u.unit)} aria-label={`${t('reporting.open')}: ${u.unitName}`}>
                    {t('reporting.open')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="subtle" styles={wrappingButton('left', 44)} onClick={() => setShowMissing(!showMissing)}>
          {showMissing ? t('reporting.hideMissing') : t('reporting.showMissing', { count: a.counts.missing })}
        </Button>
      </Group>
      {selected && <ReviewReport key={selected} k={{ ...k, unit: selected }} regime={regime} onClose={() => setSelected(null)} />}
      <Title order={2} size="h3">
        {t('reporting.aggregate')}
      </Title>
      <Table withTableBorder aria-label={t('reporting.aggregate')}>
        <ColumnHeaders columns={[t('reporting.indicator'), t('reporting.value'), t('reporting.units')]} />
        <Table.Tbody>
          {a.indicators
            .filter((i) => names.has(i.indicator))
            .map((i) => (
            <Table.Tr key={i.indicator}>
              <Table.Td>
                {names.get(i.indicator)?.number}. {names.get(i.indicator)?.name}
              </Table.Td>
              <Table.Td>
                {i.texts.length > 0 ? (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {i.texts.map((x) => (
                      <li key={x.unit}>
                        <strong>{x.unitName}:</strong> {x.text}
                      </li>
                    ))}
                  </ul>
                ) : (
                  (i.value?.toLocaleString('vi-VN') ?? '—')
                )}
              </Table.Td>
              <Table.Td>{i.units}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {inds
        .filter((i) => i.type === 'table')
        .map((ind) => (
          <TableIndicator
            key={ind.code}
            ind={ind}
            values={Object.fromEntries(figuresOf(ind).map((f) => [f.code, aggregated.get(f.code)?.value?.toLocaleString('vi-VN') ?? '']))}
            prefilled={{}}
            reasons={{}}
            changed={() => false}
            editable={false}
          />
        ))}
      <Anchor href={aggregateExportUrl(k)} download>
        {t('reporting.exportAggregate')}
      </Anchor>
    </Stack>
  );
}

function ReviewReport({ k, regime, onClose }: { k: Key; regime: Regime; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReport(k);
  const m = useReportMutations(k);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  // Opened from the board ("Xem"), the report shows below it, out of sight at 768 px: the keyboard
  // and the screen reader are taken to it (they stayed on the board's button).
  const section = useRef<HTMLElement>(null);
  const loaded = !!report.data;
  useEffect(() => {
    if (loaded) section.current?.focus();
  }, [loaded]);
  if (report.isPending) return <Loading />;
  if (report.isError) return <LoadError onRetry={() => report.refetch()} />;
  const r = report.data;
  const corrections = new Map(r.corrections.map((c) => [c.indicator, c]));
  return (
    <section ref={section} tabIndex={-1} className="reporting-review" aria-label={t('reporting.reviewOf', { unit: r.unitName })}>
      <Stack gap="sm">
        <Header report={r} />
        <Table withTableBorder>
          <Table.Tbody>
            {regime.definition.sections.flatMap((s) =>
              s.indicators
                .filter((i) => figuresOf(i).some((f) => r.indicators.includes(f.code)))
                .map((i) =>
                  i.type === 'table' ? (
                    <Table.Tr key={i.code}>
                      <Table.Td colSpan={2}>
                        <TableIndicator
                          ind={i}
                          values={Object.fromEntries(figuresOf(i).map((f) => [f.code, show(r.values[f.code])]))}
                          prefilled={r.prefilled}
                          reasons={Object.fromEntries(r.corrections.map((c) => [c.indicator, c.reason]))}
                          changed={(code) => corrections.has(code)}
                          editable={false}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ) : (
                  <Table.Tr key={i.code}>
                    <Table.Td>
                      {i.number}. {i.name}
                    </Table.Td>
                    <Table.Td>
                      {show(r.values[i.code]) || '—'}
                      {corrections.get(i.code) && (
                        <Text size="sm">{t('reporting.correction', { value: show(corrections.get(i.code)!.prefilled), reason: corrections.get(i.code)!.reason })}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                )),
            )}
          </Table.Tbody>
        </Table>
        <ErrorAlert error={m.act.error} />
        <Group align="flex-end">
          {/* accepting is final (the report counts in the aggregate and can no longer be returned): asked first, as signing is */}
          {r.allowedActions.includes('accept') && (
            <Button loading={m.act.isPending} onClick={() => setConfirming(true)}>
              {t('reporting.accept')}
            </Button>
          )}
          {r.allowedActions.includes('return') && (
            <>
              <Textarea label={t('reporting.returnReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={380} autosize minRows={1} maxLength={REPORT_TEXT_LIMITS.sendBack} />
              <Button variant="default" disabled={!reason.trim()} onClick={() => m.act.mutate({ action: 'return', reason: reason.trim() })}>
                {t('reporting.return')}
              </Button>
            </>
          )}
          <Anchor href={exportUrl(k)} download>
            {t('reporting.export')}
          </Anchor>
          <Button variant="subtle" onClick={onClose}>
            {t('reporting.close')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('reporting.acceptConfirmTitle')}
        confirm={t('reporting.acceptConfirmButton')}
        cancel={t('reporting.cancel')}
        close={t('reporting.close')}
        // the button goes with the decision: the keyboard is taken to the report, which now says "accepted"
        onConfirm={() => m.act.mutate({ action: 'accept' }, { onSuccess: () => section.current?.focus() })}
        onClose={() => setConfirming(false)}
      >
        {t('reporting.acceptConfirm', { unit: r.unitName, period: periodName(t, r.period) })}
      </ConfirmDialog>
    </section>
  );
}
