import type { DeadlineUnit } from '#modules/calendar/index.ts';
import type { AgencyKind } from '#modules/places/index.ts';

export type Level = 'bo' | 'tinh' | 'xa';

export interface ProcedureComponent {
  code: string; // 'TP1', 'TP2'… (thành phần hồ sơ)
  name: string;
  original: number; // số bản chính
  copy: number; // số bản sao
  required: boolean;
  /** The catalogue names the paper but not how many originals and copies (national import). */
  quantityUnknown?: boolean;
  /** The case this paper belongs to, when the dossier differs by case (national `component_groups`). */
  group?: string;
}

/** Cách thức thực hiện: one submission channel as the catalogue publishes it, in its own words. */
export interface SubmissionChannel {
  method: 'truc_tiep' | 'truc_tuyen' | 'buu_chinh';
  /** Thời hạn giải quyết for this channel, as published ("7 Ngày làm việc"); null when not published. */
  deadline: string | null;
  /** Phí, lệ phí for this channel, as published ("Miễn phí", "20.000 đồng"). */
  fees: string[];
  note: string | null;
}

/**
 * Phí, lệ phí (domain.md §14 lessons): flat, per page with a cap, or set by the province.
 * `verified: false` means the amount was recalled (unverified_hint), not read in the law.
 */
export interface FeeRule {
  label: string;
  type: 'flat' | 'per_page' | 'set_by_province' | 'unknown';
  amountVnd: number | null;
  perPage?: { firstPages: number; rateFirstVnd: number; rateNextVnd: number; capPerCopyVnd: number | null };
  channel?: 'direct' | 'online' | 'postal';
  note: string | null;
  verified: boolean;
}

export interface InteragencyStep {
  seq: number;
  agencyKind: AgencyKind;
  agency: string; // the published wording
  task: string;
  result: string | null;
  deadlineDays: number | null; // sub-deadline in working days, null when not published
  dependsOn: number[];
}

/**
 * Which agency decides a dossier (thẩm quyền), law as data:
 * - `any_authority`: any competent authority the requester chooses — the receiving one when of the
 *   right kind and level (chứng thực, NĐ 23/2015 Art. 5, 8);
 * - `residence`: the agency of the applicant's commune (within the receiving province);
 * - `reception_place`: the agency of the right kind at the receiving agency's place.
 */
export const COMPETENCE_RULES = ['any_authority', 'residence', 'reception_place'] as const;
export type Competence = (typeof COMPETENCE_RULES)[number];

/** The version's competence rule; a version that states none: `residence` for a boundary-free commune procedure, else `reception_place`. */
export function competenceOf(p: Pick<ProcedureContent, 'level' | 'rules'>): Competence {
  return p.rules.competence ?? (p.rules.boundaryFree && p.level === 'xa' ? 'residence' : 'reception_place');
}

/** Rules a dossier is judged by (law as data, frozen with the version). */
export interface ProcedureRules {
  /** Where the dossier goes; absent in versions stored before it existed (see `competenceOf`). */
  competence?: Competence;
  supplementWindowWorkingDays: number; // 3 by NĐ 61 Art. 19.4
  lateSupplement: 'refuse' | 'flag';
  excludePaymentWait: boolean;
  boundaryFree: boolean; // may be received at any desk of the province (NĐ 118/2025)
}

/**
 * Tiền kiểm / hậu kiểm (domain.md §7), law as data on the version: `pre` — the authority appraises
 * before a result exists; `post` — a declaration: the signed acknowledgement is issued at reception
 * and the state inspects afterwards on risk (inspection module); `hybrid` — issued at reception
 * for low risk, appraised first for high risk.
 */
export const CONTROL_MODES = ['pre', 'post', 'hybrid'] as const;
export type ControlMode = (typeof CONTROL_MODES)[number];

/** The version's control mode; a version that states none is `pre` (today's behaviour). */
export const controlModeOf = (p: Pick<ProcedureContent, 'controlMode'>): ControlMode => p.controlMode ?? 'pre';

/** What one version says: everything except its identity and effective dates. */
export interface ProcedureContent {
  name: string;
  nameEn: string | null;
  level: Level;
  agencyType: string | null;
  onlineLevel: string | null;
  onlineLevelVerified: boolean;
  deadline: { value: number | null; unit: DeadlineUnit; verified: boolean; note: string | null };
  cutoffTime: string; // 'HH:MM'
  components: ProcedureComponent[];
  fees: FeeRule[];
  legalBasis: string[];
  competentAgencyKind: AgencyKind;
  receivingAgencyKinds: AgencyKind[];
  formSchema: Record<string, unknown> | null;
  rules: ProcedureRules;
  interagencySteps: InteragencyStep[];
  /** Absent in versions that do not state it (`controlModeOf` → 'pre'); kept out of the hash then. */
  controlMode?: ControlMode;
  codeVerified: boolean;
  aliases: string[]; // other codes it is known by (code_candidates, provincial variants)
  /** Per-field tags of the national sample: V primary text, S secondary source, R recalled. */
  verification: Record<string, string | null>;
  sources: string[];
  /** The sheet's other sections, as published (empty/null when the catalogue does not say). */
  sheet: ProcedureSheet;
}

/** What the national portal's procedure sheet shows besides the facts above. */
export interface ProcedureSheet {
  sector: string | null; // lĩnh vực
  levels: Level[]; // every level it runs at (the first is `level`)
  target: string | null; // đối tượng thực hiện
  steps: string[]; // trình tự thực hiện
  channels: SubmissionChannel[]; // cách thức thực hiện
  onlineSubmission: boolean | null; // the catalogue offers "Trực tuyến" (null: does not say)
  result: string | null; // kết quả thực hiện
  conditions: string[]; // yêu cầu, điều kiện thực hiện
  issuingBody: string | null; // bộ, ngành công bố
  decision: string | null; // số quyết định công bố
  portalUrl: string | null; // the sheet on dichvucong.gov.vn
}

export interface ProcedureVersion extends ProcedureContent {
  id: string;
  procedureCode: string;
  version: number;
  effectiveFrom: string; // YYYY-MM-DD
  effectiveTo: string | null; // exclusive
}

export interface ProcedureSummary {
  code: string;
  name: string;
  nameEn: string | null;
  level: Level;
  onlineLevel: string | null;
  deadline: { value: number | null; unit: DeadlineUnit; verified: boolean };
  sector: string | null;
}
