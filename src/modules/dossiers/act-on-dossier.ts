import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { type AuditEntry, appendAudit, primeAuditHead, sealAuditChoices } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import { eventsWritten } from '#platform/events.ts';
import type { Sql } from '#platform/db.ts';
import { CommonErrors } from '#platform/errors.ts';
import { lateText } from '#platform/request-transaction.ts';
import { getProcedureVersion, type ProcedureVersion } from '#modules/catalog/index.ts';
import { type ActionConditionFailure, type DossierAction, actionsInStatus, unmetCondition, whoMay } from './actions.ts';
import { actingAgency, allowedActionsFor, assertReadable, fits } from './policy.ts';
import { emitTransitionEvents, type TransitionEvent, transitionEvents } from './dossier-events.ts';
import { formatDossierCode } from './dossier-code.ts';
import { dossierEvents } from './dossiers.events.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import * as stepRepo from './steps.repository.ts';
import type { Dossier, NewStep, Step } from './dossiers.types.ts';
import { assertNotLockedByOther } from './processing-lock.ts';
import { officerNoticeOf } from './officer-notices.ts';
import { returnMethodOf } from './register-book.ts';
import type { ActionBody, DocumentRef } from './dossiers.contract.ts';
import type { ActionData, ActionRecord } from './action-data.ts';
import { applyToState, type DossierState, keptState } from './reducer.ts';

/** What a use case receives: the locked dossier, its frozen procedure version, the actor and "now". */
export interface ActionCall<A extends DossierAction> {
  tx: Sql;
  ctx: AppContext;
  actor: Actor;
  actorAgency: string | null;
  dossier: Dossier;
  /** The dossier's log and documents before this action (read with the lock, no round trip of their own). */
  log: ActionRecord[];
  documents: repo.DossierDocument[];
  procedure: ProcedureVersion;
  now: Date;
  input: Extract<ActionBody, { action: A }>;
}

/** What a use case decided: written to the log by `actOnDossier`, never by the use case. */
export interface ActionDecision<A extends DossierAction = DossierAction> {
  /** Every value decided (reason, new due time, code…), typed per action (action-data.ts): the reducer reads only this. */
  data: ActionData[A];
  /** Attachments added by this action. */
  documents?: DocumentRef[];
  /** Hand-over (Mẫu 05): close the open step, and/or open a new one. */
  closeSteps?: boolean;
  openStep?: (state: DossierState) => NewStep;
  /** Liên thông (graph of steps): close plain hand-overs, complete one step, open steps (parallel branches together). */
  graph?: {
    closeHandOvers?: boolean;
    finish?: { step: number; by: string; resultNote: string; resultFileId: string | null };
    /** Thu hồi: close the late row of this step (set apart from the graph) before it reopens at the lead. */
    recall?: { step: number; by: string; reason: string };
    open: NewStep[];
  };
  /**
   * Reception: the dossier's code is issued in the action's last write (`appendActionIssuingCode`:
   * the log entry, the state and the code together, the daily counter row locked for the shortest
   * time); `data.code` is filled in then, before the audit row is written.
   */
  codeAtEnd?: { agencyCode: string; date: string };
}

