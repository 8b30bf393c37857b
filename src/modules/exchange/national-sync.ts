import { canonicalJson } from '#platform/canonical-json.ts';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { AppError, failureText } from '#platform/errors.ts';
import { listPendingDvcqgSync, markDvcqgSyncAcknowledged, markDvcqgSyncFailed } from '#modules/notifications/index.ts';
import { trustAnchors } from '#modules/signatures/index.ts';
import { ExchangeErrors } from './exchange.errors.ts';
import * as repo from './exchange.repository.ts';
import { checkNodeSignature, NodeSignatureError, signAsNode } from './node-signature.ts';

/**
 * Đồng bộ Cổng Dịch vụ công quốc gia over the axis (issue 15 item 7, domain.md §2.12): the
 * status payloads the dossiers module records for the national portal (`dvcqg_sync_log`, one per
 * transition) are pushed, in batches signed with this node's key, to the installation playing
 * the national portal (`MOTCUA_NODE_ROLE=national`, found in the registry). The national node
 * checks the signature and stores each payload once per (node, log id); its acknowledgement
 * marks the log rows delivered (`delivered_at`, `acknowledged_by`). A node that is down loses
 * nothing: the rows stay pending and go with the next push.
 *
 * Two transports: HTTPS (`POST <national>/api/v1/exchange/national-sync`, the answer is the
 * acknowledgement) and, with NATS_URL, JetStream: the batch goes to
 * `<federation>.node.<national>.sync`, the national node's consumer stores it and answers with a
 * signed acknowledgement on `<federation>.node.<sender>.syncack`, which the sender's consumer
 * checks (the national node of its registry signed it, for this node) before marking the rows.
 */
type Ctx = Pick<AppContext, 'config' | 'clock' | 'db' | 'logger'>;

export const SYNC_BATCH = 100;

export interface SyncItem {
  id: number;
  payload: Record<string, unknown>;
}
export interface SyncBatch {
  nodeId: string;
  signedAt: string;
  items: SyncItem[];
  signature: string;
  certificates: string[];
}

const batchBytes = (b: Pick<SyncBatch, 'nodeId' | 'signedAt' | 'items'>) => Buffer.from(canonicalJson([b.nodeId, b.signedAt, b.items.map((i) => [i.id, i.payload])]), 'utf8');

/** A batch of this node's payloads, signed now with its key. */
export async function signedBatch(ctx: Pick<Ctx, 'config' | 'clock' | 'db'>, items: SyncItem[]): Promise<SyncBatch> {
  const unsigned = { nodeId: ctx.config.MOTCUA_NODE_ID, signedAt: ctx.clock.now().toISOString(), items };
  return { ...unsigned, ...(await ctx.db.transaction((tx) => signAsNode(ctx, tx, batchBytes(unsigned)))) };
}

/** The national node this installation reports to: from the registry (or a peer of that role); none on a national node. */
export async function nationalNode(ctx: Ctx): Promise<{ nodeId: string; url: string | null } | null> {
  if (ctx.config.MOTCUA_NODE_ROLE === 'national') return null;
  const node = (await repo.listNodes(ctx.db)).find((n) => n.role === 'national');
  if (!node) return null;
  return { nodeId: node.nodeId, url: ctx.config.MOTCUA_PEERS.find((p) => p.id === node.nodeId)?.url ?? node.url ?? null };
}

/** The bus side of the sync (transport.ts NatsBus): publishes a batch, and remembers what waits for an answer. */
export interface SyncBus {
  /** Resolves once the stream holds the batch (PubAck). */
  publishSync(target: string, batch: SyncBatch): Promise<void>;
  /** Log ids published and not yet acknowledged → when to publish them again (ms since epoch). */
  readonly syncInFlight: Map<number, number>;
}
/** A published batch not answered within this is published again (the national node stores each payload once). */
const RESEND_MS = 60_000;

/**
 * Sends what is pending (batches of SYNC_BATCH) to the national node; how many it acknowledged
 * (over the bus the acknowledgements come later, on this node's consumer), and whether a push failed.
 */
