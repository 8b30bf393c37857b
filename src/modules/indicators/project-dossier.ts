import { beforeCommit, type Sql } from '#platform/db.ts';
import type { DomainEvent, InTransactionHandler } from '#platform/events.ts';
import { loadCalendar } from '#modules/calendar/index.ts';
import { publishLiveAll } from '#platform/live.ts';
import { type Contribution, delta, factContributions, NATIONAL, stepContributions } from './contributions.ts';
import { factOf, stepFactOf } from './facts.ts';
import { indicatorsRepository as repo } from './indicators.repository.ts';

/**
 * The read model kept in step with a dossier: its fact rows are recomputed from its state, and
 * the aggregates receive the difference (new − old contributions). Runs in the transaction of
 * the dossier event, so it happens exactly once per change and never without it.
 */
export async function projectDossier(tx: Sql, dossierId: string): Promise<void> {
  const source = await repo.dossierSource(tx, dossierId);
  if (!source) return;
  const before = await repo.fact(tx, dossierId);
  const stepsBefore = await repo.stepFacts(tx, dossierId);
  const after = factOf(source, await loadCalendar(tx));
  const stepsAfter = (await repo.stepSources(tx, [dossierId])).map(stepFactOf);
  const change = delta(
    [...(before ? factContributions(before) : []), ...stepsBefore.flatMap(stepContributions)],
    [...factContributions(after), ...stepsAfter.flatMap(stepContributions)],
  );
  await repo.upsertFacts(tx, [after]);
  await repo.replaceStepFacts(tx, dossierId, stepsAfter);
  if (change.length === 0) return;
  // the command centers of the nation and of the province refresh (after commit; a hint, not data)
  const topics = [liveTopic(NATIONAL), liveTopic(after.provinceCode)];
  if (before && before.provinceCode !== after.provinceCode) topics.push(liveTopic(before.provinceCode));
  await applyAtCommit(tx, change, topics);
}

/**
 * The aggregates (`indicator_daily`, `indicator_totals`) are rows shared by every dossier of a
 * unit and day — the nation's by all — kept consistent by an advisory lock per unit held until
 * commit. Their change is therefore applied last, just before COMMIT (`beforeCommit`), with its
 * live notices in one statement: the lock is held for those few statements, not for the rest of
 * the dossier's transaction (issue 13 item 4). The facts above are written at once, so a second
 * projection of the same dossier in the same transaction computes its difference from them, and
 * the differences add up at commit.
 */
async function applyAtCommit(tx: Sql, change: Contribution[], topics: string[]): Promise<void> {
  await beforeCommit(tx, async () => {
    await repo.applyDelta(tx, change);
    const at = new Date().toISOString();
    await publishLiveAll(tx, topics.map((topic) => ({ topic, payload: { at } })));
  });
}

/** The live topic of a province's (or the nation's) figures. */
export const liveTopic = (provinceOrNation: string) => `indicators:${provinceOrNation}`;

/** Topics that change a dossier's figures; each carries the dossier id. */
export const PROJECTED_TOPICS = ['dossier.status_changed', 'dossier.rated'] as const;

const handler = async (tx: Sql, event: DomainEvent) => {
  const id = (event.payload as { dossierId?: string }).dossierId ?? event.key;
  await projectDossier(tx, id);
};

/** The projection by topic, listed in the module's face (bootstrap registers it before the seeds). */
export const indicatorProjections: { readonly [T in (typeof PROJECTED_TOPICS)[number]]: InTransactionHandler } = {
  'dossier.status_changed': handler,
  'dossier.rated': handler,
};
