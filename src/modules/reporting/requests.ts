import { createHash } from 'node:crypto';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { emitEvent } from '#platform/events.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { type Agency, type AgencyKind, findAgency, listAgencies } from '#modules/places/index.ts';
import { staffOf } from './policy.ts';
import { RegimeDefinition } from './regime-definition.ts';
import type { RequestBody, RequestOut } from './reporting.contract.ts';
import { ReportingErrors } from './reporting.errors.ts';
import * as repo from './reporting.repository.ts';
import { reportLink } from './reports.ts';
import { checkedRegime } from './regimes.ts';
import { sendRequest } from './federated-requests.ts';

type Ctx = Pick<AppContext, 'config' | 'clock'>;
const dmy = (d: string) => d.split('-').reverse().join('/');

/**
 * Ad hoc requests (yêu cầu báo cáo đột xuất, NĐ 09/2019 Art. 4): a leader of a provincial
 * agency asks chosen units of the province for a report on a subject, with its own template
 * (the regimes' sections and indicators), data range and deadline. A request is stored as a
 * regime of type `ad_hoc` (one version, `adHoc` naming the period, units and due date), so the
 * units fill, sign and submit it, and the agency reviews and aggregates it, exactly like a
 * periodic report. The request's code is derived from its content: the same request made twice
 * (a retry, with or without an Idempotency-Key) is the same request and nothing is sent again.
 */
