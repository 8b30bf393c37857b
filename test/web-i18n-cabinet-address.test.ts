import { describe, expect, it } from 'vitest';
import vi from '../src/web/i18n/vi.json' with { type: 'json' };

/** Every string of a tree, with its dotted key. */
function strings(node: unknown, key: string): [string, string][] {
  if (typeof node === 'string') return [[key, node]];
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, `${key}.${k}`));
  return [];
}

/**
 * e-Cabinet addresses its members one way: "đồng chí", as Government and People's Committee
 * meetings do — never "Ông/Bà" (the citizen-facing address) beside it on the same screens.
 */
describe('the e-Cabinet screens address members as "đồng chí"', () => {
  it('has no "Ông/Bà" among the cabinet strings', () => {
    const mixed = strings(vi.cabinet, 'cabinet').filter(([, text]) => /ông\/bà/i.test(text));
    expect(mixed).toEqual([]);
  });
  it('says "đồng chí" where the room speaks to the member', () => {
    expect(vi.cabinet.attendanceProven).toMatch(/^Đồng chí /);
    expect(vi.cabinet.yourBallot).toMatch(/^Đồng chí /);
  });
});
