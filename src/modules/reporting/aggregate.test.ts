import { describe, expect, it } from 'vitest';
import { aggregateIndicator } from './aggregate.ts';
import type { IndicatorDef } from './regime-definition.ts';

const ind = (aggregation: IndicatorDef['aggregation'], extra: Partial<IndicatorDef> = {}): IndicatorDef => ({
  code: 'x',
  number: '1',
  name: 'X',
  type: 'number',
  unit: '',
  integer: false,
  required: true,
  aggregation,
  ...extra,
});
const reports = [
  { unit: 'a', unitName: 'A', values: { x: 90, n: 10, t: 'ổn' } },
  { unit: 'b', unitName: 'B', values: { x: 60, n: 30, t: null } },
  { unit: 'c', unitName: 'C', values: { x: null, n: 5, t: 'thiếu người' } },
];

describe('aggregation rules of an indicator', () => {
  it.each([
    ['sum', {}, 150],
    ['average', {}, 75],
    ['weighted_average', { weight: 'n' }, 67.5], // (90·10 + 60·30) / 40
    ['none', {}, null],
  ] as const)('%s → %s', (rule, extra, expected) => {
    expect(aggregateIndicator(ind(rule, extra), reports).value).toBe(expected);
  });

  it('concatenates text by unit, skipping units that gave none', () => {
    expect(aggregateIndicator(ind('concat', { code: 't', type: 'text' }), reports).texts).toEqual([
      { unit: 'a', unitName: 'A', text: 'ổn' },
      { unit: 'c', unitName: 'C', text: 'thiếu người' },
    ]);
  });

  it('is null when no unit gave the figure (or the weights are all zero)', () => {
    expect(aggregateIndicator(ind('sum'), []).value).toBeNull();
    expect(aggregateIndicator(ind('weighted_average', { weight: 'n' }), [{ unit: 'a', unitName: 'A', values: { x: 5, n: 0 } }]).value).toBeNull();
  });
});
