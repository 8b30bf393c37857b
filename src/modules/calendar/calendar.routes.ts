import { z } from 'zod';
import { requireRole } from '../../http/auth.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { validationFailed } from '#platform/errors.ts';
import type { RoutesPlugin } from '../../http/context.ts';
import { CalendarErrors } from './calendar.errors.ts';
import { calendarRepository as repo } from './calendar.repository.ts';
import { addWorkingDays, scheduleCalendarYears } from './calendar-service.ts';
import { calendarStatus, confirmYear, createYear, removeDay, setDay } from './edit-calendar.ts';

const tags = ['calendar'];
const isoDate = z.iso.date();
const year = z.coerce.number().int().min(2000).max(2100);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const dayKind = z.enum(['holiday', 'compensatory', 'swap_off', 'working_weekend']);

/** api.md §4 calendar endpoints, and the administrator's editor. */
export const calendarRoutes: RoutesPlugin = async (app, ctx) => {
  const { db, clock } = ctx;
  app.get(
    '/api/v1/calendar/add-working-days',
    {
      schema: {
        tags,
        description: 'Cộng ngày làm việc (ngày 1 là ngày làm việc đầu tiên sau from) / add working days',
        querystring: z.object({ from: isoDate, days: z.coerce.number().int().min(0).max(3650) }),
      },
    },
    async (req) => ({ date: await addWorkingDays(db, req.query.from, req.query.days) }),
  );

  app.get(
    '/api/v1/calendar/:year',
    { schema: { tags, description: 'Lịch làm việc chính thức của một năm', params: z.object({ year }) } },
    async (req) => {
      const found = await repo.findYear(db, req.params.year);
      if (!found) throw CalendarErrors.CALENDAR_YEAR_MISSING({ year: req.params.year }, { year: req.params.year });
      const days = await repo.listDays(db, req.params.year);
      return {
        year: found.year,
        version: found.version,
        provisional: found.provisional,
        source: found.source,
        confirmedAt: found.confirmedAt ? toLocalIso(found.confirmedAt) : null,
        holidays: days.filter((d) => d.kind !== 'working_weekend').map((d) => ({ date: d.date, name: d.name, kind: d.kind, verified: d.verified })),
        workingWeekendDays: days.filter((d) => d.kind === 'working_weekend').map((d) => d.date),
        workingWeekends: days.filter((d) => d.kind === 'working_weekend').map((d) => ({ date: d.date, name: d.name, verified: d.verified })),
      };
    },
  );

  app.get(
    '/api/v1/admin/calendar-status',
    { schema: { tags, description: 'Lịch năm nay và năm sau: chính thức, tạm tính hay chưa có / calendar status' } },
    async (req) => {
      requireRole(req, 'admin');
      return calendarStatus(db, { today: localDate(clock.now()) });
    },
  );

  app.post(
    '/api/v1/admin/calendar/:year/confirm',
    { schema: { tags, description: 'Xác nhận lịch tạm tính / confirm a provisional calendar', params: z.object({ year }) } },
    async (req) => {
      const actor = requireRole(req, 'admin');
      const found = await db.transaction((tx) => confirmYear(tx, { actor, now: clock.now(), year: req.params.year }));
      return { year: req.params.year, provisional: found?.provisional ?? false, version: found?.version };
    },
  );

  app.put(
    '/api/v1/admin/calendar/:year',
    {
      schema: {
        tags,
        params: z.object({ year }),
        body: z.object({
          weekendDays: z.array(z.number().int().min(0).max(6)).max(3).default([6, 0]),
          officeHours: z
            .object({ morning: z.tuple([hhmm, hhmm]), afternoon: z.tuple([hhmm, hhmm]) })
            .default({ morning: ['07:30', '11:30'], afternoon: ['13:00', '17:00'] }),
          source: z.string().max(500).nullable().default(null),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, 'admin');
      await db.transaction((tx) => createYear(tx, { actor, now: clock.now(), year: req.params.year, ...req.body }));
      reply.status(201);
      return { year: req.params.year };
    },
  );

  app.put(
    '/api/v1/admin/calendar/:year/days/:date',
    {
      schema: {
        tags,
        params: z.object({ year, date: isoDate }),
        body: z.object({ kind: dayKind, name: z.string().trim().min(1).max(200), verified: z.boolean().default(false) }),
      },
    },
    async (req) => {
      const actor = requireRole(req, 'admin');
      if (!req.params.date.startsWith(String(req.params.year))) {
        throw validationFailed([{ field: 'params.date', message: 'date must fall in the year' }]);
      }
      await db.transaction((tx) => setDay(tx, { actor, now: clock.now(), date: req.params.date, ...req.body }));
      return { date: req.params.date, ...req.body };
    },
  );

  app.delete(
    '/api/v1/admin/calendar/:year/days/:date',
    { schema: { tags, params: z.object({ year, date: isoDate }) } },
    async (req) => {
      const actor = requireRole(req, 'admin');
      await db.transaction((tx) => removeDay(tx, { actor, now: clock.now(), date: req.params.date }));
      return { date: req.params.date, removed: true };
    },
  );
  // the current and next year's calendars exist, provisional if nobody entered them
  await scheduleCalendarYears(ctx);
};