export type ActionHandler<A extends DossierAction> = (call: ActionCall<A>) => Promise<ActionDecision<A>>;
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
): Promise<repo.DossierDetail | null> {
  const { actor, body } = input;
  const action = body.action;
  const now = ctx.clock.now();
  // the lock, the detail and the head of the dossier's audit chain in one statement; for a
  // reception also its agency's daily counter as it stands (the numbers it may draw: see the end)
  const detail = await repo.findDossierDetail(tx, input.dossierId, { lock: true, auditHead: true, counterDate: action === 'receive' ? localDate(now) : undefined });
  const dossier = assertReadable(actor, detail?.dossier ?? null);
  const chain = `dossier:${dossier.id}`;
  if (detail?.auditHead !== undefined) primeAuditHead(tx, chain, detail.auditHead);
  const parties = { ...dossier, now };
  if (!actionsInStatus(dossier.status).includes(action)) {
    throw CommonErrors.ACTION_NOT_ALLOWED({ status: dossier.status, allowedActions: allowedActionsFor(actor, parties) });
  }
  const unmet = unmetCondition(action, parties);
  if (unmet) throw DossierErrors[unmet]({ allowedActions: allowedActionsFor(actor, parties), ...conditionDetails(unmet, dossier) });
  const who = whoMay(dossier.status, action).find((w) => fits(actor, w, dossier));
  if (!who) throw CommonErrors.FORBIDDEN();
  assertNotLockedByOther({ actor, who, dossier, lock: detail!.lock, now });
  const actorAgency = actingAgency(actor, who, dossier);

  const procedure = await frozenProcedure(tx, ctx, dossier.procedureVersionId);
  const handler = handlers[action] as ActionHandler<typeof action>;
  const decision = await handler({
    tx,
    ctx,
    actor,
    actorAgency,
    dossier,
    log: detail!.log,
    documents: detail!.documents,
    procedure,
    now,
    input: body as never,
  });

  const late = decision.codeAtEnd;
  const record: ActionRecord = {
    seq: dossier.version + 1,
    action,
    at: now,
    actorId: actor.id,
    actorName: actor.fullName,
    actorAgency,
    data: late ? { ...decision.data, code: null } : decision.data,
  } as ActionRecord;
  const state = applyToState(dossier, record);
  // a reception logs its action with the state and code in its last statement (appendActionIssuingCode)
  if (!late && !(await repo.appendAction(tx, dossier.id, dossier.version, record, state))) throw CommonErrors.CONFLICT();
  if (decision.documents) await repo.insertDocuments(tx, dossier.id, decision.documents, now, record.seq);
  const opened = decision.openStep?.(state);
  // a reception hands over in its last statement too, unless liên thông steps move first
  const handOverLast = late && opened && !decision.graph ? { at: now, step: opened } : null;
  if (opened && !handOverLast) await stepRepo.handOver(tx, dossier.id, now, opened); // closes the open hand-overs too (not liên thông steps)
  else if (!opened && decision.closeSteps) await stepRepo.closeOpenSteps(tx, dossier.id, now);
  if (decision.graph) await applyGraph(tx, dossier.id, now, decision.graph);
  if (decision.graph) await emitStepMoves(tx, { ...dossier, code: state.code }, now, decision.graph);

  const auditEntry = (): AuditEntry => ({
    chain,
    actorId: actor.id,
    action: `dossier.${action}`,
    subjectType: 'dossier',
    subjectId: dossier.id,
    data: { seq: record.seq, from: dossier.status, to: state.status, ...decision.data },
    at: now,
  });
  const transition: TransitionEvent = {
    dossierId: dossier.id,
    procedureCode: dossier.procedureCode,
    procedureVersionId: dossier.procedureVersionId,
    procedureName: procedure.name,
    applicant: dossier.applicant,
    applicantUserId: dossier.applicantUserId,
    state,
    action,
    at: now,
    actorName: actor.fullName,
    actorAgency,
    reason: ('reason' in decision.data && decision.data.reason) || undefined,
    returnMethod: returnMethodOf(dossier),
    postalReference: 'postalReference' in decision.data ? decision.data.postalReference : undefined,
    officerNotice: officerNoticeOf({ record, state, log: detail!.log, actorId: actor.id, asApplicant: who.role === 'applicant', applicantUserId: dossier.applicantUserId }),
  };
  if (!late) {
    await appendAudit(tx, auditEntry());
    await emitTransitionEvents(tx, transition);
    return null;
  }

  // A reception: the code with the log entry, the state, the hand-over, the events and the audit
  // row in one statement. The agency's counter row stays locked from it until commit, so only the
  // stored answer and COMMIT follow (the answer is what was written, not read back). The audit row
  // records the code, so it is sealed beforehand for each number the counter may give: the next
  // CODE_CHOICES after the value read with the lock (receptions committed meanwhile move it on);
  // past them, the row is written after the draw.
  const events = await transitionEvents(tx, transition);
  await eventsWritten(tx, events.events); // with the payloads as emitted (no code yet), before the counter is taken
  const base = late.agencyCode === dossier.receivingAgency && late.date === localDate(now) ? detail!.counterValue : undefined;
  const codes = base === undefined ? [] : Array.from({ length: CODE_CHOICES }, (_, i) => formatDossierCode(late.agencyCode, late.date, base + i + 1));
  const choices = codes.length > 0 ? sealAuditChoices(tx, auditEntry(), 'code', codes) : null;
  const answered = !(decision.documents || decision.graph || (decision.closeSteps && !opened));
  const stepsKnown = answered && choices ? predictedSteps(detail!.steps, handOverLast) : null;
  const later = stepsKnown ? lateText() : null;
  const issuing = repo.appendActionIssuingCode(tx, {
    ...late,
    dossierId: dossier.id,
    expectedVersion: dossier.version,
    action: record,
    state,
    events,
    audit: choices,
    handOver: handOverLast,
    late: later?.setting,
  });
  if (later && stepsKnown) {
    // Not awaited: the stored answer and COMMIT follow the statement at once (lateText), the code
    // is filled in by the database and in the answer sent. A statement that found the dossier
    // changed, or drew a number past the sealed ones, sets no code: the request fails with 409.
    later.settle(issuing.then((issued) => (issued?.audited ? JSON.stringify(issued.code).slice(1, -1) : Promise.reject(CommonErrors.CONFLICT()))));
    (decision.data as { code: string }).code = later.token;
    state.code = later.token;
    return writtenDetail(detail!, state, { ...record, data: { ...record.data, code: later.token } } as ActionRecord, stepsKnown);
  }
  const issued = await issuing;
  if (issued === null) throw CommonErrors.CONFLICT();
  (decision.data as { code: string }).code = issued.code;
  state.code = issued.code;
  if (!issued.audited) {
    if (choices) primeAuditHead(tx, chain, choices.head);
    await appendAudit(tx, auditEntry());
  }
  if (decision.documents || decision.graph || (decision.closeSteps && !opened)) return null;
  return writtenDetail(detail!, state, { ...record, data: { ...record.data, code: issued.code } } as ActionRecord, issued.steps);
}

