import { ConfigError, loadConfig, publicUrl } from './config.ts';
import { DatabaseOpenError } from '#platform/db.ts';
import { SchemaTooNewError } from '#platform/migrate.ts';
import { bootstrap } from './bootstrap.ts';

/** `npm start`: config → database → migrations → seed → jobs → HTTP. Fails fast and clearly. */
async function main() {
  const started = performance.now();
  const config = loadConfig();
  const system = await bootstrap(config, { serveWeb: true, startJobs: true });
  await system.app.listen({ port: config.PORT, host: config.HOST });
  const ms = Math.round(performance.now() - started);
  console.log(`Một Cửa đã sẵn sàng / ready at ${publicUrl(config)} (${system.ctx.db.engine}, ${ms} ms)`);
  const stop = async () => {
    await system.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  const known = error instanceof ConfigError || error instanceof DatabaseOpenError || error instanceof SchemaTooNewError;
  console.error(known ? error.message : error);
  process.exit(known ? 2 : 1);
});
