import type { z } from 'zod';
import type { AppContext } from '#platform/context.ts';
import { publishLiveAll } from '#platform/live.ts';
import { checkNodePayload, NodePayloadRefused, provincesServedBy } from '#modules/exchange/index.ts';
import { aggregatesRepository as repo } from './aggregates.repository.ts';
import { type Contribution, delta, type Metric, METRIC_INDEX, NATIONAL } from './contributions.ts';
import type { AggregatesChunk } from './indicators.contract.ts';
import { IndicatorErrors } from './indicators.errors.ts';
import { indicatorsRepository } from './indicators.repository.ts';
import { liveTopic } from './project-dossier.ts';

type Ctx = Pick<AppContext, 'config' | 'clock' | 'db' | 'logger'>;
export type Chunk = z.infer<typeof AggregatesChunk>;

const refused = (problem: string, detail: string) => IndicatorErrors.AGGREGATES_REFUSED({ problem, detail }, { problem, detail: detail.slice(0, 200) });

/**
 * National node: takes a part of an installation's aggregates (issue 16 item 6). Refused (422
 * AGGREGATES_REFUSED) unless signed by the node it names under a CA trusted here, the node is in
 * the registry, and every unit lies in a province that node announces. Then, per unit, what the
 * node sent before is replaced by this snapshot (an older snapshot arriving late is skipped) and
 * the difference is added to this node's own aggregates — for the unit, and for `VN` when the
 * unit is a province — so the command center reads the provinces' figures as its own. Re-sending
 * the same part adds nothing.
 */
export async function receiveAggregates(ctx: Ctx, chunk: Chunk): Promise<{ node: string; applied: number; stale: number }> {
  if (ctx.config.MOTCUA_NODE_ROLE !== 'national') throw IndicatorErrors.AGGREGATES_NOT_NATIONAL();
  const { signature, certificates, ...value } = chunk;
  try {
    await checkNodePayload(ctx, chunk.nodeId, value, { signature, certificates });
  } catch (error) {
    if (!(error instanceof NodePayloadRefused)) throw error;
    ctx.logger.warn({ problem: error.problem, node: chunk.nodeId }, 'aggregates refused');
    throw refused(error.problem, error.message);
  }
  const served = await provincesServedBy(ctx, chunk.nodeId);
  if (!served) throw refused('UNKNOWN_SENDER', `node ${chunk.nodeId} is not in the registry`);
  return applyAggregatesPart(ctx, value, served);
}

/**
 * The national node's step after a part's signature and sender are checked (`receiveAggregates`):
 * every unit must lie in a province the node serves (`served`, from the registry); then the
 * node's previous rows for the units are replaced and the difference applied. Also what a browser
 * journey uses to stand for a province whose installation has reported (the checks before it are
 * tested over real HTTP in `aggregates-national.test.ts`).
 */
export async function applyAggregatesPart(ctx: Ctx, chunk: Omit<Chunk, 'signature' | 'certificates'>, served: string[]): Promise<{ node: string; applied: number; stale: number }> {
  const generation = new Date(chunk.generation);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const provinceOf = await repo.provincesOf(
      tx,
      chunk.units.map((u) => u.unit),
    );
    for (const u of chunk.units) {
      const p = provinceOf.get(u.unit);
      if (!p || !served.includes(p)) throw refused('UNIT_NOT_SERVED', `${u.unit} is not in a province node ${chunk.nodeId} serves`);
    }
    await repo.lockNode(tx, chunk.nodeId);
    const held = new Map((await repo.receivedUnits(tx, chunk.nodeId, chunk.units.map((u) => u.unit))).map((r) => [r.unit, r]));
    const fresh = chunk.units.filter((u) => {
      const h = held.get(u.unit);
      return !h || new Date(h.generation) <= generation;
    });
    // the last part lists every unit of the snapshot: a unit sent before and gone since (all its rows back at zero) is dropped
    const gone = chunk.allUnits ? await repo.unitsGone(tx, chunk.nodeId, chunk.allUnits, generation) : [];
    if (fresh.length === 0 && gone.length === 0) return { node: ctx.config.MOTCUA_NODE_ID, applied: 0, stale: chunk.units.length };
    const known = chunk.metrics.map((m) => (METRIC_INDEX.has(m) ? (m as Metric) : null));
    const daily = fresh.flatMap((u) =>
      u.days.flatMap(([day, values]) =>
        values.flatMap((v, i) => (known[i] && v !== 0 ? [{ unit: u.unit, provinceCode: provinceOf.get(u.unit)!, day, metric: known[i], value: v }] : [])),
      ),
    );
    const open = fresh.flatMap((u) => u.open.map(([dueAt, n]) => ({ unit: u.unit, provinceCode: provinceOf.get(u.unit)!, dueAt, n })));
    const before = await repo.receivedDaily(tx, chunk.nodeId, [...fresh.map((u) => u.unit), ...gone]);
    const withNation = (rows: (Contribution & { provinceCode: string })[]): Contribution[] =>
      rows.flatMap(({ provinceCode, ...r }) => (r.unit === provinceCode ? [r, { ...r, unit: NATIONAL }] : [r]));
    const change = delta(withNation(before), withNation(daily));
    await repo.replaceReceived(
      tx,
      chunk.nodeId,
      fresh.map((u) => ({ unit: u.unit, provinceCode: provinceOf.get(u.unit)! })),
      daily,
      open,
      generation,
      now,
    );
    await repo.dropReceived(tx, chunk.nodeId, gone);
    await indicatorsRepository.applyDelta(tx, change);
    const provinces = [...new Set([...fresh.map((u) => provinceOf.get(u.unit)!), ...before.map((r) => r.provinceCode)])];
    await publishLiveAll(tx, [NATIONAL, ...provinces].map((p) => ({ topic: liveTopic(p), payload: { at: now.toISOString() } })));
    return { node: ctx.config.MOTCUA_NODE_ID, applied: fresh.length, stale: chunk.units.length - fresh.length };
  });
}