export async function createRequest(ctx: Ctx, tx: Sql, actor: Actor, input: RequestBody): Promise<RequestOut> {
  const now = ctx.clock.now();
  const today = localDate(now);
  const staff = await staffOf(tx, actor);
  if (!staff.leader.has(input.receivingUnit)) throw ReportingErrors.REQUEST_LEADER_ONLY();
  const receiving = await findAgency(tx, input.receivingUnit);
  const problems: { field: string; message: string }[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (!receiving) throw ReportingErrors.REQUEST_LEADER_ONLY();
  if (receiving.level !== 'tinh') problem('receivingUnit', 'Chỉ cơ quan cấp tỉnh được yêu cầu báo cáo đột xuất (đơn vị cấp xã gửi báo cáo lên cấp tỉnh)');
  if (input.from > input.to) problem('to', `Ngày kết thúc số liệu (${dmy(input.to)}) phải sau ngày bắt đầu (${dmy(input.from)})`);
  const dueDate = 'date' in input.deadline ? input.deadline.date : await addWorkingDays(tx, today, input.deadline.workingDays);
  if (dueDate < today) problem('deadline.date', `Hạn gửi ${dmy(dueDate)} đã qua`);
  if (dueDate < input.from) problem('deadline.date', `Hạn gửi ${dmy(dueDate)} phải sau ngày bắt đầu số liệu ${dmy(input.from)}`);
  const units: Agency[] = [];
  const seen = new Set<string>();
  for (const [i, code] of input.units.entries()) {
    if (seen.has(code)) {
      problem(`units.${i}`, `Đơn vị ${code} được chọn hai lần`);
      continue;
    }
    seen.add(code);
    const unit = await findAgency(tx, code);
    if (!unit || unit.provinceCode !== receiving.provinceCode) problem(`units.${i}`, `Không có đơn vị ${code} trong tỉnh của ${receiving.name}`);
    else if (unit.code === receiving.code) problem(`units.${i}`, `${unit.name} là đơn vị nhận báo cáo, không tự báo cáo cho mình`);
    else units.push(unit);
  }
  const indicators = input.sections.flatMap((s) => s.indicators);
  const codes = new Set<string>();
  for (const [i, ind] of indicators.entries()) {
    if (codes.has(ind.code)) problem(`sections.indicators.${i}.code`, `Mã chỉ tiêu "${ind.code}" bị trùng`);
    codes.add(ind.code);
    if (ind.prefill) problem(`sections.indicators.${i}.prefill`, `Chỉ tiêu ${ind.number} ${ind.name}: yêu cầu đột xuất không lấy số liệu tự động`);
    if (ind.aggregation === 'weighted_average' && !(ind.weight && indicators.some((x) => x.code === ind.weight && x.type !== 'text')))
      problem(`sections.indicators.${i}.weight`, `Chỉ tiêu ${ind.number} ${ind.name}: bình quân gia quyền cần chỉ tiêu số làm trọng số`);
    if (ind.type === 'text' && ind.aggregation !== 'concat' && ind.aggregation !== 'none') problem(`sections.indicators.${i}.aggregation`, `Chỉ tiêu ${ind.number} ${ind.name} là văn bản: chỉ liệt kê theo đơn vị`);
  }
  for (const [i, check] of (input.checks ?? []).entries())
    if (![check.total, ...check.parts].every((c) => codes.has(c))) problem(`checks.${i}`, 'Quy tắc kiểm tra tổng nêu chỉ tiêu không có trong mẫu');
  if (problems.length) throw ReportingErrors.REQUEST_INVALID({ details: problems });

  const canonical = JSON.stringify({ receiving: receiving.code, ...input, units: [...seen].sort(), deadline: dueDate });
  const hash = createHash('sha256').update(canonical.normalize('NFC')).digest('hex');
  const code = `dx-${hash.slice(0, 12)}`;
  const period = `DX-${input.to.slice(0, 4)}-${hash.slice(0, 6).toUpperCase()}`;
  const kinds = new Map<string, Set<string>>();
  for (const u of units) kinds.set(u.level, new Set([...(kinds.get(u.level) ?? []), u.kind]));
  const definition = RegimeDefinition.parse({
    content: input.content.normalize('NFC'),
    reportingUnits: [...kinds].map(([level, k]) => ({ level, kinds: [...k] })),
    receiving: { level: 'tinh', kind: receiving.kind },
    periodTypes: ['ad_hoc'],
    cutoffDay: 1,
    due: { workingDaysAfterCutoff: 0 },
    adHoc: { period, from: input.from, to: input.to, dueDate, units: units.map((u) => u.code), requestedBy: actor.username },
    sections: input.sections,
    checks: input.checks ?? [],
  });
  const name = input.name.normalize('NFC');
  const created = await repo.insertRegime(tx, { code, name, type: 'ad_hoc', createdBy: actor.id, at: now });
  if (created) {
    const legalBasis = `Yêu cầu báo cáo đột xuất của ${receiving.name} (Nghị định 09/2019/NĐ-CP, Điều 4)`;
    await repo.insertRegimeVersion(tx, { code, validFrom: today, legalBasis, definition, at: now });
    await audit(tx, { actor, now }, 'reporting.request.create', {
      chain: `reporting:request:${code}`,
      subject: ['report_request', code],
      data: { name, receivingUnit: receiving.code, units: units.map((u) => u.code), period, from: input.from, to: input.to, dueDate },
    });
    // Units hosted by another installation get the request there, over the interconnection axis (and their notice there).
    const elsewhere = await sendRequest(ctx, tx, { code, name, validFrom: today, legalBasis, definition, receiving, units, actorId: actor.id, at: now });
    for (const unit of units) {
      if (elsewhere.has(unit.code)) continue;
      const userIds = [...new Set((await repo.staffIds(tx, [unit.code], ['officer', 'leader'])).map((s) => s.userId))];
      if (userIds.length === 0) continue;
      await emitEvent(tx, {
        topic: 'notice.users',
        key: `reporting:request:${code}:${unit.code}`,
        at: now,
        payload: {
          userIds,
          title: 'Yêu cầu báo cáo đột xuất',
          body: `${receiving.name} yêu cầu ${unit.name} báo cáo: ${name} (số liệu từ ${dmy(input.from)} đến ${dmy(input.to)}), hạn gửi ${dmy(dueDate)}.`,
          link: reportLink({ regime: { code }, period: { period }, unit: { code: unit.code } }),
          email: true,
        },
      });
    }
  }
  const stored = await requestOrThrow(tx, actor, code);
  return { ...stored, created };
}

/** A request as answered: who asked, whom, for what and by when. */
async function present(tx: Sql, row: repo.RegimeRow & { createdAt: Date }): Promise<Omit<RequestOut, 'created'>> {
  const adHoc = row.definition.adHoc!;
  const units = [];
  for (const code of adHoc.units) units.push({ unit: code, unitName: (await findAgency(tx, code))?.name ?? code });
  const receiving = await receivingOfRequest(tx, row);
  return {
    code: row.code,
    name: row.name,
    content: row.definition.content,
    period: adHoc.period,
    from: adHoc.from,
    to: adHoc.to,
    dueDate: adHoc.dueDate,
    receivingUnit: receiving?.code ?? '',
    receivingUnitName: receiving?.name ?? '',
    requestedBy: adHoc.requestedBy,
    createdAt: toLocalIso(row.createdAt),
    units,
  };
}

/** The agency that receives an ad hoc request's reports: its kind at province level, in the units' province. */
export async function receivingOfRequest(tx: Sql, row: repo.RegimeRow): Promise<Agency | null> {
  const first = row.definition.adHoc ? await findAgency(tx, row.definition.adHoc.units[0]) : null;
  const receiving = row.definition.receiving;
  if (!first || receiving.level !== 'tinh') return null;
  return (await listAgencies(tx, { provinceCode: first.provinceCode, level: 'tinh', kind: receiving.kind as AgencyKind }))[0] ?? null;
}

/** Whether an ad hoc request concerns one of these agencies (as a unit asked, or as the receiving agency). */
async function concerns(tx: Sql, row: repo.RegimeRow, agencies: Set<string>): Promise<boolean> {
  if (row.definition.adHoc?.units.some((u) => agencies.has(u))) return true;
  const receiving = await receivingOfRequest(tx, row);
  return !!receiving && agencies.has(receiving.code);
}

const agenciesOf = async (tx: Sql, actor: Actor) => {
  const staff = await staffOf(tx, actor);
  return new Set([...staff.officer, ...staff.leader, ...staff.receiver]);
};

/** GET /requests/{code}: for the receiving agency's staff and the units asked; anyone else 404. */
export async function requestOrThrow(tx: Sql, actor: Actor, code: string): Promise<Omit<RequestOut, 'created'>> {
  const row = await repo.adHocRequest(tx, code);
  const checked = row ? checkedRegime(row) : null;
  if (!row || !checked?.definition.adHoc || !(await concerns(tx, checked, await agenciesOf(tx, actor)))) throw ReportingErrors.REQUEST_NOT_FOUND();
  return present(tx, { ...checked, createdAt: row.createdAt });
}

/** GET /requests: the ad hoc requests my agencies sent or were asked, newest first. */
export async function listRequests(tx: Sql, actor: Actor): Promise<Omit<RequestOut, 'created'>[]> {
  const agencies = await agenciesOf(tx, actor);
  if (agencies.size === 0) return [];
  const out = [];
  for (const row of await repo.adHocRequests(tx)) {
    const checked = checkedRegime(row);
    if (checked?.definition.adHoc && (await concerns(tx, checked, agencies))) out.push(await present(tx, { ...checked, createdAt: row.createdAt }));
  }
  return out;
}

/** Ad hoc regimes are shown only to those they concern (a province's requests are its own business). */
export async function visibleTo(tx: Sql, actor: Actor, regimes: repo.RegimeRow[]): Promise<repo.RegimeRow[]> {
  const agencies = await agenciesOf(tx, actor);
  const out = [];
  for (const r of regimes) if (r.type !== 'ad_hoc' || !r.definition.adHoc || (await concerns(tx, r, agencies))) out.push(r);
  return out;
}
