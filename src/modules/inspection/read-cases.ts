import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { findUserById, listUsersWithRole } from '#modules/identity/index.ts';
import { loadDossier } from '#modules/dossiers/index.ts';
import { caseFor, presentCaseTimes } from './act-on-case.ts';
import * as repo from './inspection.repository.ts';
import { inspectionAgencies, may } from './policy.ts';

async function summary(tx: Sql, c: repo.CaseRow, today: string) {
  const dossier = await loadDossier(tx, c.dossierId);
  const inspector = c.inspectorId ? await findUserById(tx, c.inspectorId) : null;
  return {
    id: c.id,
    number: c.number,
    dossierId: c.dossierId,
    dossierCode: dossier?.code ?? null,
    declarant: dossier?.applicant.fullName ?? '',
    origin: c.origin,
    reason: c.reason,
    status: c.status,
    inspector: inspector ? { username: inspector.username, fullName: inspector.fullName } : null,
    dueDate: c.dueDate,
    overdue: c.status !== 'concluded' && c.dueDate < today,
    conclusion: c.conclusion,
    resultRevoked: !!c.revokedAt,
  };
}

/** Hồ sơ hậu kiểm of the actor's authorities: all, mine (assigned to me), or overdue. */
export async function listCases(tx: Sql, actor: Actor, view: 'all' | 'mine' | 'overdue', now: Date) {
  const today = localDate(now);
  const rows = await repo.listCases(tx, {
    agencies: inspectionAgencies(actor),
    ...(view === 'mine' ? { inspectorId: actor.id } : {}),
    ...(view === 'overdue' ? { overdueOn: today } : {}),
  });
  const items = [];
  for (const c of rows) items.push(await summary(tx, c, today));
  return { items };
}

/**
 * One case with its declaration's risk, the sector's checklist, the log and what the actor may do
 * next. Reading it reads the declarant's personal data: audited.
 */
export async function readCase(tx: Sql, actor: Actor, id: string, now: Date) {
  const c = await caseFor(tx, actor, id);
  const today = localDate(now);
  const versions = await repo.declarationVersions(tx, c.dossierId);
  const declared = versions.find((v) => v.version === c.declarationVersion) ?? versions.at(-1)!;
  const ruleSet = await repo.findRuleSet(tx, c.sector, localDate(declared.declaredAt));
  const lead = may.lead(actor, c.agencyCode);
  const work = may.work(actor, c);
  const allowed: ('assign' | 'record_visit' | 'conclude' | 'revoke_result')[] = [];
  if (lead && c.status !== 'concluded') allowed.push('assign');
  if (work && (c.status === 'assigned' || c.status === 'visited')) allowed.push('record_visit');
  if (work && c.status === 'visited') allowed.push('conclude');
  if (lead && c.conclusion === 'sanction' && c.resultId && !c.revokedAt) allowed.push('revoke_result');
  await audit(tx, { actor, now }, 'inspection.case_read', { chain: `inspection-case:${c.id}`, subject: ['inspection_case', c.id], data: { dossierId: c.dossierId } });
  return {
    ...(await summary(tx, c, today)),
    ...presentCaseTimes(c),
    agencyCode: c.agencyCode,
    sector: c.sector,
    resultId: c.resultId,
    declarationVersion: declared.version,
    riskScore: declared.riskScore,
    riskFactors: declared.riskFactors,
    legalBasis: c.legalBasis,
    correctBy: c.correctBy,
    sanction: c.sanction,
    revocationReason: c.revocationReason,
    checklist: ruleSet?.rules.checklist ?? [],
    allowedActions: allowed,
    inspectors: lead ? (await listUsersWithRole(tx, c.agencyCode, 'inspector')).map((u) => ({ username: u.username, fullName: u.fullName })) : [],
    log: (await repo.caseActions(tx, c.id)).map((a) => ({ seq: a.seq, action: a.action, at: toLocalIso(a.at), actorName: a.actorName, data: a.data })),
  };
}
