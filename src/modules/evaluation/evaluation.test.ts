import { describe, expect, it } from 'vitest';
import { actOk, approved, auth, fileProcedure, fileWorld, setNow, submit, type Username } from '#test/factories.ts';

const w = fileWorld();
const proc = fileProcedure(w, '1.004873');

async function finished() {
  setNow(w, '2026-03-09T09:00:00+07:00');
  const d = await approved(w, { procedure: proc });
  return actOk(w, 'motcua.hoankiem', d.id, { action: 'return_result' });
}

const post = (url: string, user: Username | null, payload: object) => w.sys.app.inject({ method: 'POST', url, headers: auth(w, user), payload });
const get = (url: string, user: Username | null = null) => w.sys.app.inject({ method: 'GET', url, headers: auth(w, user) });

describe('rating a finished dossier', () => {
  it('lets the applicant rate once, and publishes the agency satisfaction per criterion', async () => {
    const d = await finished();
    const scores = { time_vs_rule: 'rat_hai_long', staff_attitude: 'hai_long', online_service: 'khong_hai_long' };
    expect((await post(`/api/v1/dossiers/${d.id}/rating`, 'lanhdao.hoankiem', { scores })).statusCode).toBe(403);
    const first = await post(`/api/v1/dossiers/${d.id}/rating`, 'congdan', { scores, comment: 'Cán bộ hướng dẫn tận tình' });
    expect(first.statusCode, first.body).toBe(201);
    expect((await post(`/api/v1/dossiers/${d.id}/rating`, 'congdan', { scores })).json().error.code).toBe('ALREADY_RATED');
    expect((await get(`/api/v1/dossiers/${d.id}/rating`, 'lanhdao.hoankiem')).json().rating.scores).toEqual(scores);

    const published = (await get(`/api/v1/agencies/${w.agency.hoankiem}/satisfaction`)).json();
    expect(published.ratings).toBeGreaterThanOrEqual(1);
    const time = published.criteria.find((c: { criterion: string }) => c.criterion === 'time_vs_rule');
    expect(time.counts.rat_hai_long).toBeGreaterThanOrEqual(1);
    expect(time.label).toBe('Thời gian giải quyết so với quy định');
    const online = published.criteria.find((c: { criterion: string }) => c.criterion === 'online_service');
    expect(online.satisfiedPercent).toBe(0);
    expect((await get('/api/v1/agencies/KHONG-CO/satisfaction')).statusCode).toBe(404);
  });

  it('refuses to rate a dossier still in progress, an unknown criterion or level, and strangers', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const d = await submit(w, { procedure: proc });
    expect((await post(`/api/v1/dossiers/${d.id}/rating`, 'congdan', { scores: { time_vs_rule: 'hai_long' } })).json().error.code).toBe('DOSSIER_NOT_FINISHED');
    const bad = await post(`/api/v1/dossiers/${d.id}/rating`, 'congdan', { scores: { speed: 'hai_long', time_vs_rule: 'tuyet_voi' } });
    expect(bad.statusCode).toBe(400);
    expect((await post(`/api/v1/dossiers/${d.id}/rating`, 'congdan', { scores: {} })).statusCode).toBe(400);
    expect((await post(`/api/v1/dossiers/${d.id}/rating`, 'motcua.badinh', { scores: { time_vs_rule: 'hai_long' } })).statusCode).toBe(404);
  });
});

