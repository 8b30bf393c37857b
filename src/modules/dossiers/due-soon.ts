import type { AppContext } from '#platform/context.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { PeriodicJob } from '#platform/module.ts';
import { workingDaysBetween } from '#modules/calendar/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { dossierEvents } from './dossiers.events.ts';
import * as repo from './dossiers.repository.ts';
import { returnMethodOf } from './register-book.ts';
import { scanStepsOverdue } from './step-overdue.ts';

export const DUE_SOON_QUEUE = 'dossiers.due_soon';

/**
 * Alert ≥ 1 working day before the appointment (domain.md §3.6): emits `dossier.due_soon` once
 * per dossier and appointment (a new appointment — extension, restart — may warn again) for
 * dossiers in progress due within one working day. Safe to run twice. Returns how many it warned.
 */
export async function scanDueSoon(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const now = ctx.clock.now();
  // Prefilter by calendar days; the exact count of working days is decided per dossier.
  const candidates = await repo.dueSoonCandidates(ctx.db, now, new Date(now.getTime() + 15 * 86_400_000));
  let warned = 0;
  for (const d of candidates) {
    if (!d.dueDate || !d.dueAt) continue;
    const dueDate = d.dueDate;
    const dueAt = d.dueAt;
    const sent = await ctx.db.transaction(async (tx) => {
      if ((await workingDaysBetween(tx, localDate(now), dueDate)) > 1) return false;
      if (!(await repo.markDueSoonNotified(tx, d.id, now))) return false;
      // the applicant's notice says how the result comes back, as Mẫu 01 does
      const returnPlace = (await findAgency(tx, d.receivingAgency))?.name ?? d.receivingAgency;
      await dossierEvents.emit(tx, 'dossier.due_soon', {
        key: d.id,
        at: now,
        payload: {
          dossierId: d.id,
          code: d.code,
          procedureCode: d.procedureCode,
          status: d.status,
          dueAt: toLocalIso(dueAt),
          agencyCode: d.currentAgency,
          assignee: d.assignee,
          applicantUserId: d.applicantUserId,
          applicantEmail: d.applicant.email ?? null,
          applicantName: d.applicant.fullName,
          returnMethod: returnMethodOf(d),
          returnPlace,
        },
      });
      return true;
    });
    if (sent) warned++;
  }
  return warned;
}

/** Runs the scan every 10 minutes on pg-boss when jobs are started, with the liên thông step reminder. */
export const dueSoonJob: PeriodicJob = {
  queue: DUE_SOON_QUEUE,
  cron: '*/10 * * * *',
  async run(ctx) {
    await scanDueSoon(ctx);
    await scanStepsOverdue(ctx);
  },
};
