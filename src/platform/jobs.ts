import { fromPglite, PgBoss } from 'pg-boss';
import type { Db } from './db.ts';

/**
 * Background jobs on pg-boss in the same database: the `fromPglite` adapter when embedded,
 * the connection string on a server.
 */
export async function startJobs(db: Db, databaseUrl?: string): Promise<PgBoss> {
  const boss = databaseUrl
    ? new PgBoss({ connectionString: databaseUrl, max: 4 })
    : new PgBoss({ db: fromPglite(db.pglite!) });
  boss.on('error', () => {}); // surfaced through job state; never crash the process
  await boss.start();
  return boss;
}

export type Jobs = PgBoss;

/**
 * Runs `work` on a cron schedule (`queue` is created once; one worker per process). No jobs, no
 * schedule. A cron fires at most once a minute: the worker looks for its job every 10 s rather
 * than pg-boss's 2 s (a statement per queue and process each time, all day long).
 */
export async function schedulePeriodic(jobs: Jobs | null | undefined, queue: string, cron: string, work: () => Promise<void>): Promise<void> {
  if (!jobs) return;
  await jobs.createQueue(queue);
  await jobs.work(queue, { pollingIntervalSeconds: 10 }, work);
  await jobs.schedule(queue, cron);
}
