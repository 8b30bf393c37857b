import { createHash } from 'node:crypto';
import type { Actor } from '#platform/actor.ts';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { getFile, readFileBytes, storeBytes } from '#modules/files/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { actOnDossier } from './act-on-dossier.ts';
import * as fed from './federation.repository.ts';
import { actionHandlers } from './handlers.ts';
import * as repo from './dossiers.repository.ts';
import * as stepRepo from './steps.repository.ts';
import type { Dossier } from './dossiers.types.ts';

/**
 * Federated liên thông (issue 15 item 7): a step whose agency another installation hosts. The
 * exchange module carries the packages (signed edXML); this file is the dossiers' side of it.
 * - On the lead node, `federatedStepPackage` gives the dossier's rows and files for the envelope.
 * - On the step's node, `importFederatedStep` keeps them as a copy (`lead_node`): the step's
 *   agency sees it in its queues like any liên thông step and completes it with the real
 *   `complete_step` action (on a copy, completion opens nothing: the lead node decides).
 * - Back on the lead node, `completeFederatedStep` applies that completion to the lead dossier
 *   with the same action, as the step agency's officer (a system actor naming the node).
 * Each is idempotent: a package delivered twice changes nothing the second time.
 */
export interface FederatedFile {
  fileId: string;
  name: string;
  mediaType: string;
  bytes: Buffer;
}
export type DossierRows = fed.DossierRows;

type FilesCtx = Pick<AppContext, 'filesDir' | 'clock'>;

/** The lead dossier's rows and attached files (null: no such dossier, or a copy led elsewhere). */
export async function federatedStepPackage(
  ctx: FilesCtx,
  tx: Sql,
  dossierId: string,
): Promise<{ dossier: Dossier; rows: DossierRows; files: FederatedFile[] } | null> {
  const dossier = await repo.findDossier(tx, dossierId);
  if (!dossier || dossier.leadNode) return null;
  const rows = await fed.exportDossierRows(tx, dossierId);
  if (!rows) return null;
  const ids = new Set<string>(rows.documents.map((d) => String(d.file_id)));
  for (const s of rows.steps) if (typeof s.result_file_id === 'string') ids.add(s.result_file_id);
  const files: FederatedFile[] = [];
  for (const id of ids) {
    const f = await getFile(tx, id);
    if (f) files.push({ fileId: id, name: f.originalName, mediaType: f.mediaType, bytes: await readFileBytes(ctx, f.sha256) });
  }
  return { dossier, rows, files };
}

/**
 * Keeps another installation's dossier as a copy for a step hosted here. First package: the
 * dossier, its log, documents and steps, its files stored here. A later one (another step of the
 * same dossier): the step rows the copy lacks. `own`: a dossier of this node has that id (refused).
 */
export async function importFederatedStep(
  ctx: FilesCtx,
  tx: Sql,
  input: { rows: DossierRows; files: FederatedFile[]; leadNode: string },
): Promise<'imported' | 'steps_added' | 'unchanged' | 'own'> {
  const id = String(input.rows.dossier.id);
  const lead = await fed.leadNodeOf(tx, id);
  if (lead === null) return 'own';
  const uploader = `federation:${input.leadNode}`;
  const map = new Map<string, string>();
  for (const f of input.files) {
    map.set(f.fileId, (await storeBytes(ctx, tx, { bytes: f.bytes, mediaType: f.mediaType, name: f.name, uploadedBy: uploader })).fileId);
  }
  const steps = input.rows.steps.map((s) => ({ ...s, result_file_id: typeof s.result_file_id === 'string' ? (map.get(s.result_file_id) ?? null) : null }));
  if (lead !== undefined) return (await fed.importSteps(tx, steps)) > 0 ? 'steps_added' : 'unchanged';
  const documents = input.rows.documents.filter((d) => map.has(String(d.file_id))).map((d) => ({ ...d, file_id: map.get(String(d.file_id)) }));
  await fed.importDossierRows(tx, { ...input.rows, steps, documents }, input.leadNode);
  return 'imported';
}

/**
 * Keeps a copy current: the lead installation's dossier as it stood after its action `seq`
 * replaces the copy's row, log, steps and documents (files already held here, by content, are
 * reused; the others are stored). Only the copy's lead may update it; an update older than one
 * already applied (`appliedSeq`, known to the caller from the envelopes it stored) changes nothing.
 */
