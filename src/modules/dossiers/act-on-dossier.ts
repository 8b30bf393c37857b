import type { AppContext } from '../../http/context.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { CommonErrors } from '#platform/errors.ts';
import { getProcedureVersion, type ProcedureVersion } from '#modules/catalog/index.ts';
import { assertReadable } from './access.ts';
import { type ActionConditionFailure, type DossierAction, actionsInStatus, allowedActionsFor, fits, unmetCondition, whoMay } from './actions.ts';
import { emitTransitionEvents } from './dossier-events.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import { assertNotLockedByOther } from './processing-lock.ts';
import type { ActionBody, DocumentRef } from './dossiers.schemas.ts';
import { type ActionRecord, applyToState, type DossierState } from './reducer.ts';

/** What a use case receives: the locked dossier, its frozen procedure version, the actor and "now". */
export interface ActionCall<A extends DossierAction> {
  tx: Sql;
  ctx: AppContext;
  actor: Actor;
  actorAgency: string | null;
  dossier: repo.Dossier;
  procedure: ProcedureVersion;
  now: Date;
  input: Extract<ActionBody, { action: A }>;
}

/** What a use case decided: written to the log by `actOnDossier`, never by the use case. */
export interface ActionDecision {
  /** Every value decided (reason, new due time, code…): the reducer reads only this. */
  data: Record<string, unknown>;
  /** Attachments added by this action. */
  documents?: DocumentRef[];
  /** Hand-over (Mẫu 05): close the open step, and/or open a new one. */
  closeSteps?: boolean;
  openStep?: (state: DossierState) => repo.NewStep;
  /** Liên thông (graph of steps): close plain hand-overs, complete one step, open steps (parallel branches together). */
  graph?: {
    closeHandOvers?: boolean;
    finish?: { step: number; by: string; resultNote: string; resultFileId: string | null };
    /** Thu hồi: close the late row of this step (set apart from the graph) before it reopens at the lead. */
    recall?: { step: number; by: string; reason: string };
    open: repo.NewStep[];
  };
}

export type ActionHandler<A extends DossierAction> = (call: ActionCall<A>) => Promise<ActionDecision>;
export type ActionHandlers = { [A in DossierAction]: ActionHandler<A> };

/**
 * The one path every action takes: lock → 404 unless readable → 409 unless the status allows it
 * → 409 unless its condition holds (actionConditions) → 403 unless the table names the actor
 * → 409 while another officer holds the processing lock → use case → log entry, cached state, documents, steps,
 * audit row and outbox events, all in the caller's transaction.
 */
export async function actOnDossier(
  tx: Sql,
  ctx: AppContext,
  handlers: ActionHandlers,
  input: { actor: Actor; dossierId: string; body: ActionBody },
): Promise<void> {
  const { actor, body } = input;
  const dossier = assertReadable(actor, await repo.lockDossier(tx, input.dossierId));
  const action = body.action;
  const now = ctx.clock.now();
  const parties = { ...dossier, now };
  if (!actionsInStatus(dossier.status).includes(action)) {
    throw CommonErrors.ACTION_NOT_ALLOWED({ status: dossier.status, allowedActions: allowedActionsFor(actor, parties) });
  }
  const unmet = unmetCondition(action, parties);
  if (unmet) throw DossierErrors[unmet]({ allowedActions: allowedActionsFor(actor, parties), ...conditionDetails(unmet, dossier) });
  const who = whoMay(dossier.status, action).find((w) => fits(actor, w, dossier));
  if (!who) throw CommonErrors.FORBIDDEN();
  await assertNotLockedByOther(tx, { actor, who, dossier, now });
  const actorAgency =
    who.role === 'applicant'
      ? null
      : who.at === 'step'
        ? stepAgencyOf(actor, who.role, dossier)
        : who.at === 'receiving'
        ? dossier.receivingAgency
        : who.at === 'competent'
          ? dossier.competentAgency
          : who.at === 'issuing'
            ? dossier.awaitingIssueBy
            : dossier.currentAgency;

  const procedure = await getProcedureVersion(tx, dossier.procedureVersionId);
  const handler = handlers[action] as ActionHandler<typeof action>;
  const decision = await handler({ tx, ctx, actor, actorAgency, dossier, procedure, now, input: body as never });

  const record: ActionRecord = {
    seq: dossier.version + 1,
    action,
    at: now,
    actorId: actor.id,
    actorName: actor.fullName,
    actorAgency,
    data: decision.data,
  };
  const state = applyToState(dossier, record);
  if (!(await repo.appendAction(tx, dossier.id, dossier.version, record, state))) throw CommonErrors.CONFLICT();
  if (decision.documents) await repo.insertDocuments(tx, dossier.id, decision.documents, now, record.seq);
  if (decision.closeSteps || decision.openStep) await repo.closeOpenSteps(tx, dossier.id, now);
  if (decision.openStep) await repo.insertStep(tx, dossier.id, decision.openStep(state));
  if (decision.graph) await applyGraph(tx, dossier.id, now, decision.graph);

  await appendAudit(tx, {
    chain: `dossier:${dossier.id}`,
    actorId: actor.id,
    action: `dossier.${action}`,
    subjectType: 'dossier',
    subjectId: dossier.id,
    data: { seq: record.seq, from: dossier.status, to: state.status, ...decision.data },
    at: now,
  });
  await emitTransitionEvents(tx, {
    dossierId: dossier.id,
    procedureCode: dossier.procedureCode,
    procedureName: procedure.name,
    applicant: dossier.applicant,
    applicantUserId: dossier.applicantUserId,
    state,
    action,
    at: now,
    actorName: actor.fullName,
    actorAgency,
    reason: typeof decision.data.reason === 'string' ? decision.data.reason : undefined,
  });
}

/** What a failed condition's answer names besides its code (the missing apology: Mẫu 04, and the passed appointment). */
function conditionDetails(failure: ActionConditionFailure, d: repo.Dossier): Record<string, unknown> {
  if (failure === 'APOLOGY_REQUIRED') return { missingDocument: 'apology-letter', form: 'Mẫu 04', dueAt: d.dueAt ? toLocalIso(d.dueAt) : null };
  if (failure === 'DEADLINE_PASSED') return { dueAt: d.dueAt ? toLocalIso(d.dueAt) : null };
  return {};
}

/** The agency of a liên thông step the actor acts for: one holding an open step, else any step of theirs. */
function stepAgencyOf(actor: Actor, role: string, d: repo.Dossier): string | null {
  const agencies = new Set(actor.grants.filter((g) => g.role === role).map((g) => g.agencyCode));
  const steps = d.graphSteps.filter((s) => agencies.has(s.agency));
  return (steps.find((s) => s.open) ?? steps[0])?.agency ?? null;
}

async function applyGraph(tx: Sql, dossierId: string, now: Date, graph: NonNullable<ActionDecision['graph']>): Promise<void> {
  if (graph.closeHandOvers) await repo.closeOpenHandOvers(tx, dossierId, now);
  if (graph.recall && !(await repo.recallGraphStep(tx, dossierId, graph.recall.step, { at: now, ...graph.recall }))) {
    throw CommonErrors.CONFLICT();
  }
  if (graph.finish && !(await repo.finishGraphStep(tx, dossierId, graph.finish.step, { at: now, ...graph.finish }))) {
    throw CommonErrors.CONFLICT();
  }
  for (const step of graph.open) await repo.insertStep(tx, dossierId, step);
}
