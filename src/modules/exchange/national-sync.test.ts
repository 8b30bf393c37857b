import { describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';
import { recordDvcqgSync } from '#modules/notifications/index.ts';
import { signedBatch } from './national-sync.ts';

/**
 * National-portal sync over the axis (issue 15 item 7): Hà Nội (local node) pushes the DVCQG
 * status payloads of its dossiers, signed with its node key, to the national node over real
 * HTTP; the national node stores each once and acknowledges; Hà Nội's sync log shows the
 * acknowledgement. Tampered, unsigned or misdirected batches are refused.
 */
const { nodes, callers } = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } });
const CODE = 'H01.01.50-261205-0007';
const payload = (trangThai: number, noiDung: string) => ({
  MaHoSo: CODE,
  MaTTHC: '1.001193',
  TrangThai: trangThai,
  NgayTiepNhan: '20261205091500',
  NguoiXuLy: 'Nguyễn Thị Mai',
  ThoiDiemXuLy: '20261205091500',
  PhongBanXuLy: 'Bộ phận Một cửa Phường Hoàn Kiếm',
  NoiDungXuLy: noiDung,
  NgayKetThucTheoQuyDinh: '20261210170000',
});

/** The sync log as the clerk of `node` reads it. */
const log = async (node: 'hanoi' | 'quocgia') =>
  (await callers[node].call(node === 'hanoi' ? 'vanthu.hoankiem' : 'vanthu.vpcp', 'GET', `/api/v1/exchange/national-sync?maHoSo=${CODE}`)).json();
const post = (sys: TestSystem, body: unknown) => sys.app.inject({ method: 'POST', url: '/api/v1/exchange/national-sync', payload: body as object });

describe('national-portal sync to a national node', () => {
  it('delivers each status payload once, signed, and the sender sees the acknowledgement', async () => {
    await recordDvcqgSync(nodes.hanoi.ctx.db, { outboxId: 9_000_001, maHoSo: CODE, trangThai: 2, payload: payload(2, 'Tiếp nhận hồ sơ'), at: new Date() });
    await recordDvcqgSync(nodes.hanoi.ctx.db, { outboxId: 9_000_002, maHoSo: CODE, trangThai: 4, payload: payload(4, 'Chuyển xử lý'), at: new Date() });
    // (the node's own timer may push at the same moment: the same push is shared)
    expect((await nodes.hanoi.exchange!.syncNational()).failed).toBe(false);
    const [{ n }] = await nodes.hanoi.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dvcqg_sync_log WHERE delivered_at IS NULL');
    if (n > 0) expect((await nodes.hanoi.exchange!.syncNational()).failed).toBe(false);
    const received = (await log('quocgia')).received;
    expect(received.map((r: { trangThai: number; node: string }) => [r.node, r.trangThai]).sort()).toEqual([
      ['hanoi', 2],
      ['hanoi', 4],
    ]);
    expect(received[0].payload.PhongBanXuLy).toBe('Bộ phận Một cửa Phường Hoàn Kiếm');
    const sent = (await log('hanoi')).sent;
    expect(sent).toHaveLength(2);
    for (const s of sent) expect(s).toMatchObject({ acknowledgedBy: 'quocgia', lastError: null, deliveredAt: expect.any(String) });
    // nothing pending: a second push sends nothing
    expect(await nodes.hanoi.exchange!.syncNational()).toEqual({ acknowledged: 0, failed: false });
    // the figures of the whole log, whatever the filter: two acknowledged, none waiting; the national node holds two from one node
    expect((await log('hanoi')).summary).toEqual({ pending: 0, acknowledged: 2, failing: 0, oldestPending: null, received: 0, nodes: 0 });
    expect((await log('quocgia')).summary).toEqual({ pending: 0, acknowledged: 0, failing: 0, oldestPending: null, received: 2, nodes: 1 });
  });

  it('the same batch again is acknowledged and stores nothing twice', async () => {
    const sent = (await log('hanoi')).sent as { id: number; payload: Record<string, unknown> }[];
    const batch = await signedBatch(nodes.hanoi.ctx, sent.map((s) => ({ id: s.id, payload: s.payload })));
    const res = await post(nodes.quocgia, batch);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ node: 'quocgia', stored: 0 });
    expect(res.json().acknowledged.sort()).toEqual(sent.map((s) => s.id).sort());
    expect((await log('quocgia')).received).toHaveLength(2);
  });

  it('refuses a tampered, unsigned, foreign-signed or misdirected batch; bad input 400', async () => {
    const batch = await signedBatch(nodes.hanoi.ctx, [{ id: 77_001, payload: payload(10, 'Trả kết quả') }]);
    const tampered = await post(nodes.quocgia, { ...batch, items: [{ id: 77_001, payload: payload(6, 'Trả kết quả') }] });
    expect(tampered.statusCode).toBe(422);
    expect(tampered.json().error.code).toBe('EXCHANGE_SYNC_REFUSED');
    const { signature: _s, certificates: _c, ...unsigned } = batch;
    expect((await post(nodes.quocgia, unsigned)).json().error).toMatchObject({ code: 'EXCHANGE_SYNC_REFUSED', problem: 'UNSIGNED' });
    // Hà Nội's key speaking for another node
    expect((await post(nodes.quocgia, { ...batch, nodeId: 'hcm' })).json().error.problem).toBe('SIGNER_NOT_NODE');
    // a local node is not the national portal
    const misdirected = await post(nodes.hanoi, batch);
    expect(misdirected.statusCode).toBe(404);
    expect(misdirected.json().error.code).toBe('EXCHANGE_NOT_NATIONAL');
    expect((await post(nodes.quocgia, { ...batch, items: [] })).statusCode).toBe(400);
    expect((await log('quocgia')).received).toHaveLength(2);
    // the log is for clerks and administrators
    const citizen = await nodes.quocgia.app.inject({ method: 'GET', url: '/api/v1/exchange/national-sync' });
    expect(citizen.statusCode).toBe(401);
  });

  it('a payload the national node refuses stays pending: the summary names it as the oldest pending, with its error', async () => {
    // without MaHoSo the national node answers 400: the push fails, the row waits with the error
    await recordDvcqgSync(nodes.hanoi.ctx.db, { outboxId: 9_000_003, maHoSo: 'H01.01.50-261205-0009', trangThai: 4, payload: { TrangThai: 4 }, at: new Date() });
    expect((await nodes.hanoi.exchange!.syncNational()).failed).toBe(true);
    const { summary } = await (await callers.hanoi.call('vanthu.hoankiem', 'GET', `/api/v1/exchange/national-sync?maHoSo=${CODE}`)).json();
    expect(summary).toMatchObject({ pending: 1, acknowledged: 2, failing: 1, received: 0 });
    expect(summary.oldestPending).toMatchObject({ maHoSo: 'H01.01.50-261205-0009', trangThai: 4, deliveredAt: null, acknowledgedBy: null, lastError: expect.stringMatching(/^400 /) });
    expect(summary.oldestPending.attempts).toBeGreaterThanOrEqual(1);
    expect(summary.oldestPending.recordedAt).toMatch(/\+07:00$/);
  });
});
