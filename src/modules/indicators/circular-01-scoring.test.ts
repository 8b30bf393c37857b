import { describe, expect, it } from 'vitest';
import { agencyScores, scoreDossier } from './circular-01-scoring.ts';
import type { ScoringDossier } from './indicators.repository.ts';
import { TT01_RULE_BOOKS, tt01RuleBookOn } from './rulebook-tt01.ts';

const book = TT01_RULE_BOOKS[0];
const dossier = (over: Partial<ScoringDossier> = {}): ScoringDossier => ({
  dossierId: 'd',
  agency: 'A',
  agencyName: 'Cơ quan A',
  officer: 'u1',
  officerName: 'Nguyễn Văn An',
  channel: 'online',
  outcome: 'early',
  stepOutcomes: [],
  supplements: 0,
  dissatisfied: null,
  feedback: 0,
  published: true,
  ...over,
});
const full = { 8: 2, 9: 2 } as const;

describe('Circular 01/2018 per-dossier scoring', () => {
  it('gives an early online dossier with no contact, complaint or late step full points, and leaves indicator 5 unmeasured', () => {
    expect(scoreDossier(book, dossier(), full)).toEqual([2, 2, 2, 2, null, 2, 2, 2, 2]);
  });

  it('scores time, steps, contacts, bodies and attitude 2/1/0 by the rule', () => {
    const s = scoreDossier(book, dossier({ outcome: 'on_time', stepOutcomes: ['early', 'late'], supplements: 1, channel: 'direct' }), full);
    expect(s.slice(0, 4)).toEqual([1, 0, 1, 1]); // on time; one agency late; one supplement; the desk only
    expect(s[6]).toBe(1); // on time, no complaint
    expect(scoreDossier(book, dossier({ stepOutcomes: [null] }), full)[1]).toBe(0); // a step never finished
    expect(scoreDossier(book, dossier({ supplements: 2 }), full)[2]).toBe(0);
    expect(scoreDossier(book, dossier({ dissatisfied: true }), full)[6]).toBe(0);
    expect(scoreDossier(book, dossier({ feedback: 1 }), full)[6]).toBe(0);
    expect(scoreDossier(book, dossier({ outcome: 'late' }), full)[6]).toBe(0);
    expect(scoreDossier(book, dossier({ published: false }), full)[5]).toBe(0);
  });

  it('scores feedback handled on time and the online share per agency at the thresholds of the rule book', () => {
    const a = { feedbackDue: 10, feedbackOnTime: 10, dossiers: 10, online: 3, onlineLate: 0 };
    expect(agencyScores(book, a)).toEqual({ 8: 2, 9: 2 });
    expect(agencyScores(book, { ...a, feedbackOnTime: 9 })).toEqual({ 8: 1, 9: 2 });
    expect(agencyScores(book, { ...a, feedbackOnTime: 8 })[8]).toBe(0);
    expect(agencyScores(book, { ...a, onlineLate: 1 })[9]).toBe(1); // a late online dossier costs the top score
    expect(agencyScores(book, { ...a, online: 2 })[9]).toBe(1); // 20 %
    expect(agencyScores(book, { ...a, online: 1 })[9]).toBe(0); // 10 %
    expect(agencyScores(book, { ...a, feedbackDue: 0, feedbackOnTime: 0 })[8]).toBe(2); // nothing owed
  });

  it('is versioned data: the book in force is chosen by date', () => {
    expect(tt01RuleBookOn('2026-03-31').version).toBe('TT01-2018');
    expect(book.indicators.map((i) => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(book.agencyBands.map((b) => b.min)).toEqual([15, 12, 9, 6, 0]);
  });
});
