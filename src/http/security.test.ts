import { createHash, hkdfSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { bootstrap, type System } from '../bootstrap.ts';
import { DEVELOPMENT_SECRET, loadConfig } from '../config.ts';
import { gatewayKey, signCallback } from '#modules/payments/index.ts';
import { copyTemplate } from '#test/template.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import Fastify from 'fastify';
import { inlineScriptHashes, registerSecurityHeaders } from './security-headers.ts';

const secret = 'a-real-secret-of-more-than-32-characters-0123456789';
let open: (System | TestSystem)[] = [];
afterEach(async () => {
  for (const s of open) await s.close();
  open = [];
});

/**
 * Two shared systems (a system costs a template copy and a boot): `plain` with the defaults and
 * a tracking limit of 20 a minute; `behindProxy` trusting 127.0.0.1 as a proxy, with a metrics
 * token and serving a web build (an index.html with one inline script). Rate limits count per
 * route, so the tests on one system do not eat each other's allowance.
 */
const metricsToken = 'metrics-token-of-at-least-32-characters-abcdef';
const inlineScript = "window.__early = 'vi';";
let plain: TestSystem;
let behindProxy: TestSystem;
beforeAll(async () => {
  plain = await createTestSystem({ rateLimitPerMinute: 20 });
  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-web-'));
  fs.writeFileSync(
    path.join(web, 'index.html'),
    `<!doctype html><html><head><script>${inlineScript}</script><script type="module" src="/assets/a.js"></script></head></html>`,
  );
  behindProxy = await createTestSystem({
    rateLimitPerMinute: 20,
    serveWeb: true,
    env: { MOTCUA_TRUSTED_PROXIES: '127.0.0.1/32', MOTCUA_METRICS_TOKEN: metricsToken, MOTCUA_WEB_DIST: web },
  });
});
afterAll(async () => {
  await plain?.close();
  await behindProxy?.close();
});

describe('production start (issue 13, D1)', () => {
  it('refuses a database that still holds the demo accounts with their published password', async () => {
    const copy = await copyTemplate(inject('dbTemplate'));
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', MOTCUA_SECRET: secret, ...(copy.url ? { DATABASE_URL: copy.url } : {}) });
    await expect(bootstrap(config, { db: copy.db })).rejects.toThrow(/MOTCUA_DEMO/);
    await copy.drop();
  });

  it('creates one administrator whose password is printed once; the demo password does not open it', async () => {
    const copy = await copyTemplate(inject('dbTemplate'));
    await copy.db.exec('DELETE FROM sessions; DELETE FROM user_grants; DELETE FROM users;');
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(String(line)));
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', MOTCUA_SECRET: secret, ...(copy.url ? { DATABASE_URL: copy.url } : {}) });
    const system = await bootstrap(config, { db: copy.db });
    log.mockRestore();
    open.push({
      ...system,
      close: async () => {
        await system.close();
        await copy.drop();
      },
    });
    const shown = printed.filter((l) => l.includes('administrator'));
    expect(shown).toHaveLength(1);
    const password = shown[0].split(': ').at(-1)!.trim();
    const login = (pw: string) => system.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: pw } });
    expect((await login('MotCua@2026')).statusCode).toBe(401);
    expect((await login(password)).statusCode).toBe(200);
    expect((await system.app.inject({ method: 'GET', url: '/sandbox-gateway/pay/X' })).statusCode).toBe(404);
  });
});

describe('payment callbacks on an install without a secret (issue 13, D3)', () => {
  it('refuses a callback signed with the published development key; its own random key works', async () => {
    const sys = plain;
    const callback = { orderRef: 'MC0123456789AB', amountVnd: 1000, gatewayTxn: 'FORGED-1', paidAt: new Date().toISOString() };
    const post = (key: Buffer) =>
      sys.app.inject({ method: 'POST', url: '/api/v1/payments/callback', headers: { 'x-gateway-signature': signCallback(key, callback) }, payload: callback });
    const published = Buffer.from(hkdfSync('sha256', DEVELOPMENT_SECRET, 'motcua/sandbox-gateway/v1', '', 32));
    expect((await post(published)).json().error.code).toBe('PAYMENT_SIGNATURE_INVALID');
    expect((await post(gatewayKey(sys.ctx.config))).json().error.code).toBe('PAYMENT_NOT_FOUND');
  });
});

