import { describe, expect, it } from 'vitest';
import { aggregateIndicator } from './aggregate.ts';
import { checksOf, indicatorsOf, RegimeDefinition } from './regime-definition.ts';
import { TTHC_REGIME_V2 } from './seed-reporting.ts';
import { completenessProblems } from './values.ts';

/** A regime with one table: rows a, b; columns n (sum, adding up to the scalar `total`) and r (a rate weighed by n). */
const definition = (table: Record<string, unknown>) => ({
  content: 'Bảng thử',
  reportingUnits: [{ level: 'xa', kinds: ['people_committee'] }],
  receiving: { level: 'tinh', kind: 'people_committee' },
  periodTypes: ['month'],
  cutoffDay: 15,
  due: { workingDaysAfterCutoff: 2 },
  sections: [
    {
      title: 'I',
      indicators: [
        { code: 'total', number: '1', name: 'Tổng', type: 'number', integer: true, min: 0, aggregation: 'sum' },
        {
          code: 't',
          number: '2',
          name: 'Bảng',
          type: 'table',
          aggregation: 'none',
          rows: [
            { key: 'a', label: 'Dòng A' },
            { key: 'b', label: 'Dòng B', other: true },
          ],
          columns: [
            { code: 'n', name: 'Số', type: 'number', integer: true, min: 0, aggregation: 'sum', totalOf: 'total' },
            { code: 'r', name: 'Tỷ lệ', type: 'percent', aggregation: 'weighted_average', weight: 'n' },
          ],
          ...table,
        },
      ],
    },
  ],
});

describe('table indicators in a regime definition', () => {
  it('are refused without rows or columns, with a repeated row, or a weight that names no column', () => {
    expect(RegimeDefinition.safeParse(definition({})).success).toBe(true);
    expect(RegimeDefinition.safeParse(definition({ rows: undefined })).success).toBe(false);
    expect(RegimeDefinition.safeParse(definition({ columns: undefined })).success).toBe(false);
    expect(RegimeDefinition.safeParse(definition({ rows: [{ key: 'a', label: 'A' }, { key: 'a', label: 'A again' }] })).success).toBe(false);
    expect(RegimeDefinition.safeParse(definition({ columns: [{ code: 'r', name: 'Tỷ lệ', type: 'percent', aggregation: 'weighted_average', weight: 'nope' }] })).success).toBe(false);
    const scalarWithRows = definition({});
    (scalarWithRows.sections[0]!.indicators[0] as Record<string, unknown>).rows = [{ key: 'a', label: 'A' }];
    expect(RegimeDefinition.safeParse(scalarWithRows).success).toBe(false);
  });

  it('are figures cell by cell (table.row.column) with the column’s rules, and a column’s rows add up to its total', () => {
    const def = RegimeDefinition.parse(definition({}));
    const cells = indicatorsOf(def).filter((f) => f.cell);
    expect(cells.map((c) => c.code)).toEqual(['t.a.n', 't.a.r', 't.b.n', 't.b.r']);
    expect(cells[2]).toMatchObject({ number: '2.2', name: 'Bảng — Dòng B: Số', integer: true, aggregation: 'sum', cell: { row: 'b', column: 'n', sectors: 'other' } });
    expect(cells[1]).toMatchObject({ type: 'percent', weight: 't.a.n' });
    expect(checksOf(def)).toEqual([{ kind: 'sum', total: 'total', parts: ['t.a.n', 't.b.n'] }]);
    const values = { total: 5, 't.a.n': 2, 't.a.r': 50, 't.b.n': 2, 't.b.r': 100 };
    expect(completenessProblems(def, 'people_committee', values)).toEqual([
      { indicator: 'total', message: '1 Tổng (5) phải bằng tổng cột "Số" của các dòng Bảng (4)' },
    ]);
    expect(completenessProblems(def, 'people_committee', { ...values, total: 4 })).toEqual([]);
  });

  it('aggregate row by row: a weighted column weighed by its own row', () => {
    const def = RegimeDefinition.parse(definition({}));
    const reports = [
      { unit: 'u1', unitName: 'U1', values: { 't.a.n': 1, 't.a.r': 100, 't.b.n': 3, 't.b.r': 100 } },
      { unit: 'u2', unitName: 'U2', values: { 't.a.n': 3, 't.a.r': 0, 't.b.n': 1, 't.b.r': 0 } },
    ];
    const of = (code: string) => aggregateIndicator(indicatorsOf(def).find((f) => f.code === code)!, reports).value;
    expect([of('t.a.n'), of('t.b.n')]).toEqual([4, 4]);
    expect([of('t.a.r'), of('t.b.r')]).toEqual([25, 75]);
  });

  it('the seeded TTHC regime’s version 2 is a valid definition with a by-sector table of 7 rows × 7 columns', () => {
    const def = RegimeDefinition.parse(TTHC_REGIME_V2.definition);
    expect(indicatorsOf(def).filter((f) => f.cell?.table === 'bySector')).toHaveLength(49);
    expect(checksOf(def).filter((c) => c.parts[0]!.startsWith('bySector.')).map((c) => c.total)).toEqual(['received', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate']);
  });
});
