import { z } from 'zod';
import type { RoutesPlugin } from '../../http/context.ts';
import { requireActor, requireRole } from '../../http/auth.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { appendAudit } from '#platform/audit.ts';
import { normalizePhone, PHONE_PATTERN } from '#modules/dossiers/index.ts';
import { AppointmentErrors } from './appointments.errors.ts';
import * as repo from './appointments.repository.ts';
import { bookAppointment } from './book-appointment.ts';
import { listSlots } from './list-slots.ts';

const date = z.iso.date();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const AgencyParams = z.object({ code: z.string().trim().min(1).max(60) });

const present = (a: repo.Appointment) => ({
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
  createdAt: toLocalIso(a.createdAt),
});

/** Đặt lịch hẹn nộp hồ sơ tại quầy (issue 12 item 9). */
export const appointmentRoutes: RoutesPlugin = (app, ctx) => {
  const tags = ['appointments'];

  app.get(
    '/api/v1/agencies/:code/slots',
    { schema: { tags, description: 'Khung giờ hẹn của một ngày / the slots of a day', params: AgencyParams, querystring: z.object({ date }) } },
    async (req) => listSlots(ctx.db, { agencyCode: req.params.code, date: req.query.date, now: ctx.clock.now() }),
  );

  app.post(
    '/api/v1/appointments',
    {
      schema: {
        tags,
        description: 'Đặt lịch hẹn / book a slot',
        body: z.object({
          agencyCode: z.string().trim().min(1).max(60),
          procedureCode: z.string().trim().min(1).max(60),
          date,
          start: hhmm,
          phone: z.string().overwrite(normalizePhone).regex(PHONE_PATTERN, 'số điện thoại Việt Nam, ví dụ 0912345678'),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const booked = await ctx.db.transaction((tx) => bookAppointment(tx, { actor, ...req.body, now: ctx.clock.now() }));
      return reply.status(201).send(present(booked));
    },
  );

  app.get('/api/v1/me/appointments', { schema: { tags, description: 'Lịch hẹn của tôi / my bookings' } }, async (req) => {
    const actor = requireActor(req);
    return { items: (await repo.listForUser(ctx.db, actor.id, localDate(ctx.clock.now()))).map(present) };
  });

  app.get(
    '/api/v1/agencies/:code/appointments',
    { schema: { tags, description: 'Lịch hẹn tại quầy / the desk’s bookings of a day', params: AgencyParams, querystring: z.object({ date: date.optional() }) } },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.grants.some((g) => (g.role === 'desk_officer' || g.role === 'leader') && g.agencyCode === req.params.code)) {
        throw AppointmentErrors.BOOKINGS_NOT_ALLOWED();
      }
      const day = req.query.date ?? localDate(ctx.clock.now());
      return ctx.db.transaction(async (tx) => {
        const items = await repo.listForAgency(tx, req.params.code, day);
        // names and phones of citizens: every read is audited
        await appendAudit(tx, {
          chain: `appointments:${req.params.code}`,
          actorId: actor.id,
          action: 'appointment.list',
          subjectType: 'agency',
          subjectId: req.params.code,
          data: { date: day, count: items.length },
          at: ctx.clock.now(),
        });
        return { date: day, items: items.map(present) };
      });
    },
  );

  app.put(
    '/api/v1/admin/agencies/:code/appointment-settings',
    {
      schema: {
        tags,
        description: 'Độ dài khung giờ, số người mỗi khung / slot length and capacity',
        params: AgencyParams,
        body: z.object({ slotMinutes: z.number().int().min(10).max(240), capacity: z.number().int().min(1).max(100) }),
      },
    },
    async (req) => {
      const actor = requireRole(req, 'admin');
      const now = ctx.clock.now();
      return ctx.db.transaction(async (tx) => {
        const day = await listSlots(tx, { agencyCode: req.params.code, date: localDate(now), now }); // 404 for an unknown agency
        await repo.saveSettings(tx, day.agencyCode, req.body, actor.id, now);
        await appendAudit(tx, {
          chain: `appointments:${day.agencyCode}`,
          actorId: actor.id,
          action: 'appointment.settings',
          subjectType: 'agency',
          subjectId: day.agencyCode,
          data: req.body,
          at: now,
        });
        return { agencyCode: day.agencyCode, ...req.body };
      });
    },
  );
};
