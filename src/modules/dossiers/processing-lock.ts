import type { Actor } from '#platform/actor.ts';
import { audit, onDossier } from '#platform/audit.ts';
import { localDate, localTime, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import type { Who } from './actions.ts';
import * as repo from './dossiers.repository.ts';
import type { Dossier } from './dossiers.types.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as locks from './locks.repository.ts';
import { assertReadable, may } from './policy.ts';
import type { ProcessingLock as ProcessingLockView } from './dossiers.contract.ts';

/**
 * Khóa xử lý: a short lock so two officers never process the same dossier at once. Opening the
 * processing page claims it for `minutes`; the page renews it and releases it on leave. While
 * another officer's lock is live, officers' actions answer 409 DOSSIER_LOCKED; the applicant's
 * and system actors' (the payment gateway) are never blocked. A leader of the agency currently
 * processing the dossier may take the lock over (audited).
 */

const isLive = (lock: locks.ProcessingLock | null, now: Date): lock is locks.ProcessingLock => !!lock && lock.expiresAt.getTime() > now.getTime();

/** "08:30 16/03/2026", local time: how the holder's start is printed in the message. */
const printed = (d: Date) => {
  const [y, m, day] = localDate(d).split('-');
  return `${localTime(d)} ${day}/${m}/${y}`;
};

/** The lock as an answer shows it (null when there is none or it expired); the dossier's answer reads its row with the detail. */
export function presentLock(lock: locks.ProcessingLock | null, actor: Actor | null, d: Dossier, now: Date): ProcessingLockView | null {
  if (!isLive(lock, now)) return null;
  const mine = !!actor && lock.holderId === actor.id;
  return {
    holder: { id: lock.holderId, name: lock.holderName },
    since: toLocalIso(lock.claimedAt),
    expiresAt: toLocalIso(lock.expiresAt),
    mine,
    canTakeOver: !mine && !!actor && may.takeOverLock(actor, d),
  };
}

function lockedError(lock: locks.ProcessingLock, actor: Actor, d: Dossier, now: Date) {
  return DossierErrors.DOSSIER_LOCKED({ lock: presentLock(lock, actor, d, now) }, { holder: lock.holderName, since: printed(lock.claimedAt) });
}

/** Claims (or renews, or with `takeover` takes over) the processing lock of a dossier. */
export async function claimLock(tx: Sql, input: { actor: Actor; id: string; takeover: boolean; now: Date; minutes: number }) {
  const { actor, now } = input;
  const d = assertReadable(actor, await repo.lockDossier(tx, input.id));
  if (!may.lock(actor, d)) throw DossierErrors.LOCK_NOT_ALLOWED();
  const existing = await locks.findLock(tx, d.id);
  const heldByOther = isLive(existing, now) && existing.holderId !== actor.id;
  if (heldByOther && !input.takeover) throw lockedError(existing, actor, d, now);
  if (heldByOther && !may.takeOverLock(actor, d)) throw DossierErrors.LOCK_TAKEOVER_NOT_ALLOWED();
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
    await audit(tx, { actor, now }, 'dossier.lock_takeover', onDossier(d.id, { from: { id: existing.holderId, name: existing.holderName, since: toLocalIso(existing.claimedAt) } }));
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
export function assertNotLockedByOther(input: { actor: Actor; who: Who; dossier: Dossier; lock: locks.ProcessingLock | null; now: Date }): void {
  const { actor, who, lock } = input;
  if (who.role === 'applicant' || who.role === 'payment_gateway') return;
  // liên thông: parallel steps are worked by their own agencies at once; each step row is completed once
  if (who.at === 'step') return;
  if (isLive(lock, input.now) && lock.holderId !== actor.id) throw lockedError(lock, actor, input.dossier, input.now);
}
