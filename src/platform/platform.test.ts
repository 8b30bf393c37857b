import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { appendAudit, verifyAudit } from './audit.ts';
import { migrate } from './migrate.ts';

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
}, { startJobs: true });

describe('platform', () => {
  it('answers health with the engine in use', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('answers unknown routes with the error vocabulary in Vietnamese, English on request', async () => {
    const vi = await sys.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(vi.statusCode).toBe(404);
    expect(vi.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'Không tìm thấy đường dẫn' } });
    const en = await sys.app.inject({ method: 'GET', url: '/api/v1/khong-co', headers: { 'accept-language': 'en-US' } });
    expect(en.json().error.message).toBe('No such route');
  });

  it('re-running migrations applies nothing', async () => {
    expect(await migrate(sys.ctx.db)).toEqual([]);
  });

  it('runs a pg-boss job on this database exactly once', async () => {
    const jobs = sys.ctx.jobs!;
    await jobs.createQueue('platform-test');
    const seen: string[] = [];
    await jobs.work<{ n: string }>('platform-test', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      seen.push(job.data.n);
    });
    await jobs.send('platform-test', { n: 'một' });
    for (let i = 0; i < 60 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(['một']);
  });

  it('detects an altered, a deleted and an inserted audit row', async () => {
    const at = new Date('2026-03-02T03:00:00Z');
    for (let i = 0; i < 3; i++) {
      await sys.ctx.db.transaction((tx) =>
        appendAudit(tx, { chain: 'test:a', actorId: 'u1', action: `step${i}`, subjectType: 't', subjectId: 'a', data: { i }, at }),
      );
    }
    expect((await verifyAudit(sys.ctx.db)).problems).toEqual([]);
    await sys.ctx.db.query(`UPDATE audit_log SET data = '{"i":9}' WHERE chain = 'test:a' AND seq = 2`);
    expect((await verifyAudit(sys.ctx.db)).problems).toContainEqual({ chain: 'test:a', seq: 2, problem: 'altered' });
    await sys.ctx.db.query(`DELETE FROM audit_log WHERE chain = 'test:a' AND seq = 2`);
    expect((await verifyAudit(sys.ctx.db)).problems).toContainEqual({ chain: 'test:a', seq: 3, problem: 'gap' });
  });
});
