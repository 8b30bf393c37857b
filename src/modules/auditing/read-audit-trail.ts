import { audit } from '#platform/audit.ts';
import { localInstant } from '#platform/clock.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { actionLabel } from './action-labels.ts';
import type { AuditEntry, AuditPage, AuditQuery } from './auditing.contract.ts';
import { AuditingErrors } from './auditing.errors.ts';
import * as repo from './auditing.repository.ts';
import { auditScope, inScope } from './policy.ts';

/**
 * Nhật ký kiểm toán: the audit rows an auditor may read, newest first, a page at a time (keyset:
 * `before` the last id seen). Reading them is itself recorded (`audit.read`, on the chain
 * `audit-reads`): who looked at whose trail is personal data too.
 */
export async function readAuditTrail(tx: Sql, input: { actor: Actor; query: AuditQuery; now: Date }): Promise<AuditPage> {
  const { scope, rows } = await findEntries(tx, input.actor, input.query, input.query.limit + 1);
  await audit(tx, input, 'audit.read', { chain: 'audit-reads', subject: ['audit', 'trail'], data: filtersOf(input.query) });
  const items = rows.slice(0, input.query.limit).map(presentEntry);
  return {
    items,
    nextBefore: rows.length > input.query.limit ? items[items.length - 1].id : null,
    scope: scope === null ? null : await repo.agencyNames(tx, scope.granted),
  };
}

/** The rows the reader may see under `query`, at most `limit`; refuses a reader with no audit grant. */
export async function findEntries(tx: Sql, actor: Actor, query: AuditQuery, limit: number) {
  const scope = await auditScope(tx, actor);
  let agencies = scope?.agencies ?? null;
  let dossierId: string | undefined;
  if (query.dossierCode) {
    const dossier = await repo.findDossier(tx, 'code', query.dossierCode.toUpperCase());
    if (!dossier || !inScope(scope, dossier.agencies)) throw AuditingErrors.AUDIT_DOSSIER_NOT_FOUND();
    dossierId = dossier.id;
    agencies = null; // every row of a dossier in scope, whoever wrote it (another agency's step too)
  }
  let actorId: string | undefined;
  if (query.username) {
    actorId = (await repo.findUserId(tx, query.username)) ?? undefined;
    if (!actorId) throw AuditingErrors.AUDIT_USER_NOT_FOUND();
  }
  const rows = await repo.listEntries(tx, {
    agencies,
    dossierId,
    applicantIdNumber: query.applicantId,
    actorId,
    actionPrefix: query.action,
    // whole days of Vietnam's calendar
    from: query.from ? localInstant(query.from) : undefined,
    to: query.to ? new Date(localInstant(query.to).getTime() + 86_400_000) : undefined,
    before: query.before,
    limit,
  });
  return { scope, rows };
}

/** The filters as recorded with the read (what was looked for, not what was found). */
export function filtersOf(query: AuditQuery): Record<string, unknown> {
  const { limit: _limit, before: _before, ...filters } = query;
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}

export function presentEntry(r: repo.AuditEntryRow): AuditEntry {
  const label = actionLabel(r.action);
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    chain: r.chain,
    seq: r.seq,
    action: r.action,
    label: label?.vi ?? null,
    labelEn: label?.en ?? null,
    actor: r.actor_id ? { id: r.actor_id, username: r.username, fullName: r.full_name } : null,
    subject: { type: r.subject_type, id: r.subject_id, dossierCode: r.dossier_code },
    data: r.data ?? {},
    sealed: r.sealed,
  };
}
