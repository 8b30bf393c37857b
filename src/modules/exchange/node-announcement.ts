import type { X509Certificate } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { trustAnchors } from '#modules/signatures/index.ts';
import * as repo from './exchange.repository.ts';
import { sha256 } from './packets.ts';
import { type Announcement, saveAnnouncement, selfAnnouncement } from './registry.ts';
import { checkNodeSignature, NodeSignatureError, type NodeSignatureProblem, nodeSignerCode, signAsNode } from './node-signature.ts';

/**
 * Signed registry announcements (agency → node). A node signs what it announces with its own
 * key — a certificate `OU=Mã định danh node:<id>` from the same CA as its agencies' (development
 * CA, or imported like an agency certificate) — and every receiver checks the signature, the
 * chain to its trust anchors, that the certificate names the announced node, and that the
 * announcement is not older than the one it holds. An unsigned, tampered, foreign or replayed
 * announcement is refused (recorded in `exchange_refusals`) and the registry is left as it was.
 */
type Ctx = Pick<AppContext, 'config' | 'clock' | 'db' | 'logger'>;

export interface SignedAnnouncement extends Announcement {
  /** When the node signed it (ISO instant); also orders a node's announcements. */
  signedAt: string;
  /** RSA-SHA256 over `announcementBytes`, base64. */
  signature: string;
  /** The node's certificate first, then its issuers (PEM). */
  certificates: string[];
}

/** The signed bytes: the announcement's fields and the time, in a fixed order. */
export function announcementBytes(a: Announcement & { signedAt: string }): Buffer {
  const agencies = a.agencies.map((x) => ({ code: x.code, name: x.name }));
  return Buffer.from(JSON.stringify([a.nodeId, a.role, a.url, a.provinces, agencies, a.signedAt]), 'utf8');
}

/** This node's announcement, signed now. */
export async function signedSelfAnnouncement(ctx: Pick<AppContext, 'config' | 'clock'>, tx: Sql): Promise<SignedAnnouncement> {
  const a = await selfAnnouncement(ctx, tx);
  const signedAt = ctx.clock.now().toISOString();
  return { ...a, signedAt, ...(await signAsNode(ctx, tx, announcementBytes({ ...a, signedAt }))) };
}

export type AnnouncementProblem = NodeSignatureProblem | 'STALE';

/** Checks a signed announcement against the trust anchors; returns it or throws NodeSignatureError. Pure but for the anchors. */
export function verifyAnnouncement(body: unknown, options: { anchors: X509Certificate[]; at: Date }): SignedAnnouncement {
  const a = body as Partial<SignedAnnouncement> | null;
  if (!a || typeof a !== 'object' || typeof a.nodeId !== 'string' || !Array.isArray(a.provinces) || !Array.isArray(a.agencies)) {
    throw new NodeSignatureError('MALFORMED', 'not an announcement');
  }
  if (typeof a.signedAt !== 'string') throw new NodeSignatureError('UNSIGNED', `announcement of ${a.nodeId} carries no signature`);
  const signed = a as SignedAnnouncement;
  checkNodeSignature(signed.nodeId, announcementBytes(signed), signed, options);
  return signed;
}

/**
 * Takes an announcement received from a peer or the bus into the registry when it verifies and
 * is newer than the one held; otherwise records the refusal once. `url` overrides the announced
 * URL (an HTTP peer is reached where the operator configured it).
 */
export async function acceptAnnouncement(ctx: Ctx, body: unknown, via: 'http' | 'nats', url?: string): Promise<{ accepted: boolean; problem?: AnnouncementProblem }> {
  try {
    const a = verifyAnnouncement(body, { anchors: await trustAnchors(ctx, ctx.db), at: ctx.clock.now() });
    const signedAt = new Date(a.signedAt);
    if (Number.isNaN(signedAt.getTime()) || signedAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000) {
      throw new NodeSignatureError('STALE', `signedAt ${a.signedAt} is not a time in the past`);
    }
    return await ctx.db.transaction(async (tx) => {
      const held = (await repo.listNodes(tx)).find((n) => n.nodeId === a.nodeId);
      // The same announcement again (polling) is fine; an older one (a replay) is not taken.
      if (held && new Date(held.announcedAt).getTime() > signedAt.getTime()) return { accepted: false, problem: 'STALE' as const };
      const { signature: _s, certificates: _c, signedAt: _t, ...plain } = a;
      await saveAnnouncement({ config: ctx.config, clock: { now: () => signedAt } as Ctx['clock'] }, tx, { ...plain, url: url ?? plain.url });
      return { accepted: true };
    });
  } catch (error) {
    if (!(error instanceof NodeSignatureError)) throw error;
    const nodeId = typeof (body as { nodeId?: unknown })?.nodeId === 'string' ? (body as { nodeId: string }).nodeId : null;
    ctx.logger.warn({ problem: error.problem, node: nodeId, via }, 'registry announcement refused');
    await ctx.db.transaction((tx) =>
      repo.insertRefusal(tx, {
        sha256: sha256(JSON.stringify(body)),
        documentId: null,
        fromAgency: nodeId ? nodeSignerCode(nodeId) : null,
        problem: `ANNOUNCEMENT_${error.problem}`,
        detail: error.message.slice(0, 500),
        via,
        at: ctx.clock.now(),
      }),
    );
    return { accepted: false, problem: error.problem };
  }
}
