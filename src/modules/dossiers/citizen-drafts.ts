import type { Actor } from '#platform/actor.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { DossierErrors } from './dossiers.errors.ts';
import * as repo from './drafts.repository.ts';
import { may } from './policy.ts';
import type { Draft } from './dossiers.contract.ts';

/** The largest draft kept (the form's own JSON; files are only referenced by id). */
const MAX_DRAFT_BYTES = 64 * 1024;

function citizen(actor: Actor): string {
  if (!may.submitOnline(actor)) throw DossierErrors.DRAFTS_FOR_CITIZENS();
  return actor.id;
}

const present = (d: repo.DraftRow): Draft => ({ procedureCode: d.procedureCode, content: d.content, updatedAt: toLocalIso(d.updatedAt) });

/** Bản nháp của tôi: procedure, name and when last saved, newest first. */
export async function listMyDrafts(tx: Sql, actor: Actor) {
  const rows = await repo.listDrafts(tx, citizen(actor));
  return { items: rows.map((r) => ({ procedureCode: r.procedureCode, procedureName: r.procedureName, updatedAt: toLocalIso(r.updatedAt) })) };
}

export async function readMyDraft(tx: Sql, actor: Actor, procedureCode: string) {
  const draft = await repo.findDraft(tx, citizen(actor), procedureCode);
  if (!draft) throw DossierErrors.DRAFT_NOT_FOUND();
  return present(draft);
}

/** Saves (replaces) the draft of one procedure: the same content again changes nothing but the time. */
export async function saveMyDraft(tx: Sql, actor: Actor, procedureCode: string, content: Record<string, unknown>, now: Date) {
  const userId = citizen(actor);
  if (Buffer.byteLength(JSON.stringify(content)) > MAX_DRAFT_BYTES) throw DossierErrors.DRAFT_TOO_LARGE({}, { maxKb: MAX_DRAFT_BYTES / 1024 });
  return present(await repo.saveDraft(tx, userId, procedureCode, content, now));
}

export async function deleteMyDraft(tx: Sql, actor: Actor, procedureCode: string) {
  await repo.deleteDraft(tx, citizen(actor), procedureCode);
}
