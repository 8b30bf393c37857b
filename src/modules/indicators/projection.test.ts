import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { METRICS } from './contributions.ts';
import { indicatorsRepository as repo } from './indicators.repository.ts';
import { drainIndicators } from './project-dossier.ts';
import { rebuildIndicators } from './rebuild.ts';
import { commandCenter } from './command-center.ts';
import { unitFigures } from './tthc-statistics.ts';

let sys: TestSystem;
let agencies: string[];
let versions: { id: string; code: string }[];

beforeAll(async () => {
  sys = await createTestSystem();
  const db = sys.ctx.db;
  // commune-level and province-level agencies of two provinces
  agencies = (
    await db.query<{ code: string }>(
      `(SELECT code FROM agencies WHERE province_code = '01' AND level = 'xa' ORDER BY code LIMIT 3)
       UNION ALL (SELECT code FROM agencies WHERE province_code = '01' AND level = 'tinh' ORDER BY code LIMIT 1)
       UNION ALL (SELECT code FROM agencies WHERE province_code = '79' AND level = 'xa' ORDER BY code LIMIT 1)`,
    )
  ).map((r) => r.code);
  versions = await db.query(`SELECT id::text AS id, procedure_code AS code FROM procedure_versions ORDER BY procedure_code LIMIT 3`);
}, 600_000);
afterAll(async () => {
  await sys?.close();
});

const day = (offset: number, hour: number) => new Date(Date.UTC(2026, 2, 1 + offset, hour - 7, 0, 0));

/** One write to a dossier: its whole state as a random mutation could leave it (then, sometimes, the projector's batch). */
const stateArb = fc.record({
  dossier: fc.integer({ min: 0, max: 5 }),
  drain: fc.boolean(),
  competent: fc.integer({ min: 0, max: 4 }),
  receiving: fc.integer({ min: 0, max: 4 }),
  version: fc.integer({ min: 0, max: 2 }),
  channel: fc.constantFrom('direct', 'online', 'postal'),
  assignee: fc.option(fc.constantFrom('u1', 'u2'), { nil: null }),
  received: fc.option(fc.record({ day: fc.integer({ min: 0, max: 20 }), hour: fc.integer({ min: 7, max: 17 }) }), { nil: null }),
  due: fc.option(fc.record({ days: fc.integer({ min: 0, max: 10 }), hour: fc.integer({ min: 8, max: 18 }) }), { nil: null }),
  finish: fc.option(
    fc.record({
      days: fc.integer({ min: 0, max: 15 }),
      hour: fc.integer({ min: 7, max: 17 }),
      status: fc.constantFrom('RESULT_READY', 'RESULT_RETURNED', 'WITHDRAWN', 'STOPPED', 'REJECTED_AT_INTAKE'),
    }),
    { nil: null },
  ),
  rating: fc.option(fc.constantFrom('hai_long', 'khong_hai_long'), { nil: null }),
  steps: fc.array(
    fc.record({ agency: fc.integer({ min: 0, max: 4 }), finish: fc.option(fc.constantFrom('truoc_han', 'dung_han', 'qua_han'), { nil: null }) }),
    { maxLength: 2 },
  ),
});
type State = typeof stateArb extends fc.Arbitrary<infer T> ? T : never;

