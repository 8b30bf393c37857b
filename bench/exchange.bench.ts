// Interconnection axis (issue 15): signed edXML envelopes delivered and acknowledged per second
// across two installations over NATS JetStream — Hoàn Kiếm's clerk sends N documents to Văn phòng
// Chính phủ on the national node, timed until the sender holds N × 01 — against raw JetStream
// publish-ack of messages of the same byte size on the same broker in the same run; and the cost
// of signing (and verifying) one envelope alone.
// Usage: npm run bench -- exchange [N]          (NATS_URL, default nats://127.0.0.1:4222)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { bootstrap } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/platform/db.ts';
import { buildEnvelope, parseEdxml } from '../src/modules/exchange/edxml.ts';
import { streamName } from '../src/modules/exchange/transport.ts';
import { signEdxml, verifyEdxml } from '../src/modules/exchange/xml-signature.ts';
import { getAgencySigner, trustAnchors } from '../src/modules/signatures/index.ts';
import { load, postOk, signIn } from './lib.ts';

const N = Number(process.argv[2] ?? 300);
const CONCURRENCY = 8;
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const FED = `bench${Date.now().toString(36)}`;
const HK = '004.00.50.H01';
const VPCP = '000.00.00.G22';

// One seeded database, copied for each node, so both trust the same development CA.
const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-exchange-'));
const base = { LOG_LEVEL: 'warn', MOTCUA_DEMO: '1', NODE_ENV: 'development', MOTCUA_AUDIT_CHECKPOINT_SECONDS: '0' };
const seedDb = await openDb({});
const seeded = await bootstrap(loadConfig({ ...base, MOTCUA_DATA_DIR: seedDir }), { db: seedDb });
const dump = await seedDb.pglite!.dumpDataDir('none');
await seeded.close();
async function node(id: string, env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `motcua-bench-${id}-`));
  const db = await openDb({ loadDataDir: dump });
  const config = loadConfig({ ...base, MOTCUA_DATA_DIR: dir, MOTCUA_NODE_ID: id, NATS_URL, MOTCUA_FEDERATION: FED, ...env });
  const system = await bootstrap(config, { db, skipSeed: true, startJobs: true, rateLimitPerMinute: 10_000_000 });
  const url = await system.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...system, url };
}
const [hanoi, quocgia] = [await node('hanoi', { MOTCUA_PROVINCES: '01' }), await node('quocgia', { MOTCUA_NODE_ROLE: 'national' })];
await hanoi.exchange!.refreshRegistry();
await quocgia.exchange!.refreshRegistry();
const clerk = await signIn(hanoi.url, 'vanthu.hoankiem');
const letter = (i: number) => ({
  from: HK,
  to: [VPCP],
  codeNotation: 'UBND-VP',
  subject: `Báo cáo số ${i} về tình hình giải quyết thủ tục hành chính năm 2026`,
  content: 'Ủy ban nhân dân Phường Hoàn Kiếm báo cáo Văn phòng Chính phủ như sau: '.repeat(8),
  documentType: 'Báo cáo',
  signer: { fullName: 'Phạm Quốc Hùng', position: 'Chủ tịch' },
  attachments: [],
});
const holding01 = async () => {
  const [{ n }] = await hanoi.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM exchange_recipients WHERE status_code = '01'");
  return n;
};

// Warm-up (10 documents), then the measured run.
for (let i = 0; i < 10; i++) await postOk(`${hanoi.url}/api/v1/exchange/documents`, letter(i), { ...clerk.headers, 'idempotency-key': randomUUID() });
while ((await holding01()) < 10) await new Promise((r) => setTimeout(r, 20));
const t0 = performance.now();
await load(N, CONCURRENCY, (i) => postOk(`${hanoi.url}/api/v1/exchange/documents`, letter(100 + i), { ...clerk.headers, 'idempotency-key': randomUUID() }).then(() => {}));
while ((await holding01()) < N + 10) await new Promise((r) => setTimeout(r, 20));
const exchangeSeconds = (performance.now() - t0) / 1000;
const [{ size }] = await hanoi.ctx.db.query<{ size: number }>('SELECT avg(length(envelope))::int AS size FROM exchange_documents');

// Raw JetStream publish-ack of the same byte size, concurrency 8, on a stream of its own.
const nc = await connect({ servers: NATS_URL });
const jsm = await jetstreamManager(nc);
const rawStream = `${FED.toUpperCase()}_RAW`;
await jsm.streams.add({ name: rawStream, subjects: [`${FED}raw.>`] });
const js = jetstream(nc);
const payload = new Uint8Array(size).fill(65);
const raw = await load(N, CONCURRENCY, (i) => js.publish(`${FED}raw.x`, payload, { msgID: `raw-${i}` }).then(() => {}));

// Signing and verifying one envelope alone.
const { signer, anchors, xml } = await hanoi.ctx.db.transaction(async (tx) => {
  const s = await getAgencySigner(hanoi.ctx, tx, { code: HK, name: 'Ủy ban nhân dân Phường Hoàn Kiếm' });
  const [{ envelope }] = await tx.query<{ envelope: string }>('SELECT envelope FROM exchange_documents LIMIT 1');
  const parsed = parseEdxml(envelope);
  if (parsed.kind !== 'edoc') throw new Error('edoc expected');
  return { signer: s, anchors: await trustAnchors(hanoi.ctx, tx), xml: buildEnvelope(parsed.envelope) };
});
const SIGNS = 200;
let signed = '';
const s0 = performance.now();
for (let i = 0; i < SIGNS; i++) signed = signEdxml(xml, { privateKey: signer.privateKey, chainPem: signer.chainPem });
const signMs = (performance.now() - s0) / SIGNS;
const v0 = performance.now();
for (let i = 0; i < SIGNS; i++) verifyEdxml(signed, { anchors, at: new Date(), allowed: ['rsa-sha256'] });
const verifyMs = (performance.now() - v0) / SIGNS;

const perSecond = N / exchangeSeconds;
console.log(`exchange over NATS JetStream, ${N} documents at concurrency ${CONCURRENCY}, envelope ≈ ${size} bytes (${hanoi.ctx.db.engine})`);
console.log(`  baseline raw JetStream publish-ack (${size} B):  ${raw.perSecond.toFixed(0)} msg/s  p95 ${raw.p95.toFixed(1)} ms`);
console.log(`  signed envelopes sent, delivered, stored, 01 back: ${perSecond.toFixed(0)} doc/s  ratio ${((100 * perSecond) / raw.perSecond).toFixed(1)} %`);
console.log(`  signing one envelope (RSA-SHA256, exc-C14N): ${signMs.toFixed(2)} ms   verifying: ${verifyMs.toFixed(2)} ms`);
// Each document is signed and verified once, and so is its 01 status packet (smaller; counted at
// the envelope's cost): a ceiling for one thread, which both nodes of this bench share.
const cryptoMs = 2 * (signMs + verifyMs);
console.log(`  signature work per document (envelope + its 01): ≈ ${cryptoMs.toFixed(1)} ms → at most ${(1000 / cryptoMs).toFixed(0)} doc/s on one thread`);
// The nodes stop (and their consumers with them) before the streams go.
await hanoi.close();
await quocgia.close();
await jsm.streams.delete(rawStream).catch(() => false);
await jsm.streams.delete(streamName(FED)).catch(() => false);
await nc.close();
fs.rmSync(seedDir, { recursive: true, force: true });
process.exit(0);
