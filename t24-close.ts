const c = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const { bootstrap } = await import('./src/bootstrap.ts');
const { buildTemplate, copyTemplate, testConfig } = await import('./test/template.ts');
const tpl = await buildTemplate();
for (let i = 0; i < 3; i++) {
  let k = c(); let t = performance.now();
  const copy = await copyTemplate(tpl);
  const a = c(); console.log('copy', (a - k).toFixed(2), ((performance.now() - t)/1000).toFixed(2));
  const sys = await bootstrap(testConfig({}), { db: copy.db, skipSeed: true, serveWeb: true, rateLimitPerMinute: 10000 });
  const b = c(); console.log('boot', (b - a).toFixed(2));
  await sys.app.close(); const d = c(); console.log('app.close', (d - b).toFixed(2));
  await sys.close(); const e = c(); console.log('sys.close', (e - d).toFixed(2));
}
process.exit(0);
