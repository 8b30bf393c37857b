import { defineModule } from '#platform/module.ts';

/**
 * Documents: the forms of TT 01/2018 rendered as PDF (and the ledger as XLSX). Pure functions
 * of plain data: no database, no clock. Times are ISO 8601 strings (any offset) and are printed
 * in Asia/Ho_Chi_Minh; `issuedAt` also becomes the PDF CreationDate so output is deterministic.
 *
 * - Mẫu 01 `renderReceipt`          Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5)
 * - Mẫu 02 `renderSupplementNotice` Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (A5)
 * - Mẫu 03 `renderRefusalNotice`    Phiếu từ chối tiếp nhận giải quyết hồ sơ (A5)
 * - Mẫu 04 `renderApologyLetter`    Phiếu xin lỗi và hẹn lại ngày trả kết quả (A5)
 * - Mẫu 05 `renderControlSlip`      Phiếu kiểm soát quá trình giải quyết hồ sơ (A5)
 * - Mẫu 06 `renderLedgerPdf` / `renderLedgerXlsx` Sổ theo dõi hồ sơ (A4 landscape / Excel)
 * - `renderPaymentReceipt`         Biên lai thu phí, lệ phí điện tử (A5)
 * - `renderResultDocument`         Kết quả giải quyết thủ tục hành chính (A4, to be signed digitally)
 * - `renderCabinetConclusion`      Thông báo kết luận / Nghị quyết of a collective body (A4, to be signed)
 */
export type {
  ApologyLetterData,
  ControlSlipData,
  ControlSlipStep,
  FormFee,
  FormApplicant,
  FormCommon,
  LedgerData,
  LedgerRow,
  ReceiptComponent,
  ReceiptData,
  RefusalNoticeData,
  ResultDocumentData,
  ReturnMethod,
  StepOutcome,
  SupplementItem,
  SupplementNoticeData,
} from './documents.types.ts';
export { feeLine, renderReceipt, returnMethodLine } from './receipt.ts';
export { renderSubmissionReceipt, SUBMISSION_RECEIPT_TITLE, type SubmissionReceiptData } from './submission-receipt.ts';
export { PAYMENT_RECEIPT_TITLE, type PaymentReceiptData, renderPaymentReceipt } from './payment-receipt.ts';
export { renderSupplementNotice, renderRefusalNotice, renderApologyLetter } from './notices.ts';
export { renderControlSlip } from './control-slip.ts';
export { renderLedgerPdf, renderLedgerXlsx } from './ledger.ts';
export { renderResultDocument } from './result.ts';
export { type CabinetConclusionData, CONCLUSION_TITLES, renderCabinetConclusion } from './cabinet-conclusion.ts';
export { type CabinetMinutesData, renderCabinetMinutes } from './cabinet-minutes.ts';
export { type SignerTitle, signerHeading, signerTitleFor } from './signer-title.ts';
export { formatAppointment, formatDate, formatDateTime, formatDeadline } from './format.ts';

/** A library of renderers: no routes, jobs, events or seed. */
export const module = defineModule({ name: 'documents' });
