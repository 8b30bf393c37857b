import cluster from 'node:cluster';
import { loadConfig, publicUrl } from './config.ts';
import { startupFailure } from './exit-code.ts';

/**
 * `npm start`: config → database → migrations → seed → jobs → HTTP. Fails fast and clearly.
 * With MOTCUA_WORKERS=N (PostgreSQL only) the first process migrates and seeds once, then runs
 * N HTTP processes on the same port (node:cluster), restarts one that dies, and stops them all
 * on SIGTERM/SIGINT.
 */
async function main() {
  const started = performance.now();
  const config = loadConfig();
  // The application is loaded only once the settings are accepted: a refused setting answers in
  // a second, not after importing every module.
  const { bootstrap } = await import('./bootstrap.ts');
  if (config.MOTCUA_WORKERS > 1 && cluster.isPrimary) return primary(config, started);
  const system = await bootstrap(config, { serveWeb: true, startJobs: true, skipSeed: cluster.isWorker });
  await system.app.listen({ port: config.PORT, host: config.HOST });
  const ms = Math.round(performance.now() - started);
  if (cluster.isPrimary) console.log(`Một Cửa đã sẵn sàng / ready at ${publicUrl(config)} (${system.ctx.db.engine}, ${ms} ms)`);
  const stop = async () => {
    await system.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function primary(config: ReturnType<typeof loadConfig>, started: number) {
  const { bootstrap } = await import('./bootstrap.ts');
  const prepared = await bootstrap(config); // migrations and seed, once
  await prepared.close();
  let stopping = false;
  let listening = 0;
  const fork = () => cluster.fork();
  cluster.on('listening', () => {
    if (++listening === config.MOTCUA_WORKERS) {
      const ms = Math.round(performance.now() - started);
      console.log(`Một Cửa đã sẵn sàng / ready at ${publicUrl(config)} (postgres, ${config.MOTCUA_WORKERS} processes, ${ms} ms)`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Tiến trình ${worker.process.pid} dừng (${signal ?? code}); khởi động lại / worker exited, restarting`);
    fork();
  });
  for (let i = 0; i < config.MOTCUA_WORKERS; i++) fork();
  const stop = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  const failure = startupFailure(error);
  console.error(failure.message);
  process.exit(failure.code);
});
