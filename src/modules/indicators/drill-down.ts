import type { Actor } from '#platform/actor.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { logDossierReads, maskName, statusInfo, type DossierStatus } from '#modules/dossiers/index.ts';
import { aggregatesRepository } from './aggregates.repository.ts';
import { type Figure, figurePredicates } from './figures.ts';
import { type DrillRow, drillReads, type FactGroupBy } from './indicators.repository.ts';
import type { Range } from './periods.ts';
import { may, readerAgency } from './policy.ts';
import type { Side } from './rulebook-766.ts';
import type { Unit } from './units.ts';

/**
 * The dossiers of a list whose applicant the actor may read (`may.readPersonal`), each read
 * written to the access log under `what` (a list's name); the others are shown masked.
 */
export async function openPersonal(tx: Sql, actor: Actor, rows: { id: string; agency: string; provinceCode: string | null }[], now: Date, what: string): Promise<Set<string>> {
  const readable = rows.filter((r) => may.readPersonal(actor, r)).map((r) => r.id);
  if (readable.length) await logDossierReads(tx, readable, { actorId: actor.id, actorName: actor.fullName, agencyCode: readerAgency(actor), at: now, what });
  return new Set(readable);
}

/** The predicate of a formula side: any of `plus`, none of `minus`. */
export function sidePredicate(side: Side): string {
  const any = side.plus.map((f) => `(${figurePredicates[f]})`).join(' OR ');
  const none = (side.minus ?? []).map((f) => `(${figurePredicates[f]})`).join(' OR ');
  return none ? `(${any}) AND NOT coalesce(${none}, false)` : any;
}

/** The dossiers behind a figure (or a formula side): a page, personal data masked unless the viewer may read it (then logged). */
export async function dossiersBehind(
  tx: Sql,
  input: { actor: Actor; unit: Unit; range: Range; side: Side; what: string; limit: number; offset: number; now: Date; group?: { by: FactGroupBy; key: string | null } },
) {
  const { actor, unit, range, now } = input;
  const page = await drillReads.list(tx, {
    kind: unit.kind,
    unit: unit.code,
    predicate: sidePredicate(input.side),
    ...range,
    today: localDate(now),
    now,
    limit: input.limit,
    offset: input.offset,
    group: input.group,
  });
  const open = await openPersonal(tx, actor, page.items, now, `Danh sách chỉ tiêu: ${input.what}`);
  return {
    unit: unit.code,
    from: range.from,
    to: range.to,
    total: page.total,
    limit: input.limit,
    offset: input.offset,
    items: page.items.map((r) => presentRow(r, open.has(r.id), now)),
    // at the national node: the provinces of the unit whose dossiers another installation holds (only their aggregates came here)
    elsewhere: await aggregatesRepository.provincesHeldElsewhere(tx, unit.kind === 'national' ? null : unit.provinceCode),
  };
}

export function presentRow(r: DrillRow, personal: boolean, now: Date) {
  const status = r.status as DossierStatus;
  return {
    id: r.id,
    code: r.code,
    procedureCode: r.procedureCode,
    procedureName: r.procedureName,
    agencyCode: r.agency,
    agencyName: r.agencyName,
    channel: r.channel,
    status,
    statusLabel: statusInfo[status]?.vi ?? status,
    applicantName: personal ? r.applicantName : r.applicantName ? maskName(r.applicantName) : '',
    masked: !personal,
    receivedAt: r.receivedAt ? toLocalIso(r.receivedAt) : null,
    dueAt: r.dueAt ? toLocalIso(r.dueAt) : null,
    finishedAt: r.finishedAt ? toLocalIso(r.finishedAt) : null,
    outcome: r.outcome,
    overdue: !r.finishedAt && r.dueAt !== null && r.dueAt.getTime() < now.getTime(),
  };
}

export const figureSide = (figure: Figure): Side => ({ plus: [figure] });
