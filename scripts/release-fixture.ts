// Builds the upgrade-test fixture: a database made by an earlier release, with demo data and
// one received dossier with its files. Run from a checkout of that release:
//   git worktree add /tmp/old 9abeed6 && ln -s "$PWD/node_modules" /tmp/old/node_modules
//   cd /tmp/old && MOTCUA_DATA_DIR=/tmp/old-data npx tsx /path/to/scripts/release-fixture.ts OUT.tar.gz
//   with DATABASE_URL=postgres://… (an empty database) it writes plain SQL (pg_dump --inserts, gzip),
//   which the upgrade test loads into PGlite or PostgreSQL alike; without, a PGlite dump.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const out = path.resolve(process.argv[2] ?? 'release.fixture');
const root = process.cwd();
const { loadConfig } = await import(path.join(root, 'src/config.ts'));
const { bootstrap } = await import(path.join(root, 'src/bootstrap.ts'));
const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', MOTCUA_DEMO: '1' });
const system = await bootstrap(config, { rateLimitPerMinute: 10_000 });
const app = system.app;
const login = async (username: string) =>
  (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'MotCua@2026' } })).json();
const desk = await login('motcua.hoankiem');
const headers = { authorization: `Bearer ${desk.token}` };
const proc = (await app.inject({ method: 'GET', url: '/api/v1/procedures/1.004873' })).json();
const documents = [];
for (const c of proc.components.filter((x: { required: boolean }) => x.required)) {
  const boundary = `----fixture${c.code}`;
  const pdf = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n%${c.code}\n`;
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="giay-to.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
  const res = await app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  if (res.statusCode !== 201) throw new Error(res.body);
  documents.push({ componentCode: c.code, fileId: res.json().fileId });
}
const submitted = await app.inject({
  method: 'POST',
  url: '/api/v1/dossiers',
  headers,
  payload: {
    procedureCode: '1.004873',
    receivingAgency: desk.user.agencies[0].code,
    channel: 'direct',
    applicant: { fullName: 'Trần Văn Cũ', idNumber: '001190099999', phone: '0912000111', address: { communeCode: '00070', detail: 'Số 9 phố Cũ' } },
    fields: {},
    documents,
  },
});
if (submitted.statusCode !== 201) throw new Error(submitted.body);
const id = submitted.json().id;
const received = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions`, headers, payload: { action: 'receive' } });
if (received.statusCode !== 200) throw new Error(received.body);
console.log(`dossier ${id} ${received.json().code}`);
if (config.DATABASE_URL) {
  await system.close();
  const sql = execFileSync('pg_dump', ['--format=plain', '--inserts', '--no-owner', '--no-privileges', `--dbname=${config.DATABASE_URL}`], {
    maxBuffer: 1 << 30,
  });
  fs.writeFileSync(out, zlib.gzipSync(sql, { level: 9 }));
} else {
  const dump = await system.ctx.db.pglite!.dumpDataDir('none');
  fs.writeFileSync(out, zlib.gzipSync(Buffer.from(await dump.arrayBuffer()), { level: 9 }));
  await system.close();
}
// The stored files go beside it (the upgrade test puts them back in the data folder).
const files = path.join(config.MOTCUA_DATA_DIR, 'files');
const list = fs.readdirSync(files, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !path.relative(files, e.parentPath).startsWith('tmp'));
const blobs = Object.fromEntries(list.map((e) => [path.relative(files, path.join(e.parentPath, e.name)), fs.readFileSync(path.join(e.parentPath, e.name)).toString('base64')]));
fs.writeFileSync(`${out}.files.json`, JSON.stringify(blobs));
console.log(`wrote ${out} (${fs.statSync(out).size} bytes) and ${Object.keys(blobs).length} files`);