describe('client address and metrics (issue 13, D4 and D11)', () => {
  // 40 tracking requests from this machine, each claiming another client address (the limit is 20 a minute per client)
  it.each([
    ['ignores X-Forwarded-For from a client that is not a configured proxy: the tracking limit holds', () => plain, 20],
    ['believes X-Forwarded-For from a configured proxy', () => behindProxy, 0],
  ] as const)('%s', async (_title, system, limited) => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await system().app.inject({ method: 'GET', url: '/api/v1/public/tracking/KHONG-CO-260309-0001', headers: { 'x-forwarded-for': `203.0.113.${i}` } });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(limited);
  });

  it('serves /metrics to this machine only, or to the bearer of MOTCUA_METRICS_TOKEN', async () => {
    const sys = plain;
    expect((await sys.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect((await sys.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(404);
    expect((await sys.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(404);

    const withToken = behindProxy;
    expect((await withToken.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const res = await withToken.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('motcua_http_request_duration_seconds');
  });
});

describe('input no route can use (issue 13, D6)', () => {
  it('answers 400, never 500, to NUL bytes, deep JSON with an Idempotency-Key and malformed multipart', async () => {
    const sys = plain;
    const token = await sys.login('congdan');
    const nul = await sys.app.inject({ method: 'GET', url: '/api/v1/procedures?q=%00' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('VALIDATION_FAILED');
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/procedures/%00/fee' })).statusCode).toBe(400);
    const nulBody = await sys.app.inject({ method: 'POST', url: '/api/v1/feedback', payload: { content: 'a\u0000b' } });
    expect(nulBody.statusCode).toBe(400);

    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const nested = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'sau-1' },
      payload: deep,
    });
    expect(nested.statusCode).toBe(400);
    // a body that is not JSON, or none at all, is explained in Vietnamese like every other field
    for (const [payload, message] of [['{"content": ', 'Nội dung JSON không đọc được'], ['', 'Thiếu nội dung (JSON rỗng)']]) {
      const res = await sys.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body', message }] });
    }
    // …and in English when the request asks for it, field messages included; a schema's own words stay
    const english = { 'content-type': 'application/json', 'accept-language': 'en' };
    const unread = await sys.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: english, payload: '{"content": ' });
    expect(unread.json().error.details).toEqual([{ field: 'body', message: 'The JSON body cannot be read' }]);
    const fields = await sys.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: english, payload: { content: 12 } });
    expect(fields.json().error.code).toBe('VALIDATION_FAILED');
    expect(fields.json().error.details).toContainEqual({ field: 'body.content', message: 'Must be text' });
    expect(fields.json().error.details).toContainEqual({ field: 'body.subject', message: 'Required' });
    const vietnamese = await sys.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: { 'content-type': 'application/json' }, payload: { content: 12 } });
    expect(vietnamese.json().error.details).toContainEqual({ field: 'body.subject', message: 'Thiếu thông tin bắt buộc' });

    for (const [contentType, body] of [
      ['multipart/form-data', 'no boundary'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nabc'],
    ]) {
      const res = await sys.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        payload: body,
      });
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('security headers (issue 13, D11)', () => {
  it('sends a CSP allowing only the hashed inline scripts of index.html, no framing, a referrer policy and no-store on API answers', async () => {
    const sys = behindProxy;
    const page = await sys.app.inject({ method: 'GET', url: '/tra-cuu/ABC' });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    const hash = createHash('sha256').update(inlineScript).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    const token = await sys.login('congdan');
    const me = await sys.app.inject({ method: 'GET', url: '/api/v1/me/dossiers', headers: { authorization: `Bearer ${token}` } });
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.headers['x-content-type-options']).toBe('nosniff');

    // Swagger UI: its own policy (its inline scripts and styles by hash), never framed, no outside hosts.
    let docs = await sys.app.inject({ method: 'GET', url: '/api/docs' });
    for (let hops = 0; docs.statusCode >= 300 && docs.statusCode < 400 && hops < 3; hops++) {
      docs = await sys.app.inject({ method: 'GET', url: new URL(String(docs.headers.location), 'http://x/api/docs/').pathname });
    }
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
    const docsCsp = String(docs.headers['content-security-policy']);
    expect(docsCsp).toContain("frame-ancestors 'none'");
    expect(docsCsp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(docsCsp).not.toMatch(/https:|validator\.swagger\.io|upgrade-insecure-requests/);
    for (const h of inlineScriptHashes(docs.body)) expect(docsCsp).toContain(h);
    expect(docs.headers['x-frame-options']).toBe('DENY');
  });
});

describe('framing of the PDFs this server makes', () => {
  it('lets a page of this origin frame a PDF (Mẫu 01 printed from a hidden frame), nothing else', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, null);
    app.get('/form.pdf', async (_req, reply) => reply.type('application/pdf').send(Buffer.from('%PDF-1.4')));
    app.get('/page', async () => ({ ok: true }));
    const pdf = await app.inject({ method: 'GET', url: '/form.pdf' });
    expect(pdf.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(pdf.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    const page = await app.inject({ method: 'GET', url: '/page' });
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    await app.close();
  });
});
