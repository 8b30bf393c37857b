import { describe, expect, it } from 'vitest';
import { timeliness } from './timeliness.ts';

const at = (s: string) => new Date(s);
const due = at('2026-03-11T17:00:00+07:00'); // Wednesday 17:00 local

describe('timeliness', () => {
  it.each([
    // in progress: relative to now
    ['in progress, well before due', null, '2026-03-09T09:00:00+07:00', 'trong_han'],
    ['in progress, exactly at due', null, '2026-03-11T17:00:00+07:00', 'trong_han'],
    ['in progress, one minute late', null, '2026-03-11T17:01:00+07:00', 'qua_han'],
    // finished: relative to the due day
    ['finished the day before', '2026-03-10T16:00:00+07:00', '2026-04-01T00:00:00+07:00', 'truoc_han'],
    ['finished on the due day, morning', '2026-03-11T08:00:00+07:00', '2026-04-01T00:00:00+07:00', 'dung_han'],
    ['finished at the due instant', '2026-03-11T17:00:00+07:00', '2026-04-01T00:00:00+07:00', 'dung_han'],
    ['finished after the due instant', '2026-03-11T17:30:00+07:00', '2026-03-11T18:00:00+07:00', 'qua_han'],
    ['finished a day late', '2026-03-12T08:00:00+07:00', '2026-03-12T09:00:00+07:00', 'qua_han'],
    // local day boundary: 23:30 UTC on the 10th is already the 11th in Hà Nội
    ['finished 06:30 local on the due day', '2026-03-10T23:30:00Z', '2026-04-01T00:00:00Z', 'dung_han'],
  ])('%s', (_name, finishedAt, now, expected) => {
    expect(timeliness({ dueAt: due, finishedAt: finishedAt ? at(finishedAt) : null, now: at(now) })).toBe(expected);
  });

  it('has no timeliness before an appointment exists', () => {
    expect(timeliness({ dueAt: null, finishedAt: null, now: due })).toBeNull();
  });
});
