import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { actOnDossier } from './act-on-dossier.ts';
import { lastOf } from './action-data.ts';
import { actionHandlers } from './handlers.ts';
import * as repo from './dossiers.repository.ts';
import type { Dossier } from './dossiers.types.ts';

/** The payment the dossier waits for: the latest `request_payment` of its log, while in status 6. */
export async function pendingPaymentRequest(tx: Sql, dossier: Dossier) {
  if (dossier.status !== 'AWAITING_PAYMENT') return null;
  const request = lastOf(await repo.listActions(tx, dossier.id), 'request_payment');
  if (!request) return null;
  return { seq: request.seq, amountVnd: request.data.amountVnd, reason: request.data.reason };
}

/**
 * The payment gateway confirms a payment it has signed for: `confirm_payment` taken by a system
 * actor that holds the `payment_gateway` role at the receiving agency only (actions.ts). Only
 * when the dossier still waits for that very request: a payment arriving after the desk confirmed
 * by hand, or after a withdrawal, stays recorded for the officer (refund) and moves nothing.
 */
export async function confirmPaymentFromGateway(
  tx: Sql,
  ctx: AppContext,
  input: { dossierId: string; requestSeq: number; reference: string },
): Promise<boolean> {
  const dossier = await repo.findDossier(tx, input.dossierId);
  if (!dossier || (await pendingPaymentRequest(tx, dossier))?.seq !== input.requestSeq) return false;
  const gateway: Actor = {
    id: 'system:payment-gateway',
    username: 'cong-thanh-toan',
    fullName: 'Cổng thanh toán trực tuyến',
    idNumber: null,
    grants: [{ role: 'payment_gateway', agencyCode: dossier.receivingAgency, provinceCode: null }],
    sessionId: 'system',
  };
  await actOnDossier(tx, ctx, actionHandlers, {
    actor: gateway,
    dossierId: input.dossierId,
    body: { action: 'confirm_payment', reference: input.reference },
  });
  return true;
}
