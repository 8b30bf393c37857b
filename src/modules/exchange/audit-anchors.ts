import { canonicalJson } from '#platform/canonical-json.ts';
import type { AppContext } from '#platform/context.ts';
import { trustAnchors } from '#modules/signatures/index.ts';
import { ExchangeErrors } from './exchange.errors.ts';
import * as repo from './exchange.repository.ts';
import { nationalNode, postToNational } from './national-sync.ts';
import { checkNodeSignature, NodeSignatureError, signAsNode } from './node-signature.ts';

/**
 * Điểm mốc nhật ký gửi nút quốc gia (issue 13 item 3): every signed audit checkpoint of this
 * installation (platform/audit.ts: the head of every audit chain, signed with the installation
 * key) is also anchored at the national node, in batches signed with this node's key, over HTTPS
 * like the national-portal sync. Only its number, time, digest and the digest before it travel:
 * the body (every chain's head) stays here, and since each checkpoint names the digest of the one
 * before, the latest digest held there fixes the whole history. The national node checks that
 * this node signed the batch and keeps each digest once, never replaced: another digest under a
 * number it holds, or a `prev` that is not the digest it holds for the number before, is refused
 * (a rewritten history). An auditor reads them back (`GET /api/v1/exchange/audit-anchors?node=…`)
 * and runs `motcua audit verify --anchors FILE` here: every anchored digest must be a valid
 * checkpoint of this database or its export folder. Unacknowledged checkpoints stay pending and go
 * with the next push.
 */
type Ctx = Pick<AppContext, 'config' | 'clock' | 'db' | 'logger'>;

export const ANCHOR_BATCH = 50;

export interface AnchorBatch {
  nodeId: string;
  signedAt: string;
  checkpoints: repo.CheckpointAnchor[];
  signature?: string;
  certificates?: string[];
}

const batchBytes = (b: Pick<AnchorBatch, 'nodeId' | 'signedAt' | 'checkpoints'>) =>
  Buffer.from(canonicalJson([b.nodeId, b.signedAt, b.checkpoints.map((c) => [c.seq, c.at, c.digest, c.prev])]), 'utf8');

/** A batch of this node's checkpoints, signed now with its node key. */
export async function signedAnchorBatch(ctx: Pick<Ctx, 'config' | 'clock' | 'db'>, checkpoints: repo.CheckpointAnchor[]): Promise<AnchorBatch> {
  const unsigned = { nodeId: ctx.config.MOTCUA_NODE_ID, signedAt: ctx.clock.now().toISOString(), checkpoints };
  return { ...unsigned, ...(await ctx.db.transaction((tx) => signAsNode(ctx, tx, batchBytes(unsigned)))) };
}

/** Sends the checkpoints the national node does not hold yet; how many it acknowledged, and whether a push failed. */
export async function pushAuditAnchors(ctx: Ctx): Promise<{ acknowledged: number; failed: boolean }> {
  const target = await nationalNode(ctx);
  if (!target?.url) return { acknowledged: 0, failed: false };
  return postToNational(ctx, { nodeId: target.nodeId, url: target.url }, {
    path: '/api/v1/exchange/audit-anchors',
    failure: 'audit checkpoints not anchored at the national node; retried later',
    pending: () => repo.unanchoredCheckpoints(ctx.db, ANCHOR_BATCH),
    idOf: (c) => c.seq,
    sign: (checkpoints) => signedAnchorBatch(ctx, checkpoints),
    acknowledged: repo.markCheckpointsAnchored,
    failed: repo.markCheckpointsFailed,
  });
}

/**
 * National node: takes a signed batch of an installation's checkpoint digests. Refused (422
 * EXCHANGE_ANCHOR_REFUSED, nothing kept) when that node did not sign it, or when it contradicts
 * what is held (REWRITTEN): another digest under a held number, or a `prev` that is not the
 * digest held for the number before. Answers the numbers it holds.
 */
export async function receiveAuditAnchors(ctx: Ctx, batch: AnchorBatch): Promise<{ node: string; acknowledged: number[]; stored: number }> {
  if (ctx.config.MOTCUA_NODE_ROLE !== 'national') throw ExchangeErrors.EXCHANGE_NOT_NATIONAL();
  const refuse = (problem: string, detail: string) => {
    ctx.logger.warn({ problem, node: batch.nodeId, detail }, 'audit checkpoints refused');
    return ExchangeErrors.EXCHANGE_ANCHOR_REFUSED({ problem }, { problem, detail: detail.slice(0, 200) });
  };
  try {
    checkNodeSignature(batch.nodeId, batchBytes(batch), batch, { anchors: await trustAnchors(ctx, ctx.db), at: ctx.clock.now() });
  } catch (error) {
    if (!(error instanceof NodeSignatureError)) throw error;
    throw refuse(error.problem, error.message);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    let stored = 0;
    for (const c of [...batch.checkpoints].sort((a, b) => a.seq - b.seq)) {
      const before = c.seq > 1 ? await repo.anchoredDigest(tx, batch.nodeId, c.seq - 1) : null;
      if (before !== null && c.prev !== before) throw refuse('REWRITTEN', `checkpoint ${c.seq} does not follow the digest held for ${c.seq - 1}`);
      const outcome = await repo.insertAuditAnchor(tx, { nodeId: batch.nodeId, seq: c.seq, at: new Date(c.at), digest: c.digest, prev: c.prev, receivedAt: now });
      if (outcome === 'different') throw refuse('REWRITTEN', `checkpoint ${c.seq} is held with another digest`);
      if (outcome === 'stored') stored++;
    }
    return { node: ctx.config.MOTCUA_NODE_ID, acknowledged: batch.checkpoints.map((c) => c.seq), stored };
  });
}
