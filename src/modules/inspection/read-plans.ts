import type { Actor } from '#platform/actor.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { loadDossier } from '#modules/dossiers/index.ts';
import { findAgency } from '#modules/places/index.ts';
import * as repo from './inspection.repository.ts';
import { inspectionAgencies } from './policy.ts';

/** The sampling plans of the actor's authorities, each with its last draw. */
export async function listPlans(tx: Sql, actor: Actor) {
  const items = [];
  for (const p of await repo.listPlans(tx, inspectionAgencies(actor))) {
    const last = await repo.latestDraw(tx, p.id);
    items.push({
      id: p.id,
      agencyCode: p.agencyCode,
      agencyName: (await findAgency(tx, p.agencyCode))?.name ?? p.agencyCode,
      sector: p.sector,
      title: p.title,
      periodFrom: p.periodFrom,
      periodTo: p.periodTo,
      minRandomPercent: p.minRandomPercent,
      highRiskThreshold: p.highRiskThreshold,
      caseDueWorkingDays: p.caseDueWorkingDays,
      legalBasis: p.legalBasis,
      lastDraw: last ? { id: last.id, seed: last.seed, drawnAt: toLocalIso(last.drawnAt), population: last.population, minimum: last.minimum, drawn: last.items.length } : null,
    });
  }
  return { items };
}

/** A draw as answered: each drawn declaration with its declarant, category, reasons and case (if one was opened). */
export async function presentDraw(tx: Sql, d: repo.DrawRow) {
  const items = [];
  for (const i of d.items) {
    const dossier = await loadDossier(tx, i.dossierId);
    const latest = (await repo.declarationVersions(tx, i.dossierId)).at(-1);
    const open = (await repo.casesOfDossier(tx, i.dossierId)).at(-1);
    items.push({
      dossierId: i.dossierId,
      dossierCode: dossier?.code ?? null,
      declarant: dossier?.applicant.fullName ?? '',
      category: latest?.category ?? null,
      riskScore: i.riskScore,
      reasons: i.reasons,
      caseId: open?.id ?? null,
    });
  }
  return { id: d.id, planId: d.planId, seed: d.seed, population: d.population, minimum: d.minimum, drawnAt: toLocalIso(d.drawnAt), items };
}
