import { QRPay } from 'vietnam-qr-pay';
import type { Config } from '../../config.ts';

/**
 * The VietQR (NAPAS, EMVCo) payload a banking app scans to pay an order: the fee account, the
 * exact amount and the order reference as the transfer message, so the bank statement can be
 * matched to the dossier.
 */
export function vietQrPayload(
  config: Pick<Config, 'MOTCUA_PAYMENT_BANK_BIN' | 'MOTCUA_PAYMENT_ACCOUNT'>,
  order: { amountVnd: number; orderRef: string },
): string {
  return QRPay.initVietQR({
    bankBin: config.MOTCUA_PAYMENT_BANK_BIN,
    bankNumber: config.MOTCUA_PAYMENT_ACCOUNT,
    amount: String(order.amountVnd),
    purpose: order.orderRef,
  }).build();
}
