/**
 * The two parts of each dictionary (vi.json, en.json). The citizen's first load carries the
 * core: every area but the staff ones. The staff areas (back office, administration, command
 * center, e-Cabinet, document exchange, reporting, post-inspection, the audit trail) are a chunk of
 * their own, fetched with the first staff page (`lazy(…, 'office')` in app/app.tsx). vite.config.ts splits the files at build time
 * (`import texts from './vi.json?core'`); test/web-i18n-areas.test.ts checks that no citizen
 * page or the shell uses a staff key that the core lacks.
 */
export const OFFICE_AREAS = ['workspace', 'admin', 'cabinet', 'exchange', 'commandCenter', 'agencySelect', 'reporting', 'inspection', 'audit'] as const;

/** Staff keys the shell shows itself (the staff links of the header): kept in the core. */
export const SHELL_KEYS = ['workspace.link', 'commandCenter.link', 'cabinet.nav', 'exchange.link', 'exchange.axisLink', 'admin.link', 'reporting.nav', 'inspection.link', 'audit.link'] as const;

export type DictionaryPart = 'core' | 'office';
type Dictionary = Record<string, unknown>;

/**
 * The core (all but the staff areas, plus SHELL_KEYS) or the office part (the staff areas whole,
 * so merging the office part over the core, shallowly, gives the full dictionary).
 */
export function dictionaryPart(dictionary: Dictionary, part: DictionaryPart): Dictionary {
  const office = new Set<string>(OFFICE_AREAS);
  if (part === 'office') return Object.fromEntries(Object.entries(dictionary).filter(([area]) => office.has(area)));
  const core: Dictionary = Object.fromEntries(Object.entries(dictionary).filter(([area]) => !office.has(area)));
  for (const key of SHELL_KEYS) {
    const [area, ...rest] = key.split('.');
    const value = rest.reduce<unknown>((node, k) => (node as Dictionary | undefined)?.[k], dictionary[area]);
    if (typeof value !== 'string') throw new Error(`i18n: shell key ${key} is not a text of the dictionary`);
    let node = (core[area] ??= {}) as Dictionary;
    for (const k of rest.slice(0, -1)) node = (node[k] ??= {}) as Dictionary;
    node[rest[rest.length - 1]] = value;
  }
  return core;
}
