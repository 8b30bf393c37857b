import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryPart, OFFICE_AREAS, SHELL_KEYS } from '../src/web/i18n/areas.ts';
import en from '../src/web/i18n/en.json' with { type: 'json' };
import vi from '../src/web/i18n/vi.json' with { type: 'json' };

const WEB = path.resolve('src/web');

/** Relative imports of a source file, static and dynamic, resolved to files of src/web. */
function importsOf(file: string, { dynamic }: { dynamic: boolean }): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const specs = [...code.matchAll(/\bfrom\s+'(\.[^']+)'/g), ...(dynamic ? code.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g) : [])].map((m) => m[1]);
  return specs.map((s) => path.resolve(path.dirname(file), s)).filter((f) => /\.tsx?$/.test(f) && fs.existsSync(f));
}

/** Every source file a root reaches through imports (the citizen's pages do not import staff pages). */
function reachable(roots: string[], seen = new Set<string>()): Set<string> {
  for (const file of roots) {
    if (seen.has(file)) continue;
    seen.add(file);
    // app.tsx lists every page lazily: its pages are roots of their own, chosen below.
    reachable(importsOf(file, { dynamic: !file.endsWith('app/app.tsx') }), seen);
  }
  return seen;
}

/** The pages of app.tsx, each marked staff ('office') or not. */
function pages() {
  const app = fs.readFileSync(path.join(WEB, 'app/app.tsx'), 'utf8');
  return [...app.matchAll(/lazy\(\(\) => import\('\.\.\/pages\/([\w-]+\.tsx)'\)(, 'office')?\)/g)].map((m) => ({
    file: path.join(WEB, 'pages', m[1]),
    office: Boolean(m[2]),
  }));
}

/** Issue 12 (Lighthouse): the staff texts are not in the citizen's first download (src/web/i18n/areas.ts). */
describe('dictionary parts', () => {
  for (const [lang, dictionary] of [
    ['vi', vi],
    ['en', en],
  ] as const) {
    it(`splits ${lang}.json into a core and a staff part that together are the whole`, () => {
      const core = dictionaryPart(dictionary, 'core');
      const office = dictionaryPart(dictionary, 'office');
      expect(Object.keys(office).sort()).toEqual([...OFFICE_AREAS].sort());
      expect({ ...core, ...office }).toEqual(dictionary);
      // Of the staff areas, the core holds only the shell's links.
      const staffInCore = OFFICE_AREAS.flatMap((area) => Object.keys((core as Record<string, object>)[area] ?? {}).map((k) => `${area}.${k}`));
      expect(staffInCore.sort()).toEqual([...SHELL_KEYS].sort());
    });
  }

  it('marks every staff page, and no citizen page or the shell uses a staff text the core lacks', () => {
    const all = pages();
    expect(all.length).toBeGreaterThan(30);
    const office = all.filter((p) => p.office).map((p) => path.basename(p.file));
    for (const prefix of ['workspace-', 'admin-', 'cabinet-', 'exchange-', 'command-center-', 'desk-']) {
      expect(office.filter((f) => f.startsWith(prefix)).length, `pages ${prefix}*`).toBe(all.filter((p) => path.basename(p.file).startsWith(prefix)).length);
    }
    const citizen = reachable([path.join(WEB, 'main.tsx'), ...all.filter((p) => !p.office).map((p) => p.file)]);
    expect(citizen.has(path.join(WEB, 'pages/submit-page.tsx'))).toBe(true);
    expect(citizen.has(path.join(WEB, 'pages/workspace-queue-page.tsx'))).toBe(false);
    const staffKey = new RegExp(`[\`'"]((?:${OFFICE_AREAS.join('|')})\\.[\\w.$\{}]*)`, 'g');
    const misuses: string[] = [];
    for (const file of citizen) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(staffKey)) {
        if (!(SHELL_KEYS as readonly string[]).includes(m[1])) misuses.push(`${path.relative(WEB, file)}: ${m[1]}`);
      }
    }
    expect(misuses).toEqual([]);
  });
});