export async function pushNationalSync(ctx: Ctx, bus?: SyncBus | null): Promise<{ acknowledged: number; failed: boolean }> {
  const target = await nationalNode(ctx);
  if (!target) return { acknowledged: 0, failed: false };
  if (bus) return publishPending(ctx, target.nodeId, bus);
  if (!target.url) return { acknowledged: 0, failed: false };
  return postToNational(ctx, { nodeId: target.nodeId, url: target.url }, {
    path: '/api/v1/exchange/national-sync',
    failure: 'national-portal sync not delivered; retried later',
    pending: () => listPendingDvcqgSync(ctx.db, SYNC_BATCH),
    idOf: (r) => r.id,
    sign: (rows) => signedBatch(ctx, rows.map((r) => ({ id: r.id, payload: r.payload }))),
    acknowledged: markDvcqgSyncAcknowledged,
    failed: markDvcqgSyncFailed,
  });
}

/** One lane of rows pushed to the national node over HTTPS (the portal sync, the audit anchors). */
export interface NationalLane<Row> {
  /** Where the national node takes them (POST; it answers `{ node, acknowledged: ids }`). */
  path: string;
  /** Logged (warn) when a batch is not delivered. */
  failure: string;
  /** The next batch still to send; empty when all is sent. */
  pending: () => Promise<Row[]>;
  idOf: (row: Row) => number;
  sign: (rows: Row[]) => Promise<unknown>;
  acknowledged: (tx: Sql, ids: number[], node: string, at: Date) => Promise<void>;
  failed: (tx: Sql, ids: number[], error: string) => Promise<void>;
}

/**
 * Posts a lane's pending rows, batch after batch, until none is left: the ids the answer
 * acknowledges are marked delivered; a failed post (or a partial answer) marks the batch with its
 * error and stops, the rows staying pending for the next push. How many were acknowledged, and
 * whether a push failed.
 */
