import { describe, expect, it } from 'vitest';
import { drainOutbox } from '#platform/outbox.ts';
import { notificationHandlers } from '#modules/notifications/handlers.ts';
import { actOk, auth, fileProcedure, fileWorld, setNow, submit, uploadPdf, type Username } from '#test/factories.ts';

/**
 * The officers' own notices (officer-notices.ts): the specialist a leader assigns a dossier to,
 * and the officer to act next once the papers a Mẫu 02 asked for have all arrived. Through the
 * API: the action, the outbox delivered by the notifications module, the officer's Thông báo.
 */

const w = fileWorld();
const proc = fileProcedure(w, '1.004873'); // xác nhận tình trạng hôn nhân: TP1 required, TP2 optional

interface Notice {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dossierId: string | null;
}

const deliver = () => drainOutbox(w.sys.ctx, notificationHandlers(w.sys.ctx));
async function noticesOf(user: Username, dossierId: string): Promise<Notice[]> {
  const res = await w.sys.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: auth(w, user) });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Notice[]).filter((n) => n.dossierId === dossierId);
}
const titles = async (user: Username, dossierId: string) => (await noticesOf(user, dossierId)).map((n) => n.title);
const outboxOf = (dossierId: string, topic: string) =>
  w.sys.ctx.db.query<{ id: number; payload: Record<string, unknown> }>('SELECT id, payload FROM outbox WHERE key = $1 AND topic = $2 ORDER BY id', [dossierId, topic]);

describe('dossier.assigned (phân công thụ lý)', () => {
  it('tells the specialist who assigned which dossier, with its due date and the processing page; nobody else; once', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const d = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    setNow(w, '2026-03-09T10:30:00+07:00');
    const assigned = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await deliver();

    const [notice, ...more] = await noticesOf('chuyenvien.hoankiem', d.id);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: 'dossier.assigned', title: 'Hồ sơ được phân công', link: `/can-bo/ho-so/${d.id}` });
    const due = new Date(assigned.dueAt ?? '');
    const dueText = `${due.toLocaleString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).replace(':', ' giờ ')} phút, ngày ${due.toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' })}`;
    expect(notice.body).toBe(
      `Hồ sơ ${assigned.code} (${proc.name}) đã được Phạm Quốc Hùng phân công cho Ông/Bà thụ lý lúc 10 giờ 30 phút, ngày 09/03/2026. Hẹn trả kết quả: ${dueText}.`,
    );
    // the leader is not told of their own act; the applicant gets the status notice only
    expect(await titles('lanhdao.hoankiem', d.id)).toEqual([]);
    expect(await titles('congdan', d.id)).not.toContain('Hồ sơ được phân công');

    // a replayed outbox row writes nothing twice
    const [row] = await outboxOf(d.id, 'dossier.assigned');
    await w.sys.ctx.db.query('UPDATE outbox SET processed_at = NULL WHERE id = $1', [row.id]);
    expect(await deliver()).toBe(1);
    expect(await noticesOf('chuyenvien.hoankiem', d.id)).toHaveLength(1);
  });
});

