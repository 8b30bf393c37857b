import { audit, verifyChain } from '#platform/audit.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import type { ChainCheck } from './auditing.contract.ts';
import { AuditingErrors } from './auditing.errors.ts';
import * as repo from './auditing.repository.ts';
import { auditScope, inScope } from './policy.ts';

/**
 * Kiểm tra tính toàn vẹn: one chain of the audit log recomputed row by row and compared with the
 * latest checkpoint that signed its head (platform/audit.ts `verifyChain`). An auditor of some
 * agencies (or of a province: all its agencies) checks their dossiers' chains; one of the whole
 * installation any chain. The check is recorded.
 */
export async function checkChain(tx: Sql, input: { actor: Actor; chain: string; now: Date }): Promise<ChainCheck> {
  const scope = await auditScope(tx, input.actor);
  if (scope !== null) {
    const dossierId = input.chain.startsWith('dossier:') ? input.chain.slice('dossier:'.length) : null;
    const dossier = dossierId ? await repo.findDossier(tx, 'id', dossierId) : null;
    if (!dossier || !inScope(scope, dossier.agencies)) throw AuditingErrors.AUDIT_CHAIN_OUT_OF_SCOPE();
  }
  const report = await verifyChain(tx, input.chain);
  await audit(tx, input, 'audit.check', { chain: 'audit-reads', subject: ['audit_chain', input.chain], data: { problems: report.problems.length } });
  return {
    chain: input.chain,
    rows: report.rows,
    intact: report.problems.length === 0,
    problems: report.problems.map(({ seq, problem }) => ({ seq, problem: problem as ChainCheck['problems'][number]['problem'] })),
    checkpoint: report.checkpoint,
    rowsSinceCheckpoint: report.rowsSinceCheckpoint,
  };
}
