import { defineErrors } from '#platform/errors.ts';

export const PaymentErrors = defineErrors({
  PAYMENT_NOT_REQUESTED: {
    status: 409,
    vi: 'Hồ sơ không ở trạng thái chờ thực hiện nghĩa vụ tài chính',
    en: 'The dossier is not waiting for a payment',
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
