// Search p95 over the seeded catalogue (the 18 curated procedures and the 2,849 records of the
// national catalogue, seed/procedures-catalogue), then inflated to 6,000 procedures (about the
// whole national portal): HTTP GET /api/v1/procedures?q=… against the same ranked SQL run
// directly on the database in the same run.
// Usage: npm run bench -- search   (DATABASE_URL=… for PostgreSQL)
import { importProcedures, seedProcedures } from '../src/modules/catalog/index.ts';
import { catalogRepository } from '../src/modules/catalog/catalog.repository.ts';
import { fmt, getOk, load, startSystem } from './lib.ts';

const TARGET = 6000;
const sys = await startSystem();
const count = async () => (await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedures'))[0].n;
const queries = ['dang ky khai sinh', 'chung thuc ban sao', 'giay phep xay dung', 'cap doi', 'ho chieu', 'thuong tru', 'xac nhan tinh trang hon nhan', 'dat dai'];
const N = 400;

async function measure(label: string) {
  await load(40, 4, (i) => getOk(`${sys.url}/api/v1/procedures?q=${encodeURIComponent(queries[i % queries.length])}`).then(() => {})); // warm-up
  const raw = await load(N, 1, async (i) => {
    await catalogRepository.search(sys.ctx.db, queries[i % queries.length], 20, 0);
  });
  const http = await load(N, 1, async (i) => {
    await getOk(`${sys.url}/api/v1/procedures?q=${encodeURIComponent(queries[i % queries.length])}`);
  });
  console.log(`search over ${await count()} procedures (${sys.ctx.db.engine}), ${label}`);
  console.log(`  baseline raw SQL (same ranked query):  p50 ${fmt(raw.p50)}  p95 ${fmt(raw.p95)}`);
  console.log(`  HTTP GET /api/v1/procedures?q=…:        p50 ${fmt(http.p50)}  p95 ${fmt(http.p95)}  ratio p95 ${(http.p95 / raw.p95).toFixed(2)}x`);
}

await measure('as seeded');

const sample = seedProcedures().procedures;
const words = ['cấp', 'đổi', 'gia hạn', 'điều chỉnh', 'xác nhận', 'đăng ký', 'thu hồi', 'công nhận'];
const subjects = ['giấy phép', 'chứng chỉ', 'hộ tịch', 'đất đai', 'xây dựng', 'kinh doanh', 'lao động', 'y tế', 'giáo dục', 'giao thông'];
const inflated = Array.from({ length: Math.max(0, TARGET - (await count())) }, (_, i) => {
  const base = sample[i % sample.length] as Record<string, unknown>;
  return {
    ...base,
    code: `9.${String(100000 + i).padStart(6, '0')}`,
    code_candidates: [],
    local_code: undefined,
    name_vi: `${words[i % words.length]} ${subjects[(i >> 3) % subjects.length]} loại ${i}`,
  };
});
const t0 = performance.now();
const imported = await importProcedures(sys.ctx, { procedures: inflated }, { source: 'bench' });
await measure(`inflated (import of ${imported.versionsCreated} versions took ${fmt(performance.now() - t0)})`);
await sys.stop();
