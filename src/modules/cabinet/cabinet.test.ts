import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartBody } from '#test/actor-app.ts';
import { opensslVerifiesCms } from '#test/cms.ts';
import { signedInCallers } from '#test/factories.ts';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import * as repo from './cabinet.repository.ts';
import { runCabinetDeadlines } from './deadlines.ts';
import { DEMO_BODY, draftPdf } from './seed-cabinet.ts';

/**
 * The e-Cabinet through its HTTP API on the real database: the demo body UBND Thành phố Hà Nội
 * decides one matter by opinion form (across Tết 2026) and one in a meeting, with signed answers
 * and ballots checked by our verifier and by openssl, confidentiality, a conclusion issued as a
 * signed PDF and a task followed up.
 */
let sys: TestSystem;
const { as, call, at } = signedInCallers(() => sys);

async function uploadPdf(username: string, title: string): Promise<string> {
  const body = multipartBody(await draftPdf(title, ['Nội dung dự thảo để các thành viên cho ý kiến.']), { filename: `${title}.pdf`, contentType: 'application/pdf' });
  const res = await sys.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...body.headers, ...(await as(username)) }, payload: body.payload });
  expect(res.statusCode).toBe(201);
  return res.json().fileId;
}

function pdftotext(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cabinet-'));
  fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
}

const opensslVerifies = (signedText: string, signatureB64: string) => opensslVerifiesCms(sys.ctx.db, signedText, signatureB64);

