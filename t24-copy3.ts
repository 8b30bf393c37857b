import { openDb } from '#platform/db.ts';
import fs from 'node:fs';
const c = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
{ const db = await openDb({ loadDataDir: new Blob([fs.readFileSync('/tmp/t24-tpl.tar')]) }); await db.close(); }
for (const mode of ['read+blob', 'openAsBlob', 'read+blob', 'openAsBlob']) {
  const k = c(); const t = performance.now();
  for (let i = 0; i < 4; i++) {
    const blob = mode === 'openAsBlob' ? await fs.openAsBlob('/tmp/t24-tpl.tar') : new Blob([fs.readFileSync('/tmp/t24-tpl.tar')]);
    const db = await openDb({ loadDataDir: blob }); await db.query('select 1'); await db.close();
  }
  console.log(mode, 'cpu per copy', ((c() - k) / 4).toFixed(2), 'wall', ((performance.now() - t) / 4000).toFixed(2));
}
process.exit(0);
