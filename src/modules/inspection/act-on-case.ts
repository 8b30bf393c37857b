import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { CommonErrors, validationFailed } from '#platform/errors.ts';
import { getFile } from '#modules/files/index.ts';
import { listUsersWithRole } from '#modules/identity/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { revokeResultOnInspection } from '#modules/signatures/index.ts';
import { canonicalJson } from '#platform/canonical-json.ts';
import type { CaseAction } from './inspection.contract.ts';
import { InspectionErrors } from './inspection.errors.ts';
import * as repo from './inspection.repository.ts';
import { may } from './policy.ts';

/** A case the actor may see (404 otherwise: another authority's — or province's — cases do not exist for them). */
export async function caseFor(tx: Sql, actor: Actor, id: string, lock = false): Promise<repo.CaseRow> {
  const c = await repo.findCase(tx, id, lock);
  if (!c || !may.see(actor, c.agencyCode)) throw InspectionErrors.CASE_NOT_FOUND();
  return c;
}

const CONCLUSION_TEXT = {
  compliant: { vi: 'Tuân thủ', en: 'Compliant' },
  correct: { vi: 'Yêu cầu khắc phục trong thời hạn', en: 'To correct by a deadline' },
  sanction: { vi: 'Xử phạt vi phạm hành chính', en: 'Administrative sanction' },
} as const;

type Step = { next: repo.CaseRow; data: Record<string, unknown> } | null;

/**
 * One action on a case (contract: `POST /api/v1/inspection/cases/{id}/actions`): lock → 404 unless
 * visible → who may → the action's rule → log entry, new state, audit row (and the declarant's
 * notice), in the caller's transaction. Every action is idempotent under retry: repeating it with
 * the same content changes nothing (`null` step) and answers the case as it is.
 */
export async function actOnCase(tx: Sql, input: { actor: Actor; id: string; body: CaseAction; now: Date }): Promise<repo.CaseRow> {
  const { actor, body, now } = input;
  const c = await caseFor(tx, actor, input.id, true);
  const notAllowed = () => InspectionErrors.CASE_ACTION_NOT_ALLOWED({}, { action: body.action, status: c.status });
  let step: Step;
  switch (body.action) {
    case 'assign': {
      if (!may.lead(actor, c.agencyCode)) throw InspectionErrors.LEADER_ONLY();
      if (c.status === 'concluded') throw notAllowed();
      const inspector = (await listUsersWithRole(tx, c.agencyCode, 'inspector')).find((u) => u.username === body.inspector.toLowerCase());
      if (!inspector) throw InspectionErrors.INSPECTOR_UNKNOWN({}, { inspector: body.inspector });
      step =
        c.inspectorId === inspector.id
          ? null
          : { next: { ...c, inspectorId: inspector.id, status: c.status === 'open' ? 'assigned' : c.status }, data: { inspector: inspector.username, inspectorName: inspector.fullName } };
      break;
    }
    case 'record_visit': {
      if (!may.work(actor, c)) throw CommonErrors.FORBIDDEN();
      if (c.status !== 'assigned' && c.status !== 'visited') throw notAllowed();
      for (const fileId of body.files ?? []) {
        const file = await getFile(tx, fileId);
        if (!file || file.uploadedBy !== actor.id) throw validationFailed([{ field: 'files', message: `tệp ${fileId} không tồn tại hoặc không do Ông/Bà tải lên` }]);
      }
      const visit = {
        at: body.at,
        place: body.place.normalize('NFC'),
        participants: (body.participants ?? []).map((p) => p.normalize('NFC')),
        findings: body.findings.normalize('NFC'),
        checklist: body.checklist ?? [],
        files: body.files ?? [],
      };
      const last = (await repo.caseActions(tx, c.id)).filter((a) => a.action === 'record_visit').at(-1);
      step = last && canonicalJson(last.data) === canonicalJson(visit) ? null : { next: { ...c, status: 'visited' }, data: visit };
      break;
    }
    case 'conclude': {
      if (!may.work(actor, c)) throw CommonErrors.FORBIDDEN();
      if (c.status === 'concluded') {
        if (c.conclusion === body.conclusion && (c.legalBasis ?? null) === (body.legalBasis?.normalize('NFC') ?? null)) {
          step = null;
          break;
        }
        throw InspectionErrors.ALREADY_CONCLUDED();
      }
      if (c.status !== 'visited') throw InspectionErrors.VISIT_NOT_RECORDED();
      if (body.conclusion !== 'compliant' && !body.legalBasis) throw InspectionErrors.LEGAL_BASIS_REQUIRED();
      if (body.conclusion === 'correct' && !body.correctBy) throw InspectionErrors.CORRECT_BY_REQUIRED();
      const next: repo.CaseRow = {
        ...c,
        status: 'concluded',
        conclusion: body.conclusion,
        legalBasis: body.legalBasis?.normalize('NFC') ?? null,
        correctBy: body.conclusion === 'correct' ? (body.correctBy ?? null) : null,
        sanction: body.conclusion === 'sanction' ? { fineVnd: body.fineVnd, measures: body.measures?.normalize('NFC') } : null,
        concludedAt: now,
      };
      step = { next, data: { conclusion: next.conclusion, legalBasis: next.legalBasis, correctBy: next.correctBy, sanction: next.sanction } };
      break;
    }
    case 'revoke_result': {
      if (!may.lead(actor, c.agencyCode)) throw InspectionErrors.LEADER_ONLY();
      if (c.conclusion !== 'sanction') throw InspectionErrors.REVOCATION_NOT_CONCLUDED();
      if (!c.resultId) throw InspectionErrors.NO_RESULT();
      if (c.revokedAt) {
        step = null;
        break;
      }
      const reason = body.reason.normalize('NFC');
      await revokeResultOnInspection(tx, { actor, resultId: c.resultId, reason, basis: `inspection-case:${c.number}`, now });
      step = { next: { ...c, revokedAt: now, revocationReason: reason }, data: { resultId: c.resultId, reason } };
      break;
    }
  }
  if (!step) return c;
  if (!(await repo.updateCase(tx, step.next))) throw CommonErrors.CONFLICT();
  await repo.appendCaseAction(tx, c.id, { action: body.action, data: step.data, at: now, actorId: actor.id, actorName: actor.fullName });
  await audit(tx, { actor, now }, `inspection.${body.action}`, { chain: `inspection-case:${c.id}`, subject: ['inspection_case', c.id], data: step.data });
  await notifyDeclarant(tx, step.next, body.action, now);
  return (await repo.findCase(tx, c.id))!;
}

