import { openDb } from '#platform/db.ts';
import fs from 'node:fs';
const data = fs.readFileSync('/tmp/t24-tpl.tar');
const c = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
{ const db = await openDb({ loadDataDir: new Blob([data]) }); await db.close(); }
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
const k = c();
for (let i = 0; i < 3; i++) { const db = await openDb({ loadDataDir: new Blob([data]) }); await db.query('select 1'); await db.close(); }
console.log('cpu per copy', ((c() - k) / 3).toFixed(2));
const { profile } = await s.post('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas!; const samples = profile.samples!;
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
for (let i = 0; i < samples.length; i++) { const n: any = byId.get(samples[i]); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + dt[i]); }
for (const [k2, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(0).padStart(6), 'ms', k2);
process.exit(0);
