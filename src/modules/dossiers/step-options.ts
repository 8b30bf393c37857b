import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { assertOfficerReadable, grantAgencies } from './policy.ts';
import * as repo from './dossiers.repository.ts';
import * as stepRepo from './steps.repository.ts';
import { readySteps, stepCandidates } from './interagency-graph.ts';
import type { StepOption } from './dossiers.contract.ts';

/**
 * Where the next liên thông steps may go, for the dispatch and complete-step forms: the steps
 * that dispatching (before any step is open) or completing the caller's open step would open,
 * each with the agencies that may work it — the default (what the action picks when not told)
 * first. Nothing is written; officers of the dossier only (the applicant gets 403).
 */
export async function stepOptions(tx: Sql, input: { actor: Actor; id: string }): Promise<{ items: StepOption[] }> {
  const dossier = assertOfficerReadable(input.actor, await repo.findDossier(tx, input.id));
  const { interagencySteps: steps } = await getProcedureVersion(tx, dossier.procedureVersionId);
  const rows = (await stepRepo.listSteps(tx, dossier.id)).filter((s) => s.stepSeq != null);
  const mine = new Set(grantAgencies(input.actor));
  const done = new Set(rows.filter((s) => s.finishedAt || mine.has(s.toAgency)).map((s) => s.stepSeq as number));
  const opened = new Set(rows.map((s) => s.stepSeq as number));
  const next = readySteps(steps, done, opened);
  const items: StepOption[] = [];
  for (const step of next) {
    const agencies = await stepCandidates(tx, dossier, step.agencyKind);
    items.push({
      step: step.seq,
      task: step.task,
      agencyKind: step.agencyKind,
      deadlineDays: step.deadlineDays,
      agencies: agencies.map((a) => ({ code: a.code, name: a.name })),
    });
  }
  return { items };
}
