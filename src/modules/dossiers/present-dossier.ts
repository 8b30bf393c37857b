import type { Actor } from '#platform/actor.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { controlModeOf, getProcedureVersion, type ProcedureVersion } from '#modules/catalog/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { findResultOfDossier } from '#modules/signatures/index.ts';
import { allowedActionsFor, blockedActionsFor, isApplicant } from './policy.ts';
import { maskName } from './dossier-code.ts';
import { actionLabels } from './dossier-events.ts';
import type * as repo from './dossiers.repository.ts';
import type { Dossier, Step } from './dossiers.types.ts';
import { RESULT_COMPONENT } from './issue-dossier-result.ts';
import { presentLock } from './processing-lock.ts';
import type * as c from './dossiers.contract.ts';
import { postalAddressOf, returnMethodOf } from './register-book.ts';
import type { ActionRecord } from './reducer.ts';
import { statusInfo } from './statuses.ts';
import { lastSupplementRequest, namedComponents, supplementProgress } from './supplement-state.ts';
import { timeliness } from './timeliness.ts';

const iso = (d: Date | null) => (d ? toLocalIso(d) : null);

/** Agency names for one answer, each looked up once. */
function agencyNames(tx: Sql) {
  const cache = new Map<string, string>();
  return async (code: string) => {
    if (!cache.has(code)) cache.set(code, (await findAgency(tx, code))?.name ?? code);
    return cache.get(code)!;
  };
}

async function presentSteps(steps: Step[], now: Date, name: (code: string) => Promise<string>): Promise<c.DossierStep[]> {
  const rows: c.DossierStep[] = [];
  // one query at a time: a transaction is one connection
  for (const s of steps) {
    rows.push({
      seq: s.seq,
      fromAgency: { code: s.fromAgency, name: await name(s.fromAgency) },
      toAgency: { code: s.toAgency, name: await name(s.toAgency) },
      sentAt: iso(s.sentAt),
      finishedAt: iso(s.finishedAt),
      subDueAt: iso(s.subDueAt),
      timeliness: s.outcome ?? timeliness({ dueAt: s.subDueAt, finishedAt: null, now }),
      note: s.note,
      fromUser: s.fromUser,
      toUser: s.toUser,
      /** Liên thông: the step of the version's graph (null for a plain hand-over) and its partial result. */
      step: s.stepSeq,
      resultNote: s.resultNote,
      resultFileId: s.resultFileId,
    });
  }
  return rows;
}

/**
 * The dossier as its applicant or an involved officer sees it, with the actions this caller may
 * take, from its detail (`repo.findDossierDetail`, one statement); the procedure version and the
 * agencies' names are remembered per transaction, the signed result is read only once the
 * dossier holds one.
 */
export async function presentDossier(tx: Sql, detail: repo.DossierDetail, actor: Actor | null, now: Date): Promise<c.Dossier> {
  const { dossier: d, log, documents } = detail;
  const name = agencyNames(tx);
  const procedure = await getProcedureVersion(tx, d.procedureVersionId);
  const steps = await presentSteps(detail.steps, now, name);
  const status = statusInfo[d.status];
  const result = documents.some((doc) => doc.componentCode === RESULT_COMPONENT) ? await findResultOfDossier(tx, d.id) : null;
  /** An officer reads the notes officers wrote to each other; the applicant does not. */
  const officer = actor !== null && !isApplicant(actor, d);
  return {
    id: d.id,
    code: d.code,
    reference: d.reference,
    procedureCode: d.procedureCode,
    procedureName: procedure.name,
    procedureVersionId: d.procedureVersionId,
    status: d.status,
    statusCode: status.code,
    statusLabel: status.vi,
    phase: d.phase,
    channel: d.channel,
    applicant: d.applicant,
    owner: d.owner,
    receivingAgency: { code: d.receivingAgency, name: await name(d.receivingAgency) },
    competentAgency: { code: d.competentAgency, name: await name(d.competentAgency) },
    currentAgency: { code: d.currentAgency, name: await name(d.currentAgency) },
    assignee: d.assignee,
    submittedAt: iso(d.submittedAt),
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.dueAt),
    dueDate: d.dueDate,
    extended: d.extended,
    finishedAt: iso(d.finishedAt),
    timeliness: timeliness({ dueAt: d.dueAt, finishedAt: d.finishedAt, now }),
    fields: d.fields,
    documents: documents.map((doc) => ({ componentCode: doc.componentCode, fileId: doc.fileId, addedAt: iso(doc.addedAt) })),
    /** Tiếp nhận tại quầy: components received on paper, the fee recorded, how the result goes back (null online). */
    intake: d.intake,
    /** Hình thức nhận kết quả the applicant chose (at the counter or online): tai_quay, buu_chinh or truc_tuyen. */
    returnMethod: returnMethodOf(d),
    /** Where the post delivers the result (by post only). */
    returnAddress: returnMethodOf(d) === 'buu_chinh' ? await postalAddressOf(tx, d) : null,
    /** The signed result (`result.pdf`, public check at /verify/<id>), once approved; with its revocation and reason. */
    result,
    /** The signed result's id (`/api/v1/public/verify/{resultId}`); under post-control, right after reception. */
    resultId: result?.id ?? null,
    /** Tiền kiểm / hậu kiểm of the version the dossier was received under. */
    controlMode: controlModeOf(procedure),
    /** Approved, waiting for the clerk (văn thư) of this agency to issue the result; null otherwise. */
    awaitingIssueBy: d.awaitingIssueBy ? { code: d.awaitingIssueBy, name: await name(d.awaitingIssueBy) } : null,
    /** While waiting for a supplement (status 5): what the Mẫu 02 asked for and what is still missing, by name. */
    supplement: presentSupplement(d, procedure, log, documents),
    /** Khóa xử lý: the officer whose processing page holds the dossier, while live (never shown to the applicant). */
    lock: actor && !isApplicant(actor, d) ? presentLock(detail.lock, actor, d, now) : null,
    steps,
    allowedActions: allowedActionsFor(actor, { ...d, interagencySteps: procedure.interagencySteps.length, now }),
    /** Actions this caller could take but for a condition (e.g. `approve` of an overdue dossier: APOLOGY_REQUIRED). */
    blockedActions: blockedActionsFor(actor, { ...d, interagencySteps: procedure.interagencySteps.length, now }),
    /** Liên thông: the frozen version's steps (graph by `dependsOn`), for the workspace. */
    interagencySteps: procedure.interagencySteps.map((s) => ({
      seq: s.seq,
      agencyKind: s.agencyKind,
      agency: s.agency,
      task: s.task,
      result: s.result,
      deadlineDays: s.deadlineDays,
      dependsOn: s.dependsOn,
    })),
    history: log.map((a): c.HistoryEntry => ({
      seq: a.seq,
      action: a.action,
      label: actionLabels[a.action].vi,
      at: toLocalIso(a.at),
      by: a.actorName,
      agency: a.actorAgency,
      reason: ('reason' in a.data && a.data.reason) || undefined,
      late: ('lateSupplement' in a.data && a.data.lateSupplement) || ('lateApology' in a.data && a.data.lateApology) || undefined,
      stillMissing: 'stillMissing' in a.data && a.data.stillMissing ? namedComponents(procedure, a.data.stillMissing) : undefined,
      collectedBy: a.action === 'return_result' ? a.data.collectedBy : undefined,
      /** return_result: how the result went back (at the desk, by post with its tracking number, online). */
      returnMethod: a.action === 'return_result' ? a.data.returnMethod : undefined,
      postalReference: a.action === 'return_result' ? a.data.postalReference : undefined,
      /** Officers only: the note written with a hand-over, a dispatch or an approval (a step's own note is in `steps`). */
      note: officer && a.action !== 'complete_step' && 'note' in a.data && a.data.note ? a.data.note : undefined,
      /** Officers only: whom an assignment named. */
      assigneeName: officer && a.action === 'assign' ? a.data.assigneeName : undefined,
    })),
  };
}