export async function updateFederatedCopy(
  ctx: FilesCtx,
  tx: Sql,
  input: { rows: DossierRows; files: FederatedFile[]; leadNode: string; seq: number; appliedSeq: number | null },
): Promise<'updated' | 'stale' | 'unknown' | 'own' | 'not_lead'> {
  const id = String(input.rows.dossier.id);
  const lead = await fed.leadNodeOf(tx, id);
  if (lead === undefined) return 'unknown';
  if (lead === null) return 'own';
  if (lead !== input.leadNode) return 'not_lead';
  if (input.appliedSeq !== null && input.appliedSeq >= input.seq) return 'stale';
  const held = new Map<string, string>();
  for (const fileId of await fed.dossierFileIds(tx, id)) {
    const f = await getFile(tx, fileId);
    if (f) held.set(f.sha256, f.id);
  }
  const map = new Map<string, string>();
  for (const f of input.files) {
    const sha = createHash('sha256').update(f.bytes).digest('hex');
    const local = held.get(sha) ?? (await storeBytes(ctx, tx, { bytes: f.bytes, mediaType: f.mediaType, name: f.name, uploadedBy: `federation:${input.leadNode}` })).fileId;
    held.set(sha, local);
    map.set(f.fileId, local);
  }
  const steps = input.rows.steps.map((s) => ({ ...s, result_file_id: typeof s.result_file_id === 'string' ? (map.get(s.result_file_id) ?? null) : null }));
  const documents = input.rows.documents.filter((d) => map.has(String(d.file_id))).map((d) => ({ ...d, file_id: map.get(String(d.file_id)) }));
  await fed.replaceCopyRows(tx, { ...input.rows, steps, documents });
  return 'updated';
}

/** What the step's node sends back once its agency completed the step on the copy. */
export async function federatedStepResult(
  ctx: FilesCtx,
  tx: Sql,
  input: { dossierId: string; step: number },
): Promise<{ dossier: Dossier; agency: string; sentAt: Date; finishedAt: Date; note: string; officer: string; file: FederatedFile | null } | null> {
  const dossier = await repo.findDossier(tx, input.dossierId);
  if (!dossier?.leadNode) return null;
  const row = (await stepRepo.listSteps(tx, dossier.id)).find((s) => s.stepSeq === input.step);
  if (!row?.finishedAt) return null;
  const entry = (await repo.listActions(tx, dossier.id)).findLast((a) => a.action === 'complete_step' && (a.data as { step?: number }).step === input.step);
  const f = row.resultFileId ? await getFile(tx, row.resultFileId) : null;
  return {
    dossier,
    agency: row.toAgency,
    sentAt: row.sentAt,
    finishedAt: row.finishedAt,
    note: row.resultNote ?? '',
    officer: entry?.actorName ?? '',
    file: f ? { fileId: f.id, name: f.originalName, mediaType: f.mediaType, bytes: await readFileBytes(ctx, f.sha256) } : null,
  };
}

/**
 * Lead node: the step's completion arrived from the node hosting its agency. Applied with the
 * `complete_step` action as that agency's officer (`federation:<node>`), its file stored here;
 * `not_open` when the step is no longer open at that agency (recalled, completed already).
 */
export async function completeFederatedStep(
  ctx: AppContext,
  tx: Sql,
  input: { dossierId: string; step: number; agency: string; node: string; officer: string; note: string; file: Omit<FederatedFile, 'fileId'> | null },
): Promise<'completed' | 'not_open' | 'unknown'> {
  const dossier = await repo.findDossier(tx, input.dossierId);
  if (!dossier || dossier.leadNode) return 'unknown';
  const row = (await stepRepo.listSteps(tx, dossier.id)).find((s) => s.stepSeq === input.step);
  if (!row || row.finishedAt || row.toAgency !== input.agency) return 'not_open';
  const agency = await findAgency(tx, input.agency);
  const actor: Actor = {
    id: `federation:${input.node}`,
    username: `federation:${input.node}`,
    fullName: input.officer || agency?.name || input.agency,
    idNumber: null,
    grants: [{ role: 'specialist', agencyCode: input.agency, provinceCode: agency?.provinceCode ?? null }],
    sessionId: 'federation',
  };
  const resultFileId = input.file ? (await storeBytes(ctx, tx, { ...input.file, uploadedBy: actor.id })).fileId : undefined;
  await actOnDossier(tx, ctx, actionHandlers, {
    actor,
    dossierId: dossier.id,
    body: { action: 'complete_step', step: input.step, note: input.note, ...(resultFileId ? { resultFileId } : {}) },
  });
  return 'completed';
}
