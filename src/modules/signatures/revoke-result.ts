import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { SignatureErrors } from './signatures.errors.ts';
import * as repo from './signatures.repository.ts';

/**
 * Thu hồi kết quả: a leader of the issuing agency revokes a result with a reason. The signed
 * PDF stays as it was (its signature still verifies); verification answers `revoked`.
 */
export async function revokeResult(tx: Sql, input: { actor: Actor; resultId: string; reason: string; now: Date }): Promise<void> {
  const result = await repo.findResult(tx, input.resultId);
  if (!result) throw SignatureErrors.RESULT_NOT_FOUND();
  if (!input.actor.grants.some((g) => g.role === 'leader' && g.agencyCode === result.agencyCode)) {
    throw SignatureErrors.REVOKE_NOT_ALLOWED();
  }
  const reason = input.reason.normalize('NFC');
  if (!(await repo.revokeResult(tx, result.id, { at: input.now, by: input.actor.id, reason }))) {
    throw SignatureErrors.RESULT_ALREADY_REVOKED();
  }
  await appendAudit(tx, {
    chain: `result:${result.id}`,
    actorId: input.actor.id,
    action: 'result.revoke',
    subjectType: 'result',
    subjectId: result.id,
    data: { number: result.number, dossierId: result.dossierId, agencyCode: result.agencyCode, reason },
    at: input.now,
  });
}
