import { createHash, sign, verify as verifySignature } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db, Sql } from './db.ts';
import { hmacHex, type InstallationKeys, installationKeys } from './installation-key.ts';

/**
 * Hash-chained, append-only audit log. Each chain (one per dossier, or per partition such as
 * `calendar` or `users`) links every row to the previous one by SHA-256, so an altered,
 * inserted or deleted row breaks the chain. Chains are independent: concurrent writes to
 * different dossiers never wait for each other.
 *
 * A plain hash chain can be recomputed by whoever writes to the database, so two more
 * defences (docs/OPERATIONS.md, "Nhật ký kiểm tra"):
 * - every row carries `mac`, an HMAC of its hash under a key derived from MOTCUA_SECRET:
 *   a row rewritten or appended without the secret does not verify;
 * - signed checkpoints (Ed25519, the installation key) of the chain heads written since the
 *   previous checkpoint, at an interval and at shutdown, kept in `audit_checkpoints` and exported
 *   as files: a chain truncated or deleted after its head was checkpointed no longer matches.
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
  mac: string | null;
}

const GENESIS = '0'.repeat(64);

export function auditHash(row: Omit<AuditRow, 'id' | 'hash' | 'mac'>): string {
  return sha256Hex(canonicalRow(row));
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The text a row's hash is taken of. */
function canonicalRow(row: Omit<AuditRow, 'id' | 'hash' | 'mac'>): string {
  return JSON.stringify([
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

/** A chain's head, or null for a chain without rows. */
export type AuditHead = { seq: number; hash: string } | null;

const primedHeads = new WeakMap<Sql, Map<string, AuditHead>>();

/**
 * Tells the next `appendAudit` of `chain` on this transaction its head, read another way, so it
 * does not read it itself (one round trip less, issue 13 item 4). Only two ways are sound:
 * `audit_chain_head(chain)` called in another statement of the same transaction (it took the
 * chain's advisory lock, held until commit, and read the head after it: e.g. the dossier's
 * detail read with its lock, `findDossierDetail(…, { lock: true, auditChain })`), or `null` for
 * a chain that cannot have rows yet (a dossier whose id this transaction just drew). Used once:
 * later rows of the chain in the transaction read their head again. A wrong head cannot go
 * unnoticed: the row's `(chain, seq)` is unique, so a stale head fails the insert.
 */
export function primeAuditHead(tx: Sql, chain: string, head: AuditHead): void {
  let heads = primedHeads.get(tx);
  if (!heads) primedHeads.set(tx, (heads = new Map()));
  heads.set(chain, head);
}

function takePrimedHead(tx: Sql, chain: string): AuditHead | undefined {
  const heads = primedHeads.get(tx);
  if (!heads?.has(chain)) return undefined;
  const head = heads.get(chain) as AuditHead;
  heads.delete(chain);
  return head;
}

export async function appendAudit(tx: Sql, entry: AuditEntry): Promise<AuditRow> {
  // Serialise writers of the same chain only (an advisory lock), then read its head: one round
  // trip through audit_chain_head() (migration 0028_audit_head) — none when the caller primed it.
  const primed = takePrimedHead(tx, entry.chain);
  let last: AuditHead = primed ?? null;
  if (primed === undefined) {
    const [head] = await tx.query<{ seq: number | null; hash: string | null }>('SELECT seq, hash FROM audit_chain_head($1)', [entry.chain]);
    last = head?.seq == null ? null : { seq: head.seq, hash: head.hash as string };
  }
  const [inserted] = await tx.query<AuditRow>(`${auditInsert(1)} RETURNING *`, auditValues(sealAudit(entry, last)));
  return inserted;
}

/** A row of `entry` sealed after `head` (its seq, previous hash, hash and mac), ready to insert. */
export function sealAudit(entry: AuditEntry, head: AuditHead): Omit<AuditRow, 'id'> {
  const row = unsealedRow(entry, head);
  const hash = auditHash(row);
  return { ...row, hash, mac: hmacHex(keys.macKey, hash) };
}

function unsealedRow(entry: AuditEntry, head: AuditHead): Omit<AuditRow, 'id' | 'hash' | 'mac'> {
  return {
    chain: entry.chain,
    seq: (head?.seq ?? 0) + 1,
    at: new Date(Math.floor(entry.at.getTime())),
    actor_id: entry.actorId,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
    prev_hash: head?.hash ?? GENESIS,
  };
}

/** A row sealed once for each value one key of its data may take (`sealAuditChoices`). */
export interface AuditChoices {
  /** The row, its data without the key's value. */
  row: Omit<AuditRow, 'id' | 'hash' | 'mac'>;
  key: string;
  values: string[];
  hashes: string[];
  macs: string[];
  /** The head it was sealed after (to prime again when no value is chosen). */
  head: AuditHead;
}

/**
 * Rows of `entry` sealed after the chain's primed head (`primeAuditHead`, taken here: null when
 * the head was not primed), one for each value `key` of its data may take: for a statement that
 * draws the value and writes the row of the value it drew (`auditInsertChosen`), where the row
 * would otherwise need a round trip of its own after the draw — a dossier's code, drawn from its
 * agency's daily counter, whose row lock every reception of the agency waits for until commit.
 * The text hashed is built once; each value costs a SHA-256 and an HMAC.
 */
export function sealAuditChoices(tx: Sql, entry: AuditEntry, key: string, values: string[]): AuditChoices | null {
  const head = takePrimedHead(tx, entry.chain);
  if (head === undefined) return null;
  const marker = `\u0000${key}\u0000`;
  const marked = unsealedRow({ ...entry, data: { ...entry.data, [key]: marker } }, head);
  const parts = canonicalRow(marked).split(JSON.stringify(marker));
  const hashes = values.map((v) =>
    parts.length === 2 ? sha256Hex(`${parts[0]}${JSON.stringify(v)}${parts[1]}`) : auditHash({ ...marked, data: { ...marked.data, [key]: v } }),
  );
  // the value is set by the statement (jsonb holds no NUL: the marker never leaves this function)
  const row = { ...marked, data: { ...marked.data, [key]: null } };
  return { row, key, values, hashes, macs: hashes.map((h) => hmacHex(keys.macKey, h)), head };
}

/**
 * The insert of the row of `choices` (`sealAuditChoices`) for the value `drawn` (an SQL text
 * expression over `from`, e.g. a CTE of the statement), with its 13 values from `$<first>` on
 * (`auditChoiceValues`): no row when the value drawn is not one of the choices. `RETURNING seq`.
 */
export function auditInsertChosen(first: number, from: string, drawn: string): string {
  const $ = (i: number) => `$${first + i}`;
  return `INSERT INTO audit_log (chain, seq, at, actor_id, action, subject_type, subject_id, data, prev_hash, hash, mac)
       SELECT ${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, jsonb_set(${$(7)}::jsonb, ARRAY[${$(8)}::text], to_jsonb(c.value)), ${$(9)}, c.hash, c.mac
       FROM ${from}, unnest(${$(10)}::text[], ${$(11)}::text[], ${$(12)}::text[]) AS c(value, hash, mac)
       WHERE c.value = ${drawn}
       RETURNING seq`;
}

export const auditChoiceValues = (c: AuditChoices): unknown[] => [
  c.row.chain,
  c.row.seq,
  c.row.at,
  c.row.actor_id,
  c.row.action,
  c.row.subject_type,
  c.row.subject_id,
  c.row.data,
  c.key,
  c.row.prev_hash,
  c.values,
  c.hashes,
  c.macs,
];

/** Who acts and when: a use case's input (`{ actor, now }`) carries both; no actor is the system. */
export interface AuditBy {
  actor?: { id: string } | null;
  now: Date;
}

/** What a row is about (`[subjectType, subjectId]`), the chain it joins and what it records. */
export interface AuditOn {
  chain: string;
  subject: readonly [type: string, id: string];
  data?: Record<string, unknown>;
}

/**
 * A use case's audit row: `await audit(tx, input, 'result.revoke', { chain: `result:${id}`, subject: ['result', id], data })`,
 * or on a dossier's own chain `await audit(tx, input, 'dossier.rated', onDossier(id, data))`.
 */
export function audit(tx: Sql, by: AuditBy, action: string, on: AuditOn): Promise<AuditRow> {
  const [subjectType, subjectId] = on.subject;
  return appendAudit(tx, { chain: on.chain, actorId: by.actor?.id ?? null, action, subjectType, subjectId, data: on.data, at: by.now });
}

/** A row about a dossier, on the dossier's own chain (`dossier:<id>`). */
export function onDossier(dossierId: string, data?: Record<string, unknown>): AuditOn {
  return { chain: `dossier:${dossierId}`, subject: ['dossier', dossierId], data };
}

/**
 * The insert of a sealed row with its 11 values from `$<first>` on (`auditValues`), for a
 * statement that writes the row together with the work it records (a writable CTE: one round
 * trip less). Only for the first row of a chain that cannot have rows yet (a dossier whose id
 * the transaction just drew): any other chain needs its head read under its lock first.
 */
export function auditInsert(first: number): string {
  const $ = Array.from({ length: 11 }, (_, i) => `$${first + i}`).join(', ');
  return `INSERT INTO audit_log (chain, seq, at, actor_id, action, subject_type, subject_id, data, prev_hash, hash, mac) VALUES (${$})`;
}

export const auditValues = (r: Omit<AuditRow, 'id'>): unknown[] => [
  r.chain,
  r.seq,
  r.at,
  r.actor_id,
  r.action,
  r.subject_type,
  r.subject_id,
  r.data,
  r.prev_hash,
  r.hash,
  r.mac,
];

/** The keys rows are sealed with in this process (bootstrap sets them from MOTCUA_SECRET). */
let keys: InstallationKeys = installationKeys(undefined);

export function setAuditKeys(next: InstallationKeys): void {
  keys = next;
}

/**
 * Rows written before migration 0025 have no mac: the first start that knows the secret seals
 * them once (they were as trustworthy as the database then), after which a row without a valid
 * mac is a problem.
 */
export async function sealLegacyAudit(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const [state] = await tx.query<{ legacy_sealed: boolean }>('SELECT legacy_sealed FROM audit_state WHERE id = 1 FOR UPDATE');
    if (!state || state.legacy_sealed) return 0;
    const rows = await tx.query<{ id: number; hash: string }>('SELECT id, hash FROM audit_log WHERE mac IS NULL');
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await tx.query(
        'UPDATE audit_log AS a SET mac = v.mac FROM unnest($1::bigint[], $2::text[]) AS v(id, mac) WHERE a.id = v.id',
        [batch.map((r) => r.id), batch.map((r) => hmacHex(keys.macKey, r.hash))],
      );
    }
    await tx.query('UPDATE audit_state SET legacy_sealed = true WHERE id = 1');
    return rows.length;
  });
}

