import { defineModule } from '#platform/module.ts';
import { indicatorsRoutes } from './indicators.routes.ts';
import { indicatorProjection } from './project-dossier.ts';
import { pushAggregates } from './push-aggregates.ts';

/** Indicators: the command center's read model, TTHC statistics, the Decision 766 index. */
export { rebuildIndicators } from './rebuild.ts';
/** Projects the queued dossier changes now: tests and the CLI read the figures after it (never a sleep). */
export { drainIndicators } from './project-dossier.ts';
/** The leader overview's per-status and timeliness counts, each dossier once for its competent agency. */
export { type AgencyDossierCounts, agencyDossierCounts } from './agency-dossier-counts.ts';
export { generateDossiers } from './synthetic-history.ts';
/** The TTHC figures of a unit over a date range (the reporting module pre-fills its reports with them). */
export { type StatisticsRow, tthcStatistics, unitFigures } from './tthc-statistics.ts';
export { resolveUnit, type Unit } from './units.ts';
/** Sends this installation's aggregates to the national node (issue 16 item 6; also every 5 minutes). */
export { pushAggregates } from './push-aggregates.ts';

/**
 * Its read model follows every dossier event and rating after commit: the event queues the
 * dossier, runners in every process project the queue in batches (`queuedProjection`).
 */
export const module = defineModule({
  name: 'indicators',
  routes: indicatorsRoutes,
  queuedProjection: indicatorProjection,
  // the aggregates travel to the national node (nothing is sent while unchanged, nor from a node without one)
  jobs: [{ queue: 'indicators.push-aggregates', cron: '*/5 * * * *', run: async (ctx) => void (await pushAggregates(ctx)) }],
});
