import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, type CatalogueEntry } from '../src/platform/errors.ts';

/**
 * The message catalogues: `src/platform/common.errors.json` and each module's `<m>.errors.json`
 * (code → HTTP status, Vietnamese and English message), given their typed face by `defineErrors`
 * in the `.errors.ts` beside them.
 */
const src = join(import.meta.dirname, '..', 'src');

/** Every file below src/ (the web app aside) whose name ends with `suffix`, relative to src/. */
function filesEndingWith(suffix: string): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith(suffix) && !path.startsWith('web'))
    .sort();
}

const catalogues = filesEndingWith('.errors.json').map((path) => ({
  path,
  entries: Object.entries(JSON.parse(readFileSync(join(src, path), 'utf8')) as Record<string, CatalogueEntry>),
}));

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the error catalogues (<m>.errors.json)', () => {
  it('are found for the platform and the modules', () => {
    const paths = catalogues.map((c) => c.path);
    expect(paths).toContain('platform/common.errors.json');
    expect(paths).toContain('modules/dossiers/dossiers.errors.json');
    expect(paths).toContain('modules/identity/eid.errors.json');
    expect(catalogues.every((c) => c.entries.length > 0)).toBe(true);
  });

  for (const { path, entries } of catalogues) {
    it(`${path}: each code has a 4xx/5xx status, a Vietnamese (NFC) and an English message with the same placeholders`, () => {
      for (const [code, entry] of entries) {
        expect(code, path).toMatch(/^[A-Z][A-Z0-9_]*$/);
        expect(Object.keys(entry).sort(), code).toEqual(['en', 'status', 'vi']);
        expect(Number.isInteger(entry.status) && entry.status >= 400 && entry.status <= 599, `${code}: status ${entry.status}`).toBe(true);
        expect(entry.vi.trim(), code).not.toBe('');
        expect(entry.en.trim(), code).not.toBe('');
        expect(entry.vi, code).toBe(entry.vi.normalize('NFC'));
        expect(placeholders(entry.vi), code).toEqual(placeholders(entry.en));
      }
    });
  }

  it('give one meaning to a code declared in more than one catalogue', () => {
    const seen = new Map<string, { path: string; entry: CatalogueEntry }>();
    for (const { path, entries } of catalogues) {
      for (const [code, entry] of entries) {
        const first = seen.get(code);
        if (first) expect(entry, `${code} in ${first.path} and ${path}`).toEqual(first.entry);
        else seen.set(code, { path, entry });
      }
    }
  });

  it('are each registered by their typed face, so every code answers with its own status and messages', async () => {
    for (const face of filesEndingWith('.errors.ts')) await import(join(src, face));
    for (const { path, entries } of catalogues) {
      for (const [code, entry] of entries) expect(new AppError(code).spec, `${path} ${code}`).toEqual(entry);
    }
  });
});