/**
 * The steps a reception's last statement closes and opens, as its RETURNING would give them,
 * when they follow from the detail read with the lock: nothing to close (a reception's usual
 * case), the hand-over opened next in `seq`, a plain one. Null otherwise (the statement tells).
 */
function predictedSteps(before: Step[], handOver: { at: Date; step: NewStep } | null): Step[] | null {
  if (!handOver) return [];
  if (before.some((s) => s.finishedAt === null) || (handOver.step.stepSeq ?? null) !== null) return null;
  const { fromAgency, fromUser, toAgency, toUser, sentAt, acceptedAt, subDueAt, note } = handOver.step;
  const seq = before.reduce((max, s) => Math.max(max, s.seq), 0) + 1;
  return [{ seq, fromAgency, fromUser, toAgency, toUser, sentAt, acceptedAt, subDueAt, finishedAt: null, outcome: null, note, stepSeq: null, finishedBy: null, resultNote: null, resultFileId: null }];
}

/** How many numbers of the agency's daily counter a reception seals its audit row for (a SHA-256 and an HMAC each). */
const CODE_CHOICES = 32;

/**
 * The detail of a dossier after an action, as `findDossierDetail` would read it back: the detail
 * read with the lock, the state and log entry written, the steps the action closed or opened
 * (by `seq`). Null (read it back) when the action touched a liên thông step.
 */
function writtenDetail(before: repo.DossierDetail, state: DossierState, record: ActionRecord, steps: Step[]): repo.DossierDetail | null {
  if (steps.some((s) => s.stepSeq !== null)) return null;
  const changed = new Map(steps.map((s) => [s.seq, s]));
  const allSteps = [...before.steps.map((s) => changed.get(s.seq) ?? s), ...steps.filter((s) => !before.steps.some((b) => b.seq === s.seq))].sort((a, b) => a.seq - b.seq);
  const log = [...before.log, record];
  const d = before.dossier;
  const dossier: Dossier = {
    ...d,
    ...keptState(state),
    dueSoonNotifiedAt: d.dueAt?.getTime() === state.dueAt?.getTime() ? d.dueSoonNotifiedAt : null,
    version: d.version + 1,
    paymentRequestedAt:
      state.status === 'AWAITING_PAYMENT' ? (log.filter((a) => a.action === 'request_payment').map((a) => a.at).sort((a, b) => b.getTime() - a.getTime())[0] ?? null) : null,
    stepAgencies: [...new Set([...allSteps.map((s) => s.toAgency), ...allSteps.map((s) => s.fromAgency)])],
  };
  return { dossier, log, documents: before.documents, steps: allSteps, lock: before.lock };
}