describe('dossier.supplement_received (bổ sung)', () => {
  it('in appraisal: tells the assigned specialist who asked once the last paper arrives online, not after a partial answer', async () => {
    setNow(w, '2026-03-10T09:00:00+07:00');
    const [tp1, tp2] = proc.components;
    const d = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'request_supplement', reason: 'Bổ sung hai giấy tờ', components: [tp1.code, tp2.code] });

    setNow(w, '2026-03-12T09:00:00+07:00');
    await actOk(w, 'congdan', d.id, { action: 'submit_supplement', documents: [{ componentCode: tp2.code, fileId: await uploadPdf(w, 'congdan') }] });
    await deliver();
    expect(await titles('chuyenvien.hoankiem', d.id)).toEqual(['Hồ sơ được phân công']);

    setNow(w, '2026-03-13T14:05:00+07:00');
    const back = await actOk(w, 'congdan', d.id, { action: 'submit_supplement', documents: [{ componentCode: tp1.code, fileId: await uploadPdf(w, 'congdan') }] });
    expect(back.status).toBe('IN_PROCESSING');
    await deliver();
    const notices = await noticesOf('chuyenvien.hoankiem', d.id);
    const notice = notices.find((n) => n.kind === 'dossier.supplement_received');
    expect(notice).toMatchObject({ title: 'Hồ sơ đã được bổ sung', link: `/can-bo/ho-so/${d.id}` });
    expect(notice?.body).toContain(`Hồ sơ ${back.code} (${proc.name}): giấy tờ bổ sung theo yêu cầu đã đủ, do người nộp gửi trực tuyến lúc 14 giờ 05 phút, ngày 13/03/2026.`);
    expect(notice?.body).toContain('thời hạn được tính lại từ đầu, hẹn trả kết quả mới: ');
    expect(notices).toHaveLength(2);
    // the applicant has the status notice (“Đã nhận hồ sơ bổ sung”), not the officer's
    expect(await titles('congdan', d.id)).not.toContain('Hồ sơ đã được bổ sung');
    expect(await outboxOf(d.id, 'dossier.supplement_received')).toHaveLength(1);
  });

  it('at intake: tells the desk officer who asked when the applicant completes online; not when they record the papers themselves', async () => {
    setNow(w, '2026-03-16T09:00:00+07:00');
    const [tp1] = proc.components;
    const online = await submit(w, { procedure: proc, components: [] });
    await actOk(w, 'motcua.hoankiem', online.id, { action: 'request_supplement', reason: 'Thiếu tờ khai' });
    const back = await actOk(w, 'congdan', online.id, { action: 'submit_supplement', documents: [{ componentCode: tp1.code, fileId: await uploadPdf(w, 'congdan') }] });
    expect(back.status).toBe('SUBMITTED');
    await deliver();
    const [notice, ...more] = await noticesOf('motcua.hoankiem', online.id);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: 'dossier.supplement_received', title: 'Hồ sơ đã được bổ sung', link: `/can-bo/ho-so/${online.id}` });
    expect(notice.body).toBe(`Hồ sơ chưa có mã (${proc.name}): giấy tờ bổ sung theo yêu cầu đã đủ, do người nộp gửi trực tuyến lúc 09 giờ 00 phút, ngày 16/03/2026. Hồ sơ đang chờ tiếp nhận.`);

    // the same desk officer records the papers brought to the counter: nobody to tell
    const counter = await submit(w, { user: 'motcua.hoankiem', procedure: proc, components: [] });
    await actOk(w, 'motcua.hoankiem', counter.id, { action: 'request_supplement', reason: 'Thiếu tờ khai' });
    await actOk(w, 'motcua.hoankiem', counter.id, { action: 'submit_supplement', documents: [{ componentCode: tp1.code, fileId: await uploadPdf(w, 'motcua.hoankiem') }] });
    await deliver();
    expect(await outboxOf(counter.id, 'dossier.supplement_received')).toEqual([]);
    expect(await noticesOf('motcua.hoankiem', counter.id)).toEqual([]);
  });
});

describe('self-assignment', () => {
  it('writes no notice when a leader who is also a specialist assigns the dossier to themselves', async () => {
    setNow(w, '2026-03-17T09:00:00+07:00');
    const d = await submit(w, { procedure: proc });
    const received = await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const agency = received.currentAgency.code;
    const admin = auth(w, 'admin');
    const users = await w.sys.app.inject({ method: 'GET', url: `/api/v1/admin/users?agencyCode=${agency}&q=lanhdao.hoankiem`, headers: admin });
    const leader = (users.json().items as { id: string; username: string }[]).find((u) => u.username === 'lanhdao.hoankiem');
    const granted = await w.sys.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${leader?.id}/grants`,
      headers: admin,
      payload: { grants: [{ role: 'leader', agencyCode: agency }, { role: 'specialist', agencyCode: agency }] },
    });
    expect(granted.statusCode, granted.body).toBe(200);

    const mine = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'lanhdao.hoankiem' });
    expect(mine.status).toBe('IN_PROCESSING');
    await deliver();
    expect(await outboxOf(d.id, 'dossier.assigned')).toEqual([]);
    expect(await noticesOf('lanhdao.hoankiem', d.id)).toEqual([]);
  });
});
