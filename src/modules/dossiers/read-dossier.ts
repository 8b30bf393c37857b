import type { Actor } from '#platform/actor.ts';
import { toLocalIso } from '#platform/clock.ts';
import { appendAudit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { normalizeTrackingCode } from './applicant-rules.ts';
import { assertReadable, readerAgency, readerKind } from './access.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import { returnMethodOf } from './register-book.ts';
import { presentDossier, presentSummary, presentTracking } from './present-dossier.ts';

/**
 * A readable dossier (404 otherwise). Every read by someone other than the applicant — an
 * officer or provincial oversight — is written to the access log and the dossier's audit chain,
 * and the applicant can see it (architecture §5.8).
 */
export async function readDossier(tx: Sql, input: { actor: Actor | null; id: string; what: string; now: Date }): Promise<repo.Dossier> {
  const dossier = assertReadable(input.actor, await repo.findDossier(tx, input.id));
  const actor = input.actor!;
  if (readerKind(actor, dossier) !== 'applicant') {
    const agencyCode = readerAgency(actor, dossier);
    await repo.insertAccessLog(tx, dossier.id, {
      at: input.now,
      actorId: actor.id,
      actorName: actor.fullName,
      agencyCode,
      what: input.what,
    });
    await appendAudit(tx, {
      chain: `dossier:${dossier.id}`,
      actorId: actor.id,
      action: 'dossier.read',
      subjectType: 'dossier',
      subjectId: dossier.id,
      data: { what: input.what, agencyCode },
      at: input.now,
    });
    // liên thông: an officer of a step's agency opening the dossier accepts the step (Mẫu 05)
    const workers = actor.grants.filter((g) => g.role === 'specialist' || g.role === 'leader').flatMap((g) => (g.agencyCode ? [g.agencyCode] : []));
    if (dossier.graphSteps.some((s) => s.open && workers.includes(s.agency))) {
      await repo.acceptGraphSteps(tx, dossier.id, workers, actor.id, input.now);
    }
  }
  return dossier;
}

export async function viewDossier(tx: Sql, input: { actor: Actor | null; id: string; now: Date; logRead: boolean }) {
  const dossier = input.logRead
    ? await readDossier(tx, { ...input, what: 'detail' })
    : assertReadable(input.actor, await repo.findDossier(tx, input.id));
  return presentDossier(tx, dossier, input.actor, input.now);
}

/** The signed-in applicant's dossiers: submitted by their account or naming their identity number. */
export async function listMyDossiers(tx: Sql, input: { actor: Actor; now: Date }) {
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
export async function accessLogForApplicant(tx: Sql, input: { actor: Actor; id: string }) {
  const dossier = await repo.findDossier(tx, input.id);
  if (!dossier || readerKind(input.actor, dossier) !== 'applicant') throw DossierErrors.DOSSIER_NOT_FOUND();
  const entries = await repo.listAccessLog(tx, dossier.id);
  const items = [];
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
export async function trackDossier(db: Sql, input: { code: string; phoneTail: string | null; now: Date }) {
  const row = await repo.findTrackingByCode(db, normalizeTrackingCode(input.code));
  if (!row) throw DossierErrors.DOSSIER_NOT_FOUND();
  const { applicantName, ...tracking } = presentTracking(row, input.now);
  // the way the applicant chose to receive the result, as on the receipt (Mẫu 01); never the address
  const returnMethod = returnMethodOf({ fields: { resultDelivery: await repo.findResultDeliveryByCode(db, row.code) } });
  const verified = input.phoneTail !== null && (await repo.applicantPhoneTail(db, row.code)) === input.phoneTail;
  return verified ? { ...tracking, returnMethod, applicantName } : { ...tracking, returnMethod };
}