async function write(s: State) {
  const id = `fc-${s.dossier}`;
  const v = versions[s.version];
  const receivedAt = s.received ? day(s.received.day, s.received.hour) : null;
  const dueAt = receivedAt && s.due ? day((s.received?.day ?? 0) + s.due.days, s.due.hour) : null;
  const finishedAt = s.finish ? day((s.received?.day ?? 0) + s.finish.days, s.finish.hour) : null;
  const status = finishedAt ? s.finish!.status : receivedAt ? 'IN_PROCESSING' : 'SUBMITTED';
  await sys.ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO dossiers (id, procedure_code, procedure_version_id, channel, applicant, owner, submitted_by, province_code,
         receiving_agency, competent_agency, current_agency, assignee, status, submitted_at, received_at, due_at, finished_at, created_at)
       VALUES ($1, $2, $3, $4, '{}', '{}', 'test', '01', $5, $6, $6, $7, $8, $9, $10, $11, $12, $9)
       ON CONFLICT (id) DO UPDATE SET procedure_code = $2, procedure_version_id = $3, channel = $4, receiving_agency = $5,
         competent_agency = $6, current_agency = $6, assignee = $7, status = $8, received_at = $10, due_at = $11, finished_at = $12`,
      [id, v.code, v.id, s.channel, agencies[s.receiving], agencies[s.competent], s.assignee, status, day(0, 7), receivedAt, dueAt, finishedAt],
    );
    await tx.query('DELETE FROM dossier_ratings WHERE dossier_id = $1', [id]);
    if (s.rating && finishedAt) {
      await tx.query(`INSERT INTO dossier_ratings (dossier_id, agency_code, rated_by, scores, rated_at) VALUES ($1, $2, 'c', $3, $4)`, [
        id,
        agencies[s.competent],
        { thoi_gian: s.rating },
        new Date(finishedAt.getTime() + 86_400_000),
      ]);
    }
    await tx.query('DELETE FROM dossier_steps WHERE dossier_id = $1', [id]);
    for (const [i, step] of s.steps.entries()) {
      await tx.query(
        `INSERT INTO dossier_steps (dossier_id, seq, from_agency, to_agency, sent_at, finished_at, outcome, step_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $2)`,
        [id, i + 1, agencies[s.competent], agencies[step.agency], day(i, 9), step.finish ? day(i + 2, 10) : null, step.finish],
      );
    }
    // what emitEvents does for a dossier event: queue the dossier for the projection (same transaction)
    await tx.query(`INSERT INTO projection_queue (projection, key) VALUES ('indicators', $1)`, [id]);
  });
  if (s.drain) await drainIndicators(sys.ctx.db);
}

/** The history written, then every queued dossier projected (the runner's batches, deterministically). */
async function written(history: State[]) {
  for (const s of history) await write(s);
  await drainIndicators(sys.ctx.db);
}

/** No synthetic dossier left, aggregates rebuilt. */
async function reset() {
  await sys.ctx.db.transaction(async (tx) => {
    await tx.exec(`DELETE FROM dossier_ratings WHERE dossier_id LIKE 'fc-%'; DELETE FROM dossier_steps WHERE dossier_id LIKE 'fc-%';
                   DELETE FROM dossiers WHERE id LIKE 'fc-%'`);
  });
  await rebuildIndicators(sys.ctx.db);
}

describe('the indicators read model', () => {
  it('after a random history, the incrementally kept aggregates equal a rebuild from the dossiers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stateArb, { minLength: 1, maxLength: 25 }), async (history) => {
        await reset();
        await written(history);
        const incremental = { daily: await repo.allDaily(sys.ctx.db), totals: await repo.allTotals(sys.ctx.db), openDue: await repo.allOpenDue(sys.ctx.db) };
        // dossiers projected again (a retried batch, a dossier queued twice) count nothing twice
        await sys.ctx.db.query(`INSERT INTO projection_queue (projection, key) SELECT 'indicators', id FROM dossiers, generate_series(1, 2) WHERE id LIKE 'fc-%'`);
        await drainIndicators(sys.ctx.db);
        const again = { daily: await repo.allDaily(sys.ctx.db), totals: await repo.allTotals(sys.ctx.db), openDue: await repo.allOpenDue(sys.ctx.db) };
        await rebuildIndicators(sys.ctx.db);
        const rebuilt = { daily: await repo.allDaily(sys.ctx.db), totals: await repo.allTotals(sys.ctx.db), openDue: await repo.allOpenDue(sys.ctx.db) };
        expect(incremental).toEqual(rebuilt);
        expect(again).toEqual(rebuilt);
        // every totals row is the running sum of the daily rows (the rebuild's window sum, checked by hand)
        const sums = new Map<string, number>();
        for (const row of rebuilt.totals) {
          for (const d of rebuilt.daily.filter((x) => x.unit === row.unit && x.day === row.day)) {
            const key = `${d.unit}|${d.metric}`;
            sums.set(key, (sums.get(key) ?? 0) + Number(d.value));
          }
          for (const [i, metric] of METRICS.entries()) expect(row.totals[i], `${row.unit} ${row.day} ${metric}`).toBe(sums.get(`${row.unit}|${metric}`) ?? 0);
        }
        // pending overdue at the end of a past day (closed dossiers from the totals, open ones from
        // the facts) = the dossiers due by then and not finished by then, counted from the facts
        const later = new Date(Date.UTC(2027, 0, 1));
        for (const offset of [0, 4, 9, 15, 30]) {
          const t = day(offset, 12).toISOString().slice(0, 10);
          const fig = (await sys.ctx.db.transaction((tx) => unitFigures(tx, [{ code: 'VN', kind: 'national', name: 'VN', provinceCode: null }], { from: t, to: t }, later))).get('VN')!;
          const [{ n }] = await sys.ctx.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM indicator_facts WHERE received_day IS NOT NULL AND due_day <= $1 AND (finished_day IS NULL OR finished_day > $1)`,
            [t],
          );
          expect(fig.row.pendingOverdue, `pending overdue at the end of ${t}`).toBe(n);
        }
        // the open-dossier roll-up (migration 0054) is, per unit and due instant, the open facts counted by hand
        const byHand = new Map<string, number>();
        for (const f of await sys.ctx.db.query<{ agency: string; commune_code: string | null; province_code: string; due_at: Date }>(
          'SELECT agency, commune_code, province_code, due_at FROM indicator_facts WHERE finished_at IS NULL AND received_at IS NOT NULL AND due_at IS NOT NULL',
        )) {
          for (const u of [f.agency, f.commune_code, f.province_code, 'VN']) {
            if (u === null) continue;
            const key = `${u}|${new Date(f.due_at).toISOString()}`;
            byHand.set(key, (byHand.get(key) ?? 0) + 1);
          }
        }
        expect(new Map(rebuilt.openDue.map((r) => [`${r.unit}|${r.dueAt}`, r.n]))).toEqual(byHand);
        // the command center's 30-day trend (read from the running totals) is the daily rows, day by day
        const vn = { code: 'VN', kind: 'national' as const, name: 'VN', provinceCode: null };
        const cc = await sys.ctx.db.transaction((tx) => commandCenter(tx, { unit: vn, period: '2026-03', range: { from: '2026-03-01', to: '2026-03-31' }, now: day(20, 12) }));
        const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
        const of = (t: string, ...metrics: string[]) =>
          rebuilt.daily.filter((d) => d.unit === 'VN' && iso(d.day) === t && metrics.includes(d.metric)).reduce((a, d) => a + Number(d.value), 0);
        expect(cc.trend).toHaveLength(30);
        for (const t of cc.trend) {
          expect(t).toEqual({
            day: t.day,
            receivedOnline: of(t.day, 'received_online'),
            receivedOther: of(t.day, 'received_direct', 'received_postal'),
            resolvedOnTime: of(t.day, 'resolved_early', 'resolved_on_time'),
            resolvedLate: of(t.day, 'resolved_late'),
          });
        }
      }),
      { numRuns: 25 },
    );
  }, 600_000);

  it('counts a dossier once for its competent agency and rolls it up to commune, province and nation', async () => {
    await reset();
    await write({
      dossier: 0, drain: true, competent: 0, receiving: 1, version: 0, channel: 'online', assignee: null,
      received: { day: 2, hour: 9 }, due: { days: 3, hour: 17 }, finish: { days: 5, hour: 10, status: 'RESULT_READY' }, rating: null, steps: [],
    });
    const rows = await sys.ctx.db.query<{ unit: string; metric: string; value: number }>(
      `SELECT unit, metric, value FROM indicator_daily WHERE metric IN ('received_online', 'resolved_late') AND unit <> ALL($1::text[]) ORDER BY unit, metric`,
      [[]],
    );
    const received = rows.filter((r) => r.metric === 'received_online');
    const commune = (await sys.ctx.db.query<{ u: string }>('SELECT admin_unit_code AS u FROM agencies WHERE code = $1', [agencies[0]]))[0].u;
    expect(received.map((r) => r.unit).sort()).toEqual(expect.arrayContaining([agencies[0], commune, '01', 'VN']));
    expect(received.find((r) => r.unit === agencies[1])).toBeUndefined(); // the receiving agency does not count it
    expect(rows.filter((r) => r.metric === 'resolved_late' && r.unit === 'VN').map((r) => r.value)).toEqual([1]);
  });
});

