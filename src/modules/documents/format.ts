import { toLocalIso } from '#platform/clock.ts';
import type { Deadline } from '#modules/calendar/index.ts';

function parts(iso: string) {
  const d = toLocalIso(new Date(iso));
  return { y: d.slice(0, 4), m: d.slice(5, 7), d: d.slice(8, 10), hh: d.slice(11, 13), mm: d.slice(14, 16) };
}

/** 'dd/mm/yyyy' in Asia/Ho_Chi_Minh. */
export function formatDate(iso: string): string {
  const p = parts(iso);
  return `${p.d}/${p.m}/${p.y}`;
}

/** 'hh giờ mm phút, ngày dd/mm/yyyy' (the appointment line of Mẫu 01). */
export function formatAppointment(iso: string): string {
  const p = parts(iso);
  return `${p.hh} giờ ${p.mm} phút, ngày ${p.d}/${p.m}/${p.y}`;
}

/** 'hh:mm dd/mm/yyyy' (tables). */
export function formatDateTime(iso: string): string {
  const p = parts(iso);
  return `${p.hh}:${p.mm} ${p.d}/${p.m}/${p.y}`;
}

const units: Record<Deadline['unit'], string> = {
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
  working_hours: 'giờ làm việc',
  same_day: 'trong ngày',
};

/** '05 ngày làm việc', 'Trong ngày'. */
export function formatDeadline(deadline: Deadline): string {
  if (deadline.unit === 'same_day') return 'Trong ngày';
  return `${String(deadline.value).padStart(2, '0')} ${units[deadline.unit]}`;
}

/** Free text as printed on a form: any ISO date (yyyy-mm-dd) in it becomes dd/mm/yyyy. */
export function viDates(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');
}
