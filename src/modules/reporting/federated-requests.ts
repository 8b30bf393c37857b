import { z } from 'zod';
import { canonicalJson } from '#platform/canonical-json.ts';
import type { AppContext } from '#platform/context.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { emitEvent } from '#platform/events.ts';
import { hostedElsewhere, type ModuleEnvelope, type ModuleEnvelopeOutcome, sendModuleEnvelope } from '#modules/exchange/index.ts';
import { type Agency, type AgencyKind, findAgency, listAgencies } from '#modules/places/index.ts';
import { RegimeDefinition } from './regime-definition.ts';
import * as repo from './reporting.repository.ts';

/**
 * Ad hoc requests across installations (issue 17). A request made at the receiving unit's
 * installation (`createRequest`) whose units include units another installation hosts travels to
 * each of them as a module envelope "Gói yêu cầu báo cáo đột xuất (hệ thống báo cáo)" from the
 * receiving unit to the unit, carrying the request's regime (code, name, version, definition). At
 * the unit's installation it becomes the same ad hoc regime (same code, same period), so the unit
 * fills, signs and submits it there, and its report travels back to the receiving unit like any
 * report (federated-reports.ts). Applied once per DocumentId; a request already held there (the
 * same code, sent to another unit of that installation) is not stored twice.
 */
export const REQUEST_TYPE = 'Gói yêu cầu báo cáo đột xuất (hệ thống báo cáo)';
type Ctx = Pick<AppContext, 'config' | 'clock'>;
const dmy = (d: string) => d.split('-').reverse().join('/');

const Request = z.object({
  code: z.string().regex(/^dx-[0-9a-f]{12}$/),
  name: z.string().min(1).max(300),
  validFrom: z.iso.date(),
  legalBasis: z.string().min(1),
  definition: z.unknown(),
});

/**
 * At the receiving unit's installation, in the request's transaction: sends the request to each of
 * its units hosted by another installation. Answers the codes of the units it was sent to (the
 * caller notifies only the others, whose staff are here).
 */
export async function sendRequest(
  ctx: Ctx,
  tx: Sql,
  r: { code: string; name: string; validFrom: string; legalBasis: string; definition: RegimeDefinition; receiving: Agency; units: Agency[]; actorId: string; at: Date },
): Promise<Set<string>> {
  const sent = new Set<string>();
  for (const [i, unit] of r.units.entries()) {
    if (!(await hostedElsewhere(ctx, tx, unit.code))) continue;
    const out = await sendModuleEnvelope(ctx, tx, {
      type: REQUEST_TYPE,
      from: r.receiving.code,
      to: unit.code,
      codeNumber: `YC-${r.code}-${i + 1}`,
      notation: 'YCBC',
      at: r.at,
      subject: `Yêu cầu báo cáo đột xuất: ${r.name}`,
      value: { code: r.code, name: r.name, validFrom: r.validFrom, legalBasis: r.legalBasis, definition: r.definition } satisfies z.infer<typeof Request>,
    });
    if (!out) continue;
    sent.add(unit.code);
    await audit(tx, { actor: { id: r.actorId }, now: r.at }, 'reporting.request.send', {
      chain: `reporting:request:${r.code}`,
      subject: ['report_request', r.code],
      data: { unit: unit.code, node: out.node, documentId: out.documentId },
    });
  }
  return sent;
}

const refused = (problem: string, detail: string) => ({ refused: problem, detail });
/**
 * At the unit's installation: a request arrives. Refused (nothing stored, the sender told) unless
 * its definition is an ad hoc regime naming the addressed unit, sent by the agency that receives
 * that unit's reports under it (the unit's province's agency of the receiving kind), and a request
 * of the same code held here has the same definition. Stored as the same regime and version;
 * the unit's officers and leaders get the notice in-app and by e-mail.
 */
export async function receiveRequest(ctx: AppContext, tx: Sql, e: ModuleEnvelope): Promise<ModuleEnvelopeOutcome> {
  const parsed = Request.safeParse(e.value);
  if (!parsed.success) return refused('REQUEST_MALFORMED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const r = parsed.data;
  const def = RegimeDefinition.safeParse(r.definition);
  if (!def.success || !def.data.adHoc) return refused('REQUEST_MALFORMED', `${r.code} is not an ad hoc request`);
  const definition = def.data;
  const by = definition.receiving;
  if (by.level !== 'tinh') return refused('REQUEST_MALFORMED', `${r.code} is not received at province level`);
  if (!definition.adHoc!.units.includes(e.to.code)) return refused('REQUEST_NOT_FOR_UNIT', `${e.to.code} is not a unit of request ${r.code}`);
  const unit = await findAgency(tx, e.to.code);
  const receiving = unit ? (await listAgencies(tx, { provinceCode: unit.provinceCode, level: 'tinh', kind: by.kind as AgencyKind }))[0] : undefined;
  if (!unit || receiving?.code !== e.from.code) return refused('NOT_THE_RECEIVING_UNIT', `${e.from.code} does not receive the reports of ${e.to.code}`);
  const held = await repo.regimeVersion(tx, r.code, r.validFrom);
  if (held && canonicalJson(RegimeDefinition.parse(held.definition)) !== canonicalJson(definition)) return refused('REQUEST_CONFLICT', `another request ${r.code} is held here`);
  const now = ctx.clock.now();
  await repo.insertRegime(tx, { code: r.code, name: r.name.normalize('NFC'), type: 'ad_hoc', createdBy: null, at: now });
  await repo.insertRegimeVersion(tx, { code: r.code, validFrom: r.validFrom, legalBasis: r.legalBasis, definition, at: now });
  await audit(tx, { actor: null, now }, 'reporting.request.receive', {
    chain: `reporting:request:${r.code}`,
    subject: ['report_request', r.code],
    data: { unit: unit.code, receivingUnit: receiving.code, node: e.senderNode, documentId: e.documentId },
  });
  const adHoc = definition.adHoc!;
  const userIds = [...new Set((await repo.staffIds(tx, [unit.code], ['officer', 'leader'])).map((s) => s.userId))];
  if (userIds.length > 0) {
    await emitEvent(tx, {
      topic: 'notice.users',
      key: `reporting:request:${r.code}:${unit.code}`,
      at: now,
      payload: {
        userIds,
        title: 'Yêu cầu báo cáo đột xuất',
        body: `${receiving.name} yêu cầu ${unit.name} báo cáo: ${r.name} (số liệu từ ${dmy(adHoc.from)} đến ${dmy(adHoc.to)}), hạn gửi ${dmy(adHoc.dueDate)}.`,
        link: `/bao-cao?regime=${encodeURIComponent(r.code)}&period=${encodeURIComponent(adHoc.period)}&unit=${encodeURIComponent(unit.code)}`,
        email: true,
      },
    });
  }
  return held ? 'unchanged' : 'stored';
}
