import { describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';
import { verifyAudit, writeCheckpoint } from '#platform/audit.ts';
import { signedAnchorBatch } from './audit-anchors.ts';
import { unanchoredCheckpoints } from './exchange.repository.ts';

/**
 * Audit checkpoints anchored at the national node (issue 13 item 3): Hà Nội sends the digest of
 * each signed checkpoint, signed with its node key, over real HTTP; the national node keeps each
 * once and never replaces it; `verifyAudit` with those anchors catches a checkpoint history that
 * was rewritten here, which the installation's own files cannot.
 */
const { nodes, callers } = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } });

/** The anchors as the clerk of `node` reads them. */
const view = async (node: 'hanoi' | 'quocgia') =>
  (await callers[node].call(node === 'hanoi' ? 'vanthu.hoankiem' : 'vanthu.vpcp', 'GET', '/api/v1/exchange/audit-anchors?limit=1000')).json();
const post = (sys: TestSystem, body: unknown) => sys.app.inject({ method: 'POST', url: '/api/v1/exchange/audit-anchors', payload: body as object });
const localCheckpoints = (sys: TestSystem) => sys.ctx.db.query<{ seq: number; digest: string }>('SELECT seq, digest FROM audit_checkpoints ORDER BY seq');

describe('audit checkpoints anchored at the national node', () => {
  it('sends every checkpoint digest once; the national node holds them; the sender sees the acknowledgement', async () => {
    // something to anchor: a row of Hà Nội's audit, then a checkpoint of it
    await callers.hanoi.call('vanthu.hoankiem', 'GET', '/api/v1/exchange/registry');
    await writeCheckpoint(nodes.hanoi.ctx.db, { force: true });
    await writeCheckpoint(nodes.hanoi.ctx.db, { force: true }); // at least two: the second names the first's digest
    // (the node's own timer may push at the same moment: the same push is shared)
    expect((await nodes.hanoi.exchange!.anchorAudit()).failed).toBe(false);
    if ((await unanchoredCheckpoints(nodes.hanoi.ctx.db, 10)).length > 0) expect((await nodes.hanoi.exchange!.anchorAudit()).failed).toBe(false);
    const local = await localCheckpoints(nodes.hanoi);
    expect(local.length).toBeGreaterThanOrEqual(2);
    const held = (await view('quocgia')).anchors.filter((a: { node: string }) => a.node === 'hanoi');
    expect(held.map((a: { seq: number; digest: string }) => [a.seq, a.digest]).sort()).toEqual(local.map((c) => [c.seq, c.digest]).sort());
    const sent = (await view('hanoi')).sent;
    expect(sent).toHaveLength(local.length);
    for (const s of sent) expect(s).toMatchObject({ anchoredBy: 'quocgia', anchorError: null, anchoredAt: expect.any(String) });
    expect((await view('hanoi')).anchors).toEqual([]);
    expect((await view('hanoi')).summary).toEqual({ total: local.length, anchored: local.length, pending: 0 });
    // the anchors agree with Hà Nội's checkpoints
    expect((await verifyAudit(nodes.hanoi.ctx.db, { anchors: held })).problems).toEqual([]);
  });

  it('the same batch again is acknowledged and stores nothing twice; tampered, unsigned, misdirected or malformed batches are refused', async () => {
    const genuine = await signedAnchorBatch(
      nodes.hanoi.ctx,
      await nodes.hanoi.ctx.db.query<{ seq: number; at: string; digest: string; prev: string | null }>(
        `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, digest, (body::jsonb)->>'prev' AS prev FROM audit_checkpoints ORDER BY seq`,
      ),
    );
    const replay = await post(nodes.quocgia, genuine);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ node: 'quocgia', stored: 0 });
    // re-signed by Hà Nội itself, number 2 claiming another checkpoint before it: a rewritten history
    const [, second] = genuine.checkpoints;
    const relinked = await post(nodes.quocgia, await signedAnchorBatch(nodes.hanoi.ctx, [{ ...second, prev: 'e'.repeat(64) }]));
    expect(relinked.statusCode).toBe(422);
    expect(relinked.json().error).toMatchObject({ code: 'EXCHANGE_ANCHOR_REFUSED', problem: 'REWRITTEN' });
    const tampered = await post(nodes.quocgia, { ...genuine, checkpoints: genuine.checkpoints.map((c) => ({ ...c, digest: 'f'.repeat(64) })) });
    expect(tampered.json().error).toMatchObject({ code: 'EXCHANGE_ANCHOR_REFUSED', problem: 'SIGNATURE_INVALID' });
    const { signature: _s, certificates: _c, ...unsigned } = genuine;
    expect((await post(nodes.quocgia, unsigned)).json().error).toMatchObject({ code: 'EXCHANGE_ANCHOR_REFUSED', problem: 'UNSIGNED' });
    expect((await post(nodes.quocgia, { ...genuine, nodeId: 'hcm' })).json().error.problem).toBe('SIGNER_NOT_NODE');
    expect((await post(nodes.hanoi, genuine)).json().error.code).toBe('EXCHANGE_NOT_NATIONAL');
    expect((await post(nodes.quocgia, { ...genuine, checkpoints: [] })).statusCode).toBe(400);
    expect((await post(nodes.quocgia, { ...genuine, checkpoints: [{ seq: 1, at: 'hôm qua', digest: 'x', prev: null }] })).statusCode).toBe(400);
    // the anchors are for clerks and administrators
    expect((await nodes.quocgia.app.inject({ method: 'GET', url: '/api/v1/exchange/audit-anchors' })).statusCode).toBe(401);
    expect((await callers.quocgia.call('congdan', 'GET', '/api/v1/exchange/audit-anchors')).statusCode).toBe(403);
  });

  it('a checkpoint history rewritten here is refused there, and verify with the anchors names it', async () => {
    const anchors = (await view('quocgia')).anchors.filter((a: { node: string }) => a.node === 'hanoi');
    // an insider with the secret deletes the checkpoints and signs a new history from number 1
    await nodes.hanoi.ctx.db.query('DELETE FROM audit_checkpoints');
    await writeCheckpoint(nodes.hanoi.ctx.db, { force: true, now: new Date(Date.now() + 60_000) });
    // locally (without the export folder) nothing shows…
    expect((await verifyAudit(nodes.hanoi.ctx.db, {})).problems.filter((p) => p.chain === 'checkpoint' || p.chain === 'anchor')).toEqual([]);
    // …against the national node's anchors the rewritten and the missing ones show
    const problems = (await verifyAudit(nodes.hanoi.ctx.db, { anchors })).problems.filter((p) => p.chain === 'anchor');
    expect(problems).toContainEqual({ chain: 'anchor', seq: 1, problem: 'checkpoint_mismatch' });
    for (const a of anchors.filter((x: { seq: number }) => x.seq > 1)) expect(problems).toContainEqual({ chain: 'anchor', seq: a.seq, problem: 'checkpoint_missing' });
    // the new number 1 is refused by the national node, which keeps the digest it had
    expect(await nodes.hanoi.exchange!.anchorAudit()).toEqual({ acknowledged: 0, failed: true });
    const [state] = await nodes.hanoi.ctx.db.query<{ anchor_error: string }>('SELECT anchor_error FROM audit_checkpoints WHERE seq = 1');
    expect(state.anchor_error).toContain('REWRITTEN');
    expect((await view('hanoi')).summary).toEqual({ total: 1, anchored: 0, pending: 1 });
    const after = (await view('quocgia')).anchors.filter((a: { node: string; seq: number }) => a.node === 'hanoi' && a.seq === 1);
    expect(after[0].digest).toBe(anchors.find((a: { seq: number }) => a.seq === 1).digest);
  });
});
