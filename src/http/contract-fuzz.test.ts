import { describe, expect, it } from 'vitest';
import { procedure, submit, uploadPdf, type World, worldPerFile } from '#test/factories.ts';
import { checkAnswer, fuzzContract } from '#test/contract-fuzz.ts';
import type { TestSystem } from '#test/system.ts';

/**
 * Issue 13 item 2 and issue 14: no 5xx from any input, and every answer is one /api/docs
 * declares (status and body schema). A bounded share of the contract fuzz runs here;
 * `npm run fuzz` runs 20,000 requests (MOTCUA_FUZZ_RUNS) with the same generator.
 */
const RUNS = Number(process.env.MOTCUA_FUZZ_RUNS ?? 300);
const SEED = process.env.MOTCUA_FUZZ_SEED ? Number(process.env.MOTCUA_FUZZ_SEED) : 2026;

let sys: TestSystem;
let w: World;

worldPerFile((s, world) => {
  [sys, w] = [s, world];
}, { rateLimitPerMinute: 1_000_000, env: process.env.MOTCUA_FUZZ_REPORT ? { LOG_LEVEL: 'error' } : {} });

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;

describe('the OpenAPI document (/api/docs/json)', () => {
  it('describes every answer of every route: success bodies and the error body', async () => {
    const doc = (await sys.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { responses?: Responses }>>;
    };
    const missing: string[] = [];
    const operations: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const name = `${method.toUpperCase()} ${path}`;
        operations.push(name);
        const responses = op.responses ?? {};
        const problems: string[] = [];
        const success = Object.keys(responses).filter((s) => /^[23]/.test(s));
        if (success.length === 0) problems.push('no success status');
        for (const status of success.filter((s) => s.startsWith('2') && s !== '204')) {
          const content = Object.entries(responses[status].content ?? {});
          if (content.length === 0 || content.some(([, c]) => !c.schema)) problems.push(`${status} without a body schema`);
        }
        if (!responses['400']?.content?.['application/json']?.schema) problems.push('no 400 error body');
        if (problems.length > 0) missing.push(`${name}: ${problems.join(', ')}`);
      }
    }
    expect(operations.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it('lists null in every nullable enum (OpenAPI 3.0), so a null the server answers follows the document', async () => {
    const docText = (await sys.app.inject({ method: 'GET', url: '/api/docs/json' })).body;
    const offending: string[] = [];
    JSON.parse(docText, (key, value) => {
      if (value && typeof value === 'object' && value.nullable === true && Array.isArray(value.enum) && !value.enum.includes(null)) offending.push(`${key}: ${JSON.stringify(value.enum)}`);
      return value;
    });
    expect(offending).toEqual([]);
    expect(docText).toContain('"enum":["trong_han","qua_han","truoc_han","dung_han",null]');
  });

  it('declares the null timeliness of a dossier not yet received and the null reason of a procedure open online', async () => {
    const doc = (await sys.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    await submit(w, { procedure: await procedure(w, '1.000656') });
    const mine = await sys.app.inject({ method: 'GET', url: '/api/v1/me/dossiers', headers: { authorization: `Bearer ${w.token.congdan}` } });
    expect(mine.json().items.some((d: { timeliness: unknown }) => d.timeliness === null)).toBe(true);
    expect(checkAnswer(doc, 'GET /api/v1/me/dossiers', mine)).toBeNull();
    const sheet = await sys.app.inject({ method: 'GET', url: '/api/v1/procedures/1.000656' });
    expect(sheet.json().onlineSubmission).toEqual({ allowed: true, reason: null });
    expect(checkAnswer(doc, 'GET /api/v1/procedures/{code}', sheet)).toBeNull();
  });
});

describe('contract fuzz (OpenAPI at /api/docs/json)', () => {
  it(`answers ${RUNS} generated requests without a 5xx, each as the document declares`, { timeout: Math.max(120_000, RUNS * 100) }, async () => {
    const dossier = await submit(w, { procedure: await procedure(w, '1.004873') });
    const fileId = await uploadPdf(w, 'congdan');
    const known = [dossier.id, fileId, '1.004873', '1.000656', w.agency.hoankiem, w.agency.badinh, '00070', '01', '2026', '2026-03-09'];
    const tokens = [w.token.congdan, w.token['motcua.hoankiem'], w.token['lanhdao.hoankiem'], w.token.admin, 'not-a-token'];
    const report = await fuzzContract(sys.app, { tokens, known }, { runs: RUNS, seed: SEED });
    if (process.env.MOTCUA_FUZZ_REPORT) {
      const findings = report.findings.map((f) => ({ ...f, request: { ...f.request, payload: String(f.request.payload ?? '').slice(0, 300) } }));
      console.log(JSON.stringify({ ...report, findings }, null, 1));
    }
    expect(report.operations).toBeGreaterThan(60);
    expect(report.requests).toBe(RUNS);
    expect(report.checkedAgainstSchema).toBeGreaterThan(0);
    expect(report.findings, JSON.stringify(report.findings.slice(0, 10), null, 1)).toEqual([]);
  });
});
