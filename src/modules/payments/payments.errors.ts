import { defineErrors } from '#platform/errors.ts';

export const PaymentErrors = defineErrors({
  PAYMENT_NOT_REQUESTED: {
    status: 409,
    vi: 'Hồ sơ không ở trạng thái chờ thực hiện nghĩa vụ tài chính',
    en: 'The dossier is not waiting for a payment',
  },
  PAYMENT_FEE_ALREADY_PAID: { status: 409, vi: 'Phí, lệ phí của hồ sơ đã được nộp', en: 'The fee of this dossier has already been paid' },
  PAYMENT_FEE_APPLICANT_ONLY: {
    status: 403,
    vi: 'Chỉ người nộp hồ sơ được lập đơn nộp phí trực tuyến',
    en: 'Only the applicant may open the online fee order',
  },
  PAYMENT_REFUND_NOT_DUE: {
    status: 409,
    vi: 'Khoản thanh toán này không thuộc trường hợp được hoàn trả',
    en: 'This payment is not due for a refund',
  },
  PAYMENT_ALREADY_REFUNDED: {
    status: 409,
    vi: 'Khoản thanh toán đã được hoàn trả với số chứng từ {reference}',
    en: 'The payment was already refunded with reference {reference}',
  },
  PAYMENT_REFUND_FORBIDDEN: {
    status: 403,
    vi: 'Chỉ cán bộ một cửa của cơ quan tiếp nhận được ghi nhận hoàn trả phí',
    en: 'Only a desk officer of the receiving agency may record a refund',
  },
  PAYMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy khoản thanh toán', en: 'Payment not found' },
  PAYMENT_SIGNATURE_INVALID: {
    status: 401,
    vi: 'Chữ ký của cổng thanh toán không hợp lệ; yêu cầu đã bị ghi nhận',
    en: 'The payment gateway signature is invalid; the attempt has been logged',
  },
  PAYMENT_AMOUNT_MISMATCH: {
    status: 422,
    vi: 'Số tiền đã thanh toán ({paid} đồng) khác số tiền phải nộp ({due} đồng)',
    en: 'The amount paid ({paid} VND) differs from the amount due ({due} VND)',
  },
  PAYMENT_ORDER_CLOSED: {
    status: 409,
    vi: 'Khoản thanh toán này đã được hoàn trả; cổng thanh toán cần hoàn lại giao dịch mới',
    en: 'This payment order was refunded; the gateway must return the new transaction',
  },
  PAYMENT_TXN_REUSED: {
    status: 409,
    vi: 'Mã giao dịch của cổng thanh toán đã được dùng cho khoản khác',
    en: 'The gateway transaction id was already used for another payment',
  },
  PAYMENT_GATEWAY_NOT_CONFIGURED: {
    status: 503,
    vi: 'Chưa cấu hình cổng thanh toán (MOTCUA_PAYMENT_SECRET)',
    en: 'No payment gateway is configured (MOTCUA_PAYMENT_SECRET)',
  },
});
