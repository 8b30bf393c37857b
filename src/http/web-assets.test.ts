import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';

/** The built web app: hashed assets sent precompressed when accepted, cached for a year; pages not cached. */
describe('web assets', () => {
  let sys: TestSystem;
  let dir: string;
  const html = '<!doctype html><title>Một Cửa</title><div id="root"></div>';
  // a page the build prerendered (vite.config.ts): its own inline script must be allowed by hash
  const home = '<!doctype html><title>Một Cửa</title><script>window.early=1</script><div id="root" data-prerendered="/"><h1>Tra cứu thủ tục hành chính</h1></div>';
  // their English copies (prerendered/en/, same names), for a visitor whose cookie says English
  const homeEn = home.replace('Tra cứu thủ tục hành chính', 'Find an administrative procedure').replace('<!doctype html>', '<!doctype html><html lang="en">');
  const htmlEn = html.replace('<!doctype html>', '<!doctype html><html lang="en">');
  const js = `export const hello = ${JSON.stringify('xin chào '.repeat(200))};\n`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), html);
    fs.writeFileSync(path.join(dir, 'index.html.br'), zlib.brotliCompressSync(html));
    const file = path.join(dir, 'assets', 'app-AbC123.js');
    fs.writeFileSync(file, js);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(js));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(js));
    fs.mkdirSync(path.join(dir, 'prerendered'));
    fs.writeFileSync(path.join(dir, 'prerendered', 'home.html'), home);
    fs.writeFileSync(path.join(dir, 'prerendered', 'home.html.br'), zlib.brotliCompressSync(home));
    fs.mkdirSync(path.join(dir, 'prerendered', 'en'));
    fs.writeFileSync(path.join(dir, 'prerendered', 'en', 'home.html'), homeEn);
    fs.writeFileSync(path.join(dir, 'prerendered', 'en', 'index.html'), htmlEn);
    // an entry outside prerendered/ is ignored, never served
    fs.writeFileSync(path.join(dir, 'prerendered', 'pages.json'), JSON.stringify({ '/': 'prerendered/home.html', '/x': '../secret.html' }));
    sys = await createTestSystem({ serveWeb: true, env: { MOTCUA_WEB_DIST: dir } });
  });
  afterAll(async () => {
    await sys?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    sys.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the Brotli copy to a browser that accepts it, gzip to one that accepts only gzip', async () => {
    const br = await get('/assets/app-AbC123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(js);

    const gz = await get('/assets/app-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);
  });

  it('sends the plain file otherwise, cached for a year as immutable', async () => {
    const plain = await get('/assets/app-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
    expect(plain.headers['cache-control']).toContain('immutable');
    expect(plain.headers['cache-control']).toContain('max-age=31536000');
  });

  it('answers a deep link with index.html, never cached', async () => {
    const page = await get('/thu-tuc/1.000656', 'br');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(page.rawPayload).toString()).toBe(html);
    const plain = await get('/tra-cuu/H01.22-261125-0001');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(html);
  });

  it('answers the address of a prerendered page with that page (no query only), its script allowed by the CSP', async () => {
    const page = await get('/', 'br');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(page.rawPayload).toString()).toBe(home);
    const hash = createHash('sha256').update('window.early=1').digest('base64');
    expect(page.headers['content-security-policy']).toContain(`'sha256-${hash}'`);
    // a search (?q=) is not the prerendered first screen; other addresses get index.html
    for (const url of ['/?q=khai%20sinh', '/x', '/tra-cuu']) expect((await get(url)).body, url).toBe(html);
  });

  it('answers in English (its copy, lang="en") a visitor whose cookie says so, Vietnamese otherwise; the answer varies by cookie', async () => {
    const en = (url: string, cookie: string) => sys.app.inject({ method: 'GET', url, headers: { cookie } });
    expect((await en('/', 'motcua_lang=en')).body).toBe(homeEn);
    expect((await en('/ho-so-cua-toi', 'motcua_session=x; motcua_lang=en')).body).toBe(htmlEn);
    for (const cookie of ['motcua_lang=vi', 'motcua_lang=fr', '']) {
      expect((await en('/', cookie)).body, cookie).toBe(home);
      expect((await en('/ho-so-cua-toi', cookie)).body, cookie).toBe(html);
    }
    expect((await en('/', 'motcua_lang=en')).headers.vary).toMatch(/cookie/i);
  });

  it('answers a missing file with 404, not with the page', async () => {
    for (const url of ['/favicon.ico', '/robots.txt', '/assets/gone-XyZ.js']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    }
  });
});