function presentSupplement(d: Dossier, procedure: ProcedureVersion, log: ActionRecord[], documents: repo.DossierDocument[]): c.Dossier['supplement'] {
  const request = d.status === 'AWAITING_SUPPLEMENT' ? lastSupplementRequest(log) : null;
  if (!request) return null;
  const { requested, missing } = supplementProgress(procedure, request, documents, (d.intake?.paper ?? []).map((p) => p.componentCode));
  return {
    phase: d.phase,
    requestedAt: iso(request.at),
    reason: request.data.reason,
    requested: namedComponents(procedure, requested),
    missing: namedComponents(procedure, missing),
  };
}

/** A line of the applicant's list. */
export function presentSummary(d: Dossier, procedureName: string, now: Date): c.DossierSummary {
  return {
    id: d.id,
    code: d.code,
    reference: d.reference,
    procedureCode: d.procedureCode,
    procedureName,
    ...presentProgress(d, now),
  };
}

/** What every list of dossiers shows of where one stands: its status (code, label), submission, reception, due instant and timeliness. */
export function presentProgress(d: Pick<Dossier, 'status' | 'submittedAt' | 'receivedAt' | 'dueAt' | 'finishedAt'>, now: Date) {
  const status = statusInfo[d.status];
  return {
    status: d.status,
    statusCode: status.code,
    statusLabel: status.vi,
    submittedAt: iso(d.submittedAt),
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.dueAt),
    timeliness: timeliness({ dueAt: d.dueAt, finishedAt: d.finishedAt, now }),
  };
}

/** Public tracking (no login): no identity number, phone, address, file or officer name. */
export function presentTracking(t: repo.TrackingRow, now: Date): Omit<c.Tracking, 'returnMethod' | 'applicantName'> & { applicantName: string } {
  const status = statusInfo[t.status];
  const at = (v: string | null) => (v ? toLocalIso(new Date(v)) : null);
  return {
    code: t.code,
    reference: t.reference,
    procedureName: t.procedureName,
    status: t.status,
    statusCode: status.code,
    statusLabel: status.vi,
    receivedAt: iso(t.receivedAt),
    dueAt: iso(t.dueAt),
    timeliness: timeliness({ dueAt: t.dueAt, finishedAt: t.finishedAt, now }),
    applicantName: maskName(t.applicantName),
    agencyName: t.agencyName,
    steps: t.steps.map((s) => ({
      fromAgency: s.fromAgency,
      toAgency: s.toAgency,
      sentAt: at(s.sentAt),
      finishedAt: at(s.finishedAt),
      timeliness: s.outcome ?? timeliness({ dueAt: s.subDueAt ? new Date(s.subDueAt) : null, finishedAt: null, now }),
    })),
    history: t.actions.map((a) => ({ action: a.action, label: actionLabels[a.action].vi, at: toLocalIso(new Date(a.at)) })),
  };
}
