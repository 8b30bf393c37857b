import { routeKit } from '../../http/route-kit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { validationFailed } from '#platform/errors.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { errors, mutationErrors, signedInErrors } from '#platform/contract.ts';
import {
  AddedDate,
  AddWorkingDaysQuery,
  CalendarStatus,
  CalendarYear,
  ConfirmBody,
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

/** api.md §4 calendar endpoints, and the administrator's editor. */
export const calendarRoutes: RoutesPlugin = async (app, ctx) => {
  const { db } = ctx;
  const route = routeKit(app, ctx, { tags: ['calendar'] });

  route.get(
    '/api/v1/calendar/add-working-days',
    {
      description: 'Cộng ngày làm việc (ngày 1 là ngày làm việc đầu tiên sau from) / add working days',
      querystring: AddWorkingDaysQuery,
      response: { 200: AddedDate, ...errors(404, 422) },
    },
    async (req) => ({ date: await addWorkingDays(db, req.query.from, req.query.days) }),
  );

  route.get(
    '/api/v1/calendar/:year',
    { description: 'Lịch làm việc chính thức của một năm', params: YearParams, response: { 200: CalendarYear, ...errors(404, 422) } },
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

  route.get(
    '/api/v1/admin/calendar-status',
    { description: 'Lịch năm nay và năm sau: chính thức, tạm tính hay chưa có / calendar status', response: { 200: CalendarStatus, ...signedInErrors } },
    route.signedIn(({ now }) => calendarStatus(db, { today: localDate(now) }), 'admin'),
  );

  route.post(
    '/api/v1/admin/calendar/:year/confirm',
    { description: 'Xác nhận lịch tạm tính / confirm a provisional calendar', params: YearParams, body: ConfirmBody, response: { 200: Confirmed, ...mutationErrors } },
    route.inTransaction(async ({ req, actor, now, tx }) => {
      const found = await confirmYear(tx, { actor, now, year: req.params.year, source: req.body.source });
      return { year: req.params.year, provisional: found?.provisional ?? false, version: found?.version };
    }, 'admin'),
  );

  route.put(
    '/api/v1/admin/calendar/:year',
    { description: 'Tạo lịch một năm / create a year', params: YearParams, body: CreateYearBody, response: { 201: YearCreated, ...mutationErrors } },
    route.signedIn(async ({ req, reply, actor, now }) => {
      await db.transaction((tx) => createYear(tx, { actor, now, year: req.params.year, ...req.body }));
      reply.status(201);
      return { year: req.params.year };
    }, 'admin'),
  );

  route.put(
    '/api/v1/admin/calendar/:year/days/:date',
    { description: 'Đặt một ngày nghỉ, nghỉ bù hoặc làm bù / set one day', params: DayParams, body: DayBody, response: { 200: DaySet, ...mutationErrors } },
    route.signedIn(async ({ req, actor, now }) => {
      if (!req.params.date.startsWith(String(req.params.year))) {
        throw validationFailed([{ field: 'params.date', message: 'date must fall in the year' }]);
      }
      await db.transaction((tx) => setDay(tx, { actor, now, date: req.params.date, ...req.body }));
      return { date: req.params.date, ...req.body };
    }, 'admin'),
  );

  route.delete(
    '/api/v1/admin/calendar/:year/days/:date',
    { description: 'Bỏ một ngày / remove one day', params: DayParams, response: { 200: DayRemoved, ...mutationErrors } },
    route.inTransaction(async ({ req, actor, now, tx }) => {
      await removeDay(tx, { actor, now, date: req.params.date });
      return { date: req.params.date, removed: true as const };
    }, 'admin'),
  );
  // the current and next year's calendars exist, provisional if nobody entered them
};
