import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import { publicUrl } from '../../config.ts';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { CONCLUSION_TITLES, renderCabinetConclusion } from '#modules/documents/index.ts';
import { storeBytes } from '#modules/files/index.ts';
import { listUsersWithRole } from '#modules/identity/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { signAgencyPdf } from '#modules/signatures/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { isSecretariat, type LoadedBody } from './bodies.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { meetingForReader, meetingVotes, voteInWords } from './meetings.ts';
import { formForReader } from './opinion-forms.ts';
import { dispatchConclusion, dispatchView } from './dispatch-conclusion.ts';

type Ctx = Pick<AppContext, 'config' | 'clock' | 'filesDir'>;

export interface IssueConclusionInput {
  source: { type: 'opinion_form' | 'meeting'; id: string };
  kind: 'conclusion' | 'resolution';
  title: string;
  text: string;
  tasks: { title: string; assigneeAgencyCode: string; dueDate: string }[];
  /** Other agencies the document goes to (nơi nhận), besides the tasks' assignees. */
  recipients?: string[];
}

const CHOICE_WORDS = { adopted: 'được thông qua', rejected: 'không được thông qua' };

/** The source's figures in words, printed on the document: how the matter was decided. */
async function decidedBy(tx: Sql, actor: Actor, source: IssueConclusionInput['source']): Promise<{ body: LoadedBody; lines: string[]; subject: string }> {
  if (source.type === 'opinion_form') {
    const { form, body } = await formForReader(tx, actor, source.id);
    if (form.status !== 'closed' || !form.tally) throw CabinetErrors.SOURCE_NOT_FINISHED();
    const t = form.tally;
    return {
      body,
      subject: form.subject,
      lines: [
        `Căn cứ kết quả lấy ý kiến thành viên bằng phiếu về: ${form.subject} (hạn trả lời ${toLocalIso(form.deadlineAt).slice(0, 10).split('-').reverse().join('/')}).`,
        `Tổng số thành viên: ${t.members}; tán thành: ${t.agree}; không tán thành: ${t.disagree}; ý kiến khác: ${t.other}; không trả lời được coi là đồng ý: ${t.deemedAgree}; không trả lời: ${t.noAnswer}. Vấn đề ${CHOICE_WORDS[form.outcome!]}.`,
      ],
    };
  }
  const { meeting, body } = await meetingForReader(tx, actor, source.id);
  if (meeting.status !== 'ended') throw CabinetErrors.SOURCE_NOT_FINISHED();
  const votes = await meetingVotes(tx, meeting.id);
  return {
    body,
    subject: meeting.title,
    lines: [
      `Căn cứ phiên họp ${meeting.title} ngày ${toLocalIso(meeting.startsAt).slice(0, 10).split('-').reverse().join('/')} tại ${meeting.location}.`,
      ...votes
        .filter((v) => v.status === 'closed' && v.tally)
        .map(voteInWords),
    ],
  };
}

/**
 * The secretariat issues the conclusion (or resolution) of a closed form or an ended meeting: a
 * numbered A4 PDF signed with the body's agency certificate, stored, and its tasks assigned to
 * agencies (each agency's leaders are notified). One conclusion of each kind per source.
 */
