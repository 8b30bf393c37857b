import { describe, expect, it } from 'vitest';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { ensureCalendarYears } from './calendar-service.ts';

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});
const get = (url: string) => sys.app.inject({ method: 'GET', url });

describe('calendar API', () => {
  it('lists the 2026 holidays and compensatory days', async () => {
    const res = await get('/api/v1/calendar/2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2026);
    const dates = body.holidays.map((h: { date: string }) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-16', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02']));
    expect(body.holidays.find((h: { date: string }) => h.date === '2026-02-17').name).toBe('Tết Nguyên đán');
    expect((await get('/api/v1/calendar/2025')).json().workingWeekendDays).toEqual(['2025-04-26']);
  });

  it('adds working days across Tết', async () => {
    expect((await get('/api/v1/calendar/add-working-days?from=2026-02-13&days=1')).json()).toEqual({ date: '2026-02-23' });
    expect((await get('/api/v1/calendar/add-working-days?from=2026-02-13&days=0')).json()).toEqual({ date: '2026-02-13' });
  });

  it('answers a clear error for a year with no calendar', async () => {
    const res = await get('/api/v1/calendar/2031');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', message: expect.stringContaining('2031') });
    // 2027 exists (generated, provisional); a count running into 2028 is refused
    const add = await get('/api/v1/calendar/add-working-days?from=2027-12-28&days=10');
    expect(add.statusCode).toBe(422);
    expect(add.json().error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', message: expect.stringContaining('2028') });
  });

  it('ships 2027 generated from the Labour Code, provisional, so reception goes on past 31 December', async () => {
    const res = await get('/api/v1/calendar/2027');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, provisional: true, confirmedAt: null });
    expect(res.json().source).toContain('Bộ luật Lao động');
    const tet = res.json().holidays.filter((h: { name: string }) => h.name === 'Tết Nguyên đán');
    expect(tet.map((h: { date: string }) => h.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    expect(res.json().holidays.every((h: { verified: boolean }) => !h.verified)).toBe(true);
    // a same-day procedure received after the cut-off on 31/12/2026 is due on the first working day of 2027
    expect((await get('/api/v1/calendar/add-working-days?from=2026-12-31&days=1')).json()).toEqual({ date: '2027-01-04' });
    // 2026 stays official and carries the verified New Year swap
    const y2026 = (await get('/api/v1/calendar/2026')).json();
    expect(y2026.provisional).toBe(false);
    expect(y2026.workingWeekends).toEqual([{ date: '2026-01-10', name: 'Làm bù cho thứ Sáu 02/01/2026', verified: true }]);
    expect(y2026.holidays.find((h: { date: string }) => h.date === '2026-01-02')).toMatchObject({ kind: 'swap_off', verified: true });
  });

  it('generates the current and the next year on the clock (the hourly job), never further out', async () => {
    sys.clock.set(new Date('2028-03-01T09:00:00+07:00'));
    try {
      expect(await ensureCalendarYears(sys.ctx, sys.ctx.clock.now())).toEqual([2028, 2029]);
      expect(await ensureCalendarYears(sys.ctx, sys.ctx.clock.now())).toEqual([]); // idempotent
      expect((await get('/api/v1/calendar/2029')).json()).toMatchObject({ provisional: true });
      expect((await get('/api/v1/calendar/2030')).statusCode).toBe(422);
      const audit = await sys.ctx.db.query<{ action: string; actor_id: string | null }>("SELECT action, actor_id FROM audit_log WHERE chain = 'calendar:2029'");
      expect(audit).toEqual([{ action: 'calendar.year.generate', actor_id: null }]);
    } finally {
      sys.clock.reset();
    }
  });

  it('warns administrators from 1 October while next year is provisional; confirming ends it', async () => {
    const admin = { authorization: `Bearer ${await sys.login('admin')}` };
    const desk = { authorization: `Bearer ${await sys.login('motcua.hoankiem')}` };
    const status = () => sys.app.inject({ method: 'GET', url: '/api/v1/admin/calendar-status', headers: admin });
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/admin/calendar-status', headers: desk })).statusCode).toBe(403);
    sys.clock.set(new Date('2026-09-30T09:00:00+07:00'));
    expect((await status()).json()).toMatchObject({ today: '2026-09-30', next: { year: 2027, state: 'provisional' }, warning: false });
    sys.clock.set(new Date('2026-10-01T09:00:00+07:00'));
    expect((await status()).json()).toMatchObject({ today: '2026-10-01', current: { year: 2026, state: 'official' }, next: { year: 2027, state: 'provisional' }, warning: true });
    const confirm = (headers: Record<string, string>, payload?: object) =>
      sys.app.inject({ method: 'POST', url: '/api/v1/admin/calendar/2027/confirm', headers, ...(payload ? { payload } : {}) });
    const notice = 'Thông báo số 123/TB-BNV ngày 20/11/2026 về nghỉ lễ, Tết năm 2027';
    expect((await confirm(desk, { source: notice })).statusCode).toBe(403);
    expect((await confirm(admin, { source: 'x' })).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'body.source' }] } });
    const before = (await get('/api/v1/calendar/2027')).json();
    expect(before.source).toMatch(/^Tạm tính/);
    expect(before.holidays.some((h: { verified: boolean }) => !h.verified)).toBe(true);
    const confirmed = await confirm(admin, { source: notice });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ year: 2027, provisional: false });
    expect((await confirm(admin)).json()).toMatchObject({ provisional: false, version: confirmed.json().version }); // idempotent, and the body may be left out
    expect((await status()).json()).toMatchObject({ next: { state: 'official' }, warning: false });
    // official, named after the notice it was checked against, and every day of it checked
    const after = (await get('/api/v1/calendar/2027')).json();
    expect(after).toMatchObject({ provisional: false, source: notice, confirmedAt: expect.stringMatching(/^2026-10-01T/) });
    expect([...after.holidays, ...after.workingWeekends].every((d: { verified: boolean }) => d.verified)).toBe(true);
    const audit = await sys.ctx.db.query<{ action: string; data: { source?: string } }>("SELECT action, data FROM audit_log WHERE chain = 'calendar:2027' ORDER BY seq");
    expect(audit.map((a) => [a.action, a.data?.source])).toEqual([['calendar.year.confirm', notice]]);
    expect((await sys.app.inject({ method: 'POST', url: '/api/v1/admin/calendar/2035/confirm', headers: admin })).statusCode).toBe(422);
    sys.clock.reset();
  });

  it.each([
    ['from=2026-13-01&days=1', 'querystring.from'],
    ['from=26-01-01&days=1', 'querystring.from'],
    ['from=2026-01-01&days=-1', 'querystring.days'],
    ['from=2026-01-01&days=999999', 'querystring.days'],
    ['from=2026-01-01&days=abc', 'querystring.days'],
  ])('refuses %s naming the field', async (query, field) => {
    const res = await get(`/api/v1/calendar/add-working-days?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('lets an administrator add a holiday, audited, which moves deadlines', async () => {
    const admin = { authorization: `Bearer ${await sys.login('admin')}` };
    const desk = { authorization: `Bearer ${await sys.login('motcua.hoankiem')}` };
    const url = '/api/v1/admin/calendar/2026/days/2026-03-10';
    const payload = { kind: 'holiday', name: 'Ngày nghỉ đột xuất' };
    expect((await sys.app.inject({ method: 'PUT', url, payload, headers: desk })).statusCode).toBe(403);
    expect((await sys.app.inject({ method: 'PUT', url, payload })).statusCode).toBe(401);
    expect((await get('/api/v1/calendar/add-working-days?from=2026-03-09&days=1')).json().date).toBe('2026-03-10'); // the calendar is kept: the edit must drop it
    expect((await sys.app.inject({ method: 'PUT', url, payload, headers: admin })).statusCode).toBe(200);
    expect((await get('/api/v1/calendar/add-working-days?from=2026-03-09&days=1')).json().date).toBe('2026-03-11');
    const audit = await sys.ctx.db.query<{ action: string }>("SELECT action FROM audit_log WHERE chain = 'calendar:2026'");
    expect(audit.map((a) => a.action)).toEqual(['calendar.day.set']);
    expect((await sys.app.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(200);
    expect((await get('/api/v1/calendar/add-working-days?from=2026-03-09&days=1')).json().date).toBe('2026-03-10');
    expect((await get('/api/v1/calendar/2026')).json().version).toBe(3);
  });

  it('lets an administrator open a new year', async () => {
    const admin = { authorization: `Bearer ${await sys.login('admin')}` };
    const res = await sys.app.inject({ method: 'PUT', url: '/api/v1/admin/calendar/2031', payload: {}, headers: admin });
    expect(res.statusCode).toBe(201);
    expect((await get('/api/v1/calendar/add-working-days?from=2031-01-01&days=1')).json().date).toBe('2031-01-02');
    expect((await get('/api/v1/calendar/2031')).json()).toMatchObject({ provisional: false, holidays: [] });
    const again = await sys.app.inject({ method: 'PUT', url: '/api/v1/admin/calendar/2031', payload: {}, headers: admin });
    expect(again.json().error.code).toBe('CALENDAR_YEAR_EXISTS');
  });
});
