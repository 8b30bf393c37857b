import { z } from 'zod';
import type { AgencyKind } from '#modules/places/index.ts';
import { ProcedureRecord } from './catalog.contract.ts';
import type { FeeRule, InteragencyStep, Level, ProcedureComponent, ProcedureContent, ProcedureSheet } from './catalog.types.ts';

/**
 * The procedure file (a list of catalog.contract.ts `ProcedureRecord`, domain.md §14) and its
 * translation into one version's content, and back. Pure: no database.
 */
export const procedureFileSchema = z.object({
  meta: z.record(z.string(), z.unknown()).optional(),
  procedures: z.array(z.unknown()).max(50_000),
});

/** The code a procedure is filed under: its own, else its first candidate, else the local one. */
export function codeOf(raw: Pick<ProcedureRecord, 'code' | 'code_candidates' | 'local_code'>): string | null {
  return raw.code ?? raw.code_candidates[0] ?? raw.local_code ?? null;
}

/** Parses one entry; problems come back as readable lines naming the entry and the field. */
export function parseProcedure(entry: unknown, index: number): { raw: ProcedureRecord } | { problem: string } {
  const parsed = ProcedureRecord.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = (entry as { name_vi?: unknown })?.name_vi;
    return { problem: `#${index + 1}${typeof name === 'string' ? ` (${name.slice(0, 60)})` : ''}: ${issue.path.join('.') || '(mục)'}: ${issue.message}` };
  }
  if (!codeOf(parsed.data)) return { problem: `#${index + 1} (${parsed.data.name_vi.slice(0, 60)}): không có mã thủ tục (code, code_candidates hoặc local_code)` };
  return { raw: parsed.data };
}

/**
 * Agency kind named by a published wording such as "Công an cấp xã" or "UBND cấp xã (…)".
 * Only the part before any parenthesis or arrow counts; unknown wording falls back to the
 * People's Committee of the procedure's level, the authority of last resort.
 */