/**
 * What `audit verify` reports. On a row: altered (hash does not match the content), gap (a seq
 * is missing), broken_link (prev_hash is not the previous row's hash), unsealed (no valid mac:
 * written without the secret). Against the latest valid checkpoint: rewritten (the
 * checkpointed head has another hash), truncated (the chain ends before the checkpointed head),
 * chain_missing (a checkpointed chain has no row left). On checkpoints (chain `checkpoint`):
 * checkpoint_invalid (signature or digest wrong), checkpoint_missing (a seq is missing in the
 * database, or an exported file has no row), checkpoint_mismatch (file and row differ).
 */
export interface AuditProblem {
  chain: string;
  seq: number;
  problem:
    | 'altered'
    | 'gap'
    | 'broken_link'
    | 'unsealed'
    | 'rewritten'
    | 'truncated'
    | 'chain_missing'
    | 'checkpoint_invalid'
    | 'checkpoint_missing'
    | 'checkpoint_mismatch';
}

export interface AuditReport {
  chains: number;
  rows: number;
  /** The latest valid checkpoint the chains were checked against (null: none yet). */
  checkpoint: { seq: number; at: string; rows: number } | null;
  /** Rows written after that checkpoint (sealed, but not yet anchored). */
  rowsSinceCheckpoint: number;
  problems: AuditProblem[];
}

