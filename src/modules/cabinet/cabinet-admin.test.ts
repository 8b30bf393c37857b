import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsDir } from '#platform/migrate.ts';
import { signedInCallers } from '#test/factories.ts';
import { systemPerFile, type TestSystem } from '#test/system.ts';
import { DEMO_BODY } from './seed-cabinet.ts';

/**
 * Managing a body (members, roles, substitutes, the rule) and editing draft forms, through the
 * HTTP API on the real database; a sent form and an opened vote keep the membership they froze;
 * the minutes of a meeting issued as a signed PDF (read back with pdftotext and pdfsig).
 */
let sys: TestSystem;
const { call, at } = signedInCallers(() => sys);
const members = `/api/v1/cabinet/bodies/${DEMO_BODY}/members`;
const audits = async (action: string, chain: string) => (await sys.ctx.db.query(`SELECT 1 FROM audit_log WHERE chain = $1 AND action = $2`, [chain, action])).length;

systemPerFile(async (s) => {
  sys = s;
  at('2026-04-06T09:00:00+07:00');
}, {}, 300_000);

describe('managing the members of a body', () => {
  it('is for the secretariat and administrators: a member gets 403, an outsider 404', async () => {
    expect((await call('vanphong.hanoi', 'GET', '/api/v1/cabinet/bodies')).json().items).toEqual([{ code: DEMO_BODY, name: 'Ủy ban nhân dân Thành phố Hà Nội', members: 10 }]);
    expect((await call('admin', 'GET', '/api/v1/cabinet/bodies')).json().items.map((b: { code: string }) => b.code)).toContain(DEMO_BODY);
    expect((await call('uyvien1.hanoi', 'GET', '/api/v1/cabinet/bodies')).json().items).toEqual([]);
    const asMember = await call('uyvien1.hanoi', 'GET', `/api/v1/cabinet/bodies/${DEMO_BODY}`);
    expect(asMember.json()).toMatchObject({ canManage: false });
    expect((await call('vanphong.hanoi', 'GET', `/api/v1/cabinet/bodies/${DEMO_BODY}`)).json()).toMatchObject({ canManage: true });
    const put = { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Bảo hiểm xã hội' };
    expect((await call('uyvien1.hanoi', 'PUT', `${members}/bhxh.hanoi`, put)).json().error.code).toBe('SECRETARIAT_ONLY');
    expect((await call('lanhdao.badinh', 'PUT', `${members}/bhxh.hanoi`, put)).statusCode).toBe(404);
    expect((await call('lanhdao.badinh', 'GET', `/api/v1/cabinet/bodies/${DEMO_BODY}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/v1/cabinet/bodies/${DEMO_BODY}`)).statusCode).toBe(401);
  });

  it('adds a member, changes the role and substitute; a retry writes nothing; every change is audited', async () => {
    const res = await call('vanphong.hanoi', 'PUT', `${members}/bhxh.hanoi`, { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Bảo hiểm xã hội' });
    expect(res.statusCode).toBe(200);
    const added = res.json().members.find((m: { username: string }) => m.username === 'bhxh.hanoi');
    expect(added).toMatchObject({ role: 'member', fullName: 'Đinh Thị Hương', substitute: null });
    // members listed by role: the new member before the secretariat
    expect(res.json().members.map((m: { role: string }) => m.role).at(-1)).toBe('secretariat');
    expect((await call('vanphong.hanoi', 'PUT', `${members}/bhxh.hanoi`, { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Bảo hiểm xã hội' })).statusCode).toBe(200);
    expect(await audits('cabinet.body.member.add', `cabinet-body:${DEMO_BODY}`)).toBe(1);
    const sub = await call('vanphong.hanoi', 'PUT', `${members}/uyvien6.hanoi`, { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Sở Tư pháp', substitute: 'lanhdao.hoankiem' });
    expect(sub.json().members.find((m: { username: string }) => m.username === 'uyvien6.hanoi').substitute).toBe('lanhdao.hoankiem');
    expect((await call('vanphong.hanoi', 'PUT', `${members}/uyvien6.hanoi`, { role: 'member', title: 'x', substitute: 'uyvien6.hanoi' })).json().error.code).toBe('SUBSTITUTE_INVALID');
    expect(await audits('cabinet.body.member.change', `cabinet-body:${DEMO_BODY}`)).toBe(1);
  });

  it('refuses a second chair, an unknown or citizen account, a bad role, and removing the last secretariat', async () => {
    expect((await call('vanphong.hanoi', 'PUT', `${members}/phochutich1.hanoi`, { role: 'chair', title: 'Chủ tịch' })).json().error).toMatchObject({ code: 'CHAIR_TAKEN' });
    expect((await call('vanphong.hanoi', 'PUT', `${members}/khongco.hanoi`, { role: 'member', title: 'Ủy viên' })).json().error.code).toBe('USER_UNKNOWN');
    expect((await call('vanphong.hanoi', 'PUT', `${members}/congdan`, { role: 'member', title: 'Ủy viên' })).json().error.code).toBe('USER_UNKNOWN');
    expect((await call('vanphong.hanoi', 'PUT', `${members}/bhxh.hanoi`, { role: 'king', title: 'x' })).statusCode).toBe(400);
    expect((await call('vanphong.hanoi', 'DELETE', `${members}/vanphong.hanoi`)).json().error.code).toBe('LAST_SECRETARIAT');
    expect((await call('vanphong.hanoi', 'PUT', `${members}/vanphong.hanoi`, { role: 'member', title: 'x' })).json().error.code).toBe('LAST_SECRETARIAT');
  });

  it('sets the rule from a date (law as data): not in the past; a restated rule is a retry', async () => {
    const rule = { deemedAgreement: false, tieBreak: 'chair', legalBasis: 'Quy chế làm việc sửa đổi năm 2026' };
    expect((await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/rules/2026-01-01`, rule)).json().error.code).toBe('RULE_DATE_PAST');
    expect((await call('uyvien1.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/rules/2026-05-01`, rule)).json().error.code).toBe('SECRETARIAT_ONLY');
    const set = await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/rules/2026-05-01`, rule);
    expect(set.statusCode).toBe(200);
    expect(set.json().rule).toMatchObject({ deemedAgreement: true }); // today's rule is still the old one
    expect(set.json().rules[0]).toMatchObject({ validFrom: '2026-05-01', deemedAgreement: false });
    await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/rules/2026-05-01`, rule);
    expect(await audits('cabinet.body.rule', `cabinet-body:${DEMO_BODY}`)).toBe(1);
    at('2026-05-04T09:00:00+07:00');
    expect((await call('uyvien1.hanoi', 'GET', `/api/v1/cabinet/bodies/${DEMO_BODY}`)).json().rule).toMatchObject({ deemedAgreement: false, validFrom: '2026-05-01' });
    // back to deemed agreement for the rest of this file
    await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/bodies/${DEMO_BODY}/rules/2026-05-04`, { deemedAgreement: true, tieBreak: 'chair', legalBasis: 'Quy chế làm việc' });
  });
});

let meetingId = '';

describe('a sent form freezes the membership', () => {
  let sentId = '';
  let draftId = '';
  const createForm = async (subject: string, extra: object = {}) => {
    const res = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/opinion-forms', { subject, question: 'Đồng chí có đồng ý không?', documents: [], deadlineWorkingDays: 2, ...extra });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const act = (who: string, id: string, action: string) => call(who, 'POST', `/api/v1/cabinet/opinion-forms/${id}/actions`, { action });

  it('counts the 10 voting members of the day it was sent, whatever happens to the membership after', async () => {
    sentId = await createForm('Phương án tổ chức lễ hội mùa thu');
    draftId = await createForm('Kế hoạch chỉnh trang vỉa hè');
    await act('chutich.hanoi', sentId, 'approve');
    const sent = (await act('vanphong.hanoi', sentId, 'send')).json();
    expect(sent.tally).toMatchObject({ members: 10, noAnswer: 10 });
    expect(sent.recipients).toHaveLength(10);
    // after sending: a member leaves, another joins
    expect((await call('vanphong.hanoi', 'DELETE', `${members}/uyvien5.hanoi`)).statusCode).toBe(200);
    expect((await call('vanphong.hanoi', 'DELETE', `${members}/uyvien5.hanoi`)).statusCode).toBe(200); // a retry
    expect(await audits('cabinet.body.member.remove', `cabinet-body:${DEMO_BODY}`)).toBe(1);
    await call('vanphong.hanoi', 'PUT', `${members}/lanhdao.hoankiem`, { role: 'member', title: 'Ủy viên UBND Thành phố' });
    const after = (await call('vanphong.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${sentId}`)).json();
    expect(after.tally).toMatchObject({ members: 10, noAnswer: 10 });
    expect(after.recipients.map((r: { username: string }) => r.username)).toContain('uyvien5.hanoi');
    // the member who left may still answer the form sent to them (signed, under their name); the newcomer was not asked
    const late = await call('uyvien5.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${sentId}/answers`, { choice: 'disagree' });
    expect(late.json()).toMatchObject({ member: 'uyvien5.hanoi', signatureValid: true });
    expect((await call('lanhdao.hoankiem', 'GET', `/api/v1/cabinet/opinion-forms/${sentId}`)).statusCode).toBe(404);
    for (const who of ['chutich.hanoi', 'phochutich1.hanoi', 'uyvien1.hanoi', 'uyvien2.hanoi']) await call(who, 'POST', `/api/v1/cabinet/opinion-forms/${sentId}/answers`, { choice: 'disagree' });
    at('2026-05-07T08:00:00+07:00');
    const closed = (await act('vanphong.hanoi', sentId, 'close')).json();
    // 5 disagree, 5 deemed to agree of the 10 frozen voters: a tie; the chair disagreed → rejected
    expect(closed).toMatchObject({ status: 'closed', outcome: 'rejected', tally: { members: 10, disagree: 5, deemedAgree: 5 } });
    expect(closed.answers.find((a: { member: string }) => a.member === 'uyvien5.hanoi')).toMatchObject({ fullName: expect.stringMatching(/\S/), signatureValid: true });
  });

  it('a draft sent later asks the members of its sending day', async () => {
    at('2026-05-04T10:00:00+07:00');
    await act('chutich.hanoi', draftId, 'approve');
    const sent = (await act('vanphong.hanoi', draftId, 'send')).json();
    const names = sent.recipients.map((r: { username: string }) => r.username);
    expect(names).toContain('lanhdao.hoankiem');
    expect(names).not.toContain('uyvien5.hanoi');
    expect(sent.tally.members).toBe(10);
  });

  it('an opened vote keeps the membership of its opening', async () => {
    const meeting = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/meetings', { title: 'Phiên họp thường kỳ tháng 5', startsAt: '2026-05-04T14:00:00+07:00', location: 'Phòng họp số 2', agenda: [{ title: 'Báo cáo kinh tế – xã hội', documents: [] }] });
    const id = meeting.json().id;
    meetingId = id;
    const room = (await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${id}/actions`, { action: 'start' })).json();
    const voteId = (await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${id}/items/${room.agenda[0].id}/votes`, { question: 'Thông qua báo cáo?' })).json().voteId;
    expect((await call('uyvien1.hanoi', 'GET', `/api/v1/cabinet/votes/${voteId}`)).json().tally.members).toBe(10);
    await call('vanphong.hanoi', 'DELETE', `${members}/lanhdao.hoankiem`);
    await call('vanphong.hanoi', 'DELETE', `${members}/uyvien4.hanoi`);
    expect((await call('uyvien1.hanoi', 'GET', `/api/v1/cabinet/votes/${voteId}`)).json().tally.members).toBe(10);
    const closed = (await call('chutich.hanoi', 'POST', `/api/v1/cabinet/votes/${voteId}/actions`, { action: 'close' })).json();
    expect(closed.tally).toMatchObject({ members: 10, noAnswer: 10 });
  });
});

describe('a draft form', () => {
  let id = '';
  it('is edited by the secretariat until the chair approves it; the deadline still counts from its creation', async () => {
    at('2026-05-11T09:00:00+07:00'); // Monday
    id = (await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/opinion-forms', { subject: 'Dự thảo', question: 'Ý kiến?', documents: [], deadlineWorkingDays: 2 })).json().id;
    at('2026-05-12T09:00:00+07:00');
    const patch = { subject: 'Kế hoạch phát triển giao thông công cộng năm 2027', deadlineWorkingDays: 5, recipients: ['chutich.hanoi', 'uyvien1.hanoi', 'uyvien2.hanoi'], options: ['agree', 'disagree'] };
    expect((await call('uyvien1.hanoi', 'PATCH', `/api/v1/cabinet/opinion-forms/${id}`, patch)).statusCode).toBe(404);
    expect((await call('chutich.hanoi', 'PATCH', `/api/v1/cabinet/opinion-forms/${id}`, patch)).json().error.code).toBe('SECRETARIAT_ONLY');
    expect((await call('vanphong.hanoi', 'PATCH', `/api/v1/cabinet/opinion-forms/${id}`, { recipients: ['congdan'] })).json().error.code).toBe('RECIPIENT_NOT_MEMBER');
    expect((await call('vanphong.hanoi', 'PATCH', `/api/v1/cabinet/opinion-forms/${id}`, { deadlineWorkingDays: 0 })).statusCode).toBe(400);
    const res = await call('vanphong.hanoi', 'PATCH', `/api/v1/cabinet/opinion-forms/${id}`, patch);
    expect(res.statusCode).toBe(200);
    // created Monday 11 May + 5 working days = Monday 18 May
    expect(res.json()).toMatchObject({ subject: patch.subject, deadlineAt: '2026-05-18T23:59:59+07:00', options: ['agree', 'disagree'], canEdit: true, recipientsDefault: false });
    expect(res.json().recipients.map((r: { username: string }) => r.username).sort()).toEqual(['chutich.hanoi', 'uyvien1.hanoi', 'uyvien2.hanoi']);
    expect((await call('vanphong.hanoi', 'PATCH', `/api/v1/cabinet/opinion-forms/${id}`, patch)).statusCode).toBe(200); // a retry
    const [edit] = await sys.ctx.db.query<{ data: { changed: string[] } }>(`SELECT data FROM audit_log WHERE chain = $1 AND action = 'cabinet.form.edit'`, [`cabinet-form:${id}`]);
    expect(edit.data.changed).toEqual(['subject', 'options', 'deadlineWorkingDays', 'recipients']);
    expect(await audits('cabinet.form.edit', `cabinet-form:${id}`)).toBe(1);
    const all = (await call('vanphong.hanoi', 'PATCH', `/api/v1/cabinet/opinion-forms/${id}`, { recipients: [] })).json();
    expect(all).toMatchObject({ recipientsDefault: true });
    expect(all.recipients.length).toBeGreaterThan(3);
  });

  it('is no longer editable once approved', async () => {
    await call('chutich.hanoi', 'POST', `/api/v1/cabinet/opinion-forms/${id}/actions`, { action: 'approve' });
    const res = await call('vanphong.hanoi', 'PATCH', `/api/v1/cabinet/opinion-forms/${id}`, { subject: 'Đổi sau khi duyệt' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FORM_NOT_DRAFT');
    expect((await call('vanphong.hanoi', 'GET', `/api/v1/cabinet/opinion-forms/${id}`)).json()).toMatchObject({ canEdit: false, subject: 'Kế hoạch phát triển giao thông công cộng năm 2027' });
  });
});

describe('the minutes of a meeting', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cabinet-minutes-'));
  const minutesUrl = () => `/api/v1/cabinet/meetings/${meetingId}/minutes/document`;

  it('are signed only after the meeting ends, by the secretariat, once; then final', async () => {
    expect((await call('vanphong.hanoi', 'POST', minutesUrl())).json().error.code).toBe('MINUTES_NOT_READY');
    await call('chutich.hanoi', 'POST', `/api/v1/cabinet/meetings/${meetingId}/actions`, { action: 'end' });
    expect((await call('vanphong.hanoi', 'POST', minutesUrl())).json().error.code).toBe('MINUTES_NOT_READY'); // nothing written yet
    await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/meetings/${meetingId}/minutes`, { text: 'Phiên họp nghe báo cáo tình hình kinh tế – xã hội tháng 4.\nKết luận: giao các sở hoàn thiện số liệu.' });
    expect((await call('chutich.hanoi', 'POST', minutesUrl())).json().error.code).toBe('SECRETARIAT_ONLY');
    expect((await call('vanphong.hanoi', 'GET', minutesUrl())).statusCode).toBe(404);
    const signed = await call('vanphong.hanoi', 'POST', minutesUrl());
    expect(signed.statusCode).toBe(200);
    const doc = signed.json().minutesDocument;
    expect(doc).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await call('vanphong.hanoi', 'POST', minutesUrl())).json().minutesDocument).toEqual(doc); // a retry: the same document
    expect((await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/meetings/${meetingId}/minutes`, { text: 'Sửa sau khi ký' })).json().error.code).toBe('MINUTES_SIGNED');
    expect(await audits('cabinet.meeting.minutes.sign', `cabinet-meeting:${meetingId}`)).toBe(1);
  });

  it('are a PDF with the Vietnamese text intact and a valid signature, read by invitees only (audited)', async () => {
    const res = await call('uyvien1.hanoi', 'GET', minutesUrl());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    fs.writeFileSync(path.join(dir, 'b.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Phiên họp thường kỳ tháng 5');
    expect(text).toContain('Phòng họp số 2');
    expect(text).toContain('Trần Đức Minh'); // the chair
    expect(text).toMatch(/Biểu quyết "Thông qua báo cáo\?": 0\/10 thành viên tán thành/);
    expect(text).toContain('Kết luận: giao các sở hoàn thiện số liệu.');
    expect(text).toMatch(/Đinh Thị Hương[\s\S]*Vắng mặt \(không báo trước\)/); // invited while a member, never answered, took no part
    expect(text).not.toMatch(/xác nhận/);
    const sig = spawnSync('pdfsig', ['-nocert', path.join(dir, 'b.pdf')], { encoding: 'utf8' });
    expect(sig.stdout).toContain('Signature is Valid.');
    expect((await call('lanhdao.badinh', 'GET', minutesUrl())).statusCode).toBe(404);
    expect((await call('congdan', 'GET', minutesUrl())).statusCode).toBe(404);
    expect(await audits('cabinet.minutes.read', `cabinet-meeting:${meetingId}`)).toBe(1);
  });

  it('of a meeting ended before migration 0059 get its speakers’ list closed by the migration, at the end time', async () => {
    const [m] = await sys.ctx.db.query<{ endedAt: Date }>(`SELECT ended_at AS "endedAt" FROM cabinet_meetings WHERE id = $1`, [meetingId]);
    const [u] = await sys.ctx.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'uyvien1.hanoi'`);
    const [v] = await sys.ctx.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'uyvien2.hanoi'`);
    await sys.ctx.db.query(
      `INSERT INTO cabinet_speakers (id, meeting_id, user_id, state, requested_at, started_at) VALUES ('left-speaking', $1, $2, 'speaking', $3, $3), ('left-waiting', $1, $4, 'waiting', $3, NULL)`,
      [meetingId, u.id, m.endedAt, v.id],
    );
    await sys.ctx.db.exec(fs.readFileSync(path.join(migrationsDir, '0059_cabinet_speakers_closed.sql'), 'utf8'));
    const rows = await sys.ctx.db.query<{ id: string; state: string; endedAt: Date }>(`SELECT id, state, ended_at AS "endedAt" FROM cabinet_speakers WHERE meeting_id = $1 ORDER BY id`, [meetingId]);
    expect(rows).toEqual([
      { id: 'left-speaking', state: 'done', endedAt: m.endedAt },
      { id: 'left-waiting', state: 'withdrawn', endedAt: m.endedAt },
    ]);
    expect((await call('uyvien1.hanoi', 'GET', `/api/v1/cabinet/meetings/${meetingId}`)).json().speakers).toEqual([]);
  });
});

describe('a declined invitation passes to the standing substitute', () => {
  let id = '';
  const room = async (user: string) => call(user, 'GET', `/api/v1/cabinet/meetings/${id}`);
  const row = async (user: string, username: string) => (await room(user)).json().participants.find((p: { username: string }) => p.username === username);
  const notices = async () => (await sys.ctx.db.query(`SELECT key FROM outbox WHERE topic = 'notice.users' AND key LIKE $1`, [`${id}:substitute:%`])).length;

  it('invites the substitute when the member declines; the room says who attends for whom; a retry sends nothing', async () => {
    await call('vanphong.hanoi', 'PUT', `${members}/uyvien5.hanoi`, { role: 'member', title: 'Ủy viên UBND Thành phố, Giám đốc Sở Xây dựng', substitute: 'lanhdao.badinh' });
    const res = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/meetings', { title: 'Phiên họp chuyên đề quy hoạch', startsAt: '2026-04-20T08:30:00+07:00', location: 'Phòng họp tầng 3', agenda: [{ title: 'Quy hoạch phân khu', documents: [] }] });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect((await room('lanhdao.badinh')).statusCode).toBe(404); // not invited yet
    expect((await room('uyvien5.hanoi')).json().me.invitation.standingSubstitute).toMatchObject({ username: 'lanhdao.badinh' });
    const declined = await call('uyvien5.hanoi', 'POST', `/api/v1/cabinet/meetings/${id}/attendance`, { attendance: 'absent', note: 'Đi công tác' });
    expect(declined.statusCode).toBe(200);
    expect(await row('vanphong.hanoi', 'uyvien5.hanoi')).toMatchObject({ attendance: 'substitute', substitute: { username: 'lanhdao.badinh' }, substituteStanding: true, note: 'Đi công tác' });
    const asSubstitute = (await room('lanhdao.badinh')).json();
    expect(asSubstitute.me).toMatchObject({ role: 'substitute', canVote: true, substituteFor: [{ username: 'uyvien5.hanoi' }] });
    expect(await notices()).toBe(1);
    await call('uyvien5.hanoi', 'POST', `/api/v1/cabinet/meetings/${id}/attendance`, { attendance: 'absent', note: 'Đi công tác' });
    expect(await notices()).toBe(1);
    expect(await audits('cabinet.meeting.attendance', `cabinet-meeting:${id}`)).toBe(1);
  });

  it('declining without a substitute, or with none standing, leaves the seat empty', async () => {
    await call('uyvien5.hanoi', 'POST', `/api/v1/cabinet/meetings/${id}/attendance`, { attendance: 'absent', note: 'Đi công tác', withoutSubstitute: true });
    expect(await row('vanphong.hanoi', 'uyvien5.hanoi')).toMatchObject({ attendance: 'absent', substitute: null, substituteStanding: false });
    expect((await room('lanhdao.badinh')).statusCode).toBe(404);
    await call('uyvien1.hanoi', 'POST', `/api/v1/cabinet/meetings/${id}/attendance`, { attendance: 'absent' });
    expect(await row('vanphong.hanoi', 'uyvien1.hanoi')).toMatchObject({ attendance: 'absent', substitute: null });
  });
});

describe('creating a body', () => {
  const create = {
    code: 'bcd-chuyen-doi-so-hanoi',
    name: 'Ban Chỉ đạo chuyển đổi số Thành phố Hà Nội',
    agencyCode: '',
    rule: { deemedAgreement: false, tieBreak: 'chair', legalBasis: 'Quy chế làm việc của Ban Chỉ đạo' },
  };

  it('is for the secretariat of a body of the agency and administrators; others get 403; bad input 400', async () => {
    const list = (await call('vanphong.hanoi', 'GET', '/api/v1/cabinet/bodies')).json();
    expect(list.canCreate).toBe(true);
    create.agencyCode = list.agencies[0].code;
    expect((await call('uyvien1.hanoi', 'GET', '/api/v1/cabinet/bodies')).json().canCreate).toBe(false);
    expect((await call('uyvien1.hanoi', 'POST', '/api/v1/cabinet/bodies', create)).json().error.code).toBe('BODY_CREATE_NOT_ALLOWED');
    expect((await call('lanhdao.badinh', 'POST', '/api/v1/cabinet/bodies', create)).statusCode).toBe(403);
    expect((await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/bodies', { ...create, code: 'Ban Chỉ đạo' })).statusCode).toBe(400);
    expect((await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/bodies', { ...create, agencyCode: '999.99.99.X99' })).json().error.code).toBe('AGENCY_UNKNOWN');
    const [{ n }] = await sys.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cabinet_bodies');
    expect(n).toBe(1);
  });

  it('creates it with its secretariat and its rule from today; a retry is 200; another body under the code is 409', async () => {
    const res = await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/bodies', create);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: create.code,
      name: create.name,
      canManage: true,
      rule: { validFrom: new Date(sys.clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10), deemedAgreement: false, tieBreak: 'chair' },
      members: [{ username: 'vanphong.hanoi', role: 'secretariat' }],
    });
    expect((await call('vanphong.hanoi', 'POST', '/api/v1/cabinet/bodies', create)).statusCode).toBe(200);
    expect(await audits('cabinet.body.create', `cabinet-body:${create.code}`)).toBe(1);
    expect((await call('admin', 'POST', '/api/v1/cabinet/bodies', { ...create, name: 'Ban khác' })).json().error.code).toBe('BODY_CODE_TAKEN');
    // its secretariat then adds the members on the body's page; an outsider does not see it
    expect((await call('vanphong.hanoi', 'PUT', `/api/v1/cabinet/bodies/${create.code}/members/chutich.hanoi`, { role: 'chair', title: 'Trưởng Ban' })).statusCode).toBe(200);
    expect((await call('lanhdao.badinh', 'GET', `/api/v1/cabinet/bodies/${create.code}`)).statusCode).toBe(404);
    const admin = await call('admin', 'POST', '/api/v1/cabinet/bodies', { ...create, code: 'hoi-dong-thi-dua', name: 'Hội đồng Thi đua – Khen thưởng Thành phố', secretariat: 'vanphong.hanoi' });
    expect(admin.statusCode).toBe(201);
    expect(admin.json().members).toEqual([expect.objectContaining({ username: 'vanphong.hanoi', role: 'secretariat' })]);
  });
});