export function agencyKindOf(wording: string | null | undefined): AgencyKind {
  const head = (wording ?? '').split(/→|\(/)[0].normalize('NFC');
  if (/công an|police/i.test(head)) return 'police';
  if (/bảo hiểm xã hội|bhxh|social insurance/i.test(head)) return 'social_insurance';
  if (/sở tư pháp/i.test(head) && !/ubnd|ủy ban/i.test(head)) return 'justice';
  if (/sở tài chính|đăng ký kinh doanh cấp tỉnh|business registration authority$/i.test(head) && !/commune/i.test(head)) return 'finance';
  if (/trung tâm phục vụ hành chính công/i.test(head)) return 'public_service_center';
  return 'people_committee';
}

const isOptionalDocument = (name: string) => /\b(where|if any|if applicable|nếu có|trường hợp)\b/i.test(name);

/** Components as published; the sample lists names only, so one original each is assumed (and marked). */
function componentsOf(raw: ProcedureRecord): ProcedureComponent[] {
  if (raw.components) {
    return raw.components.map((c) => ({ ...c, name: c.name.normalize('NFC'), ...(c.group ? { group: c.group.normalize('NFC') } : {}) }));
  }
  return raw.documents.map((name, i) => ({
    code: `TP${i + 1}`,
    name: name.normalize('NFC'),
    original: 1,
    copy: 0,
    required: !isOptionalDocument(name),
  }));
}

const hintNumber = (raw: ProcedureRecord, key: string) => (typeof raw.unverified_hint[key] === 'number' ? (raw.unverified_hint[key] as number) : null);
const hintText = (raw: ProcedureRecord, key: string) => (typeof raw.unverified_hint[key] === 'string' ? (raw.unverified_hint[key] as string) : null);

function feesOf(raw: ProcedureRecord): FeeRule[] {
  const note = raw.fee_note?.normalize('NFC') ?? null;
  if (raw.fee_rule) {
    const r = raw.fee_rule;
    return [
      {
        label: 'Phí',
        type: 'per_page',
        amountVnd: null,
        perPage: { firstPages: r.first_pages, rateFirstVnd: r.rate_first_pages_vnd, rateNextVnd: r.rate_subsequent_pages_vnd, capPerCopyVnd: r.cap_per_copy_vnd ?? null },
        note,
        verified: !raw.verification.fee_rule?.startsWith('R'),
      },
    ];
  }
  if (raw.fee_vnd != null) return [{ label: 'Lệ phí', type: 'flat', amountVnd: raw.fee_vnd, note, verified: true }];
  const paper = hintNumber(raw, 'fee_vnd_paper');
  const online = hintNumber(raw, 'fee_vnd_online');
  if (paper != null || online != null) {
    const rules: FeeRule[] = [];
    if (paper != null) rules.push({ label: 'Lệ phí (nộp trực tiếp)', type: 'flat', amountVnd: paper, channel: 'direct', note, verified: false });
    if (online != null) rules.push({ label: 'Lệ phí (nộp trực tuyến)', type: 'flat', amountVnd: online, channel: 'online', note, verified: false });
    return rules;
  }
  const hinted = hintNumber(raw, 'fee_vnd');
  if (hinted != null) return [{ label: 'Lệ phí', type: 'flat', amountVnd: hinted, note: hintText(raw, 'fee_note') ?? note, verified: false }];
  if (note && /HĐND|Hội đồng nhân dân|People's Council/i.test(note)) return [{ label: 'Lệ phí', type: 'set_by_province', amountVnd: null, note, verified: true }];
  return [{ label: 'Lệ phí', type: 'unknown', amountVnd: null, note, verified: false }];
}

/** 'toan_trinh (offered on VNeID)' → 'toan_trinh'. */
const onlineLevelCode = (value: string | null) => (value ? (value.trim().split(/[\s(]/)[0] ?? null) : null);

function stepsOf(raw: ProcedureRecord): InteragencyStep[] {
  const sorted = [...raw.interagency_steps].sort((a, b) => a.seq - b.seq);
  return sorted.map((s, i) => ({
    seq: s.seq,
    agencyKind: s.agency_kind ?? agencyKindOf(s.agency),
    agency: s.agency.normalize('NFC'),
    task: s.action.normalize('NFC'),
    result: s.result?.normalize('NFC') ?? null,
    deadlineDays: s.deadline_days ?? null,
    dependsOn: s.depends_on ?? (i === 0 ? [] : [sorted[i - 1].seq]),
  }));
}

/** One version's content from a file entry: null fields take the unverified hint, marked unverified. */
export function toProcedureContent(raw: ProcedureRecord): ProcedureContent {
  const level: Level = raw.level;
  const deadlineValue = raw.processing_days ?? hintNumber(raw, 'processing_days');
  const onlineLevel = raw.online_level ?? hintText(raw, 'online_level');
  const competent = raw.competent_agency_kind ?? raw.interagency_steps[0]?.agency_kind ?? agencyKindOf(raw.agency_type);
  const receiving = raw.receiving_agency_kinds ?? (level === 'xa' ? [competent] : [competent, 'public_service_center' as const]);
  const code = codeOf(raw);
  return {
    name: raw.name_vi.normalize('NFC'),
    nameEn: raw.name_en ?? null,
    level,
    agencyType: raw.agency_type?.normalize('NFC') ?? null,
    onlineLevel: onlineLevelCode(onlineLevel),
    onlineLevelVerified: raw.online_level != null,
    deadline: {
      value: raw.processing_time_unit === 'same_day' ? 0 : deadlineValue,
      unit: raw.processing_time_unit,
      verified: raw.processing_time_unit === 'same_day' || raw.processing_days != null,
      note: raw.processing_note?.normalize('NFC') ?? null,
    },
    cutoffTime: raw.cutoff_time ?? '15:00',
    components: componentsOf(raw),
    fees: feesOf(raw),
    legalBasis: raw.legal_basis.map((l) => l.normalize('NFC')),
    competentAgencyKind: competent,
    receivingAgencyKinds: [...new Set(receiving)],
    formSchema: raw.form_schema ?? null,
    rules: {
      supplementWindowWorkingDays: raw.rules?.supplementWindowWorkingDays ?? 3,
      lateSupplement: raw.rules?.lateSupplement ?? 'flag',
      excludePaymentWait: raw.rules?.excludePaymentWait ?? false,
      boundaryFree: raw.rules?.boundaryFree ?? level !== 'bo',
      // only when the record states it: other versions keep their content (and hash); `competenceOf` derives it
      ...(raw.rules?.competence ? { competence: raw.rules.competence } : {}),
    },
    interagencySteps: stepsOf(raw),
    // only when the record states it, so that existing versions keep their content hash
    ...(raw.control_mode ? { controlMode: raw.control_mode } : {}),
    codeVerified: raw.code != null,
    aliases: [...new Set(raw.code_candidates)].filter((c) => c !== code),
    verification: raw.verification,
    sources: raw.source,
    sheet: sheetOf(raw),
  };
}

const nfc = (value: string | null | undefined) => value?.normalize('NFC') ?? null;

/** The sheet's other sections; what the entry does not state stays empty, never guessed. */
function sheetOf(raw: ProcedureRecord): ProcedureSheet {
  return {
    sector: nfc(raw.sector),
    levels: raw.levels?.length ? [...new Set(raw.levels)] : [raw.level],
    target: nfc(raw.target),
    steps: (raw.steps ?? []).map((s) => s.normalize('NFC')),
    channels: (raw.channels ?? []).map((c) => ({ method: c.method, deadline: nfc(c.deadline), fees: c.fees.map((f) => f.normalize('NFC')), note: nfc(c.note) })),
    // Offered online when the entry says so, or lists an online channel.
    onlineSubmission: raw.online_submission ?? (raw.channels ? raw.channels.some((c) => c.method === 'truc_tuyen') : null),
    result: nfc(raw.result),
    conditions: (raw.conditions ?? []).map((s) => s.normalize('NFC')),
    issuingBody: nfc(raw.issuing_body),
    decision: nfc(raw.decision),
    portalUrl: raw.portal_url ?? null,
  };
}

/** The hints `toProcedureContent` reads back for a value kept unverified. */
function hintsOf(content: ProcedureContent): Record<string, unknown> {
  const hint: Record<string, unknown> = {};
  if (!content.deadline.verified && content.deadline.value != null) hint.processing_days = content.deadline.value;
  if (!content.onlineLevelVerified && content.onlineLevel != null) hint.online_level = content.onlineLevel;
  for (const fee of content.fees) {
    if (fee.verified || fee.type !== 'flat' || fee.amountVnd == null) continue;
    hint[fee.channel === 'direct' ? 'fee_vnd_paper' : fee.channel === 'online' ? 'fee_vnd_online' : 'fee_vnd'] = fee.amountVnd;
  }
  return hint;
}

/** The fee fields of the file that give back these fee rules. */
function feeFieldsOf(fees: FeeRule[]): Pick<ProcedureRecord, 'fee_vnd' | 'fee_rule' | 'fee_note'> {
  const first = fees[0];
  const fee_note = first?.note ?? null;
  if (first?.type === 'per_page' && first.perPage) {
    const p = first.perPage;
    return {
      fee_vnd: null,
      fee_rule: { type: 'per_page', first_pages: p.firstPages, rate_first_pages_vnd: p.rateFirstVnd, rate_subsequent_pages_vnd: p.rateNextVnd, cap_per_copy_vnd: p.capPerCopyVnd },
      fee_note,
    };
  }
  const verifiedFlat = first?.type === 'flat' && first.verified ? first.amountVnd : null;
  return { fee_vnd: verifiedFlat, fee_rule: null, fee_note };
}

const NATIONAL_CODE = /^\d\.\d{6}$/;

/**
 * The file entry (the shape `motcua import procedures` and the publish route accept) that gives
 * back this content: the inverse of `toProcedureContent`, with every derived field stated
 * explicitly (components with their counts, agency kinds, rules, cut-off time).
 */
export function toProcedureRecord(code: string, content: ProcedureContent, effectiveFrom: string): ProcedureRecord {
  const national = NATIONAL_CODE.test(code);
  return {
    code: content.codeVerified ? code : null,
    code_candidates: content.codeVerified || !national ? content.aliases : [code, ...content.aliases],
    ...(!content.codeVerified && !national ? { local_code: code } : {}),
    name_vi: content.name,
    name_en: content.nameEn,
    level: content.level,
    agency_type: content.agencyType,
    processing_days: content.deadline.verified ? content.deadline.value : null,
    processing_time_unit: content.deadline.unit,
    processing_note: content.deadline.note,
    ...feeFieldsOf(content.fees),
    documents: [],
    online_level: content.onlineLevelVerified ? content.onlineLevel : null,
    interagency_steps: content.interagencySteps.map((s) => ({
      seq: s.seq,
      agency: s.agency,
      action: s.task,
      result: s.result,
      agency_kind: s.agencyKind,
      deadline_days: s.deadlineDays,
      depends_on: s.dependsOn,
    })),
    legal_basis: content.legalBasis,
    verification: content.verification,
    unverified_hint: hintsOf(content),
    source: content.sources,
    components: content.components,
    form_schema: content.formSchema,
    competent_agency_kind: content.competentAgencyKind,
    receiving_agency_kinds: content.receivingAgencyKinds,
    cutoff_time: content.cutoffTime,
    rules: content.rules,
    effective_from: effectiveFrom,
    ...(content.controlMode ? { control_mode: content.controlMode } : {}),
    sector: content.sheet.sector,
    levels: content.sheet.levels,
    target: content.sheet.target,
    steps: content.sheet.steps,
    channels: content.sheet.channels,
    online_submission: content.sheet.onlineSubmission,
    result: content.sheet.result,
    conditions: content.sheet.conditions,
    issuing_body: content.sheet.issuingBody,
    decision: content.sheet.decision,
    portal_url: content.sheet.portalUrl,
  };
}
