import { randomUUID } from 'node:crypto';
import { localDate, localInstant, localTime } from '#platform/clock.ts';
import type { Db } from '#platform/db.ts';
import { loadCalendar, type WorkingCalendar } from '#modules/calendar/index.ts';
import { rebuildIndicators } from './rebuild.ts';
import { type SyntheticDossier, syntheticRepository as repo } from './synthetic.repository.ts';

/** A small seeded generator (mulberry32): the same seed gives the same history. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thu', 'Hoài'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Yến'];

/**
 * Parameters of the synthetic history [R — assumptions, not measurements; documented in
 * docs/modules/indicators.md]: channel shares, outcome shares, rating shares, and a weight per
 * commune standing in for its population (the repository holds no population figures):
 * wards 3, communes 1, special zones 0.5, ×1.5 in the six municipalities.
 */
export const SYNTHETIC = {
  channels: [
    ['online', 0.45],
    ['direct', 0.5],
    ['postal', 0.05],
  ],
  withdrawn: 0.02,
  stopped: 0.015,
  early: 0.62,
  onTime: 0.27, // the rest of the resolved are late
  rated: 0.25,
  dissatisfied: 0.06,
  weight: { ward: 3, commune: 1, special_zone: 0.5 } as Record<string, number>,
  municipality: 1.5,
} as const;

const at = (date: string, minute: number) => localInstant(date, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);

/**
 * `motcua generate dossiers --count N --from YYYY-MM-DD`: N received dossiers of commune
 * procedures at commune People's Committees across the 34 provinces, submitted on working days
 * between `from` and `now`, each with its action log (submit, receive, assign, approve / stop /
 * withdraw, return) and some ratings; then the indicators are rebuilt. Dossiers whose result
 * would come after `now` stay in progress. `provinces` limits the history to those provinces (one
 * installation's share); `numberFrom` starts each agency's daily numbers there (default: after the
 * dossiers the database holds, so a second run adds to the history without taking a code twice).
 */
