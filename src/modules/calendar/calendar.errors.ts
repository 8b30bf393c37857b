import { defineErrors } from '#platform/errors.ts';

export const CalendarErrors = defineErrors({
  CALENDAR_YEAR_MISSING: {
    status: 422,
    vi: 'Chưa có lịch làm việc chính thức của năm {year}; quản trị viên cần nhập lịch năm này',
    en: 'There is no official working calendar for {year}; an administrator must add it',
  },
  CALENDAR_YEAR_EXISTS: { status: 409, vi: 'Lịch năm {year} đã có', en: 'The calendar of {year} already exists' },
  CALENDAR_DAY_NOT_FOUND: { status: 404, vi: 'Ngày này không có trong lịch', en: 'This day is not in the calendar' },
});
