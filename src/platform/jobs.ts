import { fromPglite, PgBoss } from 'pg-boss';
import type { Db, Sql } from './db.ts';

/**
 * Background jobs on pg-boss in the same database: the `fromPglite` adapter when embedded,
 * the connection string on a server. `jobDb(tx)` lets a use case enqueue a job inside its
 * own transaction, so the job exists exactly when the state change does.
 */
export async function startJobs(db: Db, databaseUrl?: string): Promise<PgBoss> {
  const boss = databaseUrl
    ? new PgBoss({ connectionString: databaseUrl, max: 4 })
    : new PgBoss({ db: fromPglite(db.pglite!) });
  boss.on('error', () => {}); // surfaced through job state; never crash the process
  await boss.start();
  return boss;
}

export function jobDb(tx: Sql) {
  return {
    executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.query(text, values) }),
  };
}

export type Jobs = PgBoss;

/** Runs `work` on a cron schedule (`queue` is created once; one worker per process). No jobs, no schedule. */
export async function schedulePeriodic(jobs: Jobs | null | undefined, queue: string, cron: string, work: () => Promise<void>): Promise<void> {
  if (!jobs) return;
  await jobs.createQueue(queue);
  await jobs.work(queue, work);
  await jobs.schedule(queue, cron);
}