describe('the write cost of the running totals', () => {
  /** Totals rows written by one event: new rows, rewritten rows (a new xmin) and deleted rows, per unit. */
  async function rowsWrittenBy(event: () => Promise<void>) {
    const snapshot = async () =>
      new Map((await sys.ctx.db.query<{ k: string; x: string }>(`SELECT unit || '|' || day AS k, xmin::text AS x FROM indicator_totals`)).map((r) => [r.k, r.x]));
    const before = await snapshot();
    await event();
    const after = await snapshot();
    const written = new Map<string, number>();
    const count = (k: string) => written.set(k.split('|')[0], (written.get(k.split('|')[0]) ?? 0) + 1);
    for (const [k, x] of after) if (before.get(k) !== x) count(k);
    for (const k of before.keys()) if (!after.has(k)) count(k);
    return written;
  }

  it('a reception today rewrites one totals row per unit, not the rows of future due days', async () => {
    await reset();
    // five open dossiers received on days 0–4, due 10–14 days later (future due days)
    for (let i = 0; i < 5; i++) {
      await write({
        dossier: i, drain: true, competent: 0, receiving: 0, version: 0, channel: 'direct', assignee: null,
        received: { day: i, hour: 9 }, due: { days: 10, hour: 17 }, finish: null, rating: null, steps: [],
      });
    }
    const written = await rowsWrittenBy(() =>
      write({
        dossier: 5, drain: true, competent: 0, receiving: 0, version: 0, channel: 'online', assignee: null,
        received: { day: 5, hour: 9 }, due: { days: 10, hour: 17 }, finish: null, rating: null, steps: [],
      }),
    );
    console.log(`totals rows written by one reception: ${[...written].map(([u, n]) => `${u}=${n}`).join(', ')}`);
    expect(written.get('VN')).toBe(1);
    expect([...written.values()]).toEqual([1, 1, 1, 1]); // agency, commune, province, nation: today's row each
  });
});
