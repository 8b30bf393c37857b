import type { Actor } from '#platform/actor.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { renderPaymentReceipt } from '#modules/documents/index.ts';
import { readDossier } from '#modules/dossiers/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { PaymentErrors } from './payments.errors.ts';
import { paymentsRepository as repo } from './payments.repository.ts';

/** The e-receipt of a paid order, for whoever may read its dossier (404 for anyone else). */
export async function paymentReceiptPdf(tx: Sql, input: { actor: Actor; paymentId: string; now: Date }): Promise<Buffer> {
  const payment = await repo.find(tx, input.paymentId);
  if (!payment) throw PaymentErrors.PAYMENT_NOT_FOUND();
  const dossier = await readDossier(tx, { actor: input.actor, id: payment.dossierId, what: 'payment receipt', now: input.now });
  if (payment.status === 'pending' || !payment.paidAt || !payment.receiptNo || !payment.gatewayTxn) throw PaymentErrors.PAYMENT_NOT_FOUND();
  const procedure = await getProcedureVersion(tx, dossier.procedureVersionId);
  const agency = await findAgency(tx, dossier.receivingAgency);
  return renderPaymentReceipt({
    issuedAt: toLocalIso(payment.paidAt),
    agencyName: agency?.name ?? dossier.receivingAgency,
    receiptNo: payment.receiptNo,
    payerName: dossier.applicant.fullName,
    dossierCode: dossier.code,
    procedureName: procedure.name,
    reason: payment.reason,
    amountVnd: payment.amountVnd,
    paidAt: toLocalIso(payment.paidAt),
    orderRef: payment.orderRef,
    gatewayTxn: payment.gatewayTxn,
  });
}
