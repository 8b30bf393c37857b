import { DOSSIER_STATUSES, type DossierStatus, statusInfo } from '../../../modules/dossiers/statuses.ts';
import type { AuditAnchorView, RegistryNode, RegistryView, SyncSent } from './axis-status.api.ts';

/**
 * The interconnection status screen's rules, apart from its components (test/web-axis-status.test.ts):
 * what state a node, a sync row or a checkpoint is in, in words the screen looks up (never a colour alone).
 */

/** A node of the registry, from this node's envelopes to it: failing first, then waiting, then delivered, else none sent yet. */
export type NodeState = 'failing' | 'waiting' | 'ok' | 'idle';
export function nodeState(d: RegistryNode['delivery']): NodeState {
  if (d.failing > 0) return 'failing';
  if (d.pending > 0) return 'waiting';
  return d.lastDeliveredAt ? 'ok' : 'idle';
}

/** The badge tone of each state (the words carry the state; the tone repeats it). */
export const NODE_TONE = { ok: 'good', waiting: 'waiting', failing: 'bad', idle: 'none' } as const satisfies Record<NodeState, string>;

/** A sync row or a checkpoint: acknowledged by the national node, or still waiting (with an error: failing). */
export type SendState = 'acknowledged' | 'failing' | 'pending';
export const SEND_TONE = { acknowledged: 'good', pending: 'waiting', failing: 'bad' } as const satisfies Record<SendState, string>;
export const syncState = (r: Pick<SyncSent, 'deliveredAt' | 'lastError'>): SendState => (r.deliveredAt ? 'acknowledged' : r.lastError ? 'failing' : 'pending');
export const anchorState = (c: Pick<AuditAnchorView['sent'][number], 'anchoredAt' | 'anchorError'>): SendState =>
  c.anchoredAt ? 'acknowledged' : c.anchorError ? 'failing' : 'pending';

/** The national portal's TrangThai (1–10) as the dossier status it stands for (src/modules/dossiers/statuses.ts); null when none does. */
export function dossierStatusOf(trangThai: number | null): DossierStatus | null {
  return DOSSIER_STATUSES.find((s) => statusInfo[s].code === trangThai) ?? null;
}

/** The national node this installation reports to: itself when it plays that role, else the registry's; null when none is known. */
export function nationalNodeOf(registry: Pick<RegistryView, 'self' | 'nodes'>): string | null {
  if (registry.self.role === 'national') return registry.self.nodeId;
  return registry.nodes.find((n) => n.role === 'national')?.nodeId ?? null;
}

/** The most recent error among a node's checkpoints (newest first, as the server lists them), or null. */
export function latestAnchorError(sent: AuditAnchorView['sent']): string | null {
  return sent.find((c) => !c.anchoredAt && c.anchorError)?.anchorError ?? null;
}

/** A SHA-256 digest shortened for a table cell (the whole digest stays in the cell's title). */
export const shortDigest = (digest: string) => (digest.length > 16 ? `${digest.slice(0, 16)}…` : digest);
