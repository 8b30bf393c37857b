import path from 'node:path';
import { auditExportDir, type Config, ConfigError } from './config.ts';
import { sealLegacyAudit, startCheckpoints, setAuditKeys } from '#platform/audit.ts';
import { installationKeys } from '#platform/installation-key.ts';
import { buildApp, type BuildAppOptions } from './http/app.ts';
import type { App, AppContext } from './http/context.ts';
import { SettableClock, systemClock } from '#platform/clock.ts';
import { type Db, openDb } from '#platform/db.ts';
import { startJobs } from '#platform/jobs.ts';
import { createLogger } from '#platform/logger.ts';
import { migrate } from '#platform/migrate.ts';
import { type OutboxDispatcher, startOutboxDispatcher } from '#platform/outbox.ts';
import { accountsWithDemoPassword } from '#modules/identity/index.ts';
import { notificationHandlers } from '#modules/notifications/index.ts';
import { resolveGatewaySecret } from '#modules/payments/index.ts';
import { seed } from './seed.ts';

export interface System {
  ctx: AppContext;
  app: App;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds and builds the HTTP app: shared by `start` and tests. */
export async function bootstrap(
  config: Config,
  options: BuildAppOptions & { startJobs?: boolean; skipSeed?: boolean; db?: Db } = {},
): Promise<System> {
  const logger = createLogger(config.LOG_LEVEL);
  const db =
    options.db ?? (await openDb({ databaseUrl: config.DATABASE_URL, dataDir: path.resolve(config.MOTCUA_DATA_DIR) }));
  try {
    await migrate(db);
    setAuditKeys(installationKeys(config.MOTCUA_SECRET));
    await sealLegacyAudit(db);
    const ctx: AppContext = {
      config: { ...config, MOTCUA_PAYMENT_SECRET: await resolveGatewaySecret(db, config) },
      db,
      clock: config.MOTCUA_DEV_CLOCK ? new SettableClock() : systemClock,
      logger,
      filesDir: path.resolve(config.MOTCUA_DATA_DIR, 'files'),
    };
    if (!options.skipSeed) await seed(ctx, { demo: config.MOTCUA_DEMO });
    if (config.NODE_ENV === 'production') {
      const demo = await accountsWithDemoPassword(db);
      if (demo.length > 0) {
        throw new ConfigError(
          `MOTCUA_DEMO: cơ sở dữ liệu còn tài khoản mẫu với mật khẩu công khai (${demo.join(', ')}); đổi mật khẩu hoặc dùng cơ sở dữ liệu trống / ` +
            'the database holds demo accounts with the published password; change them or start from an empty database',
        );
      }
    }
    if (options.startJobs) ctx.jobs = await startJobs(db, config.DATABASE_URL);
    const app = await buildApp(ctx, options);
    await app.ready();
    const outbox: OutboxDispatcher | null = options.startJobs ? startOutboxDispatcher(ctx, notificationHandlers(ctx)) : null;
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
      async close() {
        await outbox?.stop();
        await app.close();
        await checkpoints?.stop();
        await ctx.jobs?.stop({ graceful: false }).catch(() => {});
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
