import path from 'node:path';
import { auditExportDir, type Config } from './config.ts';
import { sealLegacyAudit, startCheckpoints, setAuditKeys } from '#platform/audit.ts';
import { installationKeys } from '#platform/installation-key.ts';
import { buildApp, type BuildAppOptions } from './http/app.ts';
import type { App, AppContext } from '#platform/context.ts';
import {
  actorResolver,
  collectEventHandlers,
  configureModules,
  eventWiringProblems,
  type Module,
  registerModules,
  scheduleJobs,
  type SeedOptions,
  startRuntimes,
} from '#platform/module.ts';
import { SettableClock, systemClock } from '#platform/clock.ts';
import { type Db, openDb } from '#platform/db.ts';
import { housekeepingJob } from '#platform/housekeeping.ts';
import { schedulePeriodic, startJobs } from '#platform/jobs.ts';
import { type LiveListener, startLive } from '#platform/live.ts';
import { createLogger } from '#platform/logger.ts';
import { migrate } from '#platform/migrate.ts';
import { type OutboxDispatcher, startOutboxDispatcher } from '#platform/outbox.ts';
import { drainProjection, type ProjectionRunners, startProjections } from '#platform/projections.ts';
import { type ExchangeRuntime, module as exchangeModule } from '#modules/exchange/index.ts';
import { module as appointments } from '#modules/appointments/index.ts';
import { module as cabinet } from '#modules/cabinet/index.ts';
import { module as calendar } from '#modules/calendar/index.ts';
import { module as auditing } from '#modules/auditing/index.ts';
import { module as catalog } from '#modules/catalog/index.ts';
import { module as documents } from '#modules/documents/index.ts';
import { module as dossiers } from '#modules/dossiers/index.ts';
import { module as indicators } from '#modules/indicators/index.ts';
import { module as inspection } from '#modules/inspection/index.ts';
import { module as eidDev } from '#modules/eid-dev/index.ts';
import { module as evaluation } from '#modules/evaluation/index.ts';
import { module as files } from '#modules/files/index.ts';
import { module as identity } from '#modules/identity/index.ts';
import { module as notifications } from '#modules/notifications/index.ts';
import { module as payments } from '#modules/payments/index.ts';
import { module as places } from '#modules/places/index.ts';
import { module as reporting } from '#modules/reporting/index.ts';
import { module as signatures } from '#modules/signatures/index.ts';

/**
 * Every module, once. Seeds run in this order (places before the agencies' users, the
 * calendar and catalogue before certificates); routes register in this order.
 */
export const modules: readonly Module[] = [
  places,
  calendar,
  catalog,
  identity,
  eidDev,
  files,
  documents,
  signatures,
  dossiers,
  payments,
  evaluation,
  notifications,
  appointments,
  exchangeModule,
  indicators,
  cabinet,
  reporting,
  inspection,
  auditing,
];

/**
 * Loads the national registers (places, agencies, calendar, catalogue) and the accounts.
 * Safe to run on every start: each module's seed does nothing when its data is already there.
 */
export async function seed(ctx: AppContext, options: SeedOptions): Promise<void> {
  for (const m of modules) await m.seed?.(ctx, options);
}

export interface System {
  ctx: AppContext;
  /** The interconnection axis' delivery loop (with startJobs). */
  exchange: ExchangeRuntime | null;
  app: App;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds and builds the HTTP app: shared by `start` and tests. */
export async function bootstrap(
  config: Config,
  options: BuildAppOptions & { startJobs?: boolean; skipSeed?: boolean; db?: Db; /** false: no projection runners (bench/statements counts the requests' statements alone). */ projections?: boolean } = {},
): Promise<System> {
  const logger = createLogger(config.LOG_LEVEL);
  const db =
    options.db ?? (await openDb({ databaseUrl: config.DATABASE_URL, dataDir: path.resolve(config.MOTCUA_DATA_DIR) }));
  let live: LiveListener | null = null;
  let projectors: ProjectionRunners | null = null;
  try {
    await migrate(db);
    // read models (indicators, declarations) follow their events in the emitting transaction;
    // hooks into other modules (inspection answers the dossiers' hybrid gate)
    registerModules(modules);
    setAuditKeys(installationKeys(config.MOTCUA_SECRET));
    await sealLegacyAudit(db);
    const ctx: AppContext = {
      config: await configureModules(modules, db, config),
      db,
      clock: config.MOTCUA_DEV_CLOCK ? new SettableClock() : systemClock,
      logger,
      filesDir: path.resolve(config.MOTCUA_DATA_DIR, 'files'),
    };
    if (!options.skipSeed) await seed(ctx, { demo: config.MOTCUA_DEMO });
    for (const m of modules) await m.onStart?.(ctx);
    // what the seeds (or a process that died) left queued for the read models kept after commit
    const queuedProjections = modules.flatMap((m) => (m.queuedProjection ? [m.queuedProjection] : []));
    for (const projection of queuedProjections) await drainProjection(db, projection);
    const handlers = collectEventHandlers(modules, ctx);
    const unwired = eventWiringProblems(modules, handlers);
    if (unwired.length > 0) throw new Error(`event wiring: ${unwired.join('; ')}`);
    if (options.startJobs) ctx.jobs = await startJobs(db, config.DATABASE_URL);
    // Every process LISTENs for live events (platform/live.ts), whichever process commits them.
    live = await startLive(db, { onError: (error) => logger.warn({ err: error }, 'live updates: LISTEN connection lost') });
    // Read models kept after commit (the indicators) follow their queue in every process, jobs or not.
    if (options.projections !== false) projectors = startProjections(ctx, queuedProjections);
    const app = await buildApp(ctx, { routes: modules.flatMap((m) => (m.routes ? [m.routes] : [])), resolveActor: actorResolver(modules) }, options);
    await app.ready();
    await scheduleJobs(modules, ctx);
    await schedulePeriodic(ctx.jobs, housekeepingJob.queue, housekeepingJob.cron, () => housekeepingJob.run(ctx)); // platform tables' old rows
    const outbox: OutboxDispatcher | null = options.startJobs ? startOutboxDispatcher(ctx, handlers) : null;
    const runtimes = await startRuntimes(modules, ctx);
    const exchange = (runtimes.get(exchangeModule.name) as ExchangeRuntime | undefined) ?? null;
    ctx.exchange = exchange ?? undefined;
    // The server anchors the audit chains: a checkpoint now, at every interval and at shutdown.
    const checkpoints = options.startJobs
      ? startCheckpoints(db, {
          intervalSeconds: config.MOTCUA_AUDIT_CHECKPOINT_SECONDS,
          exportDir: auditExportDir(config),
          onError: (error) => logger.error({ err: error }, 'audit checkpoint failed'),
        })
      : null;
    return {
      ctx,
      app,
      exchange,
      async close() {
        for (const r of runtimes.values()) await r.stop();
        await outbox?.stop();
        await app.close();
        await projectors?.stop();
        await checkpoints?.stop();
        await ctx.jobs?.stop({ graceful: false }).catch(() => {});
        await live?.stop();
        await db.close();
      },
    };
  } catch (error) {
    await projectors?.stop().catch(() => {});
    await live?.stop().catch(() => {});
    await db.close().catch(() => {});
    throw error;
  }
}
