import type { AppContext } from '#platform/context.ts';
import { publicUrl } from '../../config.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit } from '#platform/audit.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { renderCabinetMinutes } from '#modules/documents/index.ts';
import { storeBytes } from '#modules/files/index.ts';
import { findUserById } from '#modules/identity/index.ts';
import { findAgency } from '#modules/places/index.ts';
import { signAgencyPdf } from '#modules/signatures/index.ts';
import { isSecretariat } from './bodies.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { meetingBallots, meetingForReader, meetingVotes, type Presence, presenceOf, touch, voteInWords } from './meetings.ts';

/** The attendance column for an invitee who never answered, from what the record proves (as the room says it). */
const PRESENCE_WORDS: Record<Presence, string> = {
  voted: 'Có mặt (đã biểu quyết)',
  spoke: 'Có mặt (đã phát biểu)',
  asked: 'Có mặt (đã đăng ký phát biểu)',
  no_show: 'Vắng mặt (không báo trước)',
};

type Ctx = Pick<AppContext, 'config' | 'clock' | 'filesDir'>;

/**
 * The secretariat issues the minutes (biên bản) of an ended meeting as an A4 PDF signed with the
 * body's agency certificate, like a conclusion: time and place, chair and secretary, each invited
 * member's attendance (as declared; for one who never answered, as the record proves: present if
 * they voted or spoke, absent otherwise), the agenda, every vote's figures, and the text written. From
 * then on the text is final (`MINUTES_SIGNED`). Issuing again returns the same document.
 */
export async function issueMinutes(ctx: Ctx, tx: Sql, actor: Actor, id: string): Promise<repo.MeetingRow> {
  const { meeting, body, invitations } = await meetingForReader(tx, actor, id, { lock: true });
  if (!isSecretariat(body, actor.id)) throw CabinetErrors.SECRETARIAT_ONLY();
  if (meeting.minutesFileId) return meeting;
  if (meeting.status !== 'ended' || !meeting.minutes?.trim()) throw CabinetErrors.MINUTES_NOT_READY();
  const byUser = new Map(body.members.map((m) => [m.userId, m]));
  const nameOf = async (userId: string) => byUser.get(userId)?.fullName ?? (await findUserById(tx, userId))?.fullName ?? userId;
  const allVotes = await meetingVotes(tx, id);
  const ballots = await meetingBallots(tx, allVotes);
  const speakers = await repo.listSpeakers(tx, id);
  const participants = [];
  for (const i of [...invitations].sort((a, b) => (byUser.get(a.userId)?.position ?? 999) - (byUser.get(b.userId)?.position ?? 999))) {
    const presence = presenceOf(i, meeting.status, ballots, speakers);
    const attendance = presence
      ? PRESENCE_WORDS[presence]
      : i.attendance === 'substitute'
        ? `Cử ${await nameOf(i.substituteUserId!)} dự thay`
        : i.attendance === 'absent'
          ? `Vắng mặt${i.note ? ` (${i.note})` : ''}`
          : 'Có mặt';
    participants.push({ name: await nameOf(i.userId), title: byUser.get(i.userId)?.title ?? '', attendance });
  }
  const agenda = (await repo.listAgenda(tx, id)).map((a) => (a.presenter ? `${a.title} (trình bày: ${a.presenter})` : a.title));
  const votes = allVotes.filter((v) => v.status === 'closed' && v.tally).map(voteInWords);
  const issuer = await findAgency(tx, body.agencyCode);
  const now = ctx.clock.now();
  const unsigned = await renderCabinetMinutes({
    agencyName: issuer?.name ?? body.name,
    placeName: body.name.replace(/^Ủy ban nhân dân\s+/i, '').replace(/^(Thành phố|Tỉnh)\s+/i, ''),
    issuedAt: toLocalIso(now),
    meetingTitle: meeting.title,
    startedAt: toLocalIso(meeting.startedAt ?? meeting.startsAt),
    endedAt: toLocalIso(meeting.endedAt ?? now),
    location: meeting.location,
    chair: body.members.find((m) => m.role === 'chair')?.fullName ?? '',
    secretary: (await findUserById(tx, actor.id))?.fullName ?? actor.fullName,
    participants,
    agenda,
    votes,
    text: meeting.minutes,
  });
  const signed = await signAgencyPdf(ctx, tx, {
    agency: { code: body.agencyCode, name: issuer?.name ?? body.name },
    pdf: unsigned,
    reason: 'Ky so bien ban phien hop',
    at: now,
    contactInfo: `${publicUrl(ctx.config)}/hop/phien-hop/${id}`,
  });
  const stored = await storeBytes(ctx, tx, { bytes: signed, mediaType: 'application/pdf', name: `bien-ban-${toLocalIso(meeting.startsAt).slice(0, 10)}.pdf`, uploadedBy: actor.id });
  await repo.setMinutesDocument(tx, id, { fileId: stored.fileId, sha256: stored.sha256, at: now, by: actor.id });
  await appendAudit(tx, { chain: `cabinet-meeting:${id}`, actorId: actor.id, action: 'cabinet.meeting.minutes.sign', subjectType: 'meeting', subjectId: id, data: { sha256: stored.sha256 }, at: now });
  await touch(tx, id);
  return (await repo.findMeeting(tx, id))!;
}
