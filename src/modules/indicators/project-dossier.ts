import type { Db, Sql } from '#platform/db.ts';
import type { DomainEvent } from '#platform/events.ts';
import { loadCalendar } from '#modules/calendar/index.ts';
import { publishLiveAll } from '#platform/live.ts';
import { drainProjection, type QueuedProjection } from '#platform/projections.ts';
import { delta, factContributions, NATIONAL, openDueDelta, stepContributions } from './contributions.ts';
import { factOf, stepFactOf } from './facts.ts';
import { indicatorsRepository as repo } from './indicators.repository.ts';

/**
 * The read model brought in step with some dossiers (a batch of the projection queue): their
 * fact rows are recomputed from their state, and the aggregates receive the difference (new −
 * old contributions) in one write. Runs after the dossiers' own transactions, under the
 * projection's lock (platform/projections.ts): projecting a dossier again, or one whose state
 * did not change, writes a zero difference, so a retried batch never counts twice. About 15
 * statements per batch, whatever its size (up to 500 dossiers).
 */
export async function projectDossiers(tx: Sql, dossierIds: string[]): Promise<void> {
  const sources = await repo.dossierSources(tx, dossierIds);
  if (sources.length === 0) return;
  const ids = sources.map((s) => s.id);
  const calendar = await loadCalendar(tx);
  const before = await repo.facts(tx, ids);
  const stepsBefore = await repo.stepFacts(tx, ids);
  const after = sources.map((s) => factOf(s, calendar));
  const stepsAfter = (await repo.stepSources(tx, ids)).map(stepFactOf);
  const contributions = (facts: typeof after, steps: typeof stepsAfter) => [...facts.flatMap(factContributions), ...steps.flatMap(stepContributions)];
  const change = delta(contributions(before, stepsBefore), contributions(after, stepsAfter));
  await repo.upsertFacts(tx, after);
  await repo.replaceStepFacts(tx, ids, stepsAfter);
  // the open dossiers by unit and due instant (receptions, results, new due dates): no lock needed,
  // batches run one at a time under the projection's lock (the national aggregates never write it)
  await repo.applyOpenDue(tx, openDueDelta(before, after));
  if (change.length === 0) return;
  await repo.applyDelta(tx, change);
  // the command centers of the nation and of the provinces whose figures moved refresh (after commit; a hint, not data)
  const provinces = new Set<string>([NATIONAL]);
  const byDossier = <F extends { dossierId: string }>(rows: F[]) => {
    const map = new Map<string, F[]>();
    for (const r of rows) map.set(r.dossierId, [...(map.get(r.dossierId) ?? []), r]);
    return map;
  };
  const [fb, sb, fa, sa] = [byDossier(before), byDossier(stepsBefore), byDossier(after), byDossier(stepsAfter)];
  for (const id of ids) {
    const [b, a] = [fb.get(id) ?? [], fa.get(id) ?? []];
    if (delta(contributions(b, sb.get(id) ?? []), contributions(a, sa.get(id) ?? [])).length === 0) continue;
    for (const f of [...b, ...a]) provinces.add(f.provinceCode);
  }
  const at = new Date().toISOString();
  await publishLiveAll(
    tx,
    [...provinces].map((p) => ({ topic: liveTopic(p), payload: { at } })),
  );
}

/** The live topic of a province's (or the nation's) figures. */
export const liveTopic = (provinceOrNation: string) => `indicators:${provinceOrNation}`;

const dossierOf = (event: DomainEvent) => (event.payload as { dossierId?: string }).dossierId ?? event.key;

/**
 * The command center's read model follows the dossier events after commit: each event queues its
 * dossier id (in the outbox's statement), and runners project the queue in batches.
 */
export const indicatorProjection: QueuedProjection = {
  name: 'indicators',
  keys: { 'dossier.status_changed': dossierOf, 'dossier.rated': dossierOf },
  project: projectDossiers,
};

/** Projects every queued dossier change now (tests and the CLI read the figures after it). */
export const drainIndicators = (db: Db): Promise<number> => drainProjection(db, indicatorProjection);
