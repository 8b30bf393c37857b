import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency } from '#modules/places/index.ts';
import { loadBody } from './bodies.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { auditBody, listManagedBodies, officialAccount } from './manage-body.ts';
import { may } from './policy.ts';

export interface CreateBodyInput {
  code: string;
  name: string;
  agencyCode: string;
  /** The body's secretariat (Văn phòng); the creator when left out. */
  secretariat?: string;
  rule: { deemedAgreement: boolean; tieBreak: 'chair' | 'none'; legalBasis: string };
}

/** Whether the actor may create bodies of an agency: an administrator, or the secretariat of a body of that agency. */
export async function mayCreateBody(tx: Sql, actor: Actor, agencyCode?: string): Promise<boolean> {
  if (may.createBodyAsAdmin(actor, agencyCode)) return true;
  for (const b of await repo.listBodies(tx)) {
    if (agencyCode && b.agencyCode !== agencyCode) continue;
    if ((await loadBody(tx, b.code)).members.some((m) => m.userId === actor.id && m.role === 'secretariat')) return true;
  }
  return false;
}

/**
 * A new collective body (e.g. a steering committee of the province) with its secretariat and its
 * decision rule from today; members are added afterwards on its page. For administrators and the
 * secretariat of a body of the same agency (403 for other officials). The same body again is a
 * retry (`created: false`); another body under a code already taken is `409 BODY_CODE_TAKEN`.
 */
export async function createBody(ctx: Pick<AppContext, 'clock'>, tx: Sql, actor: Actor, input: CreateBodyInput): Promise<{ created: boolean }> {
  const name = input.name.trim().normalize('NFC');
  const agency = await findAgency(tx, input.agencyCode);
  if (!agency) throw CabinetErrors.AGENCY_UNKNOWN({}, { code: input.agencyCode });
  if (!(await mayCreateBody(tx, actor, agency.code))) throw CabinetErrors.BODY_CREATE_NOT_ALLOWED();
  await repo.lockBodyCode(tx, input.code);
  const existing = (await repo.listBodies(tx)).find((b) => b.code === input.code);
  if (existing) {
    if (existing.name === name && existing.agencyCode === agency.code) return { created: false };
    throw CabinetErrors.BODY_CODE_TAKEN({}, { code: input.code });
  }
  const secretariat = input.secretariat ? await officialAccount(tx, input.secretariat) : actor;
  const now = ctx.clock.now();
  const rule = { validFrom: localDate(now), deemedAgreement: input.rule.deemedAgreement, tieBreak: input.rule.tieBreak, legalBasis: input.rule.legalBasis.trim().normalize('NFC') };
  await repo.insertBody(tx, { code: input.code, name, agencyCode: agency.code, createdAt: now });
  await repo.insertRule(tx, input.code, rule);
  await repo.upsertMember(tx, { bodyCode: input.code, userId: secretariat.id, role: 'secretariat', title: `Văn phòng ${name}`.slice(0, 300), substituteUserId: null, position: 1 });
  await auditBody(tx, actor, input.code, 'cabinet.body.create', { name, agencyCode: agency.code, secretariat: secretariat.username, rule }, now);
  return { created: true };
}

/** The bodies the actor manages, whether they may create one, and the agencies of those bodies. */
export async function managedBodies(tx: Sql, actor: Actor) {
  const items = await listManagedBodies(tx, actor);
  const agencies = new Map<string, string>();
  for (const b of await repo.listBodies(tx)) {
    if (items.some((i) => i.code === b.code) && !agencies.has(b.agencyCode)) agencies.set(b.agencyCode, (await findAgency(tx, b.agencyCode))?.name ?? b.agencyCode);
  }
  return { items, canCreate: await mayCreateBody(tx, actor), agencies: [...agencies].map(([code, name]) => ({ code, name })) };
}