export interface VerifyOptions {
  /** The installation keys (default: those set by bootstrap, else the development ones). */
  keys?: InstallationKeys;
  /** Folder of exported checkpoint files to compare with the database. */
  exportDir?: string;
  /**
   * Checkpoint digests held outside this installation (the national node's anchors, `GET
   * /api/v1/exchange/audit-anchors`): each must be a valid checkpoint here, with that digest.
   */
  anchors?: { seq: number; digest: string }[];
  /** Rows, and checkpoints, read at a time (default VERIFY_PAGE rows, CHECKPOINT_PAGE checkpoints). */
  pageSize?: number;
}

/** Rows `verifyAudit` reads at a time, in (chain, seq) order: the log is never held whole in memory. */
const VERIFY_PAGE = 5000;

/**
 * Re-computes every chain, checks every mac and checkpoint, and every chain head against the
 * latest checkpoint that signed it. Reads the log page by page; what it keeps is one entry per
 * signed chain (a province's year: about a million).
 */
export async function verifyAudit(db: Sql, options: VerifyOptions = {}): Promise<AuditReport> {
  const k = options.keys ?? keys;
  const [state] = await db.query<{ legacy_sealed: boolean }>('SELECT legacy_sealed FROM audit_state WHERE id = 1');
  const { latest, signed, problems: checkpointProblems } = await verifyCheckpoints(db, k, options.exportDir, options.anchors ?? [], options.pageSize);
  const check = new RowCheck(k, state?.legacy_sealed !== false, signed);
  const pageSize = options.pageSize ?? VERIFY_PAGE;
  let rowsSinceCheckpoint = 0;
  for (let after: AuditRow | undefined, page: AuditRow[]; ; after = page.at(-1)) {
    page = after
      ? await db.query<AuditRow>('SELECT * FROM audit_log WHERE (chain, seq) > ($1, $2) ORDER BY chain, seq LIMIT $3', [after.chain, after.seq, pageSize])
      : await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY chain, seq LIMIT $1', [pageSize]);
    for (const row of page) {
      check.add(row);
      if (row.seq > (signed.get(row.chain)?.[1] ?? 0)) rowsSinceCheckpoint++;
    }
    if (page.length < pageSize) break;
  }
  const problems = [...check.problems, ...checkpointProblems];
  if (latest) for (const head of signed.values()) {
    const problem = check.headProblem(head);
    if (problem) problems.push(problem);
  }
  return {
    chains: check.chains,
    rows: check.rows,
    checkpoint: latest ? { seq: latest.seq, at: latest.at, rows: latest.rows } : null,
    rowsSinceCheckpoint,
    problems,
  };
}

