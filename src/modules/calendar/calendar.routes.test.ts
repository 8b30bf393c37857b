import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await createTestSystem();
});
afterAll(async () => {
  await sys?.close();
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
    const add = await get('/api/v1/calendar/add-working-days?from=2026-12-28&days=10');
    expect(add.json().error.code).toBe('CALENDAR_YEAR_MISSING');
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
    const res = await sys.app.inject({ method: 'PUT', url: '/api/v1/admin/calendar/2027', payload: {}, headers: admin });
    expect(res.statusCode).toBe(201);
    expect((await get('/api/v1/calendar/add-working-days?from=2026-12-31&days=1')).json().date).toBe('2027-01-01');
    const again = await sys.app.inject({ method: 'PUT', url: '/api/v1/admin/calendar/2027', payload: {}, headers: admin });
    expect(again.json().error.code).toBe('CALENDAR_YEAR_EXISTS');
  });
});
