import type { Actor } from '#platform/actor.ts';
import { errors, mutationErrors, publicErrors, signedInErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import type { Tx } from '#platform/db.ts';
import { routeKit } from '../../http/route-kit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { audit } from '#platform/audit.ts';
import { AppointmentErrors } from './appointments.errors.ts';
import * as repo from './appointments.repository.ts';
import { bookAppointment } from './book-appointment.ts';
import { findOwnBooking } from './booking-access.ts';
import { cancelAppointment } from './cancel-appointment.ts';
import { listSlots } from './list-slots.ts';
import { markAttendance } from './mark-attendance.ts';
import { moveAppointment } from './move-appointment.ts';
import { DEFAULT_SETTINGS } from './slots.ts';
import { maskName } from '#modules/dossiers/index.ts';
import { may } from './policy.ts';

import {
  AgencyParams,
  AttendanceBody,
  BookBody,
  Booking,
  BookingList,
  BookingParams,
  CancelBody,
  DaySlots,
  DeskDay,
  DeskDayQuery,
  MoveBody,
  PhoneQuery,
  SettingsBody,
  SlotSettings,
  SlotsQuery,
} from './appointments.contract.ts';

const present = (a: repo.Appointment): Booking => ({
  id: a.id,
  code: a.code,
  agencyCode: a.agencyCode,
  procedureCode: a.procedureCode,
  date: a.date,
  start: a.startTime,
  end: a.endTime,
  fullName: a.fullName,
  phone: a.phone,
  status: a.status,
  agencyName: a.agencyName ?? null,
  procedureName: a.procedureName ?? null,
  createdAt: toLocalIso(a.createdAt),
  statusAt: a.statusAt ? toLocalIso(a.statusAt) : null,
});

/** Found with the code and phone digits only: the name masked and the phone shortened, as in tracking (the desk sees them whole, as in its list). */
const presentToCaller = (a: repo.Appointment & { byOwner: boolean; byDesk?: boolean }): Booking =>
  a.byOwner || a.byDesk ? present(a) : { ...present(a), fullName: maskName(a.fullName), phone: `••••••${a.phone.slice(-4)}` };
/** Changed by the desk of the booking's agency (not its own citizen). */
const byDesk = (actor: Actor | null, booking: repo.Appointment) => !!actor && actor.id !== booking.userId && may.serve(actor, booking.agencyCode);

/** Đặt lịch hẹn nộp hồ sơ tại quầy (issue 12 item 9). */
export const appointmentRoutes: RoutesPlugin = (app, ctx) => {
  const route = routeKit(app, ctx, { tags: ['appointments'] });
  const perMinute = { config: { rateLimit: { timeWindow: '1 minute' } } };

  /** Cancel and move: by the booker (signed in, or code + phone digits) or the agency's desk, answered as that caller may see the booking. */
  async function changeAsCaller(actor: Actor | null, change: (tx: Tx) => Promise<repo.Appointment>) {
    const booking = await ctx.db.transaction(change);
    return presentToCaller({ ...booking, byOwner: !!actor && actor.id === booking.userId, byDesk: byDesk(actor, booking) });
  }

  route.get(
    '/api/v1/agencies/:code/slots',
    { description: 'Khung giờ hẹn của một ngày / the slots of a day', params: AgencyParams, querystring: SlotsQuery, response: { 200: DaySlots, ...publicErrors } },
    async (req) => listSlots(ctx.db, { agencyCode: req.params.code, date: req.query.date, now: ctx.clock.now() }),
  );

  route.post(
    '/api/v1/appointments',
    { description: 'Đặt lịch hẹn / book a slot', body: BookBody, response: { 201: Booking, ...mutationErrors } },
    route.signedIn(async ({ req, reply, actor, now }) => {
      const booked = await ctx.db.transaction((tx) => bookAppointment(tx, { actor, ...req.body, now }));
      return reply.status(201).send(present(booked));
    }),
  );

  route.get(
    '/api/v1/me/appointments',
    { description: 'Lịch hẹn của tôi / my bookings', response: { 200: BookingList, ...errors(401) } },
    route.signedIn(async ({ actor, now }) => ({ items: (await repo.listForUser(ctx.db, actor.id, localDate(now))).map(present) })),
  );

  route.get(
    '/api/v1/agencies/:code/appointments',
    { description: 'Lịch hẹn tại quầy / the desk’s bookings of a day', params: AgencyParams, querystring: DeskDayQuery, response: { 200: DeskDay, ...signedInErrors } },
    route.signedIn(({ req, actor, now }) => {
      if (!may.serve(actor, req.params.code)) throw AppointmentErrors.BOOKINGS_NOT_ALLOWED();
      const day = req.query.date ?? localDate(now);
      return ctx.db.transaction(async (tx) => {
        const items = await repo.listForAgency(tx, req.params.code, day);
        // names and phones of citizens: every read is audited
        await audit(tx, { actor, now }, 'appointment.list', {
          chain: `appointments:${req.params.code}`,
          subject: ['agency', req.params.code],
          data: { date: day, count: items.length },
        });
        return { date: day, items: items.map(present) };
      });
    }),
  );

  route.get(
    '/api/v1/appointments/:code',
    {
      description: 'Một lịch hẹn, theo mã (người đặt đã đăng nhập, hoặc 4 số cuối điện thoại ?phone=) / one booking by its code',
      params: BookingParams,
      querystring: PhoneQuery,
      response: { 200: Booking, ...publicErrors },
    },
    async (req) => {
      const actor = req.actor ?? null;
      return ctx.db.transaction(async (tx) => {
        const booking = await findOwnBooking(tx, { code: req.params.code, actor, phoneTail: req.query.phone ?? null });
        await audit(tx, { actor, now: ctx.clock.now() }, 'appointment.read', {
          chain: `appointments:${booking.agencyCode}`,
          subject: ['appointment', booking.id],
          data: { code: booking.code, by: booking.byOwner ? 'account' : 'phone' },
        });
        return presentToCaller(booking);
      });
    },
    perMinute,
  );

  route.post(
    '/api/v1/appointments/:code/cancel',
    {
      description:
        'Hủy lịch hẹn (người đặt, mã + 4 số cuối điện thoại, hoặc cán bộ một cửa của cơ quan kèm lý do); lặp lại trả về lịch đã hủy / cancel a booking (idempotent)',
      params: BookingParams,
      body: CancelBody,
      response: { 200: Booking, ...errors(403, 404, 409, 422) },
    },
    async (req) => {
      const actor = req.actor ?? null;
      const input = { code: req.params.code, actor, phoneTail: req.body.phone ?? null, reason: req.body.reason ?? null, now: ctx.clock.now() };
      return changeAsCaller(actor, (tx) => cancelAppointment(tx, input));
    },
    perMinute,
  );

  route.post(
    '/api/v1/appointments/:code/move',
    {
      description:
        'Đổi giờ hẹn sang khung giờ khác, giữ mã (người đặt, mã + 4 số cuối điện thoại, hoặc cán bộ một cửa của cơ quan kèm lý do) / move a booking to another slot (idempotent)',
      params: BookingParams,
      body: MoveBody,
      response: { 200: Booking, ...errors(403, 404, 409, 422) },
    },
    async (req) => {
      const actor = req.actor ?? null;
      const input = { code: req.params.code, actor, phoneTail: req.body.phone ?? null, reason: req.body.reason ?? null, date: req.body.date, start: req.body.start, now: ctx.clock.now() };
      return changeAsCaller(actor, (tx) => moveAppointment(tx, input));
    },
    perMinute,
  );

  route.post(
    '/api/v1/appointments/:code/attendance',
    {
      description: 'Cán bộ một cửa ghi nhận người hẹn đã đến / không đến / the desk marks a booking arrived or no-show (idempotent)',
      params: BookingParams,
      body: AttendanceBody,
      response: { 200: Booking, ...mutationErrors },
    },
    route.inTransaction(async ({ req, actor, now, tx }) => present(await markAttendance(tx, { code: req.params.code, actor, outcome: req.body.outcome, now }))),
  );

  route.get(
    '/api/v1/admin/agencies/:code/appointment-settings',
    { description: 'Cấu hình lịch hẹn của cơ quan / an agency’s slot length and capacity', params: AgencyParams, response: { 200: SlotSettings, ...signedInErrors } },
    route.signedIn(async ({ req, now }) => {
      const day = await listSlots(ctx.db, { agencyCode: req.params.code, date: localDate(now), now }); // 404 for an unknown agency
      const own = await repo.findSettings(ctx.db, day.agencyCode);
      return { agencyCode: day.agencyCode, agencyName: day.agencyName, ...(own ?? DEFAULT_SETTINGS), isDefault: !own };
    }, 'admin'),
  );

  route.put(
    '/api/v1/admin/agencies/:code/appointment-settings',
    { description: 'Độ dài khung giờ, số người mỗi khung / slot length and capacity', params: AgencyParams, body: SettingsBody, response: { 200: SlotSettings, ...mutationErrors } },
    route.inTransaction(async ({ req, actor, now, tx }) => {
      const day = await listSlots(tx, { agencyCode: req.params.code, date: localDate(now), now }); // 404 for an unknown agency
      await repo.saveSettings(tx, day.agencyCode, req.body, actor.id, now);
      await audit(tx, { actor, now }, 'appointment.settings', { chain: `appointments:${day.agencyCode}`, subject: ['agency', day.agencyCode], data: req.body });
      return { agencyCode: day.agencyCode, ...req.body };
    }, 'admin'),
  );
};