/**
 * Rows in (chain, seq) order, each recomputed, linked to the previous and its seal checked; of
 * each chain with a signed head, its last seq and the hash at the signed seq (nothing more kept).
 */
class RowCheck {
  readonly problems: AuditProblem[] = [];
  rows = 0;
  chains = 0;
  private prev: AuditRow | undefined;
  private readonly seen = new Map<string, { maxSeq: number; signedHash?: string }>();

  constructor(
    private readonly k: InstallationKeys,
    private readonly legacyUnsealed: boolean,
    private readonly signed: ReadonlyMap<string, [string, number, string]>,
  ) {}

  add(row: AuditRow): void {
    const prev = this.prev;
    const first = !prev || prev.chain !== row.chain;
    const expectedSeq = first ? 1 : prev!.seq + 1;
    const expectedPrev = first ? GENESIS : prev!.hash;
    if (row.seq !== expectedSeq) this.problems.push({ chain: row.chain, seq: row.seq, problem: 'gap' });
    else if (row.prev_hash !== expectedPrev) this.problems.push({ chain: row.chain, seq: row.seq, problem: 'broken_link' });
    if (auditHash(row) !== row.hash) this.problems.push({ chain: row.chain, seq: row.seq, problem: 'altered' });
    else if (row.mac === null ? this.legacyUnsealed : row.mac !== hmacHex(this.k.macKey, row.hash)) {
      this.problems.push({ chain: row.chain, seq: row.seq, problem: 'unsealed' });
    }
    this.rows++;
    if (first) this.chains++;
    const signedSeq = this.signed.get(row.chain)?.[1];
    if (signedSeq !== undefined) {
      let head = this.seen.get(row.chain);
      if (!head) this.seen.set(row.chain, (head = { maxSeq: 0 }));
      head.maxSeq = Math.max(head.maxSeq, row.seq);
      if (row.seq === signedSeq) head.signedHash = row.hash;
    }
    this.prev = row;
  }

  /** A chain's head as a checkpoint signed it, against the rows read: deleted, cut short or rewritten since. */
  headProblem([chain, seq, hash]: [string, number, string]): AuditProblem | null {
    const head = this.seen.get(chain);
    if (!head) return { chain, seq, problem: 'chain_missing' };
    if (head.maxSeq < seq) return { chain, seq, problem: 'truncated' };
    if (head.signedHash !== undefined && head.signedHash !== hash) return { chain, seq, problem: 'rewritten' };
    return null;
  }
}

