import { describe, expect, it } from 'vitest';
import { drainOutbox } from '#platform/outbox.ts';
import { notificationHandlers } from '#modules/notifications/handlers.ts';
import { auth, setNow, type Username, type World, worldPerFile } from '#test/factories.ts';
import type { TestSystem } from '#test/system.ts';
import { remindAppointments } from './remind-appointments.ts';

let sys: TestSystem;
let w: World;

worldPerFile((s, world) => {
  [sys, w] = [s, world];
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

describe('changing a booking (đổi giờ, hủy lịch) and the desk marking it (đã đến, không đến)', () => {
  const D = '2026-03-12'; // a Thursday; one-hour slots of one person (set in the first test)
  const post = (url: string, payload: object, user: Username | null = 'congdan') =>
    sys.app.inject({ method: 'POST', url, headers: user ? auth(w, user) : {}, payload });
  const free = async (date: string, start: string) => (await slots(date)).json().slots.find((s: { start: string }) => s.start === start).free;
  let code = '';
  let starts: string[] = [];

  it('moves a booking to a free slot under the same code; a full slot, another of the same day’s bookings and strangers are refused', async () => {
    setNow(w, '2026-03-11T09:00:00+07:00');
    starts = (await slots(D)).json().slots.map((s: { start: string }) => s.start);
    const first = await book({ date: D, start: starts[0], procedureCode: '2.000815' });
    expect(first.statusCode, first.body).toBe(201);
    code = first.json().code;
    expect((await book({ date: D, start: starts[1], procedureCode: '1.004873' })).statusCode).toBe(201); // takes the only place of the second slot

    const full = await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[1] });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('SLOT_FULL');
    const moved = await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[2] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ code, date: D, start: starts[2], status: 'booked', agencyName: expect.any(String), procedureName: expect.stringContaining('Chứng thực') });
    expect(await free(D, starts[0])).toBe(1); // the old place is given back
    expect(await free(D, starts[2])).toBe(0);
    // Again (a retry): the same booking, nothing else changes.
    const again = await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[2] });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ code, start: starts[2] });
    expect(await free(D, starts[2])).toBe(0);

    // Another day that already holds this citizen's booking of the same procedure at this desk.
    expect((await book({ date: '2026-03-13', start: starts[0], procedureCode: '2.000815' })).statusCode).toBe(201);
    const twice = await post(`/api/v1/appointments/${code}/move`, { date: '2026-03-13', start: starts[1] });
    expect(twice.json().error.code).toBe('ALREADY_BOOKED');
    // A stranger (signed in as someone else, or wrong phone digits) learns nothing.
    expect((await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[3], reason: 'Lý do bất kỳ' }, 'motcua.badinh')).statusCode).toBe(404); // another commune's desk
    // The agency's own desk may, but only with a reason for the citizen.
    const noReason = await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[3] }, 'motcua.hoankiem');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('DESK_REASON_REQUIRED');
    expect((await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[3], phone: '0000' }, null)).statusCode).toBe(404);
    expect((await post('/api/v1/appointments/LH-ZZZZZZ/move', { date: D, start: starts[3], phone: '5678' }, null)).statusCode).toBe(404);
    expect((await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[3], phone: '56' }, null)).statusCode).toBe(400);
  });

  it('is found, moved and cancelled with the code and the last phone digits; the name is masked; cancelling again answers the same', async () => {
    const found = await sys.app.inject({ method: 'GET', url: `/api/v1/appointments/${code.toLowerCase()}?phone=5678` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ code, fullName: 'Nguyễn T*** Á*** T***', phone: '••••••5678' });
    const mine = await sys.app.inject({ method: 'GET', url: `/api/v1/appointments/${code}`, headers: auth(w, 'congdan') });
    expect(mine.json()).toMatchObject({ fullName: 'Nguyễn Thị Ánh Tuyết', phone: '0912345678' });

    const moved = await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[3], phone: '5678' }, null);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().start).toBe(starts[3]);

    const cancelled = await post(`/api/v1/appointments/${code}/cancel`, { phone: '5678' }, null);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ code, status: 'cancelled', fullName: 'Nguyễn T*** Á*** T***' });
    expect(await free(D, starts[3])).toBe(1);
    const again = await post(`/api/v1/appointments/${code}/cancel`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('cancelled');
    expect((await post(`/api/v1/appointments/${code}/move`, { date: D, start: starts[4] })).json().error.code).toBe('BOOKING_CANCELLED');
    const upcoming = (await sys.app.inject({ method: 'GET', url: '/api/v1/me/appointments', headers: auth(w, 'congdan') })).json().items;
    expect(upcoming.map((a: { code: string }) => a.code)).not.toContain(code);
    const audit = await sys.ctx.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE subject_type = 'appointment' AND data->>'code' = $1 ORDER BY id",
      [code],
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['appointment.move', 'appointment.read', 'appointment.cancel']));
    expect(audit.filter((a) => a.action === 'appointment.cancel')).toHaveLength(1);
  });

  it('lets the desk of the agency mark arrived or no-show on the day, not before; a marked booking keeps its place and can no longer be changed', async () => {
    const desk = (user: Username = 'motcua.hoankiem') => (booking: string, outcome: string) => post(`/api/v1/appointments/${booking}/attendance`, { outcome }, user);
    const kept = (await sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${w.agency.hoankiem}/appointments?date=${D}`, headers: auth(w, 'motcua.hoankiem') })).json().items;
    const other = kept[0].code as string; // the second slot's booking, still booked
    const early = await desk()(other, 'arrived');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('ATTENDANCE_TOO_EARLY');
    expect((await desk('motcua.badinh')(other, 'arrived')).statusCode).toBe(404); // another commune's desk
    expect((await desk('congdan')(other, 'arrived')).statusCode).toBe(404);
    expect((await desk()(code, 'arrived')).json().error.code).toBe('BOOKING_CANCELLED');

    setNow(w, new Date(new Date(`${D}T${starts[1]}:00+07:00`).getTime() + 20 * 60_000).toISOString()); // 20 minutes into the slot
    const noShow = await desk()(other, 'no_show');
    expect(noShow.statusCode, noShow.body).toBe(200);
    expect(noShow.json().status).toBe('no_show');
    expect((await desk()(other, 'no_show')).json().status).toBe('no_show'); // again: the same
    const arrived = await desk()(other, 'arrived'); // a wrong mark corrected
    expect(arrived.json().status).toBe('arrived');
    const day = (await sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${w.agency.hoankiem}/appointments?date=${D}`, headers: auth(w, 'motcua.hoankiem') })).json();
    expect(day.items.find((b: { code: string }) => b.code === other)).toMatchObject({ status: 'arrived' });
    expect(day.items.map((b: { code: string }) => b.code)).not.toContain(code); // the cancelled one is gone from the desk's day
    expect(await free(D, starts[1])).toBe(0);
    expect((await post(`/api/v1/appointments/${other}/cancel`, {})).json().error.code).toBe('BOOKING_CLOSED');
  });

  it('lets the desk move or cancel a booking of its agency, with a reason; the citizen is told each change once, in the inbox', async () => {
    setNow(w, '2026-03-16T09:00:00+07:00');
    const DD = '2026-03-18'; // a Wednesday
    const s = (await slots(DD)).json().slots.map((x: { start: string }) => x.start);
    const booked = await book({ date: DD, start: s[0], procedureCode: '2.000815' });
    expect(booked.statusCode, booked.body).toBe(201);
    const mine = booked.json().code as string;
    const reason = 'Cán bộ tiếp nhận đi tập huấn buổi sáng';

    const short = await post(`/api/v1/appointments/${mine}/cancel`, { reason: 'vì' }, 'motcua.hoankiem');
    expect(short.json().error.code).toBe('DESK_REASON_REQUIRED');
    const moved = await post(`/api/v1/appointments/${mine}/move`, { date: DD, start: s[4], reason }, 'motcua.hoankiem');
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ code: mine, start: s[4], fullName: 'Nguyễn Thị Ánh Tuyết' }); // the desk sees the name, as in its list
    expect((await post(`/api/v1/appointments/${mine}/move`, { date: DD, start: s[4], reason }, 'motcua.hoankiem')).statusCode).toBe(200); // a retry
    const cancelled = await post(`/api/v1/appointments/${mine}/cancel`, { reason: 'Cơ quan nghỉ đột xuất để phòng chống bão' }, 'motcua.hoankiem');
    expect(cancelled.json()).toMatchObject({ code: mine, status: 'cancelled' });
    expect((await post(`/api/v1/appointments/${mine}/cancel`, { reason: 'Cơ quan nghỉ đột xuất để phòng chống bão' }, 'motcua.hoankiem')).statusCode).toBe(200); // a retry
    const audit = await sys.ctx.db.query<{ action: string; by: string; reason: string | null }>(
      "SELECT action, data->>'by' AS by, data->>'reason' AS reason FROM audit_log WHERE subject_type = 'appointment' AND data->>'code' = $1 AND action IN ('appointment.move', 'appointment.cancel') ORDER BY id",
      [mine],
    );
    expect(audit).toEqual([
      { action: 'appointment.move', by: 'desk', reason },
      { action: 'appointment.cancel', by: 'desk', reason: 'Cơ quan nghỉ đột xuất để phòng chống bão' },
    ]);

    await drainOutbox(sys.ctx, notificationHandlers(sys.ctx));
    await drainOutbox(sys.ctx, notificationHandlers(sys.ctx)); // again: nothing doubles
    const items = (await sys.app.inject({ method: 'GET', url: '/api/v1/me/notifications?limit=50', headers: auth(w, 'congdan') })).json().items as { title: string; body: string; link: string | null }[];
    const about = (c: string) => items.filter((n) => n.body.includes(c));
    const dmy = DD.split('-').reverse().join('/');
    expect(about(mine).map((n) => n.title).sort()).toEqual(['Cơ quan đã hủy lịch hẹn của Ông/Bà', 'Cơ quan đã đổi giờ hẹn của Ông/Bà', 'Đã đặt lịch hẹn nộp hồ sơ']);
    const move = about(mine).find((n) => n.title === 'Cơ quan đã đổi giờ hẹn của Ông/Bà');
    expect(move?.body).toContain(`từ ${s[0]}–`);
    expect(move?.body).toContain(`sang ${s[4]}–`);
    expect(move?.body).toContain(`ngày ${dmy}`);
    expect(move?.body).toContain(`Lý do: ${reason}.`);
    expect(move?.link).toBe('/lich-hen');
    expect(about(mine).find((n) => n.title === 'Cơ quan đã hủy lịch hẹn của Ông/Bà')?.body).toContain('Lý do: Cơ quan nghỉ đột xuất để phòng chống bão.');
    // The citizen's own changes (the tests above, with the code and phone digits) are confirmed too, without a reason.
    expect(about(code).map((n) => n.title)).toEqual(expect.arrayContaining(['Đã đổi giờ hẹn', 'Đã hủy lịch hẹn']));
    expect(about(code).some((n) => n.body.includes('Lý do'))).toBe(false);
    for (const n of items) expect(n.body).toBe(n.body.normalize('NFC'));
  });

  it('shows the administrator an agency’s settings, the defaults until set', async () => {
    const get = (agency: string, user: Username = 'admin') => sys.app.inject({ method: 'GET', url: `/api/v1/admin/agencies/${agency}/appointment-settings`, headers: auth(w, user) });
    expect((await get(w.agency.hoankiem)).json()).toMatchObject({ agencyCode: w.agency.hoankiem, slotMinutes: 60, capacity: 1, isDefault: false });
    expect((await get(w.agency.badinh)).json()).toMatchObject({ slotMinutes: 30, capacity: 2, isDefault: true });
    expect((await get(w.agency.hoankiem, 'motcua.hoankiem')).statusCode).toBe(403);
    expect((await get('KHONG-CO')).statusCode).toBe(404);
  });
});
