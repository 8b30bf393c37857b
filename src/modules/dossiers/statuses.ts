/**
 * The canonical status model (domain.md §2.9): internal state, the national portal code
 * (`TrangThai` 1–10) and the Vietnamese / English labels. Data, not branching.
 */
export const DOSSIER_STATUSES = [
  'SUBMITTED',
  'RECEIVED',
  'REJECTED_AT_INTAKE',
  'IN_PROCESSING',
  'AWAITING_SUPPLEMENT',
  'AWAITING_PAYMENT',
  'WITHDRAWN',
  'STOPPED',
  'RESULT_READY',
  'RESULT_RETURNED',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/**
 * `stage`: who holds the dossier — `new` (not received yet), `agency` (the agency's clock runs),
 * `applicant` (waiting for a supplement or a payment), `result` (decided, result not returned yet),
 * `closed` (terminal). The queues' SQL is built from it (`statusesIn`).
 */
export const statusInfo = {
  SUBMITTED: { code: 1, vi: 'Mới đăng ký', en: 'Submitted', terminal: false, stage: 'new' },
  RECEIVED: { code: 2, vi: 'Được tiếp nhận', en: 'Received', terminal: false, stage: 'agency' },
  REJECTED_AT_INTAKE: { code: 3, vi: 'Không được tiếp nhận', en: 'Rejected at intake', terminal: true, stage: 'closed' },
  IN_PROCESSING: { code: 4, vi: 'Đang xử lý', en: 'In processing', terminal: false, stage: 'agency' },
  AWAITING_SUPPLEMENT: { code: 5, vi: 'Yêu cầu bổ sung giấy tờ', en: 'Awaiting supplement', terminal: false, stage: 'applicant' },
  AWAITING_PAYMENT: { code: 6, vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Awaiting payment', terminal: false, stage: 'applicant' },
  WITHDRAWN: { code: 7, vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant', terminal: true, stage: 'closed' },
  STOPPED: { code: 8, vi: 'Dừng xử lý', en: 'Processing stopped', terminal: true, stage: 'closed' },
  RESULT_READY: { code: 9, vi: 'Đã xử lý xong', en: 'Result ready', terminal: false, stage: 'result' },
  RESULT_RETURNED: { code: 10, vi: 'Đã trả kết quả', en: 'Result returned', terminal: true, stage: 'closed' },
} as const satisfies Record<DossierStatus, { code: number; vi: string; en: string; terminal: boolean; stage: Stage }>;

/** The statuses a dossier ends in (`terminal`): nothing happens to it afterwards. */
export const ENDED_STATUSES: readonly DossierStatus[] = DOSSIER_STATUSES.filter((s) => statusInfo[s].terminal);
export type Stage = 'new' | 'agency' | 'applicant' | 'result' | 'closed';

/** Statuses as an SQL list (`'RECEIVED', 'IN_PROCESSING'`): only names of the table compile. */
export const sqlStatuses = (statuses: readonly DossierStatus[]): string => statuses.map((s) => `'${s}'`).join(', ');

/** The statuses of some stages as an SQL list, for the repositories' conditions. */
export const statusesIn = (...stages: Stage[]): string => sqlStatuses(DOSSIER_STATUSES.filter((s) => stages.includes(statusInfo[s].stage)));

export type Phase = 'intake' | 'appraisal';
