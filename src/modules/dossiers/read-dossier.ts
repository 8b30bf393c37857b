import type { Actor } from '#platform/actor.ts';
import { toLocalIso } from '#platform/clock.ts';
import { audit, onDossier } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { normalizeTrackingCode } from './applicant-rules.ts';
import { assertReadable, readerAgency, readerKind, stepAgencies } from './policy.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import * as stepRepo from './steps.repository.ts';
import * as accessLog from './access-log.repository.ts';
import type { Dossier } from './dossiers.types.ts';
import { returnMethodOf } from './register-book.ts';
import { presentDossier, presentSummary, presentTracking } from './present-dossier.ts';
import type * as c from './dossiers.contract.ts';

/**
 * A readable dossier (404 otherwise). Every read by someone other than the applicant — an
 * officer or provincial oversight — is written to the access log and the dossier's audit chain,
 * and the applicant can see it (architecture §5.8).
 */
export async function readDossier(tx: Sql, input: { actor: Actor | null; id: string; what: string; now: Date }): Promise<Dossier> {
  const dossier = assertReadable(input.actor, await repo.findDossier(tx, input.id));
  await logRead(tx, input.actor!, dossier, input.what, input.now);
  return dossier;
}

/** The access-log entry and audit row of an officer's read; true when it accepted liên thông steps (the steps changed). */
async function logRead(tx: Sql, actor: Actor, dossier: Dossier, what: string, now: Date): Promise<boolean> {
  if (readerKind(actor, dossier) === 'applicant') return false;
  const agencyCode = readerAgency(actor, dossier);
  await accessLog.insertAccessLog(tx, dossier.id, { at: now, actorId: actor.id, actorName: actor.fullName, agencyCode, what });
  await audit(tx, { actor, now }, 'dossier.read', onDossier(dossier.id, { what, agencyCode }));
  // liên thông: an officer of a step's agency opening the dossier accepts the step (Mẫu 05)
  const workers = stepAgencies(actor);
  if (!dossier.graphSteps.some((s) => s.open && workers.includes(s.agency))) return false;
  await stepRepo.acceptGraphSteps(tx, dossier.id, workers, actor.id, now);
  return true;
}

/** The page of a dossier just written (the detail its writer answers, not read back), 404 unless readable. */
export function viewWritten(tx: Sql, input: { actor: Actor; detail: repo.DossierDetail; now: Date }) {
  assertReadable(input.actor, input.detail.dossier);
  return presentDossier(tx, input.detail, input.actor, input.now);
}

/**
 * A dossier's page (404 unless readable): its detail in one statement, the read logged when
 * `logRead` (an officer opening it; not the answer of the caller's own action).
 */
export async function viewDossier(tx: Sql, input: { actor: Actor | null; id: string; now: Date; logRead: boolean }) {
  let detail = await repo.findDossierDetail(tx, input.id);
  assertReadable(input.actor, detail?.dossier ?? null);
  if (input.logRead && (await logRead(tx, input.actor!, detail!.dossier, 'detail', input.now))) {
    detail = await repo.findDossierDetail(tx, input.id); // the accepted steps
  }
  return presentDossier(tx, detail!, input.actor, input.now);
}

/** The signed-in applicant's dossiers: submitted by their account or naming their identity number. */
export async function listMyDossiers(tx: Sql, input: { actor: Actor; now: Date }): Promise<{ items: c.DossierSummary[]; total: number }> {
  const dossiers = await repo.listForApplicant(tx, input.actor.id, input.actor.idNumber);
  const names = new Map<string, string>();
  const items = [];
  for (const d of dossiers) {
    if (!names.has(d.procedureVersionId)) names.set(d.procedureVersionId, (await getProcedureVersion(tx, d.procedureVersionId)).name);
    items.push(presentSummary(d, names.get(d.procedureVersionId)!, input.now));
  }
  return { items, total: items.length };
}

/** Who read my dossier: for its applicant only. */
export async function accessLogForApplicant(tx: Sql, input: { actor: Actor; id: string }): Promise<{ items: c.AccessLogEntry[] }> {
  const dossier = await repo.findDossier(tx, input.id);
  if (!dossier || readerKind(input.actor, dossier) !== 'applicant') throw DossierErrors.DOSSIER_NOT_FOUND();
  const entries = await accessLog.listAccessLog(tx, dossier.id);
  const items: c.AccessLogEntry[] = [];
  for (const e of entries) {
    const agency = e.agencyCode ? await findAgency(tx, e.agencyCode) : null;
    items.push({
      at: toLocalIso(e.at),
      who: e.actorName,
      agency: e.agencyCode ? { code: e.agencyCode, name: agency?.name ?? e.agencyCode } : null,
      what: e.what,
    });
  }
  return { items };
}

/** One read-only query, no transaction: public tracking is the busiest public page. */
/**
 * Public tracking. Codes are sequential, so a code alone shows only the procedure and its
 * progress; the applicant's (masked) name needs a second factor, the last 4 digits of the
 * applicant's phone (issue 13, D4).
 */
export async function trackDossier(db: Sql, input: { code: string; phoneTail: string | null; now: Date }): Promise<c.Tracking> {
  const row = await repo.findTrackingByCode(db, normalizeTrackingCode(input.code));
  if (!row) throw DossierErrors.DOSSIER_NOT_FOUND();
  const { applicantName, ...tracking } = presentTracking(row, input.now);
  // the way the applicant chose to receive the result, as on the receipt (Mẫu 01); never the address
  const returnMethod = returnMethodOf({ fields: { resultDelivery: await repo.findReturnMethodByCode(db, row.code) } });
  const verified = input.phoneTail !== null && (await repo.applicantPhoneTail(db, row.code)) === input.phoneTail;
  return verified ? { ...tracking, returnMethod, applicantName } : { ...tracking, returnMethod };
}