export interface ChainReport {
  rows: number;
  /** The latest checkpoint, when its signature holds, and the chain's head in it (null: the chain began after it). */
  checkpoint: { seq: number; at: string; headSeq: number | null } | null;
  rowsSinceCheckpoint: number;
  problems: AuditProblem[];
}

/**
 * One chain (a dossier's: `dossier:<id>`) recomputed like `verifyAudit`, and its head compared
 * with the latest checkpoint that signed it (found by the look-up `audit_checkpoint_heads`; with
 * format-1 checkpoints only, the latest one) — a chain whose rows were rewritten, cut short or
 * deleted since shows it. The checkpoints' own sequence, the look-up against the signed bodies,
 * the exported files and the national anchors are the whole-log check's (`motcua audit verify`).
 */
export async function verifyChain(db: Sql, chain: string, options: { keys?: InstallationKeys } = {}): Promise<ChainReport> {
  const k = options.keys ?? keys;
  const [state] = await db.query<{ legacy_sealed: boolean }>('SELECT legacy_sealed FROM audit_state WHERE id = 1');
  const rows = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 ORDER BY seq', [chain]);
  type Stored = { seq: number; body: string; digest: string; signature: string; public_key: string };
  const [named] = await db.query<Stored>(
    `SELECT c.seq, c.body, c.digest, c.signature, c.public_key
       FROM audit_checkpoint_heads h JOIN audit_checkpoints c ON c.seq = h.checkpoint_seq
      WHERE h.chain = $1 ORDER BY h.checkpoint_seq DESC LIMIT 1`,
    [chain],
  );
  const [last] = named ? [named] : await db.query<Stored>('SELECT seq, body, digest, signature, public_key FROM audit_checkpoints ORDER BY seq DESC LIMIT 1');
  const body = last ? checkSigned({ seq: last.seq, body: last.body, digest: last.digest, signature: last.signature, publicKey: last.public_key }, k) : null;
  const signed = body?.heads.find(([c]) => c === chain);
  const check = new RowCheck(k, state?.legacy_sealed !== false, new Map(signed ? [[chain, signed]] : []));
  for (const row of rows) check.add(row);
  const problems = check.problems;
  if (!last) return { rows: rows.length, checkpoint: null, rowsSinceCheckpoint: rows.length, problems };
  if (!body) {
    problems.push({ chain: 'checkpoint', seq: last.seq, problem: 'checkpoint_invalid' });
    return { rows: rows.length, checkpoint: null, rowsSinceCheckpoint: rows.length, problems };
  }
  const headSeq = signed?.[1] ?? null;
  const problem = signed ? check.headProblem(signed) : null;
  if (problem) problems.push(problem);
  return {
    rows: rows.length,
    checkpoint: { seq: body.seq, at: body.at, headSeq },
    rowsSinceCheckpoint: rows.filter((r) => r.seq > (headSeq ?? 0)).length,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Checkpoints

/** The signed text of a checkpoint (canonical JSON, stored and exported byte for byte). */
export interface CheckpointBody {
  /**
   * 1: `heads` holds every chain's head. 2: only the chains with rows in (the previous
   * checkpoint's maxId, maxId]; a chain's signed head is then the latest checkpoint that names it.
   */
  v: 1 | 2;
  seq: number;
  at: string;
  /** Digest of the previous checkpoint (null for the first). */
  prev: string | null;
  /** Rows of the log up to maxId. */
  rows: number;
  maxId: number;
  /** [chain, seq, hash], sorted by chain. */
  heads: [string, number, string][];
}

export interface CheckpointRecord {
  seq: number;
  body: string;
  digest: string;
  /** Ed25519 signature of `body`, base64. */
  signature: string;
  publicKey: string;
}

const CHECKPOINT_FORMAT = 'motcua-audit-checkpoint/1';

export function checkpointFileName(seq: number): string {
  return `checkpoint-${String(seq).padStart(8, '0')}.json`;
}

/** How long a checkpoint waits for the write transactions open when it starts (see `settledMaxId`). */
const HORIZON_WAIT_MS = 10_000;

/**
 * The highest audit row id up to which the log is final: the highest id visible now, once every
 * transaction then writing to `audit_log` has ended. Ids come from a sequence before commit, so
 * a transaction writing now may still commit a row below the highest id visible; one that starts
 * writing later draws a higher id. A checkpoint that covered ids up to the visible maximum at once
 * could skip such a row for good (the next one starts above it). The writers are those holding
 * the table's ROW EXCLUSIVE lock, which a statement takes before it draws an id (a transaction id
 * is assigned only at its first write, after the draw). Throws when they are still running after
 * `waitMs` (the next interval tries again).
 */
export async function settledMaxId(db: Pick<Sql, 'query'>, waitMs = HORIZON_WAIT_MS): Promise<number> {
  const [{ max_id }] = await db.query<{ max_id: number }>('SELECT coalesce(max(id), 0)::bigint AS max_id FROM audit_log');
  const writers = await db.query<{ vxid: string }>(
    `SELECT DISTINCT virtualtransaction AS vxid FROM pg_locks
      WHERE locktype = 'relation' AND relation = 'audit_log'::regclass AND mode = 'RowExclusiveLock' AND pid IS DISTINCT FROM pg_backend_pid()`,
  );
  const deadline = Date.now() + waitMs;
  for (let pending = writers.map((w) => w.vxid); pending.length > 0; ) {
    const [{ running }] = await db.query<{ running: number }>(
      "SELECT count(*)::int AS running FROM pg_locks WHERE locktype = 'virtualxid' AND virtualxid = ANY($1::text[])",
      [pending],
    );
    if (running === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`audit checkpoint: ${running} transaction(s) writing to the audit log still open after ${waitMs} ms; the next checkpoint tries again`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return max_id;
}

/**
 * Signs the heads of the chains written since the last checkpoint (format 2; the first one, and
 * the first after format-1 checkpoints, signs every chain's head), stores it with the
 * chain → checkpoint look-up, and exports it to `exportDir`. Does nothing (returns null) when no
 * row was written since the last checkpoint, unless `force`.
 */
export async function writeCheckpoint(
  db: Db,
  options: { keys?: InstallationKeys; exportDir?: string; now?: Date; force?: boolean } = {},
): Promise<CheckpointRecord | null> {
  const k = options.keys ?? keys;
  const settled = await settledMaxId(db);
  const record = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727271)');
    const [last] = await tx.query<{ seq: number; body: string; digest: string }>(
      'SELECT seq, body, digest FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
    );
    const previous = last ? (JSON.parse(last.body) as CheckpointBody) : null;
    // After format 1 (or none), one full checkpoint: format 1 took the visible heads, and may have missed a late row.
    const from = previous?.v === 2 ? previous.maxId : 0;
    const maxId = Math.max(settled, from); // another process may have checkpointed past our horizon meanwhile
    const [{ rows }] = await tx.query<{ rows: number }>('SELECT count(*)::int AS rows FROM audit_log WHERE id > $1 AND id <= $2', [from, maxId]);
    if (previous && !options.force && maxId === previous.maxId && (previous.v === 2 || rows === previous.rows)) return null;
    const heads = await tx.query<{ chain: string; seq: number; hash: string }>(
      'SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_log WHERE id > $1 AND id <= $2 ORDER BY chain, seq DESC',
      [from, maxId],
    );
    // Field order is part of the format: the exchange's anchoring reads `prev` from the text (exchange.repository.ts).
    const body: CheckpointBody = {
      v: 2,
      seq: (last?.seq ?? 0) + 1,
      at: (options.now ?? new Date()).toISOString(),
      prev: last?.digest ?? null,
      rows: (from === 0 ? 0 : previous!.rows) + rows,
      maxId,
      heads: heads.map((h) => [h.chain, h.seq, h.hash]),
    };
    const text = JSON.stringify(body);
    const rec: CheckpointRecord = {
      seq: body.seq,
      body: text,
      digest: createHash('sha256').update(text).digest('hex'),
      signature: sign(null, Buffer.from(text), k.privateKey).toString('base64'),
      publicKey: k.publicKeyPem,
    };
    await tx.query(
      'INSERT INTO audit_checkpoints (seq, at, body, digest, signature, public_key) VALUES ($1, $2, $3, $4, $5, $6)',
      [rec.seq, body.at, rec.body, rec.digest, rec.signature, rec.publicKey],
    );
    // rows left by checkpoints of this number or later that are gone (deleted, a history signed again) are not this one's
    await tx.query('DELETE FROM audit_checkpoint_heads WHERE checkpoint_seq >= $1', [rec.seq]);
    await tx.query(
      `INSERT INTO audit_checkpoint_heads (chain, checkpoint_seq, seq, hash)
       SELECT chain, $1, seq, hash FROM unnest($2::text[], $3::int[], $4::text[]) AS h(chain, seq, hash)`,
      [rec.seq, body.heads.map((h) => h[0]), body.heads.map((h) => h[1]), body.heads.map((h) => h[2])],
    );
    return rec;
  });
  if (record && options.exportDir) exportCheckpoint(options.exportDir, record);
  return record;
}

/** Writes one checkpoint file (written to a temporary name, then renamed: never half a file). */
function exportCheckpoint(dir: string, record: CheckpointRecord): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, checkpointFileName(record.seq));
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ format: CHECKPOINT_FORMAT, ...record }, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** The exported checkpoint files' names, in order. */
function exportedFiles(dir: string | undefined): string[] {
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^checkpoint-\d{8}\.json$/.test(f))
    .sort();
}

