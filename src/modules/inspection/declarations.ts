import { createHash } from 'node:crypto';
import type { Actor } from '#platform/actor.ts';
import { audit, onDossier } from '#platform/audit.ts';
import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import type { DomainEvent } from '#platform/events.ts';
import { controlModeOf, getProcedureVersion, type ProcedureVersion } from '#modules/catalog/index.ts';
import { type ControlGateCall, type Dossier, listDossierDocuments, loadDossier } from '#modules/dossiers/index.ts';
import { findResultOfDossier } from '#modules/signatures/index.ts';
import { canonicalJson } from '#platform/canonical-json.ts';
import { InspectionErrors } from './inspection.errors.ts';
import * as repo from './inspection.repository.ts';
import { type RiskFactor, scoreRisk } from './risk.ts';

/** The sector and rule set a dossier's declaration is judged by, with its risk score; null when the procedure has no inspection sector. */
export async function assessDeclaration(tx: Sql, dossier: Pick<Dossier, 'procedureCode' | 'fields' | 'applicant'>, at: Date) {
  const sector = await repo.findProcedureSector(tx, dossier.procedureCode);
  if (!sector) return null;
  const ruleSet = await repo.findRuleSet(tx, sector.sector, localDate(at));
  if (!ruleSet) return null;
  const raw = sector.categoryField ? dossier.fields[sector.categoryField] : null;
  const category = typeof raw === 'string' && raw.trim() ? raw.trim().normalize('NFC') : null;
  const history = await repo.declarantHistory(tx, dossier.applicant.idNumber);
  const { score, factors } = scoreRisk(ruleSet.rules, { category, history });
  return { sector: sector.sector, ruleSet, category, score, factors, high: score >= ruleSet.rules.highRiskThreshold };
}

/** The hybrid gate (dossiers' control-gate.ts): issued at reception unless the declaration is high-risk. */
export async function lowRiskGate(tx: Sql, call: ControlGateCall): Promise<boolean> {
  const assessed = await assessDeclaration(tx, call.dossier, call.now);
  return !!assessed && !assessed.high;
}

const hashOf = (fields: unknown, documents: unknown) => createHash('sha256').update(canonicalJson({ fields, documents })).digest('hex');

async function freeze(
  tx: Sql,
  dossier: Dossier,
  input: { version: number; fields: Record<string, unknown>; at: Date; by: string | null; reason: string | null; resultId: string | null },
): Promise<repo.DeclarationRow | null> {
  const assessed = await assessDeclaration(tx, { ...dossier, fields: input.fields }, input.at);
  if (!assessed) return null;
  const documents = (await listDossierDocuments(tx, dossier.id)).filter((d) => d.componentCode !== 'KET_QUA').map((d) => ({ componentCode: d.componentCode, fileId: d.fileId }));
  const row: repo.DeclarationRow = {
    dossierId: dossier.id,
    version: input.version,
    procedureCode: dossier.procedureCode,
    agencyCode: dossier.competentAgency,
    provinceCode: dossier.provinceCode,
    sector: assessed.sector,
    declarantId: dossier.applicant.idNumber,
    declarantName: dossier.applicant.fullName,
    declarantUser: dossier.applicantUserId,
    category: assessed.category,
    fields: input.fields,
    documents,
    contentHash: hashOf(input.fields, documents),
    resultId: input.resultId,
    riskScore: assessed.score,
    riskFactors: assessed.factors,
    ruleSetId: assessed.ruleSet.id,
    correctionReason: input.reason,
    declaredAt: input.at,
    recordedBy: input.by,
  };
  await repo.insertDeclaration(tx, row);
  return row;
}

/**
 * In the transaction of the reception (event `dossier.status_changed`, action `receive`): a
 * dossier under `post` or `hybrid` control becomes declaration version 1, frozen with its risk
 * score explained factor by factor. Idempotent (the version's primary key).
 */
export async function recordDeclarationOnReceive(tx: Sql, event: DomainEvent): Promise<void> {
  const payload = event.payload as { dossierId?: string; action?: string; procedureVersionId?: string };
  if (payload.action !== 'receive' || !payload.dossierId) return;
  // the procedure first (the reception has read it: no statement): a pre-controlled dossier is not read again
  if (payload.procedureVersionId && controlModeOf(await getProcedureVersion(tx, payload.procedureVersionId)) === 'pre') return;
  const dossier = await loadDossier(tx, payload.dossierId);
  if (!dossier) return;
  const procedure: ProcedureVersion = await getProcedureVersion(tx, dossier.procedureVersionId);
  if (controlModeOf(procedure) === 'pre') return;
  const result = await findResultOfDossier(tx, dossier.id);
  await freeze(tx, dossier, { version: 1, fields: dossier.fields, at: event.at, by: null, reason: null, resultId: result?.id ?? null });
}

/**
 * Sửa đổi bản công bố: the declarant corrects the declared data. The earlier versions stay as they
 * were; the correction is a new version (history kept) and counts in the declarant's next risk.
 * Refused while an inspection case is open on it; an identical correction is a retry: no new version.
 */
export async function correctDeclaration(tx: Sql, input: { actor: Actor; dossierId: string; fields: Record<string, unknown>; reason: string; now: Date }) {
  const dossier = await loadDossier(tx, input.dossierId);
  const versions = dossier ? await repo.declarationVersions(tx, input.dossierId) : [];
  if (!dossier || versions.length === 0 || dossier.applicantUserId !== input.actor.id) throw InspectionErrors.DECLARANT_ONLY();
  const current = versions.at(-1)!;
  const fields = { ...current.fields, ...input.fields };
  if (hashOf(fields, current.documents) === current.contentHash) {
    if (current.correctionReason === input.reason.normalize('NFC')) return { version: current, created: false };
    throw InspectionErrors.NOTHING_CHANGED();
  }
  if (await repo.openCaseOfDossier(tx, dossier.id)) throw InspectionErrors.CASE_OPEN();
  const row = await freeze(tx, dossier, {
    version: current.version + 1,
    fields,
    at: input.now,
    by: input.actor.id,
    reason: input.reason.normalize('NFC'),
    resultId: current.resultId,
  });
  await audit(tx, input, 'inspection.declaration_corrected', onDossier(dossier.id, { version: current.version + 1, reason: input.reason }));
  return { version: row!, created: true };
}

/** A version as answered (the risk explained factor by factor). */
export const presentVersion = (v: repo.DeclarationRow) => ({
  version: v.version,
  declaredAt: v.declaredAt,
  fields: v.fields,
  documents: v.documents,
  contentHash: v.contentHash,
  category: v.category,
  riskScore: v.riskScore,
  riskFactors: v.riskFactors as RiskFactor[],
  correctionReason: v.correctionReason,
});
