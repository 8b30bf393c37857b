import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Headers on every answer (issue 13, D11): a Content-Security-Policy whose only inline scripts
 * are the ones in the built index.html, by hash (computed here at start from the file served);
 * no framing; no referrer beyond this site; no MIME sniffing; and `no-store` on every API answer
 * that did not choose its own caching (personal documents, receipts, dossiers).
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

function prerenderedFiles(webDistDir: string): string[] {
  const dir = path.join(webDistDir, 'prerendered');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f)) : [];
}

function contentSecurityPolicy(scriptHashes: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((h) => ` ${h}`).join('')}`,
    // Mantine sets style attributes and injects <style>: styles may be inline, scripts may not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerSecurityHeaders(app: FastifyInstance, webDistDir: string | null): string {
  // index.html and the pages the build prerendered from it (prerendered/*.html: the same scripts).
  const pages = webDistDir ? [path.join(webDistDir, 'index.html'), ...prerenderedFiles(webDistDir)] : [];
  const hashes = [...new Set(pages.filter((f) => fs.existsSync(f)).flatMap((f) => inlineScriptHashes(fs.readFileSync(f, 'utf8'))))];
  const csp = contentSecurityPolicy(hashes);
  const framedBySelf = csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
  // A callback hook (not async): one promise and one microtask less for every answer.
  app.addHook('onSend', (req, reply, payload, done) => {
    // Swagger UI (/api/docs) brings its own page; everything else gets this policy.
    // The forms this server makes (Mẫu 01–06, results) are printed from a hidden frame of the
    // page itself: PDFs may be framed by this origin only. Uploads are always downloads.
    const pdf = String(reply.getHeader('content-type') ?? '').startsWith('application/pdf');
    const url = req.url;
    if (!url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', pdf ? framedBySelf : csp);
    }
    reply.header('x-frame-options', pdf ? 'SAMEORIGIN' : 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-content-type-options', 'nosniff');
    if (url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  return csp;
}
