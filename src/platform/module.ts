import type { Config } from '../config.ts';
import type { Actor } from './actor.ts';
import type { AppContext, RoutesPlugin } from './context.ts';
import type { Sql } from './db.ts';
import { type EventTopics, type InTransactionHandler, onEventInTransaction, queueOnEvent } from './events.ts';
import { schedulePeriodic } from './jobs.ts';
import type { OutboxHandlers } from './outbox.ts';
import type { QueuedProjection } from './projections.ts';

/** A job pg-boss runs on a cron schedule (one worker per process; safe to run twice). */
export interface PeriodicJob {
  /** pg-boss queue name, `<module>.<what>`. */
  queue: string;
  /** Cron in UTC (pg-boss), e.g. every 10 minutes: `'*\/10 * * * *'`. */
  cron: string;
  /** Also run once when jobs start (e.g. generate a missing calendar year before the first request). */
  runAtStart?: boolean;
  run(ctx: AppContext): Promise<void>;
}

/** Long-running work a module starts with the jobs (a delivery loop); stopped at shutdown. */
export interface Runtime {
  stop(): Promise<void>;
}

export interface SeedOptions {
  /** MOTCUA_DEMO: demo accounts, certificates and data. */
  demo: boolean;
}

/**
 * A module's single face, exported as `module` by its `index.ts` and listed once in
 * `bootstrap.ts`. Bootstrap registers the projections and the `register` hooks, seeds (in list order), runs `onStart`,
 * registers the routes, schedules the jobs and starts the runtimes (when jobs are started) and
 * hands the event handlers to the outbox dispatcher.
 */
export interface Module {
  /** The folder name under src/modules. */
  name: string;
  /** Its HTTP routes (one Fastify plugin; registered in its own encapsulated scope). */
  routes?: RoutesPlugin;
  /** Its scheduled work. */
  jobs?: readonly PeriodicJob[];
  /** The events it produces (its catalogue, see events.ts). */
  events?: EventTopics;
  /** Handlers of events it consumes, by topic (after commit, idempotent per outbox row). */
  eventHandlers?: (ctx: AppContext) => OutboxHandlers;
  /**
   * Read models it keeps in the emitting transaction, by topic (events.ts `onEventInTransaction`):
   * they commit or fail with the event. A topic may have several (unlike `eventHandlers`).
   */
  projections?: { readonly [topic: string]: InTransactionHandler };
  /**
   * A read model it keeps after commit from a queue its topics fill (projections.ts): the
   * emitting transaction only queues a key; runners in every process project in batches.
   */
  queuedProjection?: QueuedProjection;
  /**
   * Plugs it into another module's synchronous extension point (not an event), once per process
   * before anything runs: inspection answers the dossiers module's hybrid gate. Idempotent.
   */
  register?: () => void;
  /** Settings it derives from the database before anything else runs (payments: this installation's own gateway secret). */
  configure?: (db: Sql, config: Config) => Promise<Partial<Config>>;
  /** Who acts behind a session token, null when the session is unknown or ended (identity; one module answers). */
  resolveActor?: (ctx: AppContext, token: string) => Promise<Actor | null>;
  /** Long-running work started with the jobs (not in tests that start none), stopped at shutdown. */
  start?: (ctx: AppContext) => Promise<Runtime>;
  /** Runs at every start after the seeds, also where seeding is skipped: follows this installation's own settings. */
  onStart?: (ctx: AppContext) => Promise<void>;
  /** Loads its registers; runs on every start and must do nothing when the data is there. */
  seed?: (ctx: AppContext, options: SeedOptions) => Promise<void>;
}

/** Declares a module face (checks its shape, keeps its literal type). */
export const defineModule = <const M extends Module>(module: M): M => module;

/** The configuration with what each module derives from the database (`configure`), in list order. */
export async function configureModules(modules: readonly Module[], db: Sql, config: Config): Promise<Config> {
  let configured = config;
  for (const m of modules) if (m.configure) configured = { ...configured, ...(await m.configure(db, configured)) };
  return configured;
}

/** The one module's `resolveActor`; refuses none or two. */
export function actorResolver(modules: readonly Module[]): NonNullable<Module['resolveActor']> {
  const resolvers = modules.filter((m) => m.resolveActor);
  if (resolvers.length !== 1) throw new Error(`one module resolves the actor, not ${resolvers.length} (${resolvers.map((m) => m.name).join(', ')})`);
  return resolvers[0].resolveActor as NonNullable<Module['resolveActor']>;
}

/** Every module's event handlers in one table; refuses two handlers for one topic. */
export function collectEventHandlers(modules: readonly Module[], ctx: AppContext): OutboxHandlers {
  const handlers: OutboxHandlers = {};
  for (const m of modules) {
    for (const [topic, handler] of Object.entries(m.eventHandlers?.(ctx) ?? {})) {
      if (handlers[topic]) throw new Error(`event topic ${topic} has two handlers (module ${m.name})`);
      handlers[topic] = handler;
    }
  }
  return handlers;
}

/**
 * Registers every module's projections with the event writer and runs its `register` hook
 * (once per process; registering twice has no effect).
 */
export function registerModules(modules: readonly Module[]): void {
  for (const m of modules) {
    for (const [topic, handler] of Object.entries(m.projections ?? {})) onEventInTransaction(topic, handler);
    const queued = m.queuedProjection;
    if (queued) for (const [topic, keyOf] of Object.entries(queued.keys)) queueOnEvent(topic, queued.name, keyOf);
    m.register?.();
  }
}

/**
 * The boot check: every topic a module produces has a handler (after commit, or a projection in
 * the transaction or queued), and every handler's or projection's topic is produced by some module.
 * Returns the problems (empty when the wiring is complete).
 */
export function eventWiringProblems(modules: readonly Module[], handlers: OutboxHandlers): string[] {
  const produced = new Map(modules.flatMap((m) => (m.events?.topics ?? []).map((t) => [t, m.name] as const)));
  const projected = new Set(modules.flatMap((m) => [...Object.keys(m.projections ?? {}), ...Object.keys(m.queuedProjection?.keys ?? {})]));
  const problems: string[] = [];
  for (const [topic, producer] of produced) {
    if (!handlers[topic] && !projected.has(topic)) problems.push(`event topic ${topic} (module ${producer}) has no handler`);
  }
  for (const topic of Object.keys(handlers)) {
    if (!produced.has(topic)) problems.push(`a handler listens to ${topic}, which no module produces`);
  }
  for (const topic of projected) {
    if (!produced.has(topic)) problems.push(`a projection follows ${topic}, which no module produces`);
  }
  return problems;
}

/** Starts every module's runtime (jobs started), by module name; stops those started when one fails. */
export async function startRuntimes(modules: readonly Module[], ctx: AppContext): Promise<Map<string, Runtime>> {
  const started = new Map<string, Runtime>();
  if (!ctx.jobs) return started;
  try {
    for (const m of modules) if (m.start) started.set(m.name, await m.start(ctx));
  } catch (error) {
    for (const r of started.values()) await r.stop().catch(() => {});
    throw error;
  }
  return started;
}

/** Schedules every module's periodic jobs on pg-boss (nothing when jobs are not started). */
export async function scheduleJobs(modules: readonly Module[], ctx: AppContext): Promise<void> {
  if (!ctx.jobs) return;
  for (const job of modules.flatMap((m) => m.jobs ?? [])) {
    if (job.runAtStart) await job.run(ctx);
    await schedulePeriodic(ctx.jobs, job.queue, job.cron, () => job.run(ctx));
  }
}