systemPerFile(async (s) => {
  sys = s;
  // a second body, to check that its member cannot read this body's forms and meetings
  const [other] = await sys.ctx.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'lanhdao.badinh'`);
  await sys.ctx.db.transaction(async (tx) => {
    await repo.insertBody(tx, { code: 'ubnd-ba-dinh-test', name: 'Ủy ban nhân dân Phường Ba Đình (thử)', agencyCode: 'X', createdAt: new Date() });
    await repo.upsertMember(tx, { bodyCode: 'ubnd-ba-dinh-test', userId: other.id, role: 'chair', title: 'Chủ tịch', substituteUserId: null, position: 1 });
  });
}, {}, 300_000);

describe('the demo body', () => {
  it('is seeded with a chair, two vice-chairs, six members, the secretariat, deemed agreement, one open form and one scheduled meeting', async () => {
    const body = (await call('chutich.hanoi', 'GET', `/api/v1/cabinet/bodies/${DEMO_BODY}`)).json();
    expect(body.name).toBe('Ủy ban nhân dân Thành phố Hà Nội');
    expect(body.members.map((m: { role: string }) => m.role)).toEqual(['chair', 'vice_chair', 'vice_chair', 'member', 'member', 'member', 'member', 'member', 'member', 'secretariat']);
    expect(body.rule).toMatchObject({ deemedAgreement: true, tieBreak: 'chair' });
    const forms = (await call('uyvien1.hanoi', 'GET', '/api/v1/cabinet/opinion-forms')).json().items;
    expect(forms.filter((f: { status: string }) => f.status === 'sent')).toHaveLength(1);
    const meetings = (await call('uyvien1.hanoi', 'GET', '/api/v1/cabinet/meetings')).json().items;
    expect(meetings.filter((m: { status: string }) => m.status === 'scheduled')).toHaveLength(1);
    expect((await call('congdan', 'GET', `/api/v1/cabinet/bodies/${DEMO_BODY}`)).statusCode).toBe(404);
  });
});

describe('an opinion form across Tết 2026', () => {
  let formId = '';
  let fileId = '';

  it('is drafted by the secretariat with a deadline in working days (Fri 13 Feb + 3 → Wed 25 Feb: 14–22 Feb are off)', async () => {
    at('2026-02-13T10:00:00+07:00');
    fileId = await uploadPdf('vanphong.hanoi', 'Dự thảo Nghị quyết về giá dịch vụ');
    const bad = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/opinion-forms', { subject: 'x', question: 'y', documents: [fileId], deadlineWorkingDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect((await call('uyvien1.hanoi', 'POST', '/api/v1/cabinet/opinion-forms', { subject: 'x', question: 'y', documents: [], deadlineWorkingDays: 3 })).json().error.code).toBe('SECRETARIAT_ONLY');
    const res = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/opinion-forms', {
      body: DEMO_BODY,
      subject: 'Giá dịch vụ trông giữ xe trên địa bàn Thành phố',
      question: 'Đồng chí có đồng ý thông qua dự thảo Nghị quyết không?',
      documents: [fileId],
      deadlineWorkingDays: 3,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ deadlineAt: '2026-02-25T23:59:59+07:00', status: 'draft' });
    formId = res.json().id;
  });

  it('is approved by the chair only, then sent by the secretariat; members see it only once sent', async () => {
    expect((await call('uyvien1.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${formId}`)).statusCode).toBe(404);
    expect((await call('vanphong.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/actions`, { action: 'send' })).json().error.code).toBe('FORM_ACTION_NOT_ALLOWED');
    expect((await call('vanphong.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/actions`, { action: 'approve' })).json().error.code).toBe('CHAIR_ONLY');
    const approved = await call('chutich.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/actions`, { action: 'approve' });
    expect(approved.json().status).toBe('approved');
    expect((await call('chutich.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/actions`, { action: 'approve' })).statusCode).toBe(200); // a retry
    const sent = await call('vanphong.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/actions`, { action: 'send' });
    expect(sent.json()).toMatchObject({ status: 'sent', tally: { members: 9, noAnswer: 9 }, outcome: null });
    expect((await call('uyvien1.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${formId}`)).json().canAnswer).toBe(true);
  });

  it('is confidential: 404 for a citizen, an officer and a member of another body; documents carry the reader’s name, no-store, every read audited', async () => {
    for (const outsider of ['congdan', 'lanhdao.hoankiem', 'lanhdao.badinh']) {
      expect((await call(outsider, 'GET', `/api/v1/cabinet/opinion-forms/${formId}`)).statusCode).toBe(404);
      expect((await call(outsider, 'GET', `/api/v1/cabinet/opinion-forms/${formId}/documents/${fileId}`)).statusCode).toBe(404);
      expect((await call(outsider, 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'agree' })).statusCode).toBe(404);
    }
    expect((await call(null, 'GET', `/api/v1/cabinet/opinion-forms/${formId}`)).statusCode).toBe(401);
    const doc = await call('uyvien2.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${formId}/documents/${fileId}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.headers['cache-control']).toBe('no-store');
    expect(doc.headers['content-disposition']).toMatch(/^inline/);
    const text = pdftotext(doc.rawPayload);
    expect(text).toContain('Hoàng Thị Lan Anh (uyvien2.hanoi)');
    expect(text).toContain('TÀI LIỆU MẬT');
    expect(text).toContain('Nội dung dự thảo');
    const reads = await sys.ctx.db.query(`SELECT 1 FROM audit_log WHERE chain = $1 AND action = 'cabinet.document.read'`, [`cabinet-form:${formId}`]);
    expect(reads).toHaveLength(1);
    // a file not listed on the form, even the member's own upload: 404
    expect((await call('uyvien2.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${formId}/documents/nope`)).statusCode).toBe(404);
  });

  it('takes signed answers, changeable until the deadline; "other" needs a comment', async () => {
    at('2026-02-23T09:00:00+07:00');
    const first = await call('chutich.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'agree' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ member: 'chutich.hanoi', choice: 'agree', version: 1, signatureValid: true });
    expect(await opensslVerifies(first.json().signedText, first.json().signature)).toBe(true);
    expect((await call('chutich.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'agree' })).statusCode).toBe(200); // retry: same version
    expect((await call('uyvien2.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'other' })).json().error.code).toBe('COMMENT_REQUIRED');
    expect((await call('uyvien2.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'maybe' })).statusCode).toBe(400);
    await call('uyvien2.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'other', comment: 'Đề nghị bổ sung mức giá cho xe điện.' });
    await call('phochutich1.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'agree' });
    await call('uyvien1.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'disagree' });
    await call('phochutich2.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'agree' });
    const changed = await call('phochutich2.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'disagree' });
    expect(changed.json()).toMatchObject({ choice: 'disagree', version: 2, signatureValid: true });
    // the secretariat cannot answer (not a recipient) and cannot close before the deadline while members are silent
    expect((await call('vanphong.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'agree' })).statusCode).toBe(404);
    expect((await call('vanphong.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/actions`, { action: 'close' })).json().error.code).toBe('DEADLINE_NOT_REACHED');
  });

  it('shows the named, signed answers to the secretariat and the chair only; a tampered answer is not valid', async () => {
    const staff = (await call('vanphong.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${formId}`)).json();
    expect(staff.tally).toMatchObject({ agree: 2, disagree: 2, other: 1, deemedAgree: 0, noAnswer: 4 });
    expect(staff.answers).toHaveLength(5);
    expect(staff.answers.every((a: { signatureValid: boolean }) => a.signatureValid)).toBe(true);
    const member = (await call('uyvien3.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${formId}`)).json();
    expect(member.answers).toBeUndefined();
    expect(member.tally.agree).toBe(2);
    // someone edits the stored choice behind the system's back
    await sys.ctx.db.query(`UPDATE cabinet_answers SET choice = 'agree' WHERE form_id = $1 AND choice = 'disagree' AND version = 1`, [formId]);
    const after = (await call('chutich.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${formId}`)).json();
    expect(after.answers.find((a: { member: string }) => a.member === 'uyvien1.hanoi').signatureValid).toBe(false);
    await sys.ctx.db.query(`UPDATE cabinet_answers SET choice = 'disagree' WHERE form_id = $1 AND user_id = (SELECT id FROM users WHERE username = 'uyvien1.hanoi')`, [formId]);
  });

  it('reminds silent members the working day before and on the day, once each', async () => {
    at('2026-02-24T08:00:00+07:00');
    await runCabinetDeadlines(sys.ctx, sys.clock.now());
    await runCabinetDeadlines(sys.ctx, sys.clock.now());
    at('2026-02-25T08:00:00+07:00');
    await runCabinetDeadlines(sys.ctx, sys.clock.now());
    const events = await sys.ctx.db.query<{ key: string; payload: { userIds: string[] } }>(`SELECT key, payload FROM outbox WHERE topic = 'notice.users' AND key LIKE $1 ORDER BY id`, [`${formId}:remind:%`]);
    expect(events.map((e) => e.key)).toEqual([`${formId}:remind:before`, `${formId}:remind:on_day`]);
    expect(events[0].payload.userIds).toHaveLength(4);
    expect(events.every((e) => (e.payload as { email?: boolean }).email === true)).toBe(true); // also by e-mail
  });

  it('refuses answers after the deadline; the job closes the form with deemed agreement and the rule', async () => {
    at('2026-02-26T00:00:05+07:00');
    expect((await call('uyvien3.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/answers`, { choice: 'disagree' })).json().error.code).toBe('ANSWER_DEADLINE_PASSED');
    const run = await runCabinetDeadlines(sys.ctx, sys.clock.now());
    expect(run.closed).toBe(1);
    const closed = (await call('vanphong.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${formId}`)).json();
    // 2 agree + 4 deemed = 6 of 9 members: adopted
    expect(closed).toMatchObject({ status: 'closed', outcome: 'adopted', tally: { members: 9, agree: 2, disagree: 2, other: 1, deemedAgree: 4, noAnswer: 0 } });
    expect((await runCabinetDeadlines(sys.ctx, sys.clock.now())).closed).toBe(0);
    expect((await call('vanphong.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${formId}/actions`, { action: 'close' })).statusCode).toBe(200);
  });

  let taskId = '';
  it('gets a conclusion issued as a signed PDF, with a task assigned to an agency', async () => {
    const [agency] = await sys.ctx.db.query<{ code: string }>(`SELECT a.code FROM agencies a WHERE a.admin_unit_code = '00070' AND a.kind = 'people_committee'`);
    const payload = {
      source: { type: 'opinion_form', id: formId },
      title: 'Kết luận về giá dịch vụ trông giữ xe',
      text: 'Ủy ban nhân dân Thành phố thống nhất thông qua dự thảo Nghị quyết.\nGiao các cơ quan tổ chức thực hiện.',
      tasks: [{ title: 'Niêm yết giá mới tại các điểm trông giữ xe', assigneeAgencyCode: agency.code, dueDate: '2026-03-10' }],
    };
    expect((await call('chutich.hanoi', 'POST', '/api/v1/cabinet/conclusions', payload)).json().error.code).toBe('SECRETARIAT_ONLY');
    const res = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/conclusions', payload);
    expect(res.statusCode).toBe(201);
    expect(res.json().number).toMatch(/^001\/TB-/);
    expect((await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/conclusions', payload)).json().error.code).toBe('CONCLUSION_EXISTS');
    const pdf = await call('uyvien4.hanoi', 'GET', `/api/v1/cabinet/conclusions/${res.json().id}/document`);
    expect(pdf.headers['cache-control']).toBe('no-store');
    const text = pdftotext(pdf.rawPayload);
    expect(text).toContain('THÔNG BÁO KẾT LUẬN');
    expect(text).toMatch(/tán thành: 2; không tán thành: 2; ý kiến khác: 1; không trả lời được coi là đồng ý: 4/);
    expect(text).toContain('Trần Đức Minh');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cabinet-sig-'));
    fs.writeFileSync(path.join(dir, 'k.pdf'), pdf.rawPayload);
    expect(spawnSync('pdfsig', ['-nocert', path.join(dir, 'k.pdf')], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');
    expect((await call('lanhdao.badinh', 'GET', `/api/v1/cabinet/conclusions/${res.json().id}/document`)).statusCode).toBe(404);
    taskId = (await call('vanphong.hanoi', 'GET', '/api/v1/cabinet/tasks')).json().items[0].id;
  });

  it('lets the assignee agency report on the task; the board tracks overdue tasks and reminds', async () => {
    const board = (await call('lanhdao.hoankiem', 'GET', '/api/v1/cabinet/tasks')).json();
    expect(board.items.map((t: { id: string }) => t.id)).toContain(taskId);
    expect((await call('lanhdao.badinh', 'GET', '/api/v1/cabinet/tasks')).json().items.map((t: { id: string }) => t.id)).not.toContain(taskId);
    expect((await call('lanhdao.badinh', 'POST', `/api/v1/cabinet/tasks/${taskId}/reports`, { status: 'done', note: 'x' })).statusCode).toBe(404);
    const progress = await call('lanhdao.hoankiem', 'POST', `/api/v1/cabinet/tasks/${taskId}/reports`, { status: 'in_progress', note: 'Đã in bảng giá, đang niêm yết.' });
    expect(progress.statusCode).toBe(201);
    expect(progress.json()).toMatchObject({ status: 'in_progress', overdue: false, reports: [{ by: 'Phạm Quốc Hùng', status: 'in_progress' }] });
    at('2026-03-11T09:00:00+07:00');
    const late = (await call('chutich.hanoi', 'GET', '/api/v1/cabinet/tasks')).json();
    expect(late.summary.overdue).toBe(1);
    expect((await runCabinetDeadlines(sys.ctx, sys.clock.now())).taskReminders).toBe(1);
    expect((await runCabinetDeadlines(sys.ctx, sys.clock.now())).taskReminders).toBe(0); // once a day
    const done = await call('lanhdao.hoankiem', 'POST', `/api/v1/cabinet/tasks/${taskId}/reports`, { status: 'done', note: 'Hoàn thành.' });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false, doneLate: true });
    expect((await call('lanhdao.hoankiem', 'POST', `/api/v1/cabinet/tasks/${taskId}/reports`, { status: 'done', note: 'lại' })).json().error.code).toBe('TASK_DONE');
  });
});

describe('a meeting with a signed vote', () => {
  let meetingId = '';
  let itemId = '';
  let voteId = '';
  /** The speakers' list as stored, every turn with its state and end time (to the minute: the test clock runs on). */
  const turns = () =>
    sys.ctx.db.query<{ username: string; state: string; endedAt: Date | null }>(
      `SELECT u.username, s.state, date_trunc('minute', s.ended_at) AS "endedAt" FROM cabinet_speakers s JOIN users u ON u.id = s.user_id WHERE s.meeting_id = $1 ORDER BY s.requested_at`,
      [meetingId],
    );
  const presence = async (reader: string) =>
    Object.fromEntries((await call(reader, 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json().participants.map((p: { username: string; presence: string | null }) => [p.username, p.presence]));

  it('is scheduled with agenda and documents; members confirm, decline or name a substitute', async () => {
    at('2026-03-12T08:00:00+07:00');
    const fileId = await uploadPdf('vanphong.hanoi', 'Tờ trình quy hoạch');
    const res = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/meetings', {
      title: 'Phiên họp chuyên đề quy hoạch',
      startsAt: '2026-03-13T08:30:00+07:00',
      location: 'Phòng họp số 1',
      agenda: [
        { title: 'Quy hoạch phân khu đô thị', presenter: 'Sở Quy hoạch – Kiến trúc', documents: [fileId] },
        { title: 'Tiến độ giải phóng mặt bằng', documents: [] },
      ],
    });
    expect(res.statusCode).toBe(201);
    meetingId = res.json().id;
    for (const outsider of ['congdan', 'lanhdao.badinh']) expect((await call(outsider, 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await call('uyvien5.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/attendance`, { attendance: 'absent', note: 'Đi công tác' })).statusCode).toBe(200);
    expect((await call('uyvien6.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/attendance`, { attendance: 'substitute', substitute: 'nobody' })).json().error.code).toBe('SUBSTITUTE_INVALID');
    // who may be sent instead is the body's data (default: the province's agency leaders), the same for the list and the check
    const attendance = `/api/v1/cabinet/meetings/${meetingId}/attendance`;
    const candidates = async () => (await call('uyvien6.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json().me.invitation.substituteCandidates.map((c: { username: string }) => c.username);
    expect(await candidates()).toContain('lanhdao.bhxh.hanoi');
    expect(await candidates()).not.toContain('bhxh.hanoi');
    for (const username of ['bhxh.hanoi', 'congdan', 'uyvien1.hanoi']) {
      const refused = await call('uyvien6.hanoi', 'POST', attendance, { attendance: 'substitute', substitute: username });
      expect([username, refused.statusCode, refused.json().error.code]).toEqual([username, 400, 'SUBSTITUTE_NOT_ELIGIBLE']); // a specialist, a citizen, a voting member
      expect(refused.json().error.message).toContain('dự họp thay');
    }
    const english = await sys.app.inject({ method: 'POST', url: attendance, headers: { ...(await as('uyvien6.hanoi')), 'accept-language': 'en' }, payload: { attendance: 'substitute', substitute: 'bhxh.hanoi' } });
    expect(english.json().error).toMatchObject({ code: 'SUBSTITUTE_NOT_ELIGIBLE', message: expect.stringContaining('standing substitute') });
    expect((await call('uyvien6.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json().me.invitation.attendance).toBe('pending');
    // the secretariat allows the agencies' specialists too: offered and accepted from then on
    expect((await call('uyvien6.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/substitute-roles`, { roles: ['leader', 'specialist'] })).json().error.code).toBe('SECRETARIAT_ONLY');
    expect((await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/substitute-roles`, { roles: ['citizen'] })).statusCode).toBe(400);
    const allowed = await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/substitute-roles`, { roles: ['leader', 'specialist'] });
    expect(allowed.json().substituteRoles).toEqual(['leader', 'specialist']);
    expect((await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/substitute-roles`, { roles: ['specialist', 'leader'] })).statusCode).toBe(200); // a retry
    expect(await sys.ctx.db.query(`SELECT data FROM audit_log WHERE chain = $1 AND action = 'cabinet.body.substitutes'`, [`cabinet-body:${DEMO_BODY}`])).toHaveLength(1);
    expect(await candidates()).toContain('bhxh.hanoi');
    const sub = await call('uyvien6.hanoi', 'POST', attendance, { attendance: 'substitute', substitute: 'bhxh.hanoi' });
    expect(sub.json().participants.find((p: { username: string }) => p.username === 'uyvien6.hanoi')).toMatchObject({ attendance: 'substitute', substitute: { username: 'bhxh.hanoi' } });
    const room = (await call('bhxh.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json();
    expect(room.me).toMatchObject({ role: 'substitute', canVote: true });
    itemId = room.agenda[0].id;
    const doc = await call('bhxh.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}/documents/${fileId}`);
    expect(pdftotext(doc.rawPayload)).toContain('Đinh Thị Hương (bhxh.hanoi)');
  });

  it('runs live: the stream announces each change; speakers ask, the chair gives the floor', async () => {
    expect((await call('uyvien1.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/actions`, { action: 'start' })).json().error.code).toBe('CHAIR_ONLY');
    const address = await sys.app.listen({ port: 0, host: '127.0.0.1' });
    const abort = new AbortController();
    const stream = await fetch(`${address}/api/v1/cabinet/meetings/${meetingId}/live`, { headers: await as('uyvien2.hanoi'), signal: abort.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const forbidden = await fetch(`${address}/api/v1/cabinet/meetings/${meetingId}/live`, { headers: await as('lanhdao.badinh') });
    expect(forbidden.status).toBe(404);
    const reader = stream.body!.getReader();
    const started = await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/actions`, { action: 'start' });
    expect(started.json()).toMatchObject({ status: 'in_progress', currentItemId: itemId });
    let received = '';
    while (!received.includes(`event: cabinet-meeting:${meetingId}`)) received += new TextDecoder().decode((await reader.read()).value);
    expect(received).toMatch(/data: \{"version":\d+\}/);
    abort.abort();

    expect((await call('uyvien5.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/speakers`, { action: 'request' })).json().error.code).toBe('NOT_ATTENDING');
    const ask = await call('uyvien1.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/speakers`, { action: 'request' });
    const again = await call('uyvien1.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/speakers`, { action: 'request' });
    expect(again.json().speakerId).toBe(ask.json().speakerId);
    const myTurn = async (who: string) => (await call(who, 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json().me.turn;
    expect(await myTurn('uyvien1.hanoi')).toBe('waiting');
    const floor = await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/speakers/${ask.json().speakerId}/actions`, { action: 'give_floor' });
    expect(floor.json().speakers).toEqual([expect.objectContaining({ state: 'speaking', speaker: { username: 'uyvien1.hanoi', fullName: 'Phạm Văn Khánh' } })]);
    expect([await myTurn('uyvien1.hanoi'), await myTurn('uyvien2.hanoi'), floor.json().me.turn]).toEqual(['speaking', null, null]);
  });

  it('ends the speaking turn when the chair moves to the next item; a request still waiting stays on the list', async () => {
    const waiting = (await call('uyvien3.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/speakers`, { action: 'request' })).json().speakerId;
    at('2026-03-13T09:15:00+07:00');
    const next = (await call('chutich.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json().agenda[1].id;
    const moved = (await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/actions`, { action: 'set_item', itemId: next })).json();
    expect(moved.currentItemId).toBe(next);
    expect(moved.speakers).toEqual([expect.objectContaining({ id: waiting, state: 'waiting', speaker: expect.objectContaining({ username: 'uyvien3.hanoi' }) })]);
    expect(await turns()).toContainEqual({ username: 'uyvien1.hanoi', state: 'done', endedAt: new Date('2026-03-13T09:15:00+07:00') });
    await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/speakers/${waiting}/actions`, { action: 'give_floor' });
  });

  it('votes with signed ballots, a live tally and the result under the rule (more than half of ALL members)', async () => {
    const opened = await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/items/${itemId}/votes`, { question: 'Thông qua quy hoạch phân khu?' });
    expect(opened.statusCode).toBe(201);
    voteId = opened.json().voteId;
    expect((await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/items/${itemId}/votes`, { question: 'lại' })).json().error.code).toBe('VOTE_ALREADY_OPEN');
    const ballots: [string, string][] = [
      ['chutich.hanoi', 'agree'],
      ['phochutich1.hanoi', 'agree'],
      ['phochutich2.hanoi', 'disagree'],
      ['uyvien1.hanoi', 'agree'],
      ['uyvien2.hanoi', 'abstain'],
      ['bhxh.hanoi', 'agree'], // for uyvien6
    ];
    for (const [who, choice] of ballots) {
      const b = await call(who, 'POST', `/api/v1/cabinet/votes/${voteId}/ballots`, { choice });
      expect(b.statusCode).toBe(201);
      expect(await opensslVerifies(b.json().signedText, b.json().signature)).toBe(true);
    }
    expect((await call('uyvien5.hanoi', 'POST', `/api/v1/cabinet/votes/${voteId}/ballots`, { choice: 'agree' })).json().error.code).toBe('NOT_ENTITLED_TO_VOTE');
    expect((await call('uyvien6.hanoi', 'POST', `/api/v1/cabinet/votes/${voteId}/ballots`, { choice: 'agree' })).json().error.code).toBe('NOT_ENTITLED_TO_VOTE');
    // another choice while the vote is open: refused as a ballot already cast, not as a closed vote
    const changed = await call('uyvien1.hanoi', 'POST', `/api/v1/cabinet/votes/${voteId}/ballots`, { choice: 'disagree' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatchObject({ code: 'BALLOT_ALREADY_CAST', alreadyVoted: 'agree' });
    expect((await call('vanphong.hanoi', 'POST', `/api/v1/cabinet/votes/${voteId}/ballots`, { choice: 'agree' })).json().error.code).toBe('NOT_ENTITLED_TO_VOTE');
    // a member who never answered the invitation but voted in person is present on the record; the others not yet
    expect(await presence('uyvien3.hanoi')).toMatchObject({ 'uyvien2.hanoi': 'voted', 'uyvien3.hanoi': 'spoke', 'uyvien4.hanoi': null, 'uyvien5.hanoi': null, 'uyvien6.hanoi': null });
    expect((await call('uyvien2.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json().me.invitation).toMatchObject({ attendance: 'pending', presence: 'voted' });
    // having voted in person, the member cannot now report absence or send a substitute; nothing changes
    expect((await call('uyvien2.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/attendance`, { attendance: 'absent', note: 'vắng' })).json().error.code).toBe('ATTENDANCE_PROVEN');
    expect((await call('uyvien3.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/attendance`, { attendance: 'substitute', substitute: 'bhxh.hanoi' })).json().error.code).toBe('ATTENDANCE_PROVEN');
    expect((await call('uyvien2.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json().me.invitation).toMatchObject({ attendance: 'pending', presence: 'voted' });
    const live = (await call('uyvien3.hanoi', 'GET', `/api/v1/cabinet/votes/${voteId}`)).json();
    expect(live).toMatchObject({ status: 'open', outcome: null, tally: { agree: 4, disagree: 1, abstain: 1, noAnswer: 3 } });
    expect(live.ballots).toBeUndefined();
    const closed = (await call('chutich.hanoi', 'POST', `/api/v1/cabinet/votes/${voteId}/actions`, { action: 'close' })).json();
    // 4 of 9 agree: a majority of those voting, not of ALL members → rejected
    expect(closed).toMatchObject({ status: 'closed', outcome: 'rejected', tally: { members: 9, agree: 4 } });
    expect(closed.ballots.find((b: { member: string }) => b.member === 'uyvien6.hanoi')).toMatchObject({ castBy: 'bhxh.hanoi', choice: 'agree', signatureValid: true });
    expect(closed.ballots.every((b: { signatureValid: boolean }) => b.signatureValid)).toBe(true);
    expect((await call('uyvien3.hanoi', 'POST', `/api/v1/cabinet/votes/${voteId}/ballots`, { choice: 'agree' })).json().error.code).toBe('VOTE_CLOSED');
  });

  it('ends with minutes and a resolution issued from the meeting', async () => {
    expect((await call('chutich.hanoi', 'PUT', `/api/v1/cabinet/meetings/${meetingId}/minutes`, { text: 'x' })).json().error.code).toBe('SECRETARIAT_ONLY');
    const minutes = await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/meetings/${meetingId}/minutes`, { text: 'Biên bản: 6/9 thành viên có mặt.' });
    expect(minutes.json().minutes).toBe('Biên bản: 6/9 thành viên có mặt.');
    expect((await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/conclusions', { source: { type: 'meeting', id: meetingId }, title: 't', text: 't' })).json().error.code).toBe('SOURCE_NOT_FINISHED');
    await call('phochutich1.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/speakers`, { action: 'request' });
    at('2026-03-13T11:30:00+07:00');
    const ended = (await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/actions`, { action: 'end' })).json();
    // the meeting's end closes the speakers' list: the member on the floor is done, a request never heard is taken off, at the end time
    // (the clock runs on from 11:30:00 in real time: on a loaded machine the request may end a second or two later)
    expect(ended).toMatchObject({ status: 'ended', endedAt: expect.stringMatching(/^2026-03-13T11:30:\d\d\+07:00$/), currentItemId: null, speakers: [] });
    // turns() gives the minute (the turn before was closed at a set time, the clock running on
    // since); the meeting's end, given to the second, may be 11:30:01 on a loaded machine
    const end = new Date(Math.floor(Date.parse(ended.endedAt) / 60_000) * 60_000);
    expect(await turns()).toEqual([
      { username: 'uyvien1.hanoi', state: 'done', endedAt: new Date('2026-03-13T09:15:00+07:00') },
      { username: 'uyvien3.hanoi', state: 'done', endedAt: end },
      { username: 'phochutich1.hanoi', state: 'withdrawn', endedAt: end },
    ]);
    // attendance as the record proves: voted or spoke = present; never answered and took no part = absent
    expect(await presence('uyvien3.hanoi')).toEqual({
      'chutich.hanoi': 'voted',
      'phochutich1.hanoi': 'voted',
      'phochutich2.hanoi': 'voted',
      'uyvien1.hanoi': 'voted',
      'uyvien2.hanoi': 'voted',
      'uyvien3.hanoi': 'spoke',
      'uyvien4.hanoi': 'no_show',
      'uyvien5.hanoi': null,
      'uyvien6.hanoi': null,
    });
    const signed = await call('vanphong.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/minutes/document`);
    expect(signed.statusCode).toBe(200);
    const record = pdftotext((await call('uyvien3.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}/minutes/document`)).rawPayload).normalize('NFC');
    // the minutes say the same, row by row
    expect(record).not.toMatch(/xác nhận/);
    expect(record).toMatch(/Hoàng Thị Lan Anh .* Có mặt \(đã biểu quyết\)\n/);
    expect(record).toMatch(/Đặng Minh Tuấn .* Có mặt \(đã phát biểu\)\n/);
    expect(record).toMatch(/Vũ Thị Ngọc Mai .* Vắng mặt \(không báo trước\)\n/);
    expect(record).toMatch(/Bùi Đức Thịnh .* Vắng mặt \(Đi công tác\)\n/);
    expect(record).toMatch(/Ngô Thanh Sơn .* Cử Đinh Thị Hương dự thay\n/);
    const res = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/conclusions', { source: { type: 'meeting', id: meetingId }, kind: 'resolution', title: 'Nghị quyết phiên họp chuyên đề', text: 'Chưa thông qua quy hoạch; giao hoàn thiện hồ sơ.' });
    expect(res.statusCode).toBe(201);
    const pdf = await call('bhxh.hanoi', 'GET', `/api/v1/cabinet/conclusions/${res.json().id}/document`);
    expect(pdftotext(pdf.rawPayload)).toMatch(/Biểu quyết "Thông qua quy hoạch phân khu\?": 4\/9 thành viên tán thành/);
  });
});
