import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox } from '#platform/outbox.ts';
import { notificationHandlers } from '#modules/notifications/handlers.ts';
import { auth, buildWorld, setNow, type World } from '#modules/dossiers/test-factories.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { remindAppointments } from './remind-appointments.ts';

let sys: TestSystem;
let w: World;

beforeAll(async () => {
  sys = await createTestSystem();
  w = await buildWorld(sys);
});
afterAll(async () => {
  await sys?.close();
});

const DAY = '2026-03-10'; // a Tuesday
const slots = (date = DAY, agency = w.agency.hoankiem) => sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${agency}/slots?date=${date}` });
const book = (body: Record<string, unknown>) =>
  sys.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: auth(w, 'congdan'),
    payload: { agencyCode: w.agency.hoankiem, procedureCode: '1.004873', date: DAY, phone: '0912 345 678', ...body },
  });

describe('appointments at the desk (đặt lịch hẹn)', () => {
  it('offers the office hours in slots, books one with a code, and the desk sees it; capacity is the administrator’s', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const day = (await slots()).json();
    expect(day).toMatchObject({ workingDay: true, slotMinutes: 30, capacity: 2 });
    expect(day.slots.length).toBeGreaterThan(8);
    expect(day.slots.every((s: { free: number; past: boolean }) => s.free === 2 && !s.past)).toBe(true);
    const first = day.slots[0].start as string;

    // The administrator: one-hour slots, one person each.
    const admin = await sys.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/agencies/${w.agency.hoankiem}/appointment-settings`,
      headers: auth(w, 'admin'),
      payload: { slotMinutes: 60, capacity: 1 },
    });
    expect(admin.statusCode, admin.body).toBe(200);
    expect((await sys.app.inject({ method: 'PUT', url: `/api/v1/admin/agencies/${w.agency.hoankiem}/appointment-settings`, headers: auth(w, 'motcua.hoankiem'), payload: { slotMinutes: 60, capacity: 1 } })).statusCode).toBe(403);
    const hourly = (await slots()).json();
    expect(hourly.slots.length).toBeLessThan(day.slots.length);
    expect(hourly.slots[0]).toMatchObject({ start: first, free: 1 });

    const res = await book({ start: first });
    expect(res.statusCode, res.body).toBe(201);
    const booking = res.json();
    expect(booking).toMatchObject({ date: DAY, start: first, phone: '0912345678', status: 'booked' });
    expect(booking.code).toMatch(/^LH-[0-9A-HJKMNP-TV-Z]{6}$/);
    // Again (a double click): the same booking.
    expect((await book({ start: first })).json().code).toBe(booking.code);
    // Another slot the same day for the same procedure: already booked.
    const other = await book({ start: hourly.slots[1].start });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('ALREADY_BOOKED');
    // The slot is full for anyone else (here: another procedure).
    const full = await book({ start: first, procedureCode: '2.000815' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('SLOT_FULL');
    expect((await slots()).json().slots[0]).toMatchObject({ booked: 1, free: 0 });

    // The desk of that agency sees the day's bookings; another commune's desk does not.
    const desk = await sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${w.agency.hoankiem}/appointments?date=${DAY}`, headers: auth(w, 'motcua.hoankiem') });
    expect(desk.statusCode, desk.body).toBe(200);
    expect(desk.json().items).toEqual([expect.objectContaining({ code: booking.code, fullName: 'Nguyễn Thị Ánh Tuyết', start: first })]);
    expect((await sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${w.agency.hoankiem}/appointments`, headers: auth(w, 'motcua.badinh') })).statusCode).toBe(403);
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/me/appointments', headers: auth(w, 'congdan') })).json().items.map((a: { code: string }) => a.code)).toEqual([booking.code]);
  });

  it('refuses a past slot, a slot outside office hours and a day off', async () => {
    setNow(w, '2026-03-10T15:00:00+07:00');
    const past = await book({ start: (await slots()).json().slots[0].start, procedureCode: '2.000815' });
    expect(past.json().error.code).toBe('SLOT_IN_PAST');
    const night = await book({ date: '2026-03-11', start: '21:00' });
    expect(night.json().error.code).toBe('SLOT_NOT_OFFERED');
    const sunday = (await slots('2026-03-15')).json();
    expect(sunday).toMatchObject({ workingDay: false, slots: [] });
    expect((await book({ date: '2026-03-15', start: '08:00' })).json().error.code).toBe('SLOT_NOT_OFFERED');
  });

  it('sends a notice at booking and one reminder on the day', async () => {
    await drainOutbox(sys.ctx, notificationHandlers(sys.ctx));
    expect(await remindAppointments(sys.ctx, new Date('2026-03-10T06:30:00+07:00'))).toBe(1);
    expect(await remindAppointments(sys.ctx, new Date('2026-03-10T06:45:00+07:00'))).toBe(0);
    await drainOutbox(sys.ctx, notificationHandlers(sys.ctx));
    const inbox = (await sys.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: auth(w, 'congdan') })).json();
    const titles = inbox.items.map((n: { title: string }) => n.title);
    expect(titles).toEqual(expect.arrayContaining(['Đã đặt lịch hẹn nộp hồ sơ', 'Nhắc lịch hẹn hôm nay']));
    expect(inbox.items.find((n: { title: string }) => n.title === 'Nhắc lịch hẹn hôm nay').body).toMatch(/Hôm nay 10\/03\/2026, lúc \d{2}:\d{2}–\d{2}:\d{2}, Ông\/Bà có lịch hẹn LH-/);
  });
});
