import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Clock, SettableClock } from '#platform/clock.ts';
import type { Db } from '#platform/db.ts';
import type { Jobs } from '#platform/jobs.ts';
import type { Logger } from '#platform/logger.ts';

/** What every module's routes and jobs receive: no globals. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock & Partial<Pick<SettableClock, 'set'>>;
  logger: Logger;
  /** pg-boss; absent in unit tests that do not start jobs. */
  jobs?: Jobs;
  /** Folder for stored files (uploads, generated documents, keys). */
  filesDir: string;
  /** The interconnection axis' outbox delivery (exchange module); absent when jobs are not started. */
  exchange?: { poke(): void; refreshRegistry(): Promise<void> };
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A module's HTTP routes. */
export type RoutesPlugin = (app: App, ctx: AppContext) => Promise<void> | void;
