import { requireRole } from '../../http/auth.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { validationFailed } from '#platform/errors.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { errors, mutationErrors, signedInErrors } from '#platform/contract.ts';
import {
  AddedDate,
  AddWorkingDaysQuery,
  CalendarStatus,
  CalendarYear,
  Confirmed,
  CreateYearBody,
  DayBody,
  DayParams,
  DayRemoved,
  DaySet,
  YearCreated,
  YearParams,
} from './calendar.contract.ts';
import { CalendarErrors } from './calendar.errors.ts';
import { calendarRepository as repo } from './calendar.repository.ts';
import { addWorkingDays } from './calendar-service.ts';
import { calendarStatus, confirmYear, createYear, removeDay, setDay } from './edit-calendar.ts';

const tags = ['calendar'];
/** api.md §4 calendar endpoints, and the administrator's editor. */
export const calendarRoutes: RoutesPlugin = async (app, ctx) => {
  const { db, clock } = ctx;
  app.get(
    '/api/v1/calendar/add-working-days',
    {
      schema: {
        tags,
        description: 'Cộng ngày làm việc (ngày 1 là ngày làm việc đầu tiên sau from) / add working days',
        querystring: AddWorkingDaysQuery,
        response: { 200: AddedDate, ...errors(404, 422) },
      },
    },
    async (req) => ({ date: await addWorkingDays(db, req.query.from, req.query.days) }),
  );

  app.get(
    '/api/v1/calendar/:year',
    { schema: { tags, description: 'Lịch làm việc chính thức của một năm', params: YearParams, response: { 200: CalendarYear, ...errors(404, 422) } } },
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
    { schema: { tags, description: 'Lịch năm nay và năm sau: chính thức, tạm tính hay chưa có / calendar status', response: { 200: CalendarStatus, ...signedInErrors } } },
    async (req) => {
      requireRole(req, 'admin');
      return calendarStatus(db, { today: localDate(clock.now()) });
    },
  );

  app.post(
    '/api/v1/admin/calendar/:year/confirm',
    { schema: { tags, description: 'Xác nhận lịch tạm tính / confirm a provisional calendar', params: YearParams, response: { 200: Confirmed, ...mutationErrors } } },
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
        description: 'Tạo lịch một năm / create a year',
        params: YearParams,
        body: CreateYearBody,
        response: { 201: YearCreated, ...mutationErrors },
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
        description: 'Đặt một ngày nghỉ, nghỉ bù hoặc làm bù / set one day',
        params: DayParams,
        body: DayBody,
        response: { 200: DaySet, ...mutationErrors },
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
    { schema: { tags, description: 'Bỏ một ngày / remove one day', params: DayParams, response: { 200: DayRemoved, ...mutationErrors } } },
    async (req) => {
      const actor = requireRole(req, 'admin');
      await db.transaction((tx) => removeDay(tx, { actor, now: clock.now(), date: req.params.date }));
      return { date: req.params.date, removed: true as const };
    },
  );
  // the current and next year's calendars exist, provisional if nobody entered them
};
