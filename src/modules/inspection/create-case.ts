import { randomUUID } from 'node:crypto';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { InspectionErrors } from './inspection.errors.ts';
import * as repo from './inspection.repository.ts';
import { may } from './policy.ts';

/** Working days an inspection case has when no plan of the period sets it. */
export const DEFAULT_CASE_WORKING_DAYS = 30;

export interface CreateCaseInput {
  dossierId: string;
  reason: string;
  origin?: 'sample' | 'complaint' | 'manual';
  /** From a sample: the draw that picked the declaration. */
  drawId?: string;
}

/**
 * Lập hồ sơ hậu kiểm: from the sample, from a complaint or feedback (phản ánh), or by hand, on a
 * declaration of the actor's authority (404 for any other). The due date is counted in working
 * days from today (the plan's, else 30). A declaration with an open case gets that case back
 * (a retry, or a second complaint): `created` false.
 */
export async function createCase(tx: Sql, input: { actor: Actor; body: CreateCaseInput; now: Date }): Promise<{ c: repo.CaseRow; created: boolean }> {
  const { actor, body, now } = input;
  const versions = await repo.declarationVersions(tx, body.dossierId);
  const current = versions.at(-1);
  if (!current || !may.see(actor, current.agencyCode)) throw InspectionErrors.DECLARATION_NOT_FOUND();
  const open = await repo.openCaseOfDossier(tx, body.dossierId);
  if (open) return { c: open, created: false };
  const origin = body.origin ?? (body.drawId ? 'sample' : 'manual');
  let dueDays = DEFAULT_CASE_WORKING_DAYS;
  if (origin === 'sample') {
    const draw = body.drawId ? await repo.findDrawById(tx, body.drawId) : null;
    const plan = draw ? await repo.findPlan(tx, draw.planId) : null;
    if (!draw || !plan || plan.agencyCode !== current.agencyCode || !draw.items.some((i) => i.dossierId === body.dossierId)) {
      throw InspectionErrors.DECLARATION_NOT_FOUND();
    }
    dueDays = plan.caseDueWorkingDays;
  }
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const seq = await repo.nextCaseSeq(tx, current.agencyCode, year);
  const row: Omit<repo.CaseRow, 'version'> = {
    id: randomUUID(),
    number: `HK-${year}-${String(seq).padStart(4, '0')}-${current.agencyCode}`,
    agencyCode: current.agencyCode,
    provinceCode: current.provinceCode,
    sector: current.sector,
    dossierId: body.dossierId,
    declarationVersion: current.version,
    resultId: current.resultId,
    origin,
    drawId: origin === 'sample' ? (body.drawId ?? null) : null,
    reason: body.reason.normalize('NFC'),
    status: 'open',
    inspectorId: null,
    dueDate: await addWorkingDays(tx, today, dueDays),
    conclusion: null,
    legalBasis: null,
    correctBy: null,
    sanction: null,
    concludedAt: null,
    revokedAt: null,
    revocationReason: null,
    createdAt: now,
    createdBy: actor.id,
  };
  if (!(await repo.insertCase(tx, row))) return { c: (await repo.openCaseOfDossier(tx, body.dossierId))!, created: false };
  await repo.appendCaseAction(tx, row.id, { action: 'create', data: { origin, reason: row.reason, dueDate: row.dueDate }, at: now, actorId: actor.id, actorName: actor.fullName });
  await audit(tx, { actor, now }, 'inspection.case_created', {
    chain: `inspection-case:${row.id}`,
    subject: ['inspection_case', row.id],
    data: { number: row.number, dossierId: row.dossierId, origin },
  });
  return { c: (await repo.findCase(tx, row.id))!, created: true };
}

