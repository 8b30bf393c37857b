import type { AppContext } from '../../http/context.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { emitEvent } from '#platform/events.ts';
import { schedulePeriodic } from '#platform/jobs.ts';
import { workingDaysBetween } from '#modules/calendar/index.ts';
import type { DossierDueSoonPayload } from '#modules/notifications/index.ts';
import * as repo from './dossiers.repository.ts';
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
      await emitEvent(tx, {
        topic: 'dossier.due_soon',
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
        } satisfies DossierDueSoonPayload,
      });
      return true;
    });
    if (sent) warned++;
  }
  return warned;
}

/** Runs the scan every 10 minutes on pg-boss when jobs are started, with the liên thông step reminder. */
export function scheduleDueSoon(ctx: AppContext): Promise<void> {
  return schedulePeriodic(ctx.jobs, DUE_SOON_QUEUE, '*/10 * * * *', async () => {
    await scanDueSoon(ctx);
    await scanStepsOverdue(ctx);
  });
}
