import type { RoutesPlugin } from '#platform/context.ts';
import { requireActor } from '../../http/auth.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { binary, errors, pdf, signedInErrors } from '#platform/contract.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { streamLive } from '#platform/live.ts';
import * as c from './cabinet.contract.ts';
import * as repo from './cabinet.repository.ts';
import { conclusionForReader, conclusionOut, issueConclusion } from './conclusions.ts';
import { conclusionLines } from './dispatch-conclusion.ts';
import { createBody, managedBodies } from './create-body.ts';
import * as meetings from './meetings.ts';
import * as forms from './opinion-forms.ts';
import { readConfidentialDocument } from './read-document.ts';
import { listTasks, reportOnTask } from './tasks.ts';
import { editDraftForm } from './edit-draft-form.ts';
import { issueMinutes } from './issue-minutes.ts';
import { readBody } from './manage-body.ts';
import { removeMember } from './remove-member.ts';
import { setMember } from './set-member.ts';
import { setRule } from './set-rule.ts';
import { setSubstituteRoles } from './substitutes.ts';
import { getFile, readFileBytes } from '#modules/files/index.ts';
import { CabinetErrors } from './cabinet.errors.ts';

const tags = ['cabinet'];
/** Signed-in writes: 401/403/404, 409 state, 415 a body that is not JSON, 422 a reused Idempotency-Key. */
const writeErrors = errors(401, 403, 404, 409, 415, 422);

