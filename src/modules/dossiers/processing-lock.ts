import type { Actor, Role } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { localDate, localTime, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { assertReadable, involvedAgencies } from './access.ts';
import type { Who } from './actions.ts';
import * as repo from './dossiers.repository.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as locks from './locks.repository.ts';

/**
 * Khóa xử lý: a short lock so two officers never process the same dossier at once. Opening the
 * processing page claims it for `minutes`; the page renews it and releases it on leave. While
 * another officer's lock is live, officers' actions answer 409 DOSSIER_LOCKED; the applicant's
 * and system actors' (the payment gateway) are never blocked. A leader of the agency currently
 * processing the dossier may take the lock over (audited).
 */

const LOCKING_ROLES: readonly Role[] = ['desk_officer', 'specialist', 'leader', 'clerk'];

const isLive = (lock: locks.ProcessingLock | null, now: Date): lock is locks.ProcessingLock => !!lock && lock.expiresAt.getTime() > now.getTime();

/** "08:30 16/03/2026", local time: how the holder's start is printed in the message. */
const printed = (d: Date) => {
  const [y, m, day] = localDate(d).split('-');
  return `${localTime(d)} ${day}/${m}/${y}`;
};

const mayTakeOver = (actor: Actor, d: repo.Dossier) => actor.grants.some((g) => g.role === 'leader' && g.agencyCode === d.currentAgency);

/** The lock as an answer shows it (null when there is none or it expired). */
export function presentLock(lock: locks.ProcessingLock | null, actor: Actor | null, d: repo.Dossier, now: Date) {
  if (!isLive(lock, now)) return null;
  const mine = !!actor && lock.holderId === actor.id;
  return {
    holder: { id: lock.holderId, name: lock.holderName },
    since: toLocalIso(lock.claimedAt),
    expiresAt: toLocalIso(lock.expiresAt),
    mine,
    canTakeOver: !mine && !!actor && mayTakeOver(actor, d),
  };
}

function lockedError(lock: locks.ProcessingLock, actor: Actor, d: repo.Dossier, now: Date) {
  return DossierErrors.DOSSIER_LOCKED({ lock: presentLock(lock, actor, d, now) }, { holder: lock.holderName, since: printed(lock.claimedAt) });
}

/** Claims (or renews, or with `takeover` takes over) the processing lock of a dossier. */
export async function claimLock(tx: Sql, input: { actor: Actor; id: string; takeover: boolean; now: Date; minutes: number }) {
  const { actor, now } = input;
  const d = assertReadable(actor, await repo.lockDossier(tx, input.id));
  const agencies = involvedAgencies(d);
  if (!actor.grants.some((g) => LOCKING_ROLES.includes(g.role) && g.agencyCode && agencies.includes(g.agencyCode))) {
    throw DossierErrors.LOCK_NOT_ALLOWED();
  }
  const existing = await locks.findLock(tx, d.id);
  const heldByOther = isLive(existing, now) && existing.holderId !== actor.id;
  if (heldByOther && !input.takeover) throw lockedError(existing, actor, d, now);
  if (heldByOther && !mayTakeOver(actor, d)) throw DossierErrors.LOCK_TAKEOVER_NOT_ALLOWED();
  const renewing = isLive(existing, now) && existing.holderId === actor.id;
  const lock: locks.ProcessingLock = {
    dossierId: d.id,
    holderId: actor.id,
    holderName: actor.fullName,
    claimedAt: renewing ? existing.claimedAt : now,
    expiresAt: new Date(now.getTime() + input.minutes * 60_000),
  };
  await locks.upsertLock(tx, lock);
  if (heldByOther) {
    await appendAudit(tx, {
      chain: `dossier:${d.id}`,
      actorId: actor.id,
      action: 'dossier.lock_takeover',
      subjectType: 'dossier',
      subjectId: d.id,
      data: { from: { id: existing.holderId, name: existing.holderName, since: toLocalIso(existing.claimedAt) } },
      at: now,
    });
  }
  return presentLock(lock, actor, d, now)!;
}

/** Releases the caller's lock; nothing happens when the caller holds none (idempotent). */
export async function releaseLock(tx: Sql, input: { actor: Actor; id: string }): Promise<void> {
  const d = assertReadable(input.actor, await repo.findDossier(tx, input.id));
  await locks.deleteLock(tx, d.id, input.actor.id);
}

/**
 * The guard `actOnDossier` runs: an officer's action on a dossier another officer holds is
 * refused. The applicant and system actors (payment gateway) are never blocked.
 */
export async function assertNotLockedByOther(tx: Sql, input: { actor: Actor; who: Who; dossier: repo.Dossier; now: Date }): Promise<void> {
  const { actor, who } = input;
  if (who.role === 'applicant' || who.role === 'payment_gateway') return;
  // liên thông: parallel steps are worked by their own agencies at once; each step row is completed once
  if (who.at === 'step') return;
  const lock = await locks.findLock(tx, input.dossier.id);
  if (isLive(lock, input.now) && lock.holderId !== actor.id) throw lockedError(lock, actor, input.dossier, input.now);
}

/** The live lock of a dossier, for the dossier's answer. */
export async function currentLock(tx: Sql, actor: Actor | null, d: repo.Dossier, now: Date) {
  return presentLock(await locks.findLock(tx, d.id), actor, d, now);
}
