import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import vi from '../src/web/i18n/vi.json' with { type: 'json' };

/**
 * Issue 12: the JavaScript a phone downloads before a citizen page works, in gzip bytes (the
 * load-independent half of the Lighthouse budget, bench/lighthouse.bench.ts). Read from the
 * built app that the server serves (dist/web, or MOTCUA_WEB_DIST; `npm ci` builds it through
 * `prepare`, else `npm run build:web`): the shell (the entry and what index.html preloads with
 * it) plus the page's own chunks (the route list index.html carries, see vite.config.ts).
 */
const WEB = path.resolve(process.env.MOTCUA_WEB_DIST ?? 'dist/web');
/** Every citizen page, with everything it loads before it works (bench/RESULTS.md § lighthouse). */
const PAGE_BUDGET = 200 * 1024;
/** The shell, which every page pays for: React, Mantine's core, the router, i18n and the Vietnamese texts. */
const SHELL_BUDGET = 155 * 1024;
const CITIZEN_PAGES = ['/', '/thu-tuc/1.000656', '/tra-cuu', '/tra-cuu/hs-abc', '/nop-ho-so/1.000656', '/verify', '/dat-lich/1.000656', '/lich-hen', '/ho-so-cua-toi/abc', '/thong-bao'];

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(WEB, file))).length;

/** A chunk and every chunk it imports statically (`from"./x.js"`, `import"./x.js"` in the built code). */
function withImports(files: string[], seen = new Set<string>()): Set<string> {
  for (const file of files) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(path.join(WEB, file), 'utf8');
    const imports = [...code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1]));
    withImports(imports, seen);
  }
  return seen;
}

describe('JavaScript budget of the citizen pages (gzip, built app)', () => {
  const html = fs.existsSync(path.join(WEB, 'index.html')) ? fs.readFileSync(path.join(WEB, 'index.html'), 'utf8') : '';

  it('has a built app to measure', () => {
    expect(html, `no web build in ${WEB}: npm run build:web`).toContain('<div id="root">');
  });

  const shell = () => {
    const entry = /import\("\/(assets\/[\w.-]+\.js)"\)/.exec(html)?.[1];
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]* href="\/(assets\/[\w.-]+\.js)">/g)].map((m) => m[1]);
    expect(entry, 'the entry started by index.html').toBeTruthy();
    return withImports([entry as string, ...preloaded]);
  };
  const routes = () => {
    const list = /var r=(\[.*?\]);for/.exec(html)?.[1];
    expect(list, 'the route → chunks list in index.html').toBeTruthy();
    return (JSON.parse(list as string) as [string, string[]][]).map(([pattern, files]) => ({ pattern: new RegExp(pattern), files: files.map((f) => f.slice(1)) }));
  };

  it(`keeps the shell within ${SHELL_BUDGET / 1024} KB, without the staff texts, charts or pdf.js`, () => {
    const files = [...shell()];
    const bytes = files.reduce((sum, f) => sum + gzipSize(f), 0);
    expect(bytes, `shell: ${files.join(', ')}`).toBeLessThanOrEqual(SHELL_BUDGET);
    const code = files.map((f) => fs.readFileSync(path.join(WEB, f), 'utf8')).join('\n');
    // A staff-only text (i18n/areas.ts) must not be in the citizen's first download.
    expect(code).not.toContain(JSON.stringify(vi.workspace.notOfficer).slice(1, -1));
    expect(code).toContain(JSON.stringify(vi.app.title).slice(1, -1));
    expect(files.filter((f) => /echarts|pdf/i.test(f))).toEqual([]);
  });

  for (const page of CITIZEN_PAGES) {
    it(`loads ${page} within ${PAGE_BUDGET / 1024} KB`, () => {
      const route = routes().find((r) => r.pattern.test(page));
      expect(route, `a route of index.html for ${page}`).toBeTruthy();
      const files = withImports(route?.files ?? [], shell());
      expect([...files].filter((f) => /echarts|pdf/i.test(f))).toEqual([]);
      const bytes = [...files].reduce((sum, f) => sum + gzipSize(f), 0);
      expect(bytes, `${page}: ${[...files].join(', ')}`).toBeLessThanOrEqual(PAGE_BUDGET);
    });
  }
});
