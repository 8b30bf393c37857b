import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order, so reordered content gives the same text', () => {
    const a = { b: 1, a: [{ y: 'ý', x: null }, 2], c: { e: true, d: 'Đ' } };
    const b = { c: { d: 'Đ', e: true }, a: [{ x: null, y: 'ý' }, 2], b: 1 };
    expect(canonicalJson(a)).toBe('{"a":[{"x":null,"y":"ý"},2],"b":1,"c":{"d":"Đ","e":true}}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});
