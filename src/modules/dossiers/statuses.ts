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

export const statusInfo = {
  SUBMITTED: { code: 1, vi: 'Mới đăng ký', en: 'Submitted', terminal: false },
  RECEIVED: { code: 2, vi: 'Được tiếp nhận', en: 'Received', terminal: false },
  REJECTED_AT_INTAKE: { code: 3, vi: 'Không được tiếp nhận', en: 'Rejected at intake', terminal: true },
  IN_PROCESSING: { code: 4, vi: 'Đang xử lý', en: 'In processing', terminal: false },
  AWAITING_SUPPLEMENT: { code: 5, vi: 'Yêu cầu bổ sung giấy tờ', en: 'Awaiting supplement', terminal: false },
  AWAITING_PAYMENT: { code: 6, vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Awaiting payment', terminal: false },
  WITHDRAWN: { code: 7, vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant', terminal: true },
  STOPPED: { code: 8, vi: 'Dừng xử lý', en: 'Processing stopped', terminal: true },
  RESULT_READY: { code: 9, vi: 'Đã xử lý xong', en: 'Result ready', terminal: false },
  RESULT_RETURNED: { code: 10, vi: 'Đã trả kết quả', en: 'Result returned', terminal: true },
} as const satisfies Record<DossierStatus, { code: number; vi: string; en: string; terminal: boolean }>;

export type Phase = 'intake' | 'appraisal';
