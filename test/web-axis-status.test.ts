import { describe, expect, it } from 'vitest';
import { anchorState, dossierStatusOf, latestAnchorError, nationalNodeOf, nodeState, shortDigest, syncState } from '../src/web/modules/exchange/axis-status.ts';

/** The interconnection status screen's rules (src/web/modules/exchange/axis-status.ts). */
describe('interconnection status: the state of a node, a sync record, a checkpoint', () => {
  const delivery = (over: Partial<{ pending: number; failing: number; lastError: string | null; lastDeliveredAt: string | null }> = {}) => ({
    pending: 0,
    failing: 0,
    lastError: null,
    lastDeliveredAt: null,
    ...over,
  });

  it('a node is failing before waiting, waiting before normal, and idle when nothing was ever delivered', () => {
    expect(nodeState(delivery({ pending: 3, failing: 1, lastError: 'fetch failed', lastDeliveredAt: '2026-12-07T09:00:00+07:00' }))).toBe('failing');
    expect(nodeState(delivery({ pending: 2, lastDeliveredAt: '2026-12-07T09:00:00+07:00' }))).toBe('waiting');
    expect(nodeState(delivery({ lastDeliveredAt: '2026-12-07T09:00:00+07:00' }))).toBe('ok');
    expect(nodeState(delivery())).toBe('idle');
  });

  it('a sync record or a checkpoint is acknowledged once delivered, failing while it waits with an error, else pending', () => {
    expect(syncState({ deliveredAt: '2026-12-07T09:00:00+07:00', lastError: null })).toBe('acknowledged');
    expect(syncState({ deliveredAt: null, lastError: '400 bad batch' })).toBe('failing');
    expect(syncState({ deliveredAt: null, lastError: null })).toBe('pending');
    expect(anchorState({ anchoredAt: '2026-12-07T09:00:00+07:00', anchorError: null })).toBe('acknowledged');
    expect(anchorState({ anchoredAt: null, anchorError: 'REWRITTEN' })).toBe('failing');
    expect(anchorState({ anchoredAt: null, anchorError: null })).toBe('pending');
  });

  it('reads TrangThai as the dossier status of the same national code, and nothing for a code the table lacks', () => {
    expect(dossierStatusOf(2)).toBe('RECEIVED');
    expect(dossierStatusOf(4)).toBe('IN_PROCESSING');
    expect(dossierStatusOf(10)).toBe('RESULT_RETURNED');
    expect(dossierStatusOf(11)).toBeNull();
    expect(dossierStatusOf(null)).toBeNull();
  });

  it('finds the national node: this node when it is one, else the registry’s, else none', () => {
    const self = (role: 'local' | 'national') => ({ nodeId: 'hanoi', role, url: null, provinces: ['01'], agencies: [] });
    const node = (nodeId: string, role: 'local' | 'national') => ({ nodeId, role, url: null, provinces: [], agencies: [], announcedAt: '', delivery: delivery() });
    expect(nationalNodeOf({ self: self('national'), nodes: [] })).toBe('hanoi');
    expect(nationalNodeOf({ self: self('local'), nodes: [node('hcm', 'local'), node('quocgia', 'national')] })).toBe('quocgia');
    expect(nationalNodeOf({ self: self('local'), nodes: [node('hcm', 'local')] })).toBeNull();
  });

  it('gives the latest error of a checkpoint still waiting, not an error already overcome', () => {
    const c = (seq: number, anchoredAt: string | null, anchorError: string | null) => ({ seq, at: '', digest: 'a'.repeat(64), anchoredBy: null, anchoredAt, anchorAttempts: 1, anchorError });
    expect(latestAnchorError([c(3, null, 'fetch failed'), c(2, null, 'old error'), c(1, '2026-12-07T09:00:00+07:00', null)])).toBe('fetch failed');
    expect(latestAnchorError([c(2, '2026-12-07T09:00:00+07:00', null)])).toBeNull();
    expect(shortDigest('0123456789abcdef0123')).toBe('0123456789abcdef…');
  });
});
