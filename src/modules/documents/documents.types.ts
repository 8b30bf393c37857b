import type { Deadline } from '#modules/calendar/index.ts';
import type { SignerTitle } from './signer-title.ts';

/** ISO 8601 instant, e.g. '2026-11-25T09:15:00+07:00'; printed in Asia/Ho_Chi_Minh. */
type Instant = string;

export interface FormApplicant {
  fullName: string;
  phone?: string | null;
  email?: string | null;
  idNumber?: string | null;
  address?: { communeCode?: string; detail: string } | null;
}

/** Fields every dossier form shares. */
export interface FormCommon {
  /** Mã hồ sơ; null before reception (a refusal at intake may have none). */
  code: string | null;
  procedureCode: string;
  procedureName: string;
  /** Agency issuing the form (its name is printed in the header). */
  agencyName: string;
  applicant: FormApplicant;
  receivedAt: Instant | null;
  dueAt: Instant | null;
  /** When the form is issued: printed date and the PDF CreationDate. */
  issuedAt: Instant;
  /** Địa danh before the date line ('Hoàn Kiếm, ngày …'): where the issuing agency sits. */
  placeName?: string | null;
}

export interface ReceiptComponent {
  code: string;
  name: string;
  /** Number of originals (bản chính) and copies (bản sao). */
  original: number;
  copy: number;
  /** Whether the applicant handed it in; defaults to true. */
  provided?: boolean;
  /** Whether the procedure requires it; an optional paper not handed in gets no row. Defaults to true. */
  required?: boolean;
}

/** Hình thức nhận kết quả the applicant chose. */
export type ReturnMethod = 'tai_quay' | 'truc_tuyen' | 'buu_chinh';

/** Phí, lệ phí as quoted for the dossier (payments' quoteFee). */
export interface FormFee {
  lines: { label: string; amountVnd: number | null }[];
  totalVnd: number;
  complete: boolean;
}

/** Mẫu 01. */
export interface ReceiptData extends FormCommon {
  code: string;
  officerName: string;
  /** Processing time by law, e.g. {value: 5, unit: 'working_days'}. */
  deadline: Deadline;
  components: ReceiptComponent[];
  placeOfReturn: string;
  /** How the applicant chose to receive the result; defaults to at the desk. */
  returnMethod?: ReturnMethod;
  /** By post: the address the desk recorded for it (default: the applicant's address). */
  returnAddress?: string | null;
  /** Phí, lệ phí; null: the procedure charges none. */
  fee?: FormFee | null;
  /** Public tracking page, encoded in the QR code. */
  trackingUrl: string;
  /** Ledger volume / entry number (Quyển số / Số thứ tự), when kept. */
  ledgerVolume?: string | null;
  ledgerNumber?: string | number | null;
}

export interface SupplementItem {
  code: string;
  name: string;
  /** Why this item must be added or fixed; falls back to the notice's reason. */
  reason?: string | null;
}

/** Mẫu 02. */
export interface SupplementNoticeData extends FormCommon {
  reason: string;
  items: SupplementItem[];
  officerName: string;
  requestedAt: Instant;
  /**
   * 'appraisal': asked by the processing agency during appraisal and issued through the Bộ phận
   * Một cửa (NĐ 61 Art. 19.4): the desk signs, not the specialist. Defaults to 'intake'.
   */
  phase?: 'intake' | 'appraisal';
  /** The agency that asked for it during appraisal. */
  requestingAgencyName?: string | null;
  /** During appraisal: the desk officer who issues it for the Bộ phận Một cửa (their name under the desk's signature). */
  deskOfficerName?: string | null;
  /**
   * After a partial answer (the applicant brought part of the papers): what has arrived and what
   * is still missing, as of `at` (the last supplement recorded). The list above stays the one
   * given once (NĐ 61 Art. 15); this only says where the applicant stands.
   */
  progress?: { at: Instant; received: SupplementItem[]; missing: SupplementItem[] } | null;
}

/** Mẫu 03. */
export interface RefusalNoticeData extends FormCommon {
  reason: string;
  officerName: string;
  refusedAt: Instant;
  /** Căn cứ pháp lý: the legal texts of the procedure the refusal relies on. */
  legalBasis?: string[];
}

/** Mẫu 04. */
export interface ApologyLetterData extends FormCommon {
  reason: string;
  previousDueAt: Instant;
  newDueAt: Instant;
  signerName: string;
  /** The signature block's heading (the agency head's title). */
  signerTitle?: SignerTitle;
  /**
   * Sent late: after the deadline for the apology (at the latest one working day before the
   * appointment, domain.md §2.4.9), `overdue` when even the appointment had passed. Printed on the letter.
   */
  late?: { sentAt: Instant; overdue: boolean } | null;
}

export type StepOutcome = 'truoc_han' | 'dung_han' | 'qua_han';

/** One hand-over in Mẫu 05. */
export interface ControlSlipStep {
  fromAgency: string;
  fromUser: string;
  toAgency: string;
  toUser: string;
  sentAt: Instant;
  /** When the receiving agency took the dossier up (null until then). */
  acceptedAt?: Instant | null;
  subDueAt: Instant | null;
  finishedAt: Instant | null;
  outcome: StepOutcome | null;
  note: string;
}

/** Mẫu 05. */
export interface ControlSlipData extends FormCommon {
  code: string;
  steps: ControlSlipStep[];
}

/** One line of Mẫu 06. */
export interface LedgerRow {
  /** Số thứ tự in the register book (the volume's running number). */
  seq: number;
  /** Quyển số: the book's volume, the local year of reception. */
  volume?: number | null;
  code: string;
  procedureName: string;
  /** Số lượng hồ sơ (bộ): one set per dossier, whatever the number of files. */
  quantity: number;
  applicantName: string;
  /** Address and phone. */
  applicantContact: string;
  /** Cơ quan chủ trì giải quyết. */
  leadAgency: string;
  receivedAt: Instant | null;
  dueAt: Instant | null;
  /** Chuyển hồ sơ đến cơ quan giải quyết. */
  forwardedTo: string;
  /** Ngày có kết quả / trả kết quả theo hẹn. */
  resultAt: Instant | null;
  /** Ngày thực tế trả kết quả cho người nộp. */
  returnedAt: Instant | null;
  note: string;
}

/** Mẫu 06: the ledger of one agency for a period of local dates (inclusive). */
export interface LedgerData {
  agencyCode: string;
  agencyName: string;
  from: string;
  to: string;
  rows: LedgerRow[];
  /** The day it is printed: the date line and the PDF CreationDate; defaults to the end of `to`. */
  issuedAt?: Instant;
  /** Địa danh before the date line. */
  placeName?: string | null;
}

/** Kết quả giải quyết thủ tục hành chính: the result document a leader's approval issues. */
export interface ResultDocumentData extends FormCommon {
  code: string | null;
  /** Số kết quả, e.g. '00001/2026/KQ-…'. */
  resultNumber: string;
  /** When the leader decided; the date line prints `issuedAt` (the clerk may issue later). */
  decidedAt: Instant;
  /** Who decided (the leader), printed under the signature block. */
  signerName: string;
  /** The signature block's heading: the agency head's title ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"). */
  signerTitle?: SignerTitle;
  /** The leader's note, printed as the content of the decision when given. */
  note?: string | null;
  /** A result file uploaded by the leader, bound to this document by its SHA-256. */
  attachment?: { name: string; sha256: string } | null;
  /** Public verification page, encoded in the QR code. */
  verifyUrl: string;
}