/**
 * The procedure version a dossier was received under, read once per process and database: a
 * version's rules never change once published (a new text is a new version, law as data), so
 * every later action on any dossier under it asks nothing. Only its `effectiveTo` is set later,
 * when the next version comes into force; an action never reads it. The transaction's own cache
 * is primed too (the projections of the action read the version from it). A version id that a
 * rolled-back import created can be cached but never asked for again: no dossier refers to it.
 */
const frozenVersions = new WeakMap<object, Map<string, ProcedureVersion>>();
const FROZEN_VERSIONS_KEPT = 2000;

async function frozenProcedure(tx: Sql, ctx: AppContext, versionId: string): Promise<ProcedureVersion> {
  let versions = frozenVersions.get(ctx.db);
  if (!versions) frozenVersions.set(ctx.db, (versions = new Map()));
  const kept = versions.get(versionId);
  if (kept) {
    getProcedureVersion.prime(tx, versionId, kept);
    return kept;
  }
  const version = await getProcedureVersion(tx, versionId);
  if (versions.size >= FROZEN_VERSIONS_KEPT) versions.delete(versions.keys().next().value as string);
  versions.set(versionId, version);
  return version;
}

/** What a failed condition's answer names besides its code (the missing apology: Mẫu 04, and the passed appointment). */
function conditionDetails(failure: ActionConditionFailure, d: Dossier): Record<string, unknown> {
  if (failure === 'APOLOGY_REQUIRED') return { missingDocument: 'apology-letter', form: 'Mẫu 04', dueAt: d.dueAt ? toLocalIso(d.dueAt) : null };
  if (failure === 'DEADLINE_PASSED') return { dueAt: d.dueAt ? toLocalIso(d.dueAt) : null };
  return {};
}

/** `dossier.step_moved` for each liên thông step opened or completed (the exchange module carries remote steps). */
async function emitStepMoves(tx: Sql, dossier: Pick<Dossier, 'id' | 'code'>, now: Date, graph: NonNullable<ActionDecision['graph']>): Promise<void> {
  const moves: { step: number; agency: string; change: 'opened' | 'completed' }[] = graph.open.flatMap((s) => (s.stepSeq != null ? [{ step: s.stepSeq, agency: s.toAgency, change: 'opened' as const }] : []));
  if (graph.finish) {
    const row = (await stepRepo.listSteps(tx, dossier.id)).find((s) => s.stepSeq === graph.finish?.step && s.finishedAt);
    if (row) moves.push({ step: row.stepSeq as number, agency: row.toAgency, change: 'completed' });
  }
  if (moves.length === 0) return;
  await dossierEvents.emitAll(
    tx,
    moves.map((m) => ({ topic: 'dossier.step_moved' as const, key: dossier.id, at: now, payload: { dossierId: dossier.id, code: dossier.code, ...m } })),
  );
}

async function applyGraph(tx: Sql, dossierId: string, now: Date, graph: NonNullable<ActionDecision['graph']>): Promise<void> {
  if (graph.closeHandOvers) await stepRepo.closeOpenHandOvers(tx, dossierId, now);
  if (graph.recall && !(await stepRepo.recallGraphStep(tx, dossierId, graph.recall.step, { at: now, ...graph.recall }))) {
    throw CommonErrors.CONFLICT();
  }
  if (graph.finish && !(await stepRepo.finishGraphStep(tx, dossierId, graph.finish.step, { at: now, ...graph.finish }))) {
    throw CommonErrors.CONFLICT();
  }
  for (const step of graph.open) await stepRepo.insertStep(tx, dossierId, step);
}
