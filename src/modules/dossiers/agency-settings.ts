import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency } from '#modules/places/index.ts';
import * as repo from './agency-settings.repository.ts';
import { DossierErrors } from './dossiers.errors.ts';
import type { AgencySettings } from './dossiers.contract.ts';

/**
 * Per-agency settings of the dossier lifecycle, kept as data and edited by the administrator:
 * `resultIssuance` says whether the leader's approval issues the result at once
 * (`on_approval`, the default) or the agency's clerk issues it afterwards (`by_clerk`).
 */
async function present(tx: Sql, agencyCode: string): Promise<AgencySettings> {
  const s = await repo.findAgencySettings(tx, agencyCode);
  return { agencyCode, resultIssuance: s.resultIssuance, updatedAt: s.updatedAt ? toLocalIso(s.updatedAt) : null };
}

async function requireAgency(tx: Sql, code: string) {
  const agency = await findAgency(tx, code);
  if (!agency) throw DossierErrors.AGENCY_NOT_FOUND();
  return agency;
}

export async function readAgencySettings(tx: Sql, input: { code: string }) {
  await requireAgency(tx, input.code);
  return present(tx, input.code);
}

/** Changes an agency's settings (idempotent: the same values again change nothing and add no audit row). */
export async function updateAgencySettings(tx: Sql, input: { actor: Actor; code: string; resultIssuance: repo.ResultIssuance; now: Date }) {
  await requireAgency(tx, input.code);
  const before = await repo.findAgencySettings(tx, input.code);
  if (before.resultIssuance !== input.resultIssuance || !before.updatedAt) {
    await repo.upsertAgencySettings(tx, { agencyCode: input.code, resultIssuance: input.resultIssuance, at: input.now, by: input.actor.id });
    await audit(tx, input, 'agency.settings.update', {
      chain: `agency-settings:${input.code}`,
      subject: ['agency', input.code],
      data: { resultIssuance: { from: before.resultIssuance, to: input.resultIssuance } },
    });
  }
  return present(tx, input.code);
}

/** How the agency issues its results (read by `approve`). */
export async function resultIssuanceOf(tx: Sql, agencyCode: string): Promise<repo.ResultIssuance> {
  return (await repo.findAgencySettings(tx, agencyCode)).resultIssuance;
}