/** e-Cabinet (họp và xử lý công việc) — docs/modules/cabinet.md. Thin: schema → actor → transaction → use case. */
export const cabinetRoutes: RoutesPlugin = (app, ctx) => {
  const answerView = async (tx: Sql, a: repo.AnswerRow, member: string) => ({ form: a.formId, ...(await forms.presentAnswer(ctx, tx, a, member)) });
  const formView = async (tx: Sql, actor: Actor, id: string) => {
    const view = await forms.readOpinionForm(ctx, tx, actor, id);
    const conclusions = await conclusionLines(tx, await repo.conclusionsOf(tx, 'opinion_form', id), view.myRole === 'secretariat' || view.myRole === 'chair');
    return { ...view, conclusions };
  };

  app.get('/api/v1/cabinet/me', { schema: { tags, description: 'Tập thể của tôi / my bodies, forms to answer, meetings', response: { 200: c.MeOut, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      const bodies = [];
      for (const m of await repo.membershipsOf(tx, actor.id)) {
        const b = await repo.findBody(tx, m.bodyCode);
        if (b) bodies.push({ code: b.code, name: b.name, role: m.role, title: m.title });
      }
      const myForms = await forms.listMyForms(ctx, tx, actor);
      const myMeetings = await meetings.listMyMeetings(tx, actor);
      return {
        bodies,
        formsToAnswer: myForms.filter((f) => f.status === 'sent' && !f.answered && !f.overdue).length,
        upcomingMeetings: myMeetings.filter((m) => m.status !== 'ended').length,
      };
    });
  });

  // ------------------------------------------------------------ bodies: members and rule

  app.get('/api/v1/cabinet/bodies', { schema: { tags, description: 'Tập thể tôi quản lý (Văn phòng, quản trị) / bodies I manage', response: { 200: c.BodyList, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction((tx) => managedBodies(tx, actor));
  });

  app.post('/api/v1/cabinet/bodies', { schema: { tags, description: 'Tạo tập thể mới (quản trị, Văn phòng) / create a body', body: c.CreateBodyBody, response: { 200: c.BodyOut, 201: c.BodyOut, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => {
      const { created } = await createBody(ctx, tx, actor, req.body);
      return { created, body: await bodyView(tx, actor, req.body.code) };
    });
    return reply.status(out.created ? 201 : 200).send(out.body);
  });

  const bodyView = (tx: Sql, actor: Actor, code: string) => readBody(tx, actor, code, ctx.clock.now());

  app.get('/api/v1/cabinet/bodies/:id', { schema: { tags, description: 'Tập thể, thành viên và quy tắc biểu quyết / a body, its members and rule', params: c.IdParams, response: { 200: c.BodyOut, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction((tx) => bodyView(tx, actor, req.params.id));
  });

  app.put('/api/v1/cabinet/bodies/:id/members/:username', { schema: { tags, description: 'Thêm thành viên hoặc đổi vai trò, chức danh, người dự họp thay (Văn phòng) / add or change a member', params: c.MemberParams, body: c.SetMemberBody, response: { 200: c.BodyOut, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      await setMember(ctx, tx, actor, req.params.id, req.params.username, req.body);
      return bodyView(tx, actor, req.params.id);
    });
  });

  app.delete('/api/v1/cabinet/bodies/:id/members/:username', { schema: { tags, description: 'Bỏ thành viên khỏi tập thể (Văn phòng) / remove a member', params: c.MemberParams, response: { 200: c.BodyOut, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      await removeMember(ctx, tx, actor, req.params.id, req.params.username);
      return bodyView(tx, actor, req.params.id);
    });
  });

  app.put('/api/v1/cabinet/bodies/:id/rules/:validFrom', { schema: { tags, description: 'Quy tắc biểu quyết áp dụng từ một ngày (Văn phòng) / the decision rule from a date', params: c.RuleParams, body: c.RuleBody, response: { 200: c.BodyOut, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      await setRule(ctx, tx, actor, req.params.id, req.params.validFrom, req.body);
      return bodyView(tx, actor, req.params.id);
    });
  });

  app.put('/api/v1/cabinet/bodies/:id/substitute-roles', { schema: { tags, description: 'Ai được cử dự họp thay: vai trò cho phép (Văn phòng) / who may attend instead of a member', params: c.IdParams, body: c.SubstituteRolesBody, response: { 200: c.BodyOut, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      await setSubstituteRoles(tx, actor, req.params.id, req.body.roles, ctx.clock.now());
      return bodyView(tx, actor, req.params.id);
    });
  });

  // ------------------------------------------------------------ opinion forms

  app.post('/api/v1/cabinet/opinion-forms', { schema: { tags, description: 'Văn phòng soạn phiếu lấy ý kiến / the secretariat drafts an opinion form', body: c.CreateFormBody, response: { 201: c.CreatedForm, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const form = await ctx.db.transaction((tx) => forms.createOpinionForm(ctx, tx, actor, req.body));
    return reply.status(201).send({ id: form.id, deadlineAt: toLocalIso(form.deadlineAt), status: form.status });
  });

  app.get('/api/v1/cabinet/opinion-forms', { schema: { tags, description: 'Phiếu của tôi / my forms (to answer; all of my bodies for secretariat and chair)', response: { 200: c.FormList, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return { items: await ctx.db.transaction((tx) => forms.listMyForms(ctx, tx, actor)) };
  });

  app.get('/api/v1/cabinet/opinion-forms/:id', { schema: { tags, description: 'Phiếu lấy ý kiến: kiểm phiếu, kết quả, ý kiến đã ký số / a form with tally, outcome and signed answers', params: c.IdParams, response: { 200: c.FormOut, ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.header('cache-control', 'no-store');
    return ctx.db.transaction((tx) => formView(tx, actor, req.params.id));
  });

  app.patch('/api/v1/cabinet/opinion-forms/:id', { schema: { tags, description: 'Văn phòng sửa dự thảo phiếu trước khi được duyệt / the secretariat edits a draft', params: c.IdParams, body: c.EditFormBody, response: { 200: c.FormOut, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      await editDraftForm(ctx, tx, actor, req.params.id, req.body);
      return formView(tx, actor, req.params.id);
    });
  });

  app.post('/api/v1/cabinet/opinion-forms/:id/actions', { schema: { tags, description: 'approve (chủ trì) | send (Văn phòng) | close', params: c.IdParams, body: c.FormActionBody, response: { 200: c.FormOut, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      await forms.actOnOpinionForm(ctx, tx, actor, req.params.id, req.body.action);
      return formView(tx, actor, req.params.id);
    });
  });

  app.post('/api/v1/cabinet/opinion-forms/:id/answers', { schema: { tags, description: 'Thành viên cho ý kiến (ký số; sửa được đến hạn) / a member answers, signed', params: c.IdParams, body: c.AnswerBody, response: { 200: c.AnswerOut, 201: c.AnswerOut, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => {
      const r = await forms.answerOpinionForm(ctx, tx, actor, req.params.id, req.body);
      return { changed: r.changed, view: await answerView(tx, r.answer, actor.username) };
    });
    return reply.status(out.changed ? 201 : 200).send(out.view);
  });

  app.get('/api/v1/cabinet/opinion-forms/:id/documents/:fileId', { schema: { tags, description: 'Tài liệu mật của phiếu, có tên người đọc / a form document with the reader’s watermark', params: c.DocumentParams, response: { 200: pdf('PDF, inline, Cache-Control: no-store'), ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const doc = await ctx.db.transaction(async (tx) => {
      const { form } = await forms.formForReader(tx, actor, req.params.id);
      return readConfidentialDocument(ctx, tx, { actor, fileId: req.params.fileId, listed: form.documents, chain: `cabinet-form:${form.id}`, subjectType: 'opinion_form', subjectId: form.id });
    });
    return sendConfidential(reply, doc);
  });

  // ------------------------------------------------------------ meetings

  app.post('/api/v1/cabinet/meetings', { schema: { tags, description: 'Văn phòng lên lịch họp, chương trình, tài liệu, giấy mời / schedule a meeting', body: c.ScheduleMeetingBody, response: { 201: c.CreatedMeeting, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const m = await ctx.db.transaction((tx) => meetings.scheduleMeeting(ctx, tx, actor, req.body));
    return reply.status(201).send({ id: m.id, status: m.status });
  });

  app.get('/api/v1/cabinet/meetings', { schema: { tags, description: 'Phiên họp của tôi / my meetings', response: { 200: c.MeetingList, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return { items: await ctx.db.transaction((tx) => meetings.listMyMeetings(tx, actor)) };
  });

  const room = (tx: Sql, actor: Actor, id: string) => meetings.readRoom(ctx, tx, actor, id);

  app.get('/api/v1/cabinet/meetings/:id', { schema: { tags, description: 'Phòng họp: nội dung đang thảo luận, đăng ký phát biểu, biểu quyết / the meeting room state', params: c.IdParams, response: { 200: c.RoomOut, ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.header('cache-control', 'no-store');
    return ctx.db.transaction((tx) => room(tx, actor, req.params.id));
  });

  app.get('/api/v1/cabinet/meetings/:id/live', { schema: { tags, description: 'Luồng trực tiếp (SSE): sự kiện "version" mỗi khi phòng họp thay đổi / server-sent events', params: c.IdParams, response: { 200: binary('text/event-stream', 'sự kiện trực tiếp / server-sent events'), ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    await ctx.db.transaction((tx) => meetings.meetingForReader(tx, actor, req.params.id));
    return streamLive(req, reply, [meetings.liveTopic(req.params.id)]);
  });

  const roomAfter = (work: (tx: Sql, actor: Actor) => Promise<unknown>) => async (req: { params: { id: string } } & Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      await work(tx, actor);
      return room(tx, actor, req.params.id);
    });
  };

  app.post('/api/v1/cabinet/meetings/:id/attendance', { schema: { tags, description: 'Xác nhận dự họp, báo vắng, cử người dự thay / attendance', params: c.IdParams, body: c.AttendanceBody, response: { 200: c.RoomOut, ...writeErrors } } }, async (req) =>
    roomAfter((tx, actor) => meetings.respondToInvitation(ctx, tx, actor, req.params.id, req.body))(req),
  );

  app.post('/api/v1/cabinet/meetings/:id/actions', { schema: { tags, description: 'start | end | set_item (chủ trì hoặc Văn phòng)', params: c.IdParams, body: c.MeetingActionBody, response: { 200: c.RoomOut, ...writeErrors } } }, async (req) =>
    roomAfter((tx, actor) => meetings.actOnMeeting(ctx, tx, actor, req.params.id, req.body))(req),
  );

  app.post('/api/v1/cabinet/meetings/:id/speakers', { schema: { tags, description: 'Đăng ký / rút đăng ký phát biểu / request to speak or withdraw', params: c.IdParams, body: c.SpeakerRequestBody, response: { 200: c.SpeakerOut, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return { speakerId: await ctx.db.transaction((tx) => meetings.speakerRequest(ctx, tx, actor, req.params.id, req.body.action)) };
  });

  app.post('/api/v1/cabinet/meetings/:id/speakers/:speakerId/actions', { schema: { tags, description: 'Chủ trì cho phát biểu / kết thúc / the chair gives the floor or ends it', params: c.SpeakerParams, body: c.SpeakerActionBody, response: { 200: c.RoomOut, ...writeErrors } } }, async (req) =>
    roomAfter((tx, actor) => meetings.speakerAction(ctx, tx, actor, req.params.id, req.params.speakerId, req.body.action))(req),
  );

  app.put('/api/v1/cabinet/meetings/:id/minutes', { schema: { tags, description: 'Biên bản họp (Văn phòng) / the minutes', params: c.IdParams, body: c.MinutesBody, response: { 200: c.RoomOut, ...writeErrors } } }, async (req) =>
    roomAfter((tx, actor) => meetings.saveMinutes(ctx, tx, actor, req.params.id, req.body.text))(req),
  );

  app.post('/api/v1/cabinet/meetings/:id/minutes/document', { schema: { tags, description: 'Ký số và phát hành biên bản (Văn phòng; sau khi bế mạc) / sign and issue the minutes as a PDF', params: c.IdParams, response: { 200: c.RoomOut, ...writeErrors } } }, async (req) =>
    roomAfter((tx, actor) => issueMinutes(ctx, tx, actor, req.params.id))(req),
  );

  app.get('/api/v1/cabinet/meetings/:id/minutes/document', { schema: { tags, description: 'Biên bản họp đã ký số / the signed minutes (PDF)', params: c.IdParams, response: { 200: pdf('PDF, inline, Cache-Control: no-store'), ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => {
      const { meeting } = await meetings.meetingForReader(tx, actor, req.params.id);
      const file = meeting.minutesFileId ? await getFile(tx, meeting.minutesFileId) : null;
      if (!file) throw CabinetErrors.DOCUMENT_NOT_FOUND();
      await appendAudit(tx, { chain: `cabinet-meeting:${meeting.id}`, actorId: actor.id, action: 'cabinet.minutes.read', subjectType: 'meeting', subjectId: meeting.id, at: ctx.clock.now() });
      return { bytes: await readFileBytes(ctx, file.sha256), name: file.originalName };
    });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${out.name}"`).header('cache-control', 'no-store').send(out.bytes as unknown as string);
  });

  app.post('/api/v1/cabinet/meetings/:id/items/:itemId/votes', { schema: { tags, description: 'Mở biểu quyết về một nội dung / open a vote on an agenda item', params: c.ItemParams, body: c.OpenVoteBody, response: { 201: c.OpenedVote, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const voteId = await ctx.db.transaction((tx) => meetings.openVote(ctx, tx, actor, req.params.id, req.params.itemId, req.body.question));
    return reply.status(201).send({ voteId });
  });

  app.get('/api/v1/cabinet/meetings/:id/documents/:fileId', { schema: { tags, description: 'Tài liệu họp, có tên người đọc / a meeting document with the reader’s watermark', params: c.DocumentParams, response: { 200: pdf('PDF, inline, Cache-Control: no-store'), ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const doc = await ctx.db.transaction(async (tx) => {
      const { meeting } = await meetings.meetingForReader(tx, actor, req.params.id);
      return readConfidentialDocument(ctx, tx, { actor, fileId: req.params.fileId, listed: await meetings.meetingDocuments(tx, meeting.id), chain: `cabinet-meeting:${meeting.id}`, subjectType: 'meeting', subjectId: meeting.id });
    });
    return sendConfidential(reply, doc);
  });

  app.get('/api/v1/cabinet/votes/:id', { schema: { tags, description: 'Kết quả biểu quyết; phiếu ký số cho Văn phòng và chủ trì / a vote, its tally and signed ballots', params: c.IdParams, response: { 200: c.VoteOut, ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.header('cache-control', 'no-store');
    return ctx.db.transaction((tx) => meetings.readVote(ctx, tx, actor, req.params.id));
  });

  app.post('/api/v1/cabinet/votes/:id/ballots', { schema: { tags, description: 'Bỏ phiếu (ký số) / cast a signed ballot', params: c.IdParams, body: c.BallotBody, response: { 201: c.BallotOut, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => {
      const b = await meetings.castBallot(ctx, tx, actor, req.params.id, req.body.choice);
      const vote = await meetings.readVote(ctx, tx, actor, req.params.id);
      const signed = JSON.parse(b.signedText) as { member: string; castBy: string };
      return { vote: b.voteId, member: signed.member, castBy: signed.castBy, choice: b.choice, at: toLocalIso(b.at), signedText: b.signedText, signature: b.signature, signatureValid: vote.myBallot !== null };
    });
    return reply.status(201).send(out);
  });

  app.post('/api/v1/cabinet/votes/:id/actions', { schema: { tags, description: 'Kết thúc biểu quyết, áp dụng quy tắc / close the vote', params: c.IdParams, body: c.VoteActionBody, response: { 200: c.VoteOut, ...writeErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      await meetings.closeVote(ctx, tx, actor, req.params.id);
      return meetings.readVote(ctx, tx, actor, req.params.id);
    });
  });

  // ------------------------------------------------------------ conclusions and tasks

  app.post('/api/v1/cabinet/conclusions', { schema: { tags, description: 'Ban hành kết luận / nghị quyết (PDF ký số) và giao nhiệm vụ / issue a conclusion and assign tasks', body: c.IssueConclusionBody, response: { 201: c.ConclusionOut, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => conclusionOut(tx, await issueConclusion(ctx, tx, actor, req.body), true));
    ctx.exchange?.poke();
    return reply.status(201).send(out);
  });

  app.get('/api/v1/cabinet/conclusions/:id', { schema: { tags, description: 'Kết luận / a conclusion', params: c.IdParams, response: { 200: c.ConclusionOut, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction(async (tx) => {
      const c = await conclusionForReader(tx, actor, req.params.id);
      return conclusionOut(tx, c, c.staff);
    });
  });

  app.get('/api/v1/cabinet/conclusions/:id/document', { schema: { tags, description: 'Văn bản kết luận đã ký số / the signed PDF', params: c.IdParams, response: { 200: pdf('PDF, inline, Cache-Control: no-store'), ...signedInErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await ctx.db.transaction(async (tx) => {
      const conclusion = await conclusionForReader(tx, actor, req.params.id);
      const file = await getFile(tx, conclusion.fileId);
      if (!file) throw CabinetErrors.DOCUMENT_NOT_FOUND();
      await appendAudit(tx, { chain: `cabinet-${conclusion.sourceType === 'opinion_form' ? 'form' : 'meeting'}:${conclusion.sourceId}`, actorId: actor.id, action: 'cabinet.conclusion.read', subjectType: 'conclusion', subjectId: conclusion.id, at: ctx.clock.now() });
      return { bytes: await readFileBytes(ctx, file.sha256), name: file.originalName };
    });
    // the signed original (a watermark would break the signature)
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${out.name}"`).header('cache-control', 'no-store').send(out.bytes as unknown as string);
  });

  app.get('/api/v1/cabinet/tasks', { schema: { tags, description: 'Bảng theo dõi nhiệm vụ / the follow-up board', querystring: c.TaskQuery, response: { 200: c.TaskList, ...signedInErrors } } }, async (req) => {
    const actor = requireActor(req);
    return ctx.db.transaction((tx) => listTasks(ctx, tx, actor, { conclusionId: req.query.conclusion }));
  });

  app.post('/api/v1/cabinet/tasks/:id/reports', { schema: { tags, description: 'Báo cáo tiến độ nhiệm vụ (cơ quan được giao) / a status report', params: c.IdParams, body: c.TaskReportBody, response: { 201: c.TaskOut, ...writeErrors } } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(await ctx.db.transaction((tx) => reportOnTask(ctx, tx, actor, req.params.id, req.body)));
  });
};

function sendConfidential(reply: import('fastify').FastifyReply, doc: { pdf: Buffer; name: string }) {
  const ascii = doc.name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/"/g, '');
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${ascii || 'tai-lieu.pdf'}"; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(doc.pdf);
}
