import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { appendAudit, type CheckpointBody, settledMaxId, verifyAudit, writeCheckpoint } from './audit.ts';

// PostgreSQL only (vitest.config.ts): a row whose id was drawn before a later row's, but committed
// after it. A checkpoint covering ids up to the highest visible one at once would skip that row
// for good (the next checkpoint starts above it), and its chain's head would never be signed.
let sys: TestSystem;
beforeAll(async () => {
  sys = await createTestSystem();
});
afterAll(async () => {
  await sys.close();
});

const at = new Date('2026-03-02T03:00:00Z');
const entry = (chain: string) => ({ chain, actorId: 'u1', action: 'x', subjectType: 't', subjectId: chain, data: {}, at });

/** A transaction that has written a row on `chain` and stays open until `release()`. */
async function openWriter(chain: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const done = sys.ctx.db.transaction(async (tx) => {
    await appendAudit(tx, entry(chain));
    written();
    await gate;
  });
  await wrote;
  return { release, done };
}

describe('the checkpoint horizon (PostgreSQL)', () => {
  it('waits for a row drawn earlier but committed later, and signs its chain', async () => {
    await writeCheckpoint(sys.ctx.db, { force: true });
    const slow = await openWriter('late:a'); // draws its id first
    await sys.ctx.db.transaction((tx) => appendAudit(tx, entry('late:b'))); // a higher id, committed at once
    const checkpoint = writeCheckpoint(sys.ctx.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.release();
    await slow.done;
    const body = JSON.parse((await checkpoint)!.body) as CheckpointBody;
    expect(body.heads.map((h) => h[0]).sort()).toEqual(['late:a', 'late:b']);
    expect((await verifyAudit(sys.ctx.db)).rowsSinceCheckpoint).toBe(0);
  });

  it('gives up after its wait while a write transaction stays open, naming why', async () => {
    const slow = await openWriter('late:c');
    try {
      await expect(settledMaxId(sys.ctx.db, 200)).rejects.toThrow(/writing to the audit log still open/);
    } finally {
      slow.release();
      await slow.done;
    }
    expect(await settledMaxId(sys.ctx.db, 200)).toBeGreaterThan(0);
  });
});
