import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { validationFailed } from '#platform/errors.ts';
import type { InteragencyStep } from '#modules/catalog/index.ts';
import { type Agency, findAgency, listAgencies } from '#modules/places/index.ts';
import type { Dossier, NewStep } from './dossiers.types.ts';
import type { StepAgency } from './dossiers.contract.ts';
import { stepDueAt } from './forward-dossier.ts';

/**
 * Liên thông as a graph (domain.md InteragencyTemplate): the frozen procedure version lists
 * steps `{seq, agencyKind, task, deadlineDays, dependsOn}`. A step opens once every step it
 * depends on is done; steps whose prerequisites are done together open together (parallel
 * branches); the dossier returns to the lead (competent) agency when every step is done.
 */

/** The steps that may open now: not opened yet, every prerequisite done. */
export function readySteps(steps: readonly InteragencyStep[], done: ReadonlySet<number>, opened: ReadonlySet<number>): InteragencyStep[] {
  return steps.filter((s) => !opened.has(s.seq) && s.dependsOn.every((d) => done.has(d)));
}

/** The agencies that may work a step of `kind` for the dossier: its commune's, then its province's; the lead first when of that kind. */
export async function stepCandidates(tx: Sql, dossier: Pick<Dossier, 'competentAgency' | 'provinceCode'>, kind: string): Promise<Agency[]> {
  const lead = await findAgency(tx, dossier.competentAgency);
  const local = lead?.level === 'xa' ? await listAgencies(tx, { adminUnitCode: lead.adminUnitCode, kind: kind as Agency['kind'] }) : [];
  const provincial = await listAgencies(tx, { provinceCode: dossier.provinceCode, kind: kind as Agency['kind'], level: 'tinh' });
  const all = [...local, ...provincial];
  return [...all.filter((a) => a.code === lead?.code), ...all.filter((a) => a.code !== lead?.code)];
}

export interface OpenedStep {
  step: number;
  agency: string;
  subDueAt: Date | null;
}

/**
 * Opens `ready` steps: each at the agency chosen for it in `choices` (validated against the
 * candidates of its kind), else the first candidate; each with its own sub-deadline
 * (`deadlineDays` working days from now at 17:00, never after the dossier's appointment).
 */
export async function openSteps(
  tx: Sql,
  input: {
    dossier: Pick<Dossier, 'competentAgency' | 'provinceCode' | 'dueAt'>;
    ready: InteragencyStep[];
    choices: StepAgency[] | undefined;
    from: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ opened: OpenedStep[]; rows: NewStep[] }> {
  const { dossier, ready, choices = [], from, actor, now } = input;
  const problems: { field: string; message: string }[] = [];
  for (const [i, c] of choices.entries()) {
    if (!ready.some((s) => s.seq === c.step)) problems.push({ field: `agencies.${i}.step`, message: `bước ${c.step} không mở lúc này` });
  }
  const opened: OpenedStep[] = [];
  const rows: NewStep[] = [];
  for (const step of ready) {
    const candidates = await stepCandidates(tx, dossier, step.agencyKind);
    const index = choices.findIndex((c) => c.step === step.seq);
    const chosen = index >= 0 ? candidates.find((a) => a.code === choices[index].agency) : candidates[0];
    if (!chosen) {
      problems.push(
        index >= 0
          ? { field: `agencies.${index}.agency`, message: `cơ quan không phải ${step.agency} của địa bàn hồ sơ` }
          : { field: 'agencies', message: `không có cơ quan ${step.agency} tại địa bàn hồ sơ cho bước ${step.seq}` },
      );
      continue;
    }
    const due = step.deadlineDays != null ? await stepDueAt(tx, now, step.deadlineDays) : null;
    const subDueAt = due && (!dossier.dueAt || due < dossier.dueAt) ? due : dossier.dueAt;
    opened.push({ step: step.seq, agency: chosen.code, subDueAt });
    rows.push({
      fromAgency: from,
      fromUser: actor.id,
      toAgency: chosen.code,
      toUser: null,
      sentAt: now,
      acceptedAt: null,
      subDueAt,
      note: `Bước ${step.seq}: ${step.task}`,
      stepSeq: step.seq,
    });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return { opened, rows };
}