export async function issueConclusion(ctx: Ctx, tx: Sql, actor: Actor, input: IssueConclusionInput) {
  const { body, lines } = await decidedBy(tx, actor, input.source);
  if (!isSecretariat(body, actor.id)) throw CabinetErrors.SECRETARIAT_ONLY();
  const existing = (await repo.conclusionsOf(tx, input.source.type, input.source.id)).find((c) => c.kind === input.kind);
  if (existing) throw CabinetErrors.CONCLUSION_EXISTS({ conclusionId: existing.id }, { kind: CONCLUSION_TITLES[input.kind].toLowerCase(), number: existing.number });
  const agencies = new Map<string, string>();
  for (const t of input.tasks) {
    const agency = await findAgency(tx, t.assigneeAgencyCode);
    if (!agency) throw CabinetErrors.AGENCY_UNKNOWN({}, { code: t.assigneeAgencyCode });
    agencies.set(agency.code, agency.name);
  }
  const issuer = await findAgency(tx, body.agencyCode);
  const now = ctx.clock.now();
  const year = Number(localDate(now).slice(0, 4));
  const seq = await repo.nextConclusionSeq(tx, body.code, year);
  const number = `${String(seq).padStart(3, '0')}/${input.kind === 'conclusion' ? 'TB' : 'NQ'}-${body.agencyCode}`;
  const chair = body.members.find((m) => m.role === 'chair');
  const unsigned = await renderCabinetConclusion({
    kind: input.kind,
    number,
    agencyName: issuer?.name ?? body.name,
    placeName: body.name.replace(/^Ủy ban nhân dân\s+/i, '').replace(/^(Thành phố|Tỉnh)\s+/i, ''),
    issuedAt: toLocalIso(now),
    title: input.title.normalize('NFC'),
    decidedBy: lines,
    text: input.text.normalize('NFC'),
    tasks: input.tasks.map((t) => ({ title: t.title, assignee: agencies.get(t.assigneeAgencyCode)!, dueDate: t.dueDate })),
    signer: { heading: `TM. ${body.name.toUpperCase().replace(/^ỦY BAN NHÂN DÂN.*/, 'ỦY BAN NHÂN DÂN')}\nCHỦ TỊCH`, name: chair?.fullName ?? '' },
  });
  const id = randomUUID();
  const signed = await signAgencyPdf(ctx, tx, {
    agency: { code: body.agencyCode, name: issuer?.name ?? body.name },
    pdf: unsigned,
    reason: `Ky so ${input.kind === 'conclusion' ? 'thong bao ket luan' : 'nghi quyet'} so ${number}`,
    at: now,
    contactInfo: `${publicUrl(ctx.config)}/hop/ket-luan/${id}`,
  });
  const stored = await storeBytes(ctx, tx, { bytes: signed, mediaType: 'application/pdf', name: `${input.kind === 'conclusion' ? 'ket-luan' : 'nghi-quyet'}-${seq}-${year}.pdf`, uploadedBy: actor.id });
  const title = input.title.normalize('NFC');
  const text = input.text.normalize('NFC');
  const dispatch = await dispatchConclusion(
    ctx,
    tx,
    actor,
    body,
    { number, kind: input.kind, title, text, fileId: stored.fileId, seq },
    [...input.tasks.map((t) => t.assigneeAgencyCode), ...(input.recipients ?? [])],
    { fullName: chair?.fullName ?? actor.fullName, position: chair?.title ?? 'Chủ tịch' },
  );
  const row: repo.ConclusionRow = {
    id,
    bodyCode: body.code,
    number,
    year,
    seq,
    kind: input.kind,
    sourceType: input.source.type,
    sourceId: input.source.id,
    title,
    text,
    fileId: stored.fileId,
    sha256: stored.sha256,
    issuedBy: actor.id,
    issuedAt: now,
    exchangeDocumentId: dispatch.documentId,
    unreached: dispatch.unreached,
  };
  await repo.insertConclusion(tx, row);
  for (const t of input.tasks) {
    const taskId = randomUUID();
    await repo.insertTask(tx, { id: taskId, bodyCode: body.code, conclusionId: id, title: t.title.normalize('NFC'), assigneeAgencyCode: t.assigneeAgencyCode, dueDate: t.dueDate, createdAt: now });
    const leaders = await listUsersWithRole(tx, t.assigneeAgencyCode, 'leader');
    if (leaders.length > 0) {
      await noticeEvents.emit(tx, 'notice.users', {
        key: taskId,
        at: now,
        payload: { userIds: leaders.map((l) => l.id), title: 'Nhiệm vụ được giao', body: `${body.name} giao: ${t.title} — hạn ${t.dueDate.split('-').reverse().join('/')} (${number}).`, link: `/hop/nhiem-vu` },
      });
    }
  }
  await audit(tx, { actor, now }, 'cabinet.conclusion.issue', {
    chain: `cabinet-${input.source.type === 'opinion_form' ? 'form' : 'meeting'}:${input.source.id}`,
    subject: ['conclusion', id],
    data: { number, kind: input.kind, sha256: stored.sha256, tasks: input.tasks.length, exchangeDocumentId: dispatch.documentId, unreached: dispatch.unreached },
  });
  return row;
}

/** A conclusion for a reader of its source (same 404 rule as the form or the meeting). */
export async function conclusionForReader(tx: Sql, actor: Actor, id: string) {
  const c = await repo.findConclusion(tx, id);
  if (!c) throw CabinetErrors.CONCLUSION_NOT_FOUND();
  let body: LoadedBody;
  try {
    if (c.sourceType === 'opinion_form') body = (await formForReader(tx, actor, c.sourceId)).body;
    else body = (await meetingForReader(tx, actor, c.sourceId)).body;
  } catch {
    throw CabinetErrors.CONCLUSION_NOT_FOUND();
  }
  return Object.assign(c, { staff: isStaff(body, actor.id) });
}

/** The secretariat and the chair see where the document stands at each recipient agency. */
const isStaff = (body: LoadedBody, userId: string) => isSecretariat(body, userId) || body.members.some((m) => m.userId === userId && m.role === 'chair');

/** The conclusion, with its dispatch over the axis for the secretariat and the chair. */
export async function conclusionOut(tx: Sql, c: repo.ConclusionRow, staff: boolean) {
  return { ...presentConclusion(c), dispatch: staff ? await dispatchView(tx, c) : null };
}

export const presentConclusion = (c: repo.ConclusionRow) => ({
  id: c.id,
  number: c.number,
  kind: c.kind,
  title: c.title,
  text: c.text,
  source: { type: c.sourceType, id: c.sourceId },
  fileId: c.fileId,
  sha256: c.sha256,
  issuedAt: toLocalIso(c.issuedAt),
});
