import { createHash } from 'node:crypto';
import type { Sql } from './db.ts';

/**
 * Hash-chained, append-only audit log. Each chain (one per dossier, or per partition such as
 * `calendar` or `users`) links every row to the previous one by SHA-256, so an altered,
 * inserted or deleted row breaks the chain. Chains are independent: concurrent writes to
 * different dossiers never wait for each other.
 */
export interface AuditEntry {
  chain: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
  at: Date;
}

export interface AuditRow {
  id: number;
  chain: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

export function auditHash(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([
    row.chain,
    row.seq,
    new Date(row.at).toISOString(),
    row.actor_id,
    row.action,
    row.subject_type,
    row.subject_id,
    sortKeys(row.data),
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export async function appendAudit(tx: Sql, entry: AuditEntry): Promise<AuditRow> {
  // Serialise writers of the same chain only (both engines support advisory locks).
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [entry.chain]);
  const [last] = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1',
    [entry.chain],
  );
  const at = new Date(Math.floor(entry.at.getTime()));
  const row = {
    chain: entry.chain,
    seq: (last?.seq ?? 0) + 1,
    at,
    actor_id: entry.actorId,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
    prev_hash: last?.hash ?? GENESIS,
  };
  const hash = auditHash(row);
  const [inserted] = await tx.query<AuditRow>(
    `INSERT INTO audit_log (chain, seq, at, actor_id, action, subject_type, subject_id, data, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [row.chain, row.seq, row.at, row.actor_id, row.action, row.subject_type, row.subject_id, row.data, row.prev_hash, hash],
  );
  return inserted;
}

export interface AuditProblem {
  chain: string;
  seq: number;
  problem: 'altered' | 'gap' | 'broken_link';
}

/** Re-computes every chain; reports altered rows, missing rows and broken links. */
export async function verifyAudit(db: Sql): Promise<{ chains: number; rows: number; problems: AuditProblem[] }> {
  const rows = await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY chain, seq');
  const problems: AuditProblem[] = [];
  const chains = new Set<string>();
  let prev: AuditRow | undefined;
  for (const row of rows) {
    chains.add(row.chain);
    const first = !prev || prev.chain !== row.chain;
    const expectedSeq = first ? 1 : prev!.seq + 1;
    const expectedPrev = first ? GENESIS : prev!.hash;
    if (row.seq !== expectedSeq) problems.push({ chain: row.chain, seq: row.seq, problem: 'gap' });
    else if (row.prev_hash !== expectedPrev) problems.push({ chain: row.chain, seq: row.seq, problem: 'broken_link' });
    if (auditHash(row) !== row.hash) problems.push({ chain: row.chain, seq: row.seq, problem: 'altered' });
    prev = row;
  }
  return { chains: chains.size, rows: rows.length, problems };
}
