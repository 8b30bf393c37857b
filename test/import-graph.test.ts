import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import graph points one way: modules → http → platform. platform/ knows neither http/
 * nor any module, http/ knows no module (bootstrap.ts hands it the module list), and a module
 * reaches another only through its index.ts (or its public contract, `<m>.contract.ts`). Test files may reach further (fixtures).
 */
const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.(test|nats)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The files a source file imports (static, dynamic, re-exports), as absolute paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.flatMap((s) => {
    if (s.startsWith('#platform/')) return [path.join(src, 'platform', s.slice('#platform/'.length))];
    if (s.startsWith('#modules/')) return [path.join(src, 'modules', s.slice('#modules/'.length))];
    if (s.startsWith('#http/')) return [path.join(src, 'http', s.slice('#http/'.length))];
    if (s.startsWith('.')) return [path.resolve(path.dirname(file), s)];
    return [];
  });
}

const rel = (p: string) => path.relative(root, p);
const under = (p: string, dir: string) => p.startsWith(path.join(src, dir) + path.sep);

function arrows(fromDir: string, forbidden: (target: string, from: string) => boolean): string[] {
  return sourceFiles(path.join(src, fromDir)).flatMap((f) => importsOf(f).filter((t) => forbidden(t, f)).map((t) => `${rel(f)} → ${rel(t)}`));
}

describe('import graph', () => {
  it('has no arrow from platform/ into http/ or a module', () => {
    expect(arrows('platform', (t) => under(t, 'http') || under(t, 'modules'))).toEqual([]);
  });

  it('has no arrow from http/ into a module', () => {
    expect(arrows('http', (t) => under(t, 'modules'))).toEqual([]);
  });

  it('reaches another module only through its index.ts or its contract', () => {
    const deep = arrows('modules', (t, f) => {
      if (!under(t, 'modules')) return false;
      const [targetModule, ...rest] = path.relative(path.join(src, 'modules'), t).split(path.sep);
      const [fromModule] = path.relative(path.join(src, 'modules'), f).split(path.sep);
      // the module's contract (its routes' schemas) is public too: other contracts and the web app reuse its shapes
      return targetModule !== fromModule && rest.join('/') !== 'index.ts' && !rest.join('/').endsWith('.contract.ts');
    });
    expect(deep).toEqual([]);
  });

  it('finds the arrows it forbids (the scanner reads real imports)', () => {
    const bootstrap = importsOf(path.join(src, 'bootstrap.ts'));
    expect(bootstrap.some((t) => under(t, 'modules'))).toBe(true);
    expect(bootstrap.some((t) => under(t, 'platform'))).toBe(true);
  });
});
