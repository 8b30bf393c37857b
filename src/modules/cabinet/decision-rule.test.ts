import { describe, expect, it } from 'vitest';
import { decide, type Stance } from './decision-rule.ts';

// A body of 9 voting members (chair c, two vice-chairs, six members), or 8 for ties.
const nine = ['c', 'v1', 'v2', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((userId) => ({ userId, isChair: userId === 'c' }));
const eight = nine.slice(0, 8);
const answers = (s: string) =>
  new Map<string, Stance>(
    s
      .split(' ')
      .filter(Boolean)
      .map((p) => p.split('=') as [string, Stance]),
  );

describe('decision rule: more than half of ALL members, tie → the chair’s side, deemed agreement as data', () => {
  const rows: { name: string; voters: typeof nine; stances: string; deemed: boolean; outcome: 'adopted' | 'rejected'; agree: number; deemedAgree: number }[] = [
    { name: '5 of 9 agree → adopted', voters: nine, stances: 'c=agree v1=agree v2=agree m1=agree m2=agree m3=disagree', deemed: false, outcome: 'adopted', agree: 5, deemedAgree: 0 },
    // 4 agree and only 1 disagrees: a majority of those answering, but not of ALL members
    { name: '4 of 9 agree, 1 disagrees, 4 silent, no deemed agreement → rejected', voters: nine, stances: 'c=agree v1=agree m1=agree m2=agree m3=disagree', deemed: false, outcome: 'rejected', agree: 4, deemedAgree: 0 },
    { name: 'same answers with deemed agreement → adopted (4 + 4 deemed)', voters: nine, stances: 'c=agree v1=agree m1=agree m2=agree m3=disagree', deemed: true, outcome: 'adopted', agree: 4, deemedAgree: 4 },
    { name: 'deemed agreement never outweighs explicit disagreement: 5 disagree → rejected', voters: nine, stances: 'v1=disagree v2=disagree m1=disagree m2=disagree m3=disagree', deemed: true, outcome: 'rejected', agree: 0, deemedAgree: 4 },
    { name: 'tie 4–4, the chair agrees → adopted', voters: eight, stances: 'c=agree v1=agree m1=agree m2=agree v2=disagree m3=disagree m4=disagree m5=disagree', deemed: false, outcome: 'adopted', agree: 4, deemedAgree: 0 },
    { name: 'tie 4–4, the chair disagrees → rejected', voters: eight, stances: 'c=disagree v1=agree m1=agree m2=agree m4=agree v2=disagree m3=disagree m5=disagree', deemed: false, outcome: 'rejected', agree: 4, deemedAgree: 0 },
    { name: 'tie reached with deemed agreement, the chair silent (deemed to agree) → adopted', voters: eight, stances: 'v1=agree m1=agree m2=agree v2=disagree m3=disagree m4=disagree m5=other', deemed: true, outcome: 'adopted', agree: 3, deemedAgree: 1 },
    { name: '"other" opinions do not count as agreeing', voters: nine, stances: 'c=agree v1=agree v2=agree m1=agree m2=other m3=other m4=other m5=other m6=other', deemed: true, outcome: 'rejected', agree: 4, deemedAgree: 0 },
  ];
  it.each(rows)('$name', (row) => {
    const d = decide({ voters: row.voters, stances: answers(row.stances), rule: { deemedAgreement: row.deemed, tieBreak: 'chair' }, final: true, allowDeemed: true });
    expect(d.outcome).toBe(row.outcome);
    expect(d.tally.agree).toBe(row.agree);
    expect(d.tally.deemedAgree).toBe(row.deemedAgree);
    expect(d.tally.members).toBe(row.voters.length);
  });

  it('without the chair tie-break a 4–4 tie is not "more than half" → rejected even when the chair agrees', () => {
    const d = decide({ voters: eight, stances: answers('c=agree v1=agree m1=agree m2=agree v2=disagree m3=disagree m4=disagree m5=disagree'), rule: { deemedAgreement: false, tieBreak: 'none' }, final: true, allowDeemed: true });
    expect(d.outcome).toBe('rejected');
  });

  it('before the deadline: live tally, no outcome, nobody deemed yet', () => {
    const d = decide({ voters: nine, stances: answers('c=agree'), rule: { deemedAgreement: true, tieBreak: 'chair' }, final: false, allowDeemed: true });
    expect(d.outcome).toBeNull();
    expect(d.tally).toMatchObject({ agree: 1, deemedAgree: 0, noAnswer: 8 });
  });

  it('meeting votes never apply deemed agreement (absent members do not agree)', () => {
    const d = decide({ voters: nine, stances: answers('c=agree v1=agree v2=agree m1=agree'), rule: { deemedAgreement: true, tieBreak: 'chair' }, final: true, allowDeemed: false });
    expect(d.outcome).toBe('rejected');
    expect(d.tally.noAnswer).toBe(5);
  });

  it('only recipients of a form may be deemed to agree', () => {
    const d = decide({ voters: nine, stances: answers('c=agree v1=agree'), rule: { deemedAgreement: true, tieBreak: 'chair' }, final: true, allowDeemed: true, deemable: new Set(['c', 'v1', 'v2', 'm1']) });
    expect(d.tally).toMatchObject({ agree: 2, deemedAgree: 2, noAnswer: 5 });
    expect(d.outcome).toBe('rejected'); // 4 of 9
  });
});
