import { createHash } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import { nationalNodeOf, provincesServedHere, signNodePayload } from '#modules/exchange/index.ts';
import { aggregatesRepository as repo, type OpenCount, type SnapshotDay } from './aggregates.repository.ts';
import { METRIC_INDEX, METRICS } from './contributions.ts';
import { failureText } from '#platform/errors.ts';

type Ctx = Pick<AppContext, 'config' | 'clock' | 'db' | 'logger'>;

/** Unit-days per part (one HTTP request each): about 1 MB of JSON at most. */
export const PART_DAYS = 4_000;

export interface UnitSnapshot {
  unit: string;
  days: [string, number[]][];
  open: [string, number][];
}

/** The installation's aggregates as they travel: per unit, each day's values in METRICS order, and its open dossiers by due instant. */
export function snapshotUnits(daily: SnapshotDay[], open: OpenCount[]): UnitSnapshot[] {
  const units = new Map<string, { days: Map<string, number[]>; open: [string, number][] }>();
  const of = (unit: string) => {
    let u = units.get(unit);
    if (!u) units.set(unit, (u = { days: new Map(), open: [] }));
    return u;
  };
  for (const r of daily) {
    const days = of(r.unit).days;
    let v = days.get(r.day);
    if (!v) days.set(r.day, (v = METRICS.map(() => 0)));
    v[METRIC_INDEX.get(r.metric)!] += r.value;
  }
  for (const o of open) of(o.unit).open.push([o.dueAt, o.n]);
  return [...units.keys()].sort().map((unit) => {
    const u = units.get(unit)!;
    return { unit, days: [...u.days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)), open: u.open };
  });
}

/** Cuts the units into parts of about PART_DAYS unit-days (a unit is never split). */
export function partsOf(units: UnitSnapshot[], partDays = PART_DAYS): UnitSnapshot[][] {
  const parts: UnitSnapshot[][] = [];
  let current: UnitSnapshot[] = [];
  let size = 0;
  for (const u of units) {
    if (current.length > 0 && size + u.days.length + u.open.length > partDays) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(u);
    size += u.days.length + u.open.length;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/**
 * Sends this installation's aggregates (issue 16 item 6) to the national node of its registry:
 * every unit of the provinces it serves (province, communes, agencies — never `VN`, which the
 * national node sums itself), each day's values and the open dossiers by due instant, in parts
 * signed with the node key (`signNodePayload`, exchange module). The whole state travels each
 * time, so a re-send or a lost answer changes nothing at the national node; nothing is sent
 * while the state is what the national node last acknowledged.
 */
export async function pushAggregates(ctx: Ctx): Promise<{ parts: number; units: number; skipped: boolean; failed: boolean }> {
  const target = await nationalNodeOf(ctx);
  if (!target) return { parts: 0, units: 0, skipped: true, failed: false };
  const provinces = await provincesServedHere(ctx);
  const { daily, open } = await ctx.db.transaction(async (tx) => ({ daily: await repo.ownDaily(tx, provinces), open: await repo.ownOpen(tx, provinces) }));
  const units = snapshotUnits(daily, open);
  const fingerprint = createHash('sha256').update(JSON.stringify([METRICS, units])).digest('hex');
  const state = await ctx.db.transaction((tx) => repo.pushState(tx, target.nodeId));
  if (units.length === 0 || state?.fingerprint === fingerprint) return { parts: 0, units: units.length, skipped: true, failed: false };
  const generation = ctx.clock.now();
  const parts = partsOf(units);
  try {
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      const value = {
        nodeId: ctx.config.MOTCUA_NODE_ID,
        generation: generation.toISOString(),
        part: i + 1,
        parts: parts.length,
        metrics: [...METRICS],
        units: part,
        ...(last ? { allUnits: units.map((u) => u.unit) } : {}),
      };
      const body = { ...value, ...(await signNodePayload(ctx, value)) };
      const res = await fetch(`${target.url}/api/v1/indicators/aggregates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      if (!res.ok) throw new Error(`${res.status} ${(await res.text()).slice(0, 300)}`);
    }
  } catch (error) {
    ctx.logger.warn({ err: error, node: target.nodeId }, 'aggregates not delivered to the national node; sent again later');
    await ctx.db.transaction((tx) => repo.markPushFailed(tx, target.nodeId, failureText(error)));
    return { parts: parts.length, units: units.length, skipped: false, failed: true };
  }
  await ctx.db.transaction((tx) => repo.markPushed(tx, target.nodeId, fingerprint, generation, ctx.clock.now()));
  return { parts: parts.length, units: units.length, skipped: false, failed: false };
}