const readExported = (dir: string, name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CheckpointRecord;

function checkSigned(record: CheckpointRecord, k: InstallationKeys): CheckpointBody | null {
  try {
    if (createHash('sha256').update(record.body).digest('hex') !== record.digest) return null;
    // Verified with the key derived from the secret, not the public key stored beside it.
    if (!verifySignature(null, Buffer.from(record.body), k.publicKey, Buffer.from(record.signature, 'base64'))) return null;
    const body = JSON.parse(record.body) as CheckpointBody;
    return body.seq === record.seq ? body : null;
  } catch {
    return null;
  }
}

/** Checkpoints read at a time: their bodies are never all in memory (a year of them: hundreds of MB). */
const CHECKPOINT_PAGE = 100;

/**
 * The checkpoints in the database and in the export folder, checked and folded in order into
 * every chain's signed head: a format-1 checkpoint names every chain (it replaces what came
 * before), a format-2 one the chains written since the one before it. A checkpoint missing or
 * invalid is reported on its own; the heads only it named are then not held against the chains.
 * Exported files: each must be in the database unchanged; a valid file whose checkpoint is
 * missing here or differs is the one folded. The chain → checkpoint look-up
 * (audit_checkpoint_heads) must hold exactly each format-2 body's heads: a row of it deleted,
 * changed or added would send the one-chain check to an older head (`checkpoint_mismatch`).
 */
async function verifyCheckpoints(
  db: Sql,
  k: InstallationKeys,
  exportDir: string | undefined,
  anchors: { seq: number; digest: string }[],
  pageSize = CHECKPOINT_PAGE,
): Promise<{ latest: { seq: number; at: string; rows: number } | null; signed: Map<string, [string, number, string]>; problems: AuditProblem[] }> {
  const problems: AuditProblem[] = [];
  const bad = (seq: number, problem: AuditProblem['problem']) => problems.push({ chain: 'checkpoint', seq, problem });
  // The valid files, read one at a time (their bodies are read again when folded).
  const files = new Map<number, { name: string; digest: string; signature: string }>();
  for (const name of exportedFiles(exportDir)) {
    const file = readExported(exportDir!, name);
    if (checkSigned(file, k)) files.set(file.seq, { name, digest: file.digest, signature: file.signature });
    else bad(file.seq, 'checkpoint_invalid');
  }
  const stored = (await db.query<{ seq: number }>('SELECT seq FROM audit_checkpoints ORDER BY seq')).map((r) => r.seq);
  const here = new Set(stored);
  const order = [...new Set([...stored, ...files.keys()])].sort((a, b) => a - b);

  const signed = new Map<string, [string, number, string]>();
  const digests = new Map<number, string>(); // the valid checkpoint of each number: here, or its file
  let latest = null as { seq: number; at: string; rows: number } | null;
  const fold = (body: CheckpointBody, digest: string) => {
    if (body.v !== 2) signed.clear();
    for (const head of body.heads) signed.set(head[0], head);
    digests.set(body.seq, digest);
    latest = { seq: body.seq, at: body.at, rows: body.rows };
  };
  const fromFile = (seq: number) => {
    const file = readExported(exportDir!, files.get(seq)!.name);
    fold(checkSigned(file, k)!, file.digest);
  };

  let previous = null as { seq: number; digest: string } | null;
  for (let i = 0; i < order.length; i += pageSize) {
    const seqs = order.slice(i, i + pageSize);
    const rows = new Map(
      (
        await db.query<{ seq: number; body: string; digest: string; signature: string; public_key: string }>(
          'SELECT seq, body, digest, signature, public_key FROM audit_checkpoints WHERE seq = ANY($1::int[])',
          [seqs],
        )
      ).map((r) => [r.seq, r]),
    );
    const held = new Map<number, string[]>();
    for (const r of await db.query<{ checkpoint_seq: number; chain: string; seq: number; hash: string }>(
      'SELECT checkpoint_seq, chain, seq, hash FROM audit_checkpoint_heads WHERE checkpoint_seq = ANY($1::int[])',
      [seqs],
    )) {
      const list = held.get(r.checkpoint_seq);
      if (list) list.push(JSON.stringify([r.chain, r.seq, r.hash]));
      else held.set(r.checkpoint_seq, [JSON.stringify([r.chain, r.seq, r.hash])]);
    }
    for (const seq of seqs) {
      const row = rows.get(seq);
      const file = files.get(seq);
      if (!row) {
        bad(seq, 'checkpoint_missing'); // deleted here; its file is the anchor
        fromFile(seq);
        continue;
      }
      const body = checkSigned({ seq: row.seq, body: row.body, digest: row.digest, signature: row.signature, publicKey: row.public_key }, k);
      if (!body) bad(seq, 'checkpoint_invalid');
      else if (seq !== (previous?.seq ?? 0) + 1 || body.prev !== (previous?.digest ?? null)) bad(seq, 'checkpoint_missing');
      previous = { seq, digest: row.digest };
      // the body checked above, parsed once; an invalid one (rare) is parsed again as it reads
      if (lookUpDiffers(body ?? parsedOrNull(row.body), held.get(seq) ?? [])) bad(seq, 'checkpoint_mismatch');
      if (file && (createHash('sha256').update(row.body).digest('hex') !== file.digest || row.signature !== file.signature)) {
        bad(seq, 'checkpoint_mismatch');
        fromFile(seq);
      } else if (body) fold(body, row.digest);
    }
  }
  // Look-up rows of no checkpoint here
  for (const { checkpoint_seq } of await db.query<{ checkpoint_seq: number }>('SELECT DISTINCT checkpoint_seq FROM audit_checkpoint_heads ORDER BY checkpoint_seq')) {
    if (!here.has(checkpoint_seq)) bad(checkpoint_seq, 'checkpoint_mismatch');
  }
  // Anchors held elsewhere: a checkpoint deleted here (and from the folder), or re-signed with
  // another content under its number, no longer matches what the national node holds.
  for (const anchor of anchors) {
    const digest = digests.get(anchor.seq);
    if (digest === undefined) problems.push({ chain: 'anchor', seq: anchor.seq, problem: 'checkpoint_missing' });
    else if (digest !== anchor.digest) problems.push({ chain: 'anchor', seq: anchor.seq, problem: 'checkpoint_mismatch' });
  }
  return { latest, signed, problems };
}

function parsedOrNull(text: string): CheckpointBody | null {
  try {
    return JSON.parse(text) as CheckpointBody;
  } catch {
    return null;
  }
}

/** Whether the look-up rows of a checkpoint differ from the heads its stored body names (format 2; format 1 has none). */
function lookUpDiffers(body: CheckpointBody | null, held: string[]): boolean {
  if (body?.v !== 2) return held.length > 0; // format 1, or unreadable (reported invalid)
  if (!Array.isArray(body.heads)) return true;
  const expected = body.heads.map((h) => JSON.stringify(h)).sort();
  const found = [...held].sort();
  return expected.length !== found.length || expected.some((h, i) => h !== found[i]);
}

/**
 * Writes a checkpoint now, every `intervalSeconds` (0: no interval) and one more on `stop()`. Each process
 * may run one: they take the same advisory lock and skip when nothing changed.
 */
export function startCheckpoints(
  db: Db,
  options: { intervalSeconds: number; exportDir?: string; onError?: (error: unknown) => void },
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => writeCheckpoint(db, { exportDir: options.exportDir })).catch((e) => options.onError?.(e));
    return running;
  };
  const timer = options.intervalSeconds > 0 ? setInterval(tick, options.intervalSeconds * 1000) : null;
  timer?.unref();
  void tick();
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await tick();
    },
  };
}