/** The declarant hears of a finding and of a revocation (in-app notice; e-mail by the notifications module). */
async function notifyDeclarant(tx: Sql, c: repo.CaseRow, action: CaseAction['action'], now: Date): Promise<void> {
  if (action !== 'revoke_result' && !(action === 'conclude' && c.conclusion !== 'compliant')) return;
  const [declaration] = (await repo.declarationVersions(tx, c.dossierId)).slice(-1);
  if (!declaration?.declarantUser) return;
  const text = CONCLUSION_TEXT[c.conclusion ?? 'compliant'];
  const body =
    action === 'revoke_result'
      ? `Kết quả của hồ sơ đã bị thu hồi theo kết luận hậu kiểm ${c.number}. Lý do: ${c.revocationReason}`
      : `Kết luận hậu kiểm ${c.number}: ${text.vi}.${c.correctBy ? ` Thời hạn khắc phục: ${c.correctBy.split('-').reverse().join('/')}.` : ''} Căn cứ: ${c.legalBasis ?? ''}`;
  await noticeEvents.emit(tx, 'notice.users', {
    key: `inspection:${c.id}:${action}`,
    at: now,
    payload: {
      userIds: [declaration.declarantUser],
      title: action === 'revoke_result' ? 'Thu hồi kết quả sau hậu kiểm' : 'Kết luận hậu kiểm',
      body,
      link: `/ho-so-cua-toi/${encodeURIComponent(c.dossierId)}`,
    },
  });
}

/** The case as answered: its state, declaration, log and what the sector's checklist asks. */
export const presentCaseTimes = (c: repo.CaseRow) => ({
  concludedAt: c.concludedAt ? toLocalIso(c.concludedAt) : null,
  revokedAt: c.revokedAt ? toLocalIso(c.revokedAt) : null,
  createdAt: toLocalIso(c.createdAt),
});