export async function generateDossiers(
  db: Db,
  input: { count: number; from: string; now: Date; seed?: number; batch?: number; rebuild?: boolean; provinces?: string[]; numberFrom?: number; onProgress?: (n: number) => void },
): Promise<{ generated: number; indicators: { dossiers: number; steps: number } | null }> {
  const random = rng(input.seed ?? 766);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const { agencies, procedures, cal, held } = await db.transaction(async (tx) => ({
    held: await repo.dossierCount(tx),
    agencies: (await repo.communeAgencies(tx)).filter((a) => !input.provinces || input.provinces.includes(a.provinceCode)),
    procedures: (await repo.communeProcedures(tx)).filter((p) => p.deadline?.value !== null),
    cal: await loadCalendar(tx),
  }));
  if (agencies.length === 0 || procedures.length === 0) throw new Error('generate: no commune agencies or commune procedures (seed first)');
  const cumulative: number[] = [];
  let total = 0;
  for (const a of agencies) {
    total += (SYNTHETIC.weight[a.communeKind] ?? 1) * (a.provinceKind === 'municipality' ? SYNTHETIC.municipality : 1);
    cumulative.push(total);
  }
  const pickAgency = () => {
    const r = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return agencies[lo];
  };
  const days: string[] = [];
  const today = localDate(input.now);
  for (let d = input.from; d <= today; d = addDay(d)) if (safeWorking(cal, d)) days.push(d);
  const counters = new Map<string, number>();
  const size = input.batch ?? 2000;
  let generated = 0;
  while (generated < input.count) {
    const batch: SyntheticDossier[] = [];
    for (let i = 0; i < Math.min(size, input.count - generated); i++) batch.push(oneDossier());
    await db.transaction((tx) => repo.insert(tx, batch));
    generated += batch.length;
    input.onProgress?.(generated);
  }
  const indicators = input.rebuild === false ? null : await rebuildIndicators(db);
  return { generated, indicators };

  function oneDossier(): SyntheticDossier {
    const agency = pickAgency();
    const proc = pick(procedures);
    const day = pick(days);
    // never after `now`: a history has no submission or reception in the future
    const submittedAt = new Date(Math.min(at(day, 7 * 60 + 30 + Math.floor(random() * 540)).getTime(), input.now.getTime() - 10 * 60_000));
    let r = random();
    const channel = (SYNTHETIC.channels.find(([, share]) => (r -= share) < 0) ?? SYNTHETIC.channels[0])[0];
    // online dossiers are received within a working day (at once when that day is still to come), counter dossiers at once
    const nextDay = channel === 'online' && random() < 0.6 ? at(nextWorking(cal, day), 8 * 60 + Math.floor(random() * 480)) : null;
    const receivedAt = nextDay && nextDay.getTime() <= input.now.getTime() ? nextDay : new Date(submittedAt.getTime() + 5 * 60_000);
    const receivedDay = localDate(receivedAt);
    const deadline = Math.max(0, proc.deadline.value ?? 3);
    const dueDate = safeAdd(cal, receivedDay, deadline);
    const dueAt = at(dueDate, 17 * 60);
    const key = `${agency.code}-${receivedDay}`;
    const n = (counters.get(key) ?? (input.numberFrom ?? held + 1) - 1) + 1;
    counters.set(key, n);
    const code = `${agency.code}-${receivedDay.slice(2).replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
    const fullName = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    const applicant = {
      fullName,
      idNumber: `0${String(Math.floor(random() * 96) + 1).padStart(2, '0')}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
      phone: `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      address: { communeCode: agency.communeCode, detail: `Số ${1 + Math.floor(random() * 200)}` },
    };
    const actions: SyntheticDossier['actions'] = [
      { action: 'submit', at: submittedAt, data: { receivingAgency: agency.code, competentAgency: agency.code, channel } },
      { action: 'receive', at: receivedAt, data: { code, dueAt: dueAt.toISOString(), dueDate } },
      { action: 'assign', at: new Date(receivedAt.getTime() + 30 * 60_000), data: { assignee: null } },
    ];
    // the outcome and when it happens
    r = random();
    let status = 'IN_PROCESSING';
    let finishedAt: Date | null = null;
    let finishAction: string | null = null;
    if (r < SYNTHETIC.withdrawn) [finishAction, status] = ['withdraw', 'WITHDRAWN'];
    else if (r < SYNTHETIC.withdrawn + SYNTHETIC.stopped) [finishAction, status] = ['stop', 'STOPPED'];
    else [finishAction, status] = ['approve', 'RESULT_READY'];
    const q = random();
    let finishDate: string;
    if (finishAction !== 'approve') finishDate = safeAdd(cal, receivedDay, Math.floor(random() * Math.max(1, deadline)));
    else if (q < SYNTHETIC.early && deadline > 0) finishDate = safeAdd(cal, receivedDay, Math.floor(random() * deadline));
    else if (q < SYNTHETIC.early + SYNTHETIC.onTime || deadline === 0) finishDate = dueDate;
    else finishDate = safeAdd(cal, dueDate, 1 + Math.floor(random() * 5));
    const finishMinute = finishDate === receivedDay ? Math.min(16 * 60 + 59, localMinute(receivedAt) + 60) : 8 * 60 + Math.floor(random() * 520);
    const finishAt = at(finishDate, Math.min(finishMinute, 16 * 60 + 59));
    let rating: SyntheticDossier['rating'] = null;
    if (finishAt.getTime() <= input.now.getTime() && finishAt.getTime() > receivedAt.getTime()) {
      finishedAt = finishAt;
      actions.push({ action: finishAction, at: finishAt, data: finishAction === 'approve' ? {} : { reason: 'Dữ liệu mô phỏng' } });
      const returnAt = new Date(finishAt.getTime() + 86_400_000);
      if (finishAction === 'approve' && returnAt.getTime() <= input.now.getTime()) {
        actions.push({ action: 'return_result', at: returnAt, data: {} });
        status = 'RESULT_RETURNED';
        if (random() < SYNTHETIC.rated) {
          const level = random() < SYNTHETIC.dissatisfied ? 'khong_hai_long' : random() < 0.5 ? 'rat_hai_long' : 'hai_long';
          rating = { scores: { time_vs_rule: level, staff_attitude: level }, at: new Date(returnAt.getTime() + 3_600_000) };
        }
      }
    } else status = 'IN_PROCESSING';
    return {
      id: randomUUID(),
      code,
      procedureCode: proc.code,
      versionId: proc.versionId,
      channel,
      applicant,
      provinceCode: agency.provinceCode,
      agency: agency.code,
      assignee: null,
      status,
      submittedAt,
      receivedAt,
      dueAt,
      dueDate,
      finishedAt,
      actions,
      rating: rating && rating.at.getTime() <= input.now.getTime() ? rating : null,
    };
  }
}

const addDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const localMinute = (instant: Date) => {
  const [hours, minutes] = localTime(instant).split(':');
  return Number(hours) * 60 + Number(minutes);
};
function safeWorking(cal: WorkingCalendar, d: string) {
  try {
    return cal.isWorkingDay(d);
  } catch {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6;
  }
}
function safeAdd(cal: WorkingCalendar, d: string, n: number): string {
  let x = d;
  let left = n;
  if (n === 0) {
    while (!safeWorking(cal, x)) x = addDay(x);
    return x;
  }
  while (left > 0) {
    x = addDay(x);
    if (safeWorking(cal, x)) left--;
  }
  return x;
}
const nextWorking = (cal: WorkingCalendar, d: string) => safeAdd(cal, d, 1);
