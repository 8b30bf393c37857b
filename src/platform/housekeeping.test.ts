import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { emitEvent } from './events.ts';
import { housekeep, housekeepingJob } from './housekeeping.ts';
import { drainOutbox } from './outbox.ts';

let sys: TestSystem;
const T0 = new Date('2026-11-02T02:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);

systemPerFile(async (s) => {
  sys = s;
  sys.clock.set(T0);
});

const count = async (sql: string, params: unknown[] = []) => (await sys.ctx.db.query<{ n: number }>(sql, params))[0].n;

describe('housekeeping (dọn dẹp)', () => {
  it('deletes stored answers, handled outbox rows and ended sessions once their time has passed, in batches, and nothing else', async () => {
    const db = sys.ctx.db;
    // 5,003 stored answers 40 days old (more than a batch), one 10 days old
    await db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at)
       SELECT 'hk-user', 'old-' || i, 'h', 201, '{"applicant":{"fullName":"Nguyễn Văn A"}}', $1 FROM generate_series(1, 5003) AS i`,
      [at(-40)],
    );
    await db.query(`INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at) VALUES ('hk-user', 'recent', 'h', 201, '{}', $1)`, [at(-10)]);
    // outbox: two rows handled now, one nobody handles (pending for ever)
    await db.transaction(async (tx) => {
      await emitEvent(tx, { topic: 'hk.handled', key: 'a', payload: {}, at: T0 });
      await emitEvent(tx, { topic: 'hk.handled', key: 'b', payload: {}, at: T0 });
      await emitEvent(tx, { topic: 'hk.nobody', key: 'c', payload: {}, at: T0 });
    });
    expect(await drainOutbox(sys.ctx, { 'hk.handled': async () => {} })).toBe(2);
    // sessions: one expired 31 days ago, one revoked 40 days ago, one still open
    const [user] = await db.query<{ id: string }>('SELECT id FROM users ORDER BY id LIMIT 1');
    const session = (id: string, expires: Date, revoked: Date | null) =>
      db.query(`INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)`, [id, `hash-${id}`, user.id, at(-60), expires, revoked]);
    await session('hk-expired', at(-31), null);
    await session('hk-revoked', at(1), at(-40));
    await session('hk-open', at(1), null);

    // a day later: only the 40-day-old answers and the long-ended sessions go
    expect(await housekeep(db, at(1), { idempotencyDays: 30, outboxDays: 7 })).toEqual({ idempotencyKeys: 5003, outbox: 0, sessions: 2 });
    expect(await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE scope = 'hk-user'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM sessions WHERE id LIKE 'hk-%'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'hk.%'`)).toBe(3);

    // eight days after the rows were handled: those go; the one nobody handled stays, however old
    const later = await housekeep(db, at(8), { idempotencyDays: 30, outboxDays: 7 });
    expect(later.outbox).toBeGreaterThanOrEqual(2); // rows handled at T0 by other modules of this system go too
    expect(await db.query(`SELECT topic FROM outbox WHERE topic LIKE 'hk.%'`)).toEqual([{ topic: 'hk.nobody' }]);
    expect(await housekeep(db, at(8), { idempotencyDays: 30, outboxDays: 7 })).toEqual({ idempotencyKeys: 0, outbox: 0, sessions: 0 });
  });

  it('the hourly job reads its windows from the configuration', async () => {
    await sys.ctx.db.query(`INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at) VALUES ('hk-job', 'k', 'h', 201, '{}', $1)`, [at(-31)]);
    expect(sys.ctx.config.MOTCUA_IDEMPOTENCY_KEEP_DAYS).toBe(30);
    await housekeepingJob.run(sys.ctx);
    expect(await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE scope = 'hk-job'`)).toBe(0);
  });
});