export async function postToNational<Row>(ctx: Ctx, target: { nodeId: string; url: string }, lane: NationalLane<Row>): Promise<{ acknowledged: number; failed: boolean }> {
  let acknowledged = 0;
  for (;;) {
    const pending = await lane.pending();
    if (pending.length === 0) return { acknowledged, failed: false };
    const ids = pending.map(lane.idOf);
    try {
      const res = await fetch(`${target.url}${lane.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await lane.sign(pending)),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
      const answer = JSON.parse(text) as { acknowledged: number[]; node: string };
      const ok = ids.filter((id) => answer.acknowledged.includes(id));
      await ctx.db.transaction((tx) => lane.acknowledged(tx, ok, answer.node, ctx.clock.now()));
      acknowledged += ok.length;
      if (ok.length < ids.length) return { acknowledged, failed: true };
    } catch (error) {
      ctx.logger.warn({ err: error, node: target.nodeId }, lane.failure);
      await ctx.db.transaction((tx) => lane.failed(tx, ids, failureText(error)));
      return { acknowledged, failed: true };
    }
  }
}

/**
 * National node: takes a signed batch from an installation of the federation. Refused (422
 * EXCHANGE_SYNC_REFUSED) when unsigned, tampered, signed by another node or under a CA it does
 * not trust; every payload stored once; answers the ids it now holds (its acknowledgement).
 */
export async function receiveNationalSync(ctx: Ctx, batch: SyncBatch): Promise<{ node: string; acknowledged: number[]; stored: number }> {
  if (ctx.config.MOTCUA_NODE_ROLE !== 'national') throw ExchangeErrors.EXCHANGE_NOT_NATIONAL();
  try {
    checkNodeSignature(batch.nodeId, batchBytes(batch), batch, { anchors: await trustAnchors(ctx, ctx.db), at: ctx.clock.now() });
  } catch (error) {
    if (!(error instanceof NodeSignatureError)) throw error;
    ctx.logger.warn({ problem: error.problem, node: batch.nodeId }, 'national-portal sync batch refused');
    throw ExchangeErrors.EXCHANGE_SYNC_REFUSED({ problem: error.problem }, { problem: error.problem, detail: error.message.slice(0, 200) });
  }
  const now = ctx.clock.now();
  const stored = await ctx.db.transaction((tx) =>
    repo.insertNationalSync(
      tx,
      batch.items.map((i) => ({
        nodeId: batch.nodeId,
        syncId: i.id,
        maHoSo: String(i.payload.MaHoSo ?? ''),
        trangThai: typeof i.payload.TrangThai === 'number' ? i.payload.TrangThai : null,
        payload: i.payload,
        receivedAt: now,
      })),
    ),
  );
  return { node: ctx.config.MOTCUA_NODE_ID, acknowledged: batch.items.map((i) => i.id), stored };
}

async function publishPending(ctx: Ctx, target: string, bus: SyncBus): Promise<{ acknowledged: number; failed: boolean }> {
  const now = Date.now();
  const due = (await listPendingDvcqgSync(ctx.db, SYNC_BATCH * 10)).filter((r) => (bus.syncInFlight.get(r.id) ?? 0) <= now);
  for (let i = 0; i < due.length; i += SYNC_BATCH) {
    const rows = due.slice(i, i + SYNC_BATCH);
    const ids = rows.map((r) => r.id);
    try {
      await bus.publishSync(target, await signedBatch(ctx, rows.map((r) => ({ id: r.id, payload: r.payload }))));
      for (const id of ids) bus.syncInFlight.set(id, Date.now() + RESEND_MS);
    } catch (error) {
      ctx.logger.warn({ err: error, node: target }, 'national-portal sync not published; retried later');
      await ctx.db.transaction((tx) => markDvcqgSyncFailed(tx, ids, failureText(error)));
      return { acknowledged: 0, failed: true };
    }
  }
  return { acknowledged: 0, failed: false };
}

/** The national node's answer to a batch over the bus, signed with its node key. */
export interface SyncAck {
  node: string;
  to: string;
  signedAt: string;
  acknowledged: number[];
  /** The batch was refused (its problem): nothing acknowledged. */
  refused: string | null;
  signature: string;
  certificates: string[];
}
const ackBytes = (a: Pick<SyncAck, 'node' | 'to' | 'signedAt' | 'acknowledged' | 'refused'>) =>
  Buffer.from(canonicalJson([a.node, a.to, a.signedAt, a.acknowledged, a.refused]), 'utf8');

/** National node, over the bus: stores a batch like the HTTP route does, and answers the signed acknowledgement to publish back. */
export async function answerSyncBatch(ctx: Ctx, batch: SyncBatch): Promise<SyncAck> {
  let acknowledged: number[] = [];
  let refused: string | null = null;
  try {
    acknowledged = (await receiveNationalSync(ctx, batch)).acknowledged;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refused = String(error.params.problem ?? error.code);
  }
  const unsigned = { node: ctx.config.MOTCUA_NODE_ID, to: String(batch.nodeId), signedAt: ctx.clock.now().toISOString(), acknowledged, refused };
  return { ...unsigned, ...(await ctx.db.transaction((tx) => signAsNode(ctx, tx, ackBytes(unsigned)))) };
}

/**
 * Sender, over the bus: an acknowledgement arrived. Taken only when the national node of this
 * node's registry signed it, for this node; then the rows are marked delivered (or, refused, their
 * error recorded for the next publication). Answers what was done, for the log.
 */
export async function takeSyncAck(ctx: Ctx, ack: SyncAck, bus: SyncBus): Promise<'acknowledged' | 'refused' | 'ignored'> {
  const national = await nationalNode(ctx);
  if (!national || ack.node !== national.nodeId || ack.to !== ctx.config.MOTCUA_NODE_ID || !Array.isArray(ack.acknowledged)) return 'ignored';
  try {
    checkNodeSignature(ack.node, ackBytes(ack), ack, { anchors: await trustAnchors(ctx, ctx.db), at: ctx.clock.now() });
  } catch (error) {
    if (!(error instanceof NodeSignatureError)) throw error;
    ctx.logger.warn({ problem: error.problem, node: ack.node }, 'national-portal sync acknowledgement refused');
    return 'ignored';
  }
  const ids = ack.acknowledged.filter((id) => Number.isInteger(id));
  if (ack.refused) {
    ctx.logger.warn({ node: ack.node, problem: ack.refused }, 'national-portal sync batch refused by the national node');
    return 'refused';
  }
  await ctx.db.transaction((tx) => markDvcqgSyncAcknowledged(tx, ids, ack.node, ctx.clock.now()));
  for (const id of ids) bus.syncInFlight.delete(id);
  return 'acknowledged';
}
