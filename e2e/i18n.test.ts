import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };
const load = (lang: string) => JSON.parse(fs.readFileSync(`src/web/i18n/${lang}.json`, 'utf8')) as Tree;

/** Leaf keys with i18next plural suffixes folded (Vietnamese has one form, English two). */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.add(path.replace(/_(one|other)$/, ''));
    else for (const k of keys(value, path)) out.add(k);
  }
  return out;
}

function leaves(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v)));
}

describe('web translations', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect([...keys(load('en'))].sort()).toEqual([...keys(load('vi'))].sort());
  });

  it('keeps Vietnamese text in NFC with no empty strings', () => {
    for (const text of leaves(load('vi'))) {
      expect(text.trim()).not.toBe('');
      expect(text).toBe(text.normalize('NFC'));
    }
  });
});
