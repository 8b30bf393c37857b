import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { act, auth, inProcessing, procedure, read, setNow, type Username, type World, worldPerFile } from '#test/factories.ts';

/** Khóa xử lý: two officers never process the same dossier at once (MOTCUA_LOCK_MINUTES = 10 by default). */
const PROC = '1.004873';

let sys: TestSystem;
let w: World;

worldPerFile((s, world) => {
  [sys, w] = [s, world];
});

const claim = (user: Username, id: string, body: Record<string, unknown> = {}) =>
  sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/lock`, headers: auth(w, user), payload: body });
const release = (user: Username, id: string) => sys.app.inject({ method: 'DELETE', url: `/api/v1/dossiers/${id}/lock`, headers: auth(w, user) });

/** A dossier with the specialist (`inProcessing`), whose page can be locked. */
const lockable = async () => inProcessing(w, { procedure: await procedure(w, PROC) });

const payment = { action: 'request_payment', amountVnd: 50_000, reason: 'Lệ phí' };

describe('the processing lock', () => {
  it('is claimed by opening the page, renewed idempotently, and shown to the others', async () => {
    setNow(w, '2026-03-16T08:00:00+07:00');
    const d = await lockable();
    setNow(w, '2026-03-16T08:30:00+07:00');
    const first = await claim('chuyenvien.hoankiem', d.id);
    expect(first.statusCode, first.body).toBe(200);
    const lock = first.json();
    expect(lock).toMatchObject({ holder: { name: 'Lê Thu Hà' }, mine: true });
    expect(lock.since.slice(0, 16)).toBe('2026-03-16T08:30');
    expect(Date.parse(lock.expiresAt) - Date.parse(lock.since)).toBe(10 * 60_000);
    setNow(w, '2026-03-16T08:35:00+07:00');
    const renewed = await claim('chuyenvien.hoankiem', d.id);
    expect(renewed.json().since).toBe(lock.since);
    expect(renewed.json().expiresAt.slice(0, 16)).toBe('2026-03-16T08:45');

    const leaderView = (await read(w, 'lanhdao.hoankiem', d.id)).json();
    expect(leaderView.lock).toMatchObject({ holder: { name: 'Lê Thu Hà' }, mine: false, canTakeOver: true });
    expect((await read(w, 'motcua.hoankiem', d.id)).json().lock).toMatchObject({ mine: false, canTakeOver: false });
    expect((await read(w, 'congdan', d.id)).json().lock).toBeNull(); // never shown to the applicant
  });

  it('refuses a second officer’s claim and actions with 409 DOSSIER_LOCKED, not the holder’s', async () => {
    setNow(w, '2026-03-16T08:50:00+07:00');
    const d = await lockable();
    setNow(w, '2026-03-16T09:00:00+07:00');
    expect((await claim('chuyenvien.hoankiem', d.id)).statusCode).toBe(200);
    const second = await claim('lanhdao.hoankiem', d.id);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('DOSSIER_LOCKED');
    expect(second.json().error.message).toBe(
      'Hồ sơ đang được xử lý bởi Lê Thu Hà từ 09:00 16/03/2026; hãy chờ hoặc đề nghị lãnh đạo tiếp nhận khóa',
    );
    expect(second.json().error.lock).toMatchObject({ holder: { name: 'Lê Thu Hà' }, canTakeOver: true });
    const refused = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('DOSSIER_LOCKED');
    const own = await act(w, 'chuyenvien.hoankiem', d.id, payment);
    expect(own.statusCode, own.body).toBe(200);
  });

  it('never blocks the applicant', async () => {
    setNow(w, '2026-03-16T09:30:00+07:00');
    const d = await lockable();
    expect((await claim('chuyenvien.hoankiem', d.id)).statusCode).toBe(200);
    const withdrawn = await act(w, 'congdan', d.id, { action: 'withdraw', reason: 'Không cần nữa' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
  });

  it('expires after the configured minutes (injectable clock)', async () => {
    setNow(w, '2026-03-16T09:50:00+07:00');
    const d = await lockable();
    setNow(w, '2026-03-16T10:00:00+07:00');
    expect((await claim('chuyenvien.hoankiem', d.id)).statusCode).toBe(200);
    setNow(w, '2026-03-16T10:09:30+07:00');
    expect((await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve' })).statusCode).toBe(409);
    setNow(w, '2026-03-16T10:11:00+07:00');
    expect((await read(w, 'lanhdao.hoankiem', d.id)).json().lock).toBeNull();
    const approved = await act(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('lets a leader of the current agency take it over (audited), nobody else', async () => {
    setNow(w, '2026-03-16T11:00:00+07:00');
    const d = await lockable();
    expect((await claim('chuyenvien.hoankiem', d.id)).statusCode).toBe(200);
    const desk = await claim('motcua.hoankiem', d.id, { takeover: true });
    expect(desk.statusCode).toBe(403);
    expect(desk.json().error.code).toBe('LOCK_TAKEOVER_NOT_ALLOWED');
    setNow(w, '2026-03-16T11:05:00+07:00');
    const taken = await claim('lanhdao.hoankiem', d.id, { takeover: true });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ holder: { name: 'Phạm Quốc Hùng' }, mine: true });
    expect(taken.json().since.slice(0, 15)).toBe('2026-03-16T11:0'); // a new holding, not the specialist's 11:00 one
    const rows = await sys.ctx.db.query<{ data: { from: { name: string } } }>(
      `SELECT data FROM audit_log WHERE chain = $1 AND action = 'dossier.lock_takeover'`,
      [`dossier:${d.id}`],
    );
    expect(rows.map((r) => r.data.from.name)).toEqual(['Lê Thu Hà']);
    expect((await act(w, 'chuyenvien.hoankiem', d.id, payment)).statusCode).toBe(409);

    // release: only the holder's DELETE frees it, and a repeated DELETE is harmless
    expect((await release('chuyenvien.hoankiem', d.id)).statusCode).toBe(204);
    expect((await read(w, 'chuyenvien.hoankiem', d.id)).json().lock).toMatchObject({ holder: { name: 'Phạm Quốc Hùng' } });
    expect((await release('lanhdao.hoankiem', d.id)).statusCode).toBe(204);
    expect((await release('lanhdao.hoankiem', d.id)).statusCode).toBe(204);
    expect((await act(w, 'chuyenvien.hoankiem', d.id, payment)).statusCode).toBe(200);
  });

  it('is only for officers of the agencies involved', async () => {
    setNow(w, '2026-03-16T14:00:00+07:00');
    const d = await lockable();
    expect((await claim('motcua.badinh', d.id)).statusCode).toBe(404);
    const citizen = await claim('congdan', d.id);
    expect(citizen.statusCode).toBe(403);
    expect(citizen.json().error.code).toBe('LOCK_NOT_ALLOWED');
    expect((await claim('chuyenvien.hoankiem', d.id, { takeover: 'yes' })).statusCode).toBe(400);
  });
});
