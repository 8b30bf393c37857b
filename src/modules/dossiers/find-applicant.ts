import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './dossiers.repository.ts';
import { deskAgencies } from './policy.ts';
import type { ApplicantFound } from './dossiers.contract.ts';

/**
 * Người nộp đã từng nộp hồ sơ: a desk officer typing (or scanning) an identity number at the
 * counter gets the applicant as the latest dossier received by one of their desks recorded
 * them (name, phone, e-mail, address), to fill the form. Only dossiers of the officer's own
 * agencies are searched; the look-up is a read of personal data and is audited, found or not.
 */
export async function findApplicant(tx: Sql, input: { actor: Actor; idNumber: string; agency?: string; now: Date }): Promise<ApplicantFound> {
  const { actor, idNumber, now } = input;
  const desks = deskAgencies(actor);
  if (desks.length === 0) throw DossierErrors.APPLICANT_LOOKUP_NOT_ALLOWED();
  if (input.agency && !desks.includes(input.agency)) throw DossierErrors.AGENCY_NOT_IN_SCOPE();
  const agencies = input.agency ? [input.agency] : desks;
  const found = await repo.findLatestApplicant(tx, idNumber, agencies);
  await audit(tx, { actor, now }, 'dossier.applicant_lookup', {
    chain: `applicant-lookup:${actor.id}`,
    subject: ['applicant', idNumber],
    data: { agencies, found: found ? found.dossierId : null },
  });
  if (!found) return { applicant: null, dossiers: 0, lastSubmittedAt: null };
  const a = found.applicant;
  return {
    applicant: {
      fullName: a.fullName,
      idNumber: a.idNumber,
      phone: a.phone,
      email: a.email ?? null,
      address: { communeCode: a.address.communeCode, detail: a.address.detail },
    },
    dossiers: found.dossiers,
    lastSubmittedAt: toLocalIso(found.lastSubmittedAt),
  };
}
