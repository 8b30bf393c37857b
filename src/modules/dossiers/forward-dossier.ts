import { localDate, localInstant } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { validationFailed } from '#platform/errors.ts';
import type { InteragencyStep, ProcedureVersion } from '#modules/catalog/index.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { findAgency } from '#modules/places/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';

/**
 * Chuyển xử lý: hand-over to another agency (the competent one, or the next of a liên thông
 * chain). The dossier stays "Đang xử lý"; the receiving agency's leader assigns it next.
 * When the frozen version defines inter-agency steps, the step the receiving agency's kind plays
 * next gives the hand-over its task and its own sub-deadline (working days from today, at the end
 * of the office day, never after the dossier's appointment); the step's timeliness is then judged
 * against it (Mẫu 05).
 */
export const forwardDossier: ActionHandler<'forward'> = async ({ tx, actor, dossier, procedure, now, input }) => {
  const to = await findAgency(tx, input.toAgency);
  if (!to) throw validationFailed([{ field: 'toAgency', message: 'cơ quan không tồn tại' }]);
  if (to.code === dossier.currentAgency) throw validationFailed([{ field: 'toAgency', message: 'hồ sơ đang ở cơ quan này' }]);
  const from = await findAgency(tx, dossier.currentAgency);
  const step = nextStep(procedure, from?.kind ?? null, to.kind);
  const stepDue = step?.deadlineDays != null ? await stepDueAt(tx, now, step.deadlineDays) : null;
  const note = input.note ?? (step ? `Bước ${step.seq}: ${step.task}` : null);
  return {
    data: { toAgency: to.code, fromAgency: dossier.currentAgency, note, ...(step ? { step: step.seq } : {}) },
    openStep: (state) => ({
      fromAgency: dossier.currentAgency,
      fromUser: actor.id,
      toAgency: to.code,
      toUser: null,
      sentAt: now,
      acceptedAt: null,
      subDueAt: stepDue && state.dueAt && stepDue < state.dueAt ? stepDue : state.dueAt,
      note,
    }),
  };
};

/** The step the receiving kind plays after the one the sending kind played (or its first one). */
export function nextStep(procedure: Pick<ProcedureVersion, 'interagencySteps'>, fromKind: string | null, toKind: string): InteragencyStep | null {
  const steps = procedure.interagencySteps;
  const current = steps.find((s) => s.agencyKind === fromKind);
  return steps.find((s) => s.agencyKind === toKind && (!current || s.seq > current.seq)) ?? null;
}

/** A step's sub-deadline: `days` working days from today, at the end of the office day. */
export async function stepDueAt(tx: Sql, now: Date, days: number): Promise<Date> {
  return localInstant(await addWorkingDays(tx, localDate(now), days), '17:00');
}