describe('feedback (phản ánh, kiến nghị)', () => {
  it('gives a reference and an answer date, lets the agency answer once, and publishes it when the author agreed', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00'); // Monday: 10 working days later is Monday 23 March
    const sent = await post('/api/v1/feedback', 'congdan', {
      agencyCode: w.agency.hoankiem,
      subject: 'Thời gian chờ tại quầy',
      content: 'Tôi phải chờ hơn một giờ tại bộ phận một cửa sáng nay.',
      publish: true,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { reference } = sent.json();
    expect(reference).toMatch(/^PAKN-2026-\d{6}$/);
    expect(sent.json()).toMatchObject({ answerDueDate: '2026-03-23', overdue: false, answer: null });
    // the agency's leaders and desk officers are told, with the answer date and a link to their list
    const [received] = await w.sys.ctx.db.query<{ payload: { userIds: string[]; body: string; link: string } }>(
      "SELECT payload FROM outbox WHERE topic = 'notice.users' AND payload->>'title' = 'Phản ánh, kiến nghị mới'",
    );
    expect(received.payload).toMatchObject({ link: '/can-bo/phan-anh', body: `${reference}: “Thời gian chờ tại quầy”. Hạn trả lời: 23/03/2026.` });
    const answerers = await w.sys.ctx.db.query<{ username: string }>('SELECT username FROM users WHERE id = ANY($1::text[]) ORDER BY username', [received.payload.userIds]);
    expect(answerers.map((u) => u.username)).toEqual(['lanhdao.hoankiem', 'motcua.hoankiem']);

    const inbox = (await get('/api/v1/feedback', 'lanhdao.hoankiem')).json();
    expect(inbox.items.map((f: { reference: string }) => f.reference)).toContain(reference);
    expect((await get('/api/v1/feedback', 'motcua.badinh')).json().items.map((f: { reference: string }) => f.reference)).not.toContain(reference);
    expect((await get('/api/v1/feedback', 'congdan')).statusCode).toBe(403);
    expect((await get('/api/v1/public/feedback')).json().items.map((f: { reference: string }) => f.reference)).not.toContain(reference);

    setNow(w, '2026-03-24T09:00:00+07:00');
    expect((await get('/api/v1/me/feedback', 'congdan')).json().items.find((f: { reference: string }) => f.reference === reference).overdue).toBe(true);
    const answer = 'Xin lỗi Ông/Bà; từ tuần sau quầy có thêm một cán bộ vào buổi sáng.';
    expect((await post(`/api/v1/feedback/${reference}/answer`, 'motcua.badinh', { answer })).statusCode).toBe(403);
    const answered = await post(`/api/v1/feedback/${reference}/answer`, 'lanhdao.hoankiem', { answer });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await post(`/api/v1/feedback/${reference}/answer`, 'lanhdao.hoankiem', { answer })).json().error.code).toBe('FEEDBACK_ALREADY_ANSWERED');
    // the sender is told once, in Thông báo and by e-mail, with a link to their feedback
    const told = await w.sys.ctx.db.query<{ payload: { userIds: string[]; title: string; body: string; link: string; email: boolean } }>(
      "SELECT payload FROM outbox WHERE topic = 'notice.users' AND payload->>'title' = 'Phản ánh, kiến nghị đã được trả lời'",
    );
    expect(told).toHaveLength(1);
    expect(told[0].payload).toMatchObject({ link: '/phan-anh-kien-nghi', email: true, body: `Phản ánh “Thời gian chờ tại quầy” (số tham chiếu ${reference}) đã được trả lời.` });
    const [author] = await w.sys.ctx.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'congdan'");
    expect(told[0].payload.userIds).toEqual([author.id]);

    const board = (await get('/api/v1/public/feedback')).json();
    const shown = board.items.find((f: { reference: string }) => f.reference === reference);
    expect(shown).toMatchObject({ subject: 'Thời gian chờ tại quầy', answer, agency: { code: w.agency.hoankiem } });
    expect(JSON.stringify(shown)).not.toContain('Nguyễn Thị Ánh Tuyết');
  });

  it('refuses anonymous senders, unknown agencies and malformed references', async () => {
    const body = { agencyCode: w.agency.hoankiem, subject: 'Tiêu đề', content: 'Nội dung đủ dài để gửi.' };
    expect((await post('/api/v1/feedback', null, body)).statusCode).toBe(401);
    const unknown = await post('/api/v1/feedback', 'congdan', { ...body, agencyCode: 'KHONG-CO' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('agencyCode');
    expect((await post('/api/v1/feedback/abc/answer', 'lanhdao.hoankiem', { answer: 'Một câu trả lời đủ dài.' })).statusCode).toBe(400);
    expect((await post('/api/v1/feedback/PAKN-2026-999999/answer', 'lanhdao.hoankiem', { answer: 'Một câu trả lời đủ dài.' })).statusCode).toBe(404);
  });
});
