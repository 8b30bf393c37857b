import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';
import { recordDvcqgSync } from '#modules/notifications/index.ts';
import { type SyncAck, takeSyncAck } from './national-sync.ts';
import { signAsNode } from './node-signature.ts';
import { streamName } from './transport.ts';

/**
 * National-portal sync over the machine's NATS JetStream (run by `npm run test:nats`): Hà Nội
 * (local node) and the national node share only the bus — no HTTP link. Hà Nội's DVCQG payloads
 * go signed to `<federation>.node.quocgia.sync`; the national node stores each once and answers a
 * signed acknowledgement on `<federation>.node.hanoi.syncack`, which marks Hà Nội's log rows.
 * An acknowledgement not signed by the national node of Hà Nội's registry, or not for Hà Nội, is
 * ignored.
 */
const NATS_URL = process.env.NATS_URL;
if (!NATS_URL) throw new Error('national-sync.nats.ts needs NATS_URL (e.g. nats://127.0.0.1:4222); run it with npm run test:nats');
const FED = `s${Date.now().toString(36)}`;
const CODE = 'H01.01.50-261206-0042';
const unreachable = { MOTCUA_PUBLIC_URL: 'http://127.0.0.1:9' }; // the bus only: no HTTP answer
const { nodes, callers } = fileFederation(
  { hanoi: { MOTCUA_PROVINCES: '01', ...unreachable }, quocgia: { MOTCUA_NODE_ROLE: 'national', ...unreachable } },
  { nats: { url: NATS_URL, federation: FED } },
);
/** The sync log as the clerk of `node` reads it. */
const log = async (node: 'hanoi' | 'quocgia') =>
  (await callers[node].call(node === 'hanoi' ? 'vanthu.hoankiem' : 'vanthu.vpcp', 'GET', `/api/v1/exchange/national-sync?maHoSo=${CODE}`)).json();
const payload = (trangThai: number, noiDung: string) => ({
  MaHoSo: CODE,
  MaTTHC: '1.004873',
  TrangThai: trangThai,
  NgayTiepNhan: '20261206091500',
  NguoiXuLy: 'Nguyễn Thị Mai',
  ThoiDiemXuLy: '20261206091500',
  PhongBanXuLy: 'Bộ phận Một cửa Phường Hoàn Kiếm',
  NoiDungXuLy: noiDung,
  NgayKetThucTheoQuyDinh: '20261211170000',
});

async function until<T>(what: string, fn: () => Promise<T | false | undefined | null>, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await nodes.hanoi.exchange!.syncNational().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('national-portal sync over NATS JetStream', () => {
  it('each payload reaches the national node once, and its signed acknowledgement comes back on the bus', async () => {
    await recordDvcqgSync(nodes.hanoi.ctx.db, { outboxId: 9_100_001, maHoSo: CODE, trangThai: 2, payload: payload(2, 'Tiếp nhận hồ sơ'), at: new Date() });
    await recordDvcqgSync(nodes.hanoi.ctx.db, { outboxId: 9_100_002, maHoSo: CODE, trangThai: 10, payload: payload(10, 'Trả kết quả'), at: new Date() });
    const sent = await until('both rows acknowledged by quocgia', async () => {
      const rows = (await log('hanoi')).sent as { acknowledgedBy: string | null; deliveredAt: string | null }[];
      return rows.length === 2 && rows.every((r) => r.acknowledgedBy === 'quocgia' && r.deliveredAt) ? rows : null;
    });
    expect(sent).toHaveLength(2);
    const received = (await log('quocgia')).received as { node: string; trangThai: number; payload: { NoiDungXuLy: string } }[];
    expect(received.map((r) => [r.node, r.trangThai]).sort()).toEqual([
      ['hanoi', 10],
      ['hanoi', 2],
    ]);
    expect(received.find((r) => r.trangThai === 10)?.payload.NoiDungXuLy).toBe('Trả kết quả');
    // It went over the bus (there is no HTTP link, and the national node's announced URL leads nowhere).
    const nc = await connect({ servers: NATS_URL });
    const info = await (await jetstreamManager(nc)).streams.info(streamName(FED), { subjects_filter: `${FED}.node.*.>` });
    await nc.close();
    const subjects = Object.keys(info.state.subjects ?? {});
    expect(subjects).toContain(`${FED}.node.quocgia.sync`);
    expect(subjects).toContain(`${FED}.node.hanoi.syncack`);
    // Published again (as after a restart), nothing is stored twice.
    await nodes.hanoi.ctx.db.query('UPDATE dvcqg_sync_log SET delivered_at = NULL, acknowledged_by = NULL WHERE ma_ho_so = $1', [CODE]);
    await until('acknowledged again', async () => ((await log('hanoi')).sent as { acknowledgedBy: string | null }[]).every((r) => r.acknowledgedBy === 'quocgia'));
    expect((await log('quocgia')).received).toHaveLength(2);
  });

  it('ignores an acknowledgement that the national node did not sign, or that is for another node', async () => {
    await recordDvcqgSync(nodes.hanoi.ctx.db, { outboxId: 9_100_003, maHoSo: CODE, trangThai: 4, payload: payload(4, 'Chuyển xử lý'), at: new Date() });
    const [{ id }] = await nodes.hanoi.ctx.db.query<{ id: number }>('SELECT id::int AS id FROM dvcqg_sync_log WHERE outbox_id = 9100003');
    const bus = { syncInFlight: new Map<number, number>(), publishSync: async () => {} };
    const unsigned = { node: 'quocgia', to: 'hanoi', signedAt: new Date().toISOString(), acknowledged: [id], refused: null };
    expect(await takeSyncAck(nodes.hanoi.ctx, { ...unsigned, signature: '', certificates: [] }, bus)).toBe('ignored');
    // Hà Nội's own node key cannot speak for the national node.
    const bytes = Buffer.from(JSON.stringify(['quocgia', 'hanoi', unsigned.signedAt, [id], null]), 'utf8');
    const forged: SyncAck = { ...unsigned, ...(await nodes.hanoi.ctx.db.transaction((tx) => signAsNode(nodes.hanoi.ctx, tx, bytes))) };
    expect(await takeSyncAck(nodes.hanoi.ctx, forged, bus)).toBe('ignored');
    // A genuine acknowledgement for another node is not this node's.
    const other = { ...unsigned, to: 'hcm' };
    const signedByNational = { ...other, ...(await nodes.quocgia.ctx.db.transaction((tx) => signAsNode(nodes.quocgia.ctx, tx, Buffer.from(JSON.stringify(['quocgia', 'hcm', other.signedAt, [id], null]), 'utf8')))) };
    expect(await takeSyncAck(nodes.hanoi.ctx, signedByNational, bus)).toBe('ignored');
    // The same, for this node, is taken.
    const mine = { ...unsigned, ...(await nodes.quocgia.ctx.db.transaction((tx) => signAsNode(nodes.quocgia.ctx, tx, bytes))) };
    expect(await takeSyncAck(nodes.hanoi.ctx, mine, bus)).toBe('acknowledged');
  });
});
