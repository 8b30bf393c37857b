import { getSolarDate } from '@dqcai/vn-lunar';
import { weekdayOf } from '#platform/clock.ts';
import { addDays, type CalendarYear, type DayKind } from './working-calendar.ts';

/**
 * A provisional working calendar for a year nobody has entered yet, from the law itself, so
 * that reception never stops for want of a calendar (docs/modules/calendar.md):
 *
 * - Bộ luật Lao động 2019, Điều 112: Tết Dương lịch 01/01; Tết Âm lịch 05 ngày; Giỗ Tổ Hùng
 *   Vương 10/3 âm lịch; Ngày Chiến thắng 30/4; Quốc tế lao động 01/5; Quốc khánh 02/9 and one
 *   adjacent day (01/9 or 03/9).
 * - Điều 111: a holiday falling on a weekly rest day is taken on the next working day (nghỉ bù).
 *
 * The five Tết days are the last day of the lunar year and the first four of the new one (the
 * pattern of 2026; the Prime Minister's yearly notice may shift them). The adjacent day of
 * Quốc khánh is the one that joins the weekend: 01/9 when 02/9 is a Tuesday or a Saturday,
 * 03/9 when it is a Thursday or a Sunday; otherwise 01/9 (03/9 if 01/9 is a rest day).
 *
 * Lunar dates come from @dqcai/vn-lunar, which computes the Vietnamese lunar calendar (new
 * moons at UTC+7: Tết 1985 is 21 January, not the Chinese 20 February). Every day generated is
 * `verified: false` and the year is provisional until an administrator confirms it. Pure.
 */
export interface GeneratedYear extends CalendarYear {
  source: string;
  days: { date: string; kind: DayKind; name: string; verified: boolean }[];
}

const SAT = 6;
const SUN = 0;
const DEFAULT_WEEKEND = [SAT, SUN];
const DEFAULT_OFFICE_HOURS: CalendarYear['officeHours'] = { morning: ['07:30', '11:30'], afternoon: ['13:00', '17:00'] };

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The Gregorian date of a lunar date (day, month) of lunar year `lunarYear` (never a leap month). */
export function lunarToSolar(day: number, month: number, lunarYear: number): string {
  const s = getSolarDate(day, month, lunarYear, false);
  if (!s?.year) throw new Error(`no solar date for lunar ${day}/${month}/${lunarYear}`);
  return iso(s.year, s.month, s.day);
}

/** Mùng 1 Tết of the lunar year that starts in Gregorian year `year`. */
export const tetOf = (year: number) => lunarToSolar(1, 1, year);

export function generateYear(year: number, weekendDays: number[] = DEFAULT_WEEKEND): GeneratedYear {
  const rest = (date: string) => weekendDays.includes(weekdayOf(date));
  const holidays: { date: string; name: string }[] = [];
  holidays.push({ date: iso(year, 1, 1), name: 'Tết Dương lịch' });
  const tet = tetOf(year);
  for (let i = -1; i <= 3; i++) holidays.push({ date: addDays(tet, i), name: 'Tết Nguyên đán' });
  holidays.push({ date: lunarToSolar(10, 3, year), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  holidays.push({ date: iso(year, 4, 30), name: 'Ngày Chiến thắng' });
  holidays.push({ date: iso(year, 5, 1), name: 'Ngày Quốc tế lao động' });
  const national = iso(year, 9, 2);
  const before = iso(year, 9, 1);
  const after = iso(year, 9, 3);
  const nationalDay = weekdayOf(national);
  const adjacent = nationalDay === 4 || nationalDay === SUN || rest(before) ? after : before;
  holidays.push({ date: adjacent, name: 'Quốc khánh (ngày liền kề)' }, { date: national, name: 'Quốc khánh' });
  holidays.sort((a, b) => a.date.localeCompare(b.date));

  const taken = new Set(holidays.map((h) => h.date));
  const days: GeneratedYear['days'] = holidays.map((h) => ({ ...h, kind: 'holiday' as const, verified: false }));
  // Điều 111: each holiday on a rest day is taken on the next working day still free.
  for (const h of holidays) {
    if (!rest(h.date)) continue;
    let d = addDays(h.date, 1);
    while (rest(d) || taken.has(d)) d = addDays(d, 1);
    if (!d.startsWith(String(year))) continue; // (never happens with these dates; the next year is another calendar)
    taken.add(d);
    days.push({ date: d, kind: 'compensatory', name: `Nghỉ bù ${h.name} (${h.date.slice(8, 10)}/${h.date.slice(5, 7)} là ngày nghỉ hằng tuần)`, verified: false });
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  return {
    year,
    weekendDays,
    officeHours: DEFAULT_OFFICE_HOURS,
    source:
      'Tạm tính tự động theo Bộ luật Lao động 2019 Điều 111–112 (âm lịch Việt Nam, UTC+7); chờ quản trị viên đối chiếu thông báo nghỉ lễ, Tết chính thức và xác nhận',
    days,
  };
}
