import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { addWorkingDays } from '#modules/calendar/index.ts';
import { getProcedureVersion } from '#modules/catalog/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { listingAgency, listingScope } from './policy.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as accessLog from './access-log.repository.ts';
import * as queues from './queues.repository.ts';
import { presentProgress } from './present-dossier.ts';
import { timeliness } from './timeliness.ts';
import type { QueuePage, QueueItem, QueueQuery } from './dossiers.contract.ts';

/** The order each queue opens in: first come first served at the counter, most urgent first elsewhere. */
const DEFAULT_SORT: Record<queues.Queue, { sort: queues.QueueSort; order: 'asc' | 'desc' }> = {
  incoming: { sort: 'submittedAt', order: 'asc' },
  agency: { sort: 'dueAt', order: 'asc' },
  mine: { sort: 'dueAt', order: 'asc' },
  due_soon: { sort: 'dueAt', order: 'asc' },
  overdue: { sort: 'dueAt', order: 'asc' },
  waiting: { sort: 'dueAt', order: 'asc' },
  to_issue: { sort: 'receivedAt', order: 'asc' },
  done: { sort: 'receivedAt', order: 'desc' },
  all: { sort: 'submittedAt', order: 'desc' },
};

const iso = (d: Date | null) => (d ? toLocalIso(d) : null);

/** The last local date that counts as "due soon": one working day from today (domain.md §3.6). */
export async function dueSoonUntil(tx: Sql, now: Date): Promise<string> {
  return addWorkingDays(tx, localDate(now), 1);
}

/** The agency filter: one of the caller's agencies, or for a provincial leader one of the province's. */
async function checkAgency(tx: Sql, scope: queues.QueueScope, agency: string | undefined): Promise<string | null> {
  if (!agency) return null;
  if (scope.agencies.includes(agency)) return agency;
  const found = scope.provinces.length > 0 ? await findAgency(tx, agency) : null;
  if (found && scope.provinces.includes(found.provinceCode)) return agency;
  throw DossierErrors.AGENCY_NOT_IN_SCOPE();
}

/**
 * An officer's queue (hàng đợi): one page of the dossiers of their agencies, with the number
 * in every queue. The listing shows applicants' names, so it is a read of personal data: each
 * listed dossier gets an access-log row (visible to its applicant) and the listing one audit row.
 */
export async function listDossiers(tx: Sql, input: { actor: Actor; query: QueueQuery; now: Date }): Promise<QueuePage> {
  const { actor, query, now } = input;
  const scope = listingScope(actor);
  if (!scope) throw DossierErrors.WORKSPACE_FORBIDDEN();
  const filter: queues.QueueFilter = {
    scope,
    agency: await checkAgency(tx, scope, query.agency),
    q: query.q ? query.q : null,
    procedure: query.procedure ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
    assignee: query.assignee ?? null,
    userId: actor.id,
    now,
    dueSoonUntil: await dueSoonUntil(tx, now),
  };
  const sort = query.sort ?? DEFAULT_SORT[query.queue].sort;
  const order = query.order ?? (query.sort ? 'asc' : DEFAULT_SORT[query.queue].order);
  const { rows, total } = await queues.listQueue(tx, {
    ...filter,
    queue: query.queue,
    sort,
    order,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const counts = await queues.countQueues(tx, filter);

  const names = new Map<string, string>();
  const agencyNames = new Map<string, string>();
  const agencyName = async (code: string) => {
    if (!agencyNames.has(code)) agencyNames.set(code, (await findAgency(tx, code))?.name ?? code);
    return agencyNames.get(code)!;
  };
  const items: QueueItem[] = [];
  for (const d of rows) {
    if (!names.has(d.procedureVersionId)) names.set(d.procedureVersionId, (await getProcedureVersion(tx, d.procedureVersionId)).name);
    items.push({
      id: d.id,
      code: d.code,
      reference: d.reference,
      procedureCode: d.procedureCode,
      procedureName: names.get(d.procedureVersionId)!,
      applicantName: d.applicantName,
      ...presentProgress(d, now),
      assignee: d.assignee,
      agencyCode: d.currentAgency,
      /** The agency holding the dossier now (after a hand-over at reception, the competent one). */
      holdingAgency: { code: d.currentAgency, name: await agencyName(d.currentAgency) },
      receivingAgency: d.receivingAgency,
      /** Liên thông: the step the caller's agency works (held by another agency), with its own sub-deadline and timeliness. */
      step: d.myStep
        ? {
            step: d.myStep.step,
            agency: d.myStep.agency,
            subDueAt: iso(d.myStep.subDueAt),
            timeliness: timeliness({ dueAt: d.myStep.subDueAt, finishedAt: null, now }),
          }
        : null,
    });
  }

  if (rows.length > 0) {
    const agencyCode = listingAgency(actor, scope, filter.agency);
    await accessLog.insertAccessLogMany(
      tx,
      rows.map((d) => d.id),
      { at: now, actorId: actor.id, actorName: actor.fullName, agencyCode, what: `list:${query.queue}` },
    );
    await audit(tx, { actor, now }, 'dossier.list', {
      chain: `dossier-list:${actor.id}`,
      subject: ['dossier_queue', query.queue],
      data: { agencyCode, q: filter.q, procedure: filter.procedure, from: filter.from, to: filter.to, assignee: filter.assignee, page: query.page, dossierIds: rows.map((d) => d.id) },
    });
  }

  return { items, total, page: query.page, pageSize: query.pageSize, sort, order, counts };
}
