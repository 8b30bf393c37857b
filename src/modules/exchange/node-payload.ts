import type { AppContext } from '#platform/context.ts';
import { trustAnchors } from '#modules/signatures/index.ts';
import * as repo from './exchange.repository.ts';
import { servedProvinces } from './registry.ts';
import { checkNodeSignature, type NodeSignature, NodeSignatureError, type NodeSignatureProblem, signAsNode } from './node-signature.ts';

/**
 * Signed node-to-node payloads for other modules (the indicators' aggregates travel this way):
 * the same node key and checks as the registry announcements and the national-portal sync
 * (node-signature.ts), over a JSON value canonicalised (object keys sorted at every level), and
 * the registry's view of the national node and of what a node serves. Nothing here changes the
 * exchange's own flows.
 */
type Ctx = Pick<AppContext, 'config' | 'clock' | 'db'>;

export type { NodeSignature };

/** The bytes signed: JSON with object keys sorted (the same whatever reordered them in transit). */
function canonicalBytes(value: unknown): Buffer {
  const sorted = (_key: string, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v;
  return Buffer.from(JSON.stringify(value, sorted), 'utf8');
}

/** `value` signed now with this node's key. */
export async function signNodePayload(ctx: Ctx, value: unknown): Promise<NodeSignature> {
  return ctx.db.transaction((tx) => signAsNode(ctx, tx, canonicalBytes(value)));
}

export class NodePayloadRefused extends Error {
  constructor(
    readonly problem: NodeSignatureProblem | 'STALE',
    detail: string,
  ) {
    super(detail);
  }
}

/** Throws NodePayloadRefused unless `value` was signed by node `nodeId` under a CA this installation trusts. */
export async function checkNodePayload(ctx: Ctx, nodeId: string, value: unknown, signed: Partial<NodeSignature>): Promise<void> {
  try {
    checkNodeSignature(nodeId, canonicalBytes(value), signed, { anchors: await trustAnchors(ctx, ctx.db), at: ctx.clock.now() });
  } catch (error) {
    if (error instanceof NodeSignatureError) throw new NodePayloadRefused(error.problem, error.message);
    throw error;
  }
}

/** The national node this installation reports to (registry, URL from MOTCUA_PEERS first); none on a national node. */
export async function nationalNodeOf(ctx: Ctx): Promise<{ nodeId: string; url: string } | null> {
  if (ctx.config.MOTCUA_NODE_ROLE === 'national') return null;
  const node = (await repo.listNodes(ctx.db)).find((n) => n.role === 'national');
  if (!node) return null;
  const url = ctx.config.MOTCUA_PEERS.find((p) => p.id === node.nodeId)?.url ?? node.url;
  return url ? { nodeId: node.nodeId, url } : null;
}

/** The provinces a node of the registry announced it serves (null: the node is not in the registry). */
export async function provincesServedBy(ctx: Pick<Ctx, 'db'>, nodeId: string): Promise<string[] | null> {
  const node = (await repo.listNodes(ctx.db)).find((n) => n.nodeId === nodeId);
  return node ? [...node.provinces] : null;
}

/** The provinces this installation serves (MOTCUA_PROVINCES, else all on a local node, none on a national one), as it announces them. */
export async function provincesServedHere(ctx: Pick<AppContext, 'config' | 'db'>): Promise<string[]> {
  return ctx.db.transaction((tx) => servedProvinces(ctx, tx));
}
