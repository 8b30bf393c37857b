import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { SignatureErrors } from './signatures.errors.ts';
import * as repo from './signatures.repository.ts';
import { may } from './policy.ts';

/**
 * Thu hồi kết quả: a leader of the issuing agency revokes a result with a reason. The signed
 * PDF stays as it was (its signature still verifies); verification answers `revoked`.
 */
export async function revokeResult(tx: Sql, input: { actor: Actor; resultId: string; reason: string; now: Date }): Promise<void> {
  const result = await repo.findResult(tx, input.resultId);
  if (!result) throw SignatureErrors.RESULT_NOT_FOUND();
  if (!may.revokeResult(input.actor, result.agencyCode)) throw SignatureErrors.REVOKE_NOT_ALLOWED();
  await revoke(tx, result, input);
}

/**
 * Thu hồi theo kết luận hậu kiểm: the inspection module revokes a result its conclusion names
 * (its own policy decided who may: the authority's head of inspection). Same record and audit
 * as a leader's revocation; `basis` names the inspection case. Returns false when already revoked.
 */
export async function revokeResultOnInspection(
  tx: Sql,
  input: { actor: Actor; resultId: string; reason: string; basis: string; now: Date },
): Promise<boolean> {
  const result = await repo.findResult(tx, input.resultId);
  if (!result) throw SignatureErrors.RESULT_NOT_FOUND();
  if (result.revokedAt) return false;
  await revoke(tx, result, input);
  return true;
}

async function revoke(tx: Sql, result: repo.ResultRow, input: { actor: Actor; reason: string; now: Date; basis?: string }): Promise<void> {
  const reason = input.reason.normalize('NFC');
  if (!(await repo.revokeResult(tx, result.id, { at: input.now, by: input.actor.id, reason }))) {
    throw SignatureErrors.RESULT_ALREADY_REVOKED();
  }
  await audit(tx, input, 'result.revoke', {
    chain: `result:${result.id}`,
    subject: ['result', result.id],
    data: { number: result.number, dossierId: result.dossierId, agencyCode: result.agencyCode, reason, ...(input.basis ? { basis: input.basis } : {}) },
  });
}
