import { z } from 'zod';

/**
 * The post-inspection contract (issue 19 item 6): every route's params, query, body and success
 * responses. Routes in inspection.routes.ts use exactly these; the web app reads the same shapes.
 */

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'ngày trong khoảng 2000–2100 / a date between 2000 and 2100');
const instant = z.iso.datetime({ offset: true }).refine((t) => {
  const ms = Date.parse(t);
  return ms >= Date.parse('2000-01-01T00:00:00Z') && ms <= Date.parse('2100-12-31T00:00:00Z');
}, 'thời điểm trong khoảng 2000–2100 / a time between 2000 and 2100');

export const IdParams = z.object({ id });
export const DossierParams = z.object({ dossierId: id });
export const DeclarationFileParams = z.object({ dossierId: id, fileId: id });
export const CaseFileParams = z.object({ id, fileId: id });

const Explained = z.object({ vi: z.string(), en: z.string() });
export const RiskFactor = Explained.extend({ code: z.enum(['sector', 'category', 'violations', 'corrections']), points: z.number() });
export const DrawReason = Explained.extend({ code: z.enum(['high_risk', 'random']) });

export const Plan = z.object({
  id: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  sector: z.string(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  minRandomPercent: z.number(),
  highRiskThreshold: z.number(),
  caseDueWorkingDays: z.number().int(),
  legalBasis: z.string(),
  lastDraw: z.object({ id: z.string(), seed: z.string(), drawnAt: z.string(), population: z.number().int(), minimum: z.number().int(), drawn: z.number().int() }).nullable(),
});
export const PlanList = z.object({ items: z.array(Plan) });

export const DrawBody = z.object({ seed: z.string().trim().min(1).max(64).optional() }).default({});
export const DrawItem = z.object({
  dossierId: z.string(),
  dossierCode: z.string().nullable(),
  declarant: z.string(),
  category: z.string().nullable(),
  riskScore: z.number(),
  reasons: z.array(DrawReason),
  caseId: z.string().nullable(),
});
export const Draw = z.object({
  id: z.string(),
  planId: z.string(),
  seed: z.string(),
  population: z.number().int(),
  minimum: z.number().int().meta({ description: 'số hồ sơ chọn ngẫu nhiên tối thiểu / the random minimum' }),
  drawnAt: z.string(),
  items: z.array(DrawItem),
});

export const CreateCaseBody = z.object({
  dossierId: id,
  reason: text(2000),
  origin: z.enum(['sample', 'complaint', 'manual']).optional(),
  drawId: id.optional(),
});

const ChecklistAnswer = z.object({ code: text(40), ok: z.boolean(), note: z.string().trim().max(1000).optional() });

export const CaseAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), inspector: text(100) }),
  z.object({
    action: z.literal('record_visit'),
    at: instant,
    place: text(500),
    participants: z.array(text(200)).max(30).optional(),
    findings: text(8000),
    checklist: z.array(ChecklistAnswer).max(100).optional(),
    files: z.array(id).max(30).optional(),
  }),
  z.object({
    action: z.literal('conclude'),
    conclusion: z.enum(['compliant', 'correct', 'sanction']),
    legalBasis: text(2000).optional(),
    correctBy: date.optional(),
    fineVnd: z.number().int().min(0).max(10_000_000_000).optional(),
    measures: text(2000).optional(),
  }),
  z.object({ action: z.literal('revoke_result'), reason: text(2000) }),
]);
export type CaseAction = z.infer<typeof CaseAction>;

export const DeclarationVersion = z.object({
  version: z.number().int(),
  declaredAt: z.string(),
  fields: z.record(z.string(), z.unknown()),
  documents: z.array(z.object({ componentCode: z.string(), fileId: z.string() })),
  contentHash: z.string(),
  category: z.string().nullable(),
  riskScore: z.number(),
  riskFactors: z.array(RiskFactor),
  correctionReason: z.string().nullable(),
});

export const Declaration = z.object({
  dossierId: z.string(),
  dossierCode: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyCode: z.string(),
  declarant: z.object({ name: z.string(), id: z.string() }),
  resultId: z.string().nullable(),
  resultRevoked: z.boolean(),
  versions: z.array(DeclarationVersion),
});

export const CorrectionBody = z.object({ fields: z.record(z.string(), z.unknown()), reason: text(2000) });

export const CaseSummary = z.object({
  id: z.string(),
  number: z.string(),
  dossierId: z.string(),
  dossierCode: z.string().nullable(),
  declarant: z.string(),
  origin: z.enum(['sample', 'complaint', 'manual']),
  reason: z.string(),
  status: z.enum(['open', 'assigned', 'visited', 'concluded']),
  inspector: z.object({ username: z.string(), fullName: z.string() }).nullable(),
  dueDate: z.string(),
  overdue: z.boolean(),
  conclusion: z.enum(['compliant', 'correct', 'sanction']).nullable(),
  resultRevoked: z.boolean(),
});
export const CaseList = z.object({ items: z.array(CaseSummary) });
export const CaseQuery = z.object({ view: z.enum(['all', 'mine', 'overdue']).default('all') });

export const Case = CaseSummary.extend({
  agencyCode: z.string(),
  sector: z.string(),
  resultId: z.string().nullable(),
  declarationVersion: z.number().int(),
  riskScore: z.number(),
  riskFactors: z.array(RiskFactor),
  legalBasis: z.string().nullable(),
  correctBy: z.string().nullable(),
  sanction: z.object({ fineVnd: z.number().optional(), measures: z.string().optional() }).nullable(),
  concludedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  createdAt: z.string(),
  checklist: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })),
  allowedActions: z.array(z.enum(['assign', 'record_visit', 'conclude', 'revoke_result'])),
  inspectors: z.array(z.object({ username: z.string(), fullName: z.string() })),
  log: z.array(z.object({ seq: z.number().int(), action: z.string(), at: z.string(), actorName: z.string(), data: z.record(z.string(), z.unknown()) })),
});

export const FiguresQuery = z.object({ province: z.string().regex(/^\d{2}$/).optional(), from: date.optional(), to: date.optional() });
export const Figures = z.object({
  scope: z.object({ province: z.string().nullable(), from: z.string(), to: z.string() }),
  proceduresInForce: z.number().int(),
  proceduresUnderPostControl: z.number().int(),
  postControlShare: z.number().meta({ description: 'tỷ lệ thủ tục hậu kiểm (0–1) / share of procedures under post or hybrid control' }),
  declarations: z.number().int(),
  inspected: z.number().int(),
  inspectedShare: z.number(),
  concluded: z.number().int().meta({ description: 'hồ sơ hậu kiểm đã kết luận (mẫu số của tỷ lệ vi phạm) / concluded cases, the violation rate\'s denominator' }),
  violations: z.number().int(),
  violationRate: z.number().meta({ description: 'vi phạm / hồ sơ đã kết luận (0–1) / violations over concluded cases' }),
  averageDaysToInspection: z.number().nullable(),
});

export type Plan = z.infer<typeof Plan>;
export type Draw = z.infer<typeof Draw>;
export type CaseSummary = z.infer<typeof CaseSummary>;
export type Case = z.infer<typeof Case>;
export type Figures = z.infer<typeof Figures>;
export type Declaration = z.infer<typeof Declaration>;
