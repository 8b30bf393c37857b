import { execFileSync } from 'node:child_process';
import { createHash, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import {
  type AuditRow,
  appendAudit,
  auditHash,
  type CheckpointBody,
  checkpointFileName,
  primeAuditHead,
  sealLegacyAudit,
  verifyAudit,
  verifyChain,
  writeCheckpoint,
} from './audit.ts';
import type { Sql } from './db.ts';
import { installationKeys } from './installation-key.ts';

// The nine tamperings of issue 13 (D7), each on its own chain of four rows, checkpointed just
// before; listed in docs/OPERATIONS.md. An attacker here writes to the database freely and
// knows the hash recipe, but not MOTCUA_SECRET. Each describe block has its own database.
let sys: TestSystem | undefined;
let exportDir: string;
function ownDatabase() {
  beforeAll(async () => {
    sys = await createTestSystem();
    exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-audit-'));
  });
  afterAll(async () => {
    await sys?.close();
    sys = undefined;
  });
}

const at = new Date('2026-03-02T03:00:00Z');

/** Four rows on `chain`, then a checkpoint of every head; the chain verifies clean. */
async function world(chain: string) {
  for (let i = 0; i < 4; i++) {
    await sys!.ctx.db.transaction((tx) =>
      appendAudit(tx, { chain, actorId: 'u1', action: `step${i}`, subjectType: 't', subjectId: 'a', data: { i }, at }),
    );
  }
  const checkpoint = await writeCheckpoint(sys!.ctx.db, { exportDir });
  expect(checkpoint).not.toBeNull();
  expect(await problemsOf(chain)).toEqual([]);
  expect((await verify()).checkpoint?.seq).toBe(checkpoint!.seq);
  return sys!.ctx.db;
}

const verify = () => verifyAudit(sys!.ctx.db, { exportDir });
const problemsOf = async (chain: string) => (await verify()).problems.filter((p) => p.chain === chain);
const rowsOf = (chain: string) => sys!.ctx.db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 ORDER BY seq', [chain]);

/** What an attacker who knows the recipe but not the secret does: recompute hashes from `fromSeq` on. */
async function recompute(chain: string, fromSeq: number) {
  const rows = await rowsOf(chain);
  let prev = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? '0'.repeat(64);
  for (const row of rows.filter((r) => r.seq >= fromSeq)) {
    const hash = auditHash({ ...row, prev_hash: prev });
    await sys!.ctx.db.query('UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3', [prev, hash, row.id]);
    prev = hash;
  }
}

describe('audit tampering (D7): each of the nine is reported by audit verify', () => {
  ownDatabase();

  it('1. a row rewritten without recomputing its hash: altered', async () => {
    const db = await world('test:t1');
    await db.query(`UPDATE audit_log SET data = '{"i":9}' WHERE chain = 'test:t1' AND seq = 2`);
    expect(await problemsOf('test:t1')).toContainEqual({ chain: 'test:t1', seq: 2, problem: 'altered' });
  });

  it('2. a row rewritten and the rest of the chain recomputed: unsealed rows and a rewritten head', async () => {
    const db = await world('test:t2');
    await db.query(`UPDATE audit_log SET data = '{"i":9}' WHERE chain = 'test:t2' AND seq = 2`);
    await recompute('test:t2', 2);
    const problems = await problemsOf('test:t2');
    expect(problems).not.toContainEqual(expect.objectContaining({ problem: 'altered' }));
    expect(problems).not.toContainEqual(expect.objectContaining({ problem: 'broken_link' }));
    expect(problems).toContainEqual({ chain: 'test:t2', seq: 2, problem: 'unsealed' });
    expect(problems).toContainEqual({ chain: 'test:t2', seq: 4, problem: 'rewritten' });
  });

  it('3. a middle row deleted: gap', async () => {
    const db = await world('test:t3');
    await db.query(`DELETE FROM audit_log WHERE chain = 'test:t3' AND seq = 2`);
    expect(await problemsOf('test:t3')).toContainEqual({ chain: 'test:t3', seq: 3, problem: 'gap' });
  });

  it("4. a chain's last row deleted: truncated against the checkpoint", async () => {
    const db = await world('test:t4');
    await db.query(`DELETE FROM audit_log WHERE chain = 'test:t4' AND seq = 4`);
    expect(await problemsOf('test:t4')).toEqual([{ chain: 'test:t4', seq: 4, problem: 'truncated' }]);
  });

  it('5. a whole chain deleted: chain_missing', async () => {
    const db = await world('test:t5');
    await db.query(`DELETE FROM audit_log WHERE chain = 'test:t5'`);
    expect(await problemsOf('test:t5')).toEqual([{ chain: 'test:t5', seq: 4, problem: 'chain_missing' }]);
  });

  it('6. a well-hashed row appended without the secret: unsealed', async () => {
    const db = await world('test:t6');
    const [last] = (await rowsOf('test:t6')).slice(-1);
    const row = { ...last, seq: 5, action: 'forged', data: {}, prev_hash: last.hash };
    const hash = auditHash(row);
    await db.query(
      `INSERT INTO audit_log (chain, seq, at, actor_id, action, subject_type, subject_id, data, prev_hash, hash, mac)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [row.chain, row.seq, row.at, row.actor_id, row.action, row.subject_type, row.subject_id, row.data, row.prev_hash, hash, last.mac],
    );
    expect(await problemsOf('test:t6')).toEqual([{ chain: 'test:t6', seq: 5, problem: 'unsealed' }]);
    // A whole forged chain is caught the same way.
    await db.query(
      `INSERT INTO audit_log (chain, seq, at, actor_id, action, subject_type, subject_id, data, prev_hash, hash)
       VALUES ('test:forged', 1, $1, NULL, 'x', 't', 'f', '{}', $2, $3)`,
      [at, '0'.repeat(64), auditHash({ chain: 'test:forged', seq: 1, at, actor_id: null, action: 'x', subject_type: 't', subject_id: 'f', data: {}, prev_hash: '0'.repeat(64) })],
    );
    expect(await problemsOf('test:forged')).toEqual([{ chain: 'test:forged', seq: 1, problem: 'unsealed' }]);
  });

  it('7. two rows swapped (reordered): broken links and altered rows', async () => {
    const db = await world('test:t7');
    await db.query(`UPDATE audit_log SET seq = -2 WHERE chain = 'test:t7' AND seq = 2`);
    await db.query(`UPDATE audit_log SET seq = 2 WHERE chain = 'test:t7' AND seq = 3`);
    await db.query(`UPDATE audit_log SET seq = 3 WHERE chain = 'test:t7' AND seq = -2`);
    const problems = await problemsOf('test:t7');
    expect(problems).toContainEqual({ chain: 'test:t7', seq: 2, problem: 'broken_link' });
    expect(problems).toContainEqual({ chain: 'test:t7', seq: 2, problem: 'altered' });
  });

  it("8. a row's stored hash changed: altered, and the next row's link broken", async () => {
    const db = await world('test:t8');
    await db.query(`UPDATE audit_log SET hash = repeat('a', 64) WHERE chain = 'test:t8' AND seq = 3`);
    const problems = await problemsOf('test:t8');
    expect(problems).toContainEqual({ chain: 'test:t8', seq: 3, problem: 'altered' });
    expect(problems).toContainEqual({ chain: 'test:t8', seq: 4, problem: 'broken_link' });
  });

  it('9. a checkpoint changed to hide a truncation: checkpoint_invalid, and the exported file still finds the truncation', async () => {
    const db = await world('test:t9');
    await db.query(`DELETE FROM audit_log WHERE chain = 'test:t9' AND seq = 4`);
    const [cp] = await db.query<{ seq: number; body: string }>('SELECT seq, body FROM audit_checkpoints ORDER BY seq DESC LIMIT 1');
    const body = JSON.parse(cp.body) as { heads: [string, number, string][] };
    const [third] = (await rowsOf('test:t9')).slice(-1);
    body.heads = body.heads.map((h) => (h[0] === 'test:t9' ? ['test:t9', 3, third.hash] : h));
    const text = JSON.stringify(body);
    const { createHash } = await import('node:crypto');
    await db.query('UPDATE audit_checkpoints SET body = $1, digest = $2 WHERE seq = $3', [text, createHash('sha256').update(text).digest('hex'), cp.seq]);
    const problems = (await verify()).problems;
    expect(problems).toContainEqual({ chain: 'checkpoint', seq: cp.seq, problem: 'checkpoint_invalid' });
    expect(problems).toContainEqual({ chain: 'checkpoint', seq: cp.seq, problem: 'checkpoint_mismatch' });
    expect(problems).toContainEqual({ chain: 'test:t9', seq: 4, problem: 'truncated' });
  });
});

describe('audit checkpoints', () => {
  ownDatabase();

  it('checks seals with the secret: another MOTCUA_SECRET finds every row unsealed and every checkpoint invalid', async () => {
    const db = await world('test:t11');
    const other = installationKeys('another-secret-of-at-least-32-characters!');
    const report = await verifyAudit(db, { keys: other, exportDir });
    expect(report.rows).toBeGreaterThan(0);
    expect(report.problems.filter((p) => p.problem === 'unsealed')).toHaveLength(report.rows);
    expect(report.problems).toContainEqual(expect.objectContaining({ chain: 'checkpoint', problem: 'checkpoint_invalid' }));
  });

  it('writes no checkpoint when nothing changed, a new one linked to the previous after a new row', async () => {
    const db = await world('test:t12');
    expect(await writeCheckpoint(db, { exportDir })).toBeNull();
    await db.transaction((tx) => appendAudit(tx, { chain: 'test:b', actorId: null, action: 'x', subjectType: 't', subjectId: 'b', at }));
    const report = await verify();
    expect(report.rowsSinceCheckpoint).toBe(1);
    const next = await writeCheckpoint(db, { exportDir });
    expect(JSON.parse(next!.body)).toMatchObject({ seq: next!.seq, heads: expect.arrayContaining([['test:b', 1, expect.any(String)]]) });
    expect((await verify()).rowsSinceCheckpoint).toBe(0);
    expect((await verify()).problems).toEqual([]);
  });

  it('an exported checkpoint verifies with openssl against the public key it carries', async () => {
    await world('test:t13');
    const [file] = fs.readdirSync(exportDir).filter((f) => f.startsWith('checkpoint-'));
    expect(file).toBe(checkpointFileName(JSON.parse(fs.readFileSync(path.join(exportDir, file), 'utf8')).seq));
    const record = JSON.parse(fs.readFileSync(path.join(exportDir, file), 'utf8'));
    fs.writeFileSync(path.join(exportDir, 'body'), record.body);
    fs.writeFileSync(path.join(exportDir, 'sig'), Buffer.from(record.signature, 'base64'));
    fs.writeFileSync(path.join(exportDir, 'pub.pem'), record.publicKey);
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'body', '-sigfile', 'sig'];
    expect(execFileSync('openssl', args, { cwd: exportDir }).toString()).toMatch(/Signature Verified Successfully/);
    fs.writeFileSync(path.join(exportDir, 'body'), record.body.replace('"rows":', '"rows":1'));
    expect(() => execFileSync('openssl', args, { cwd: exportDir, stdio: 'pipe' })).toThrow();
  });

  it('rows written before the upgrade are sealed once at start; after that a row without a seal is reported', async () => {
    const db = await world('test:t14');
    await db.query(`UPDATE audit_log SET mac = NULL WHERE chain = 'test:t14'`);
    expect(await problemsOf('test:t14')).toHaveLength(4);
    await db.query('UPDATE audit_state SET legacy_sealed = false');
    expect(await problemsOf('test:t14')).toEqual([]);
    expect(await sealLegacyAudit(db)).toBe(4);
    expect(await sealLegacyAudit(db)).toBe(0);
    expect((await verify()).problems).toEqual([]);
  });
  it('the latest checkpoint deleted from the database is still found in its exported file', async () => {
    const db = await world('test:t10');
    await db.query(`DELETE FROM audit_log WHERE chain = 'test:t10' AND seq = 4`);
    const [cp] = await db.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM audit_checkpoints');
    await db.query('DELETE FROM audit_checkpoints WHERE seq = $1', [cp.seq]);
    const problems = (await verify()).problems;
    expect(problems).toContainEqual({ chain: 'checkpoint', seq: cp.seq, problem: 'checkpoint_missing' });
    expect(problems).toContainEqual({ chain: 'test:t10', seq: 4, problem: 'truncated' });
  });
});

describe('a primed chain head (issue 13 item 4: one round trip less per audited dossier action)', () => {
  ownDatabase();

  /** `tx` counting what it sends. */
  const counting = (tx: Sql, seen: string[]): Sql => ({
    query: (text, params) => {
      seen.push(text);
      return tx.query(text, params);
    },
    exec: (text) => tx.exec(text),
  });

  it('appendAudit uses a primed head without reading the chain, once; the chain verifies', async () => {
    const chain = `primed:${Date.now()}`;
    const seen: string[] = [];
    await sys!.ctx.db.transaction(async (raw) => {
      const tx = counting(raw, seen);
      primeAuditHead(tx, chain, null); // a chain born in this transaction
      await appendAudit(tx, { chain, actorId: 'u1', action: 'first', subjectType: 't', subjectId: 'a', data: {}, at });
      await appendAudit(tx, { chain, actorId: 'u1', action: 'second', subjectType: 't', subjectId: 'a', data: {}, at });
    });
    // the first row did not read the head, the second (not primed) did
    expect(seen.filter((s) => s.includes('audit_chain_head'))).toHaveLength(1);
    expect(seen.filter((s) => s.includes('INSERT INTO audit_log'))).toHaveLength(2);
    const rows = await rowsOf(chain);
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(await problemsOf(chain)).toEqual([]);
  });

  it('a stale primed head cannot fork the chain: the row is refused', async () => {
    const chain = `stale:${Date.now()}`;
    await sys!.ctx.db.transaction((tx) => appendAudit(tx, { chain, actorId: 'u1', action: 'first', subjectType: 't', subjectId: 'a', data: {}, at }));
    await expect(
      sys!.ctx.db.transaction(async (tx) => {
        primeAuditHead(tx, chain, null); // wrong: the chain has a row
        await appendAudit(tx, { chain, actorId: 'u1', action: 'forked', subjectType: 't', subjectId: 'a', data: {}, at });
      }),
    ).rejects.toThrow();
    expect((await rowsOf(chain)).map((r) => r.action)).toEqual(['first']);
    expect(await problemsOf(chain)).toEqual([]);
  });
});

/** One row on `chain` in its own transaction. */
const append = (chain: string, action = 'x') =>
  sys!.ctx.db.transaction((tx) => appendAudit(tx, { chain, actorId: 'u1', action, subjectType: 't', subjectId: chain, data: {}, at }));
const bodyOf = (record: { body: string } | null) => JSON.parse(record!.body) as CheckpointBody;

describe('incremental checkpoints (format 2): a checkpoint grows with the rows of its interval, not with the chains ever written', () => {
  ownDatabase();

  it('names only the chains written since the checkpoint before; a head signed in an older one still finds its chain cut short or deleted, in both checks', async () => {
    const db = sys!.ctx.db;
    await append('inc:a');
    await append('inc:a');
    await append('inc:b');
    const first = bodyOf(await writeCheckpoint(db, { exportDir }));
    expect(first.v).toBe(2);
    expect(first.heads.map((h) => h[0])).toEqual(expect.arrayContaining(['inc:a', 'inc:b']));
    await append('inc:c');
    const second = bodyOf(await writeCheckpoint(db, { exportDir }));
    expect(second.heads).toEqual([['inc:c', 1, expect.any(String)]]);
    expect(second.rows).toBe(first.rows + 1);
    expect(second.maxId).toBeGreaterThan(first.maxId);
    expect(await verify()).toMatchObject({ problems: [], rowsSinceCheckpoint: 0, checkpoint: { seq: second.seq } });

    await db.query(`DELETE FROM audit_log WHERE chain = 'inc:a' AND seq = 2`);
    await db.query(`DELETE FROM audit_log WHERE chain = 'inc:b'`);
    const problems = (await verify()).problems;
    expect(problems).toContainEqual({ chain: 'inc:a', seq: 2, problem: 'truncated' });
    expect(problems).toContainEqual({ chain: 'inc:b', seq: 1, problem: 'chain_missing' });
    // one row and one checkpoint at a time (a chain across pages, the checkpoints folded across pages), the same report
    const paged = await verifyAudit(db, { exportDir, pageSize: 1 });
    expect(paged).toEqual(await verify());
    const chainA = await verifyChain(db, 'inc:a');
    expect(chainA.problems).toEqual([{ chain: 'inc:a', seq: 2, problem: 'truncated' }]);
    expect(chainA.checkpoint).toMatchObject({ seq: first.seq, headSeq: 2 });
    expect((await verifyChain(db, 'inc:c')).checkpoint).toMatchObject({ seq: second.seq, headSeq: 1 });
  });

  it('the chain → checkpoint look-up differing from the signed body is reported on that checkpoint', async () => {
    const db = sys!.ctx.db;
    await append('inc:d');
    const record = await writeCheckpoint(db, { exportDir });
    expect((await verify()).problems.filter((p) => p.chain === 'checkpoint')).toEqual([]);
    // hiding the newest head of a chain from the one-chain check
    await db.query(`DELETE FROM audit_checkpoint_heads WHERE chain = 'inc:d'`);
    expect((await verify()).problems).toContainEqual({ chain: 'checkpoint', seq: record!.seq, problem: 'checkpoint_mismatch' });
  });
});

describe('after format-1 checkpoints (every head in each)', () => {
  ownDatabase();

  it('format 1 still verifies and catches a truncation; the next checkpoint signs every head once, then only what changed', async () => {
    const db = sys!.ctx.db;
    await append('old:a');
    await append('old:a');
    await append('old:b');
    // a format-1 checkpoint as installations before this change wrote them
    const heads = await db.query<{ chain: string; seq: number; hash: string }>(
      'SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_log ORDER BY chain, seq DESC',
    );
    const [{ rows, max_id }] = await db.query<{ rows: number; max_id: number }>('SELECT count(*)::int AS rows, max(id)::bigint AS max_id FROM audit_log');
    const text = JSON.stringify({ v: 1, seq: 1, at: at.toISOString(), prev: null, rows, maxId: max_id, heads: heads.map((h) => [h.chain, h.seq, h.hash]) });
    const k = installationKeys(undefined);
    await db.query('INSERT INTO audit_checkpoints (seq, at, body, digest, signature, public_key) VALUES (1, $1, $2, $3, $4, $5)', [
      at,
      text,
      createHash('sha256').update(text).digest('hex'),
      sign(null, Buffer.from(text), k.privateKey).toString('base64'),
      k.publicKeyPem,
    ]);
    expect((await verifyAudit(db, { keys: k })).problems).toEqual([]);
    expect((await verifyChain(db, 'old:a', { keys: k })).checkpoint).toMatchObject({ seq: 1, headSeq: 2 });
    expect(await writeCheckpoint(db, { keys: k })).toBeNull(); // nothing written since

    await append('old:c');
    const next = bodyOf(await writeCheckpoint(db, { keys: k }));
    expect(next).toMatchObject({ v: 2, seq: 2, rows: rows + 1 });
    expect(next.heads.map((h) => h[0])).toEqual(expect.arrayContaining(['old:a', 'old:b', 'old:c']));
    await append('old:d');
    expect(bodyOf(await writeCheckpoint(db, { keys: k })).heads.map((h) => h[0])).toEqual(['old:d']);
    await db.query(`DELETE FROM audit_log WHERE chain = 'old:a' AND seq = 2`);
    expect((await verifyAudit(db, { keys: k })).problems).toEqual([{ chain: 'old:a', seq: 2, problem: 'truncated' }]);
  });
});
