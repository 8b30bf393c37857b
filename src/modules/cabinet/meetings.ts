import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { appendAudit, audit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { publishLive } from '#platform/live.ts';
import { getFile } from '#modules/files/index.ts';
import { findUserById, findUserByUsername } from '#modules/identity/index.ts';
import { signAsPerson, verifyPersonSignature } from '#modules/signatures/index.ts';
import { noticeEvents } from '#modules/notifications/index.ts';
import { bodyForSecretariat, freezeVoters, isChair, isSecretariat, type LoadedBody, loadBody, memberBrief, ruleOf, votersFrom, votingMembers } from './bodies.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { conclusionLines } from './dispatch-conclusion.ts';
import { decide, type Stance } from './decision-rule.ts';
import { checkDocuments, formatLocal } from './opinion-forms.ts';
import { checkSubstitute, substituteCandidates } from './substitutes.ts';

type Ctx = Pick<AppContext, 'config' | 'clock'>;
const chain = (id: string) => `cabinet-meeting:${id}`;
export const liveTopic = (id: string) => `cabinet-meeting:${id}`;

export interface ScheduleMeetingInput {
  body?: string;
  title: string;
  startsAt: string;
  location: string;
  agenda: { title: string; presenter?: string; documents: string[] }[];
  invitees?: string[];
}

/** The secretariat schedules a meeting with its agenda and documents; invitations go to the voting members (or those named). */
export async function scheduleMeeting(ctx: Ctx, tx: Sql, actor: Actor, input: ScheduleMeetingInput): Promise<repo.MeetingRow> {
  const body = await bodyForSecretariat(tx, actor, input.body);
  for (const item of input.agenda) await checkDocuments(tx, actor, item.documents);
  const voting = votingMembers(body);
  const invitees = input.invitees?.length
    ? input.invitees.map((username) => {
        const m = body.members.find((v) => v.username === username && v.role !== 'secretariat');
        if (!m) throw CabinetErrors.RECIPIENT_NOT_MEMBER({}, { username });
        return m.userId;
      })
    : voting.map((m) => m.userId);
  const now = ctx.clock.now();
  const id = randomUUID();
  await repo.insertMeeting(tx, { id, bodyCode: body.code, title: input.title.normalize('NFC'), startsAt: new Date(input.startsAt), location: input.location.normalize('NFC'), createdBy: actor.id, createdAt: now });
  let position = 0;
  for (const item of input.agenda) {
    await repo.insertAgendaItem(tx, { id: randomUUID(), meetingId: id, position: ++position, title: item.title.normalize('NFC'), presenter: item.presenter?.normalize('NFC') ?? null, documents: [...new Set(item.documents)] });
  }
  await repo.insertInvitations(tx, id, [...new Set(invitees)]);
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: 'cabinet.meeting.schedule', subjectType: 'meeting', subjectId: id, data: { body: body.code, title: input.title, startsAt: input.startsAt, items: input.agenda.length }, at: now });
  await noticeEvents.emit(tx, 'notice.users', {
    key: id,
    at: now,
    payload: { userIds: invitees, title: 'Giấy mời họp', body: `${body.name}: ${input.title} — ${formatLocal(new Date(input.startsAt))}, ${input.location}.`, link: `/hop/phien-hop/${id}` },
  });
  return (await repo.findMeeting(tx, id))!;
}

/**
 * A meeting for a reader: the body's secretariat and chair, the invited members and the
 * substitutes they named. Anyone else — a member of another body included — gets 404.
 */
export async function meetingForReader(tx: Sql, actor: Actor, id: string, options: { lock?: boolean } = {}) {
  const meeting = await repo.findMeeting(tx, id, options);
  if (!meeting) throw CabinetErrors.MEETING_NOT_FOUND();
  const body = await loadBody(tx, meeting.bodyCode);
  const invitations = await repo.listInvitations(tx, id);
  const staff = isSecretariat(body, actor.id) || isChair(body, actor.id);
  const invited = invitations.find((i) => i.userId === actor.id);
  const substituteFor = invitations.filter((i) => i.attendance === 'substitute' && i.substituteUserId === actor.id);
  if (!staff && !invited && substituteFor.length === 0) throw CabinetErrors.MEETING_NOT_FOUND();
  return { meeting, body, invitations, staff, invited, substituteFor };
}

/** Applies a change to the meeting and tells the live room (clients read it again). */
export const touch = async (tx: Sql, id: string, change: Parameters<typeof repo.updateMeeting>[2] = {}) => {
  const version = await repo.updateMeeting(tx, id, change);
  await publishLive(tx, liveTopic(id), { version });
  return version;
};

/**
 * An invited member confirms attendance, declines, or names a substitute (until the meeting ends).
 * Declining passes the invitation to the member's standing substitute in the body (if any, and
 * unless `withoutSubstitute`): the substitute is invited (in-app notice and e-mail, once) and
 * attends for the member; the room says so.
 */
export async function respondToInvitation(
  ctx: Ctx,
  tx: Sql,
  actor: Actor,
  id: string,
  input: { attendance: 'attend' | 'absent' | 'substitute'; substitute?: string; note?: string; withoutSubstitute?: boolean },
) {
  const { meeting, body, invited } = await meetingForReader(tx, actor, id, { lock: true });
  if (!invited) throw CabinetErrors.MEMBERS_ONLY();
  if (meeting.status === 'ended') throw CabinetErrors.MEETING_ACTION_NOT_ALLOWED({}, { status: meeting.status, action: 'attendance' });
  if (input.attendance !== 'attend' && tookPart(actor.id, await meetingBallots(tx, await repo.listVotes(tx, id)), await repo.listSpeakers(tx, id))) throw CabinetErrors.ATTENDANCE_PROVEN();
  let attendance = input.attendance;
  let substituteUserId: string | null = null;
  let standing = false;
  if (input.attendance === 'substitute') {
    const user = input.substitute ? await findUserByUsername(tx, input.substitute) : null;
    if (!user || user.id === actor.id || user.active === false) throw CabinetErrors.SUBSTITUTE_INVALID();
    await checkSubstitute(tx, body, actor, user.id);
    substituteUserId = user.id;
    standing = body.members.find((m) => m.userId === actor.id)?.substituteUserId === user.id;
  } else if (input.attendance === 'absent' && !input.withoutSubstitute) {
    const standingId = body.members.find((m) => m.userId === actor.id)?.substituteUserId ?? null;
    const known = standingId ? await findUserById(tx, standingId) : null;
    const user = known ? await findUserByUsername(tx, known.username) : null; // with its active flag
    if (user && user.active !== false) {
      attendance = 'substitute';
      substituteUserId = user.id;
      standing = true;
    }
  }
  const now = ctx.clock.now();
  const note = input.note?.normalize('NFC') ?? null;
  if (invited.attendance === attendance && invited.substituteUserId === substituteUserId && invited.note === note && (invited.substituteStanding ?? false) === standing) return; // a retry
  await repo.respondInvitation(tx, { meetingId: id, userId: actor.id, attendance, substituteUserId, note, respondedAt: now, substituteStanding: standing });
  await audit(tx, { actor, now }, 'cabinet.meeting.attendance', {
    chain: chain(id),
    subject: ['meeting', id],
    data: { attendance: input.attendance, substitute: input.substitute ?? null, ...(standing ? { standingSubstitute: substituteUserId } : {}) },
  });
  if (substituteUserId && substituteUserId !== invited.substituteUserId) {
    await noticeEvents.emit(tx, 'notice.users', {
      key: `${id}:substitute:${actor.id}:${substituteUserId}`,
      at: now,
      payload: {
        userIds: [substituteUserId],
        title: 'Giấy mời họp (dự thay)',
        body: `${body.name}: ${meeting.title} — ${formatLocal(meeting.startsAt)}, ${meeting.location}. Dự họp thay ${actor.fullName}.`,
        link: `/hop/phien-hop/${id}`,
        email: true,
      },
    });
  }
  await touch(tx, id);
}

export type MeetingAction = 'start' | 'end' | 'set_item';

/** The chair (or the secretariat at the console) starts and ends the meeting and moves through the agenda. */
export async function actOnMeeting(ctx: Ctx, tx: Sql, actor: Actor, id: string, input: { action: MeetingAction; itemId?: string }) {
  const { meeting, staff } = await meetingForReader(tx, actor, id, { lock: true });
  if (!staff) throw CabinetErrors.CHAIR_ONLY();
  const now = ctx.clock.now();
  const refuse = () => CabinetErrors.MEETING_ACTION_NOT_ALLOWED({}, { status: meeting.status, action: input.action });
  const agenda = await repo.listAgenda(tx, id);
  let closedTurns: string[] = [];
  if (input.action === 'start') {
    if (meeting.status === 'in_progress') return;
    if (meeting.status !== 'scheduled') throw refuse();
    await touch(tx, id, { status: 'in_progress', startedAt: now, currentItemId: agenda[0]?.id ?? null });
  } else if (input.action === 'end') {
    if (meeting.status === 'ended') return;
    if (meeting.status !== 'in_progress') throw refuse();
    if ((await repo.listVotes(tx, id)).some((v) => v.status === 'open')) throw CabinetErrors.VOTE_ALREADY_OPEN();
    closedTurns = await closeTurns(tx, id, now, ['speaking', 'waiting']);
    await touch(tx, id, { status: 'ended', endedAt: now, currentItemId: null });
  } else {
    if (meeting.status !== 'in_progress') throw refuse();
    if (!agenda.some((a) => a.id === input.itemId)) throw CabinetErrors.ITEM_NOT_FOUND();
    if (meeting.currentItemId === input.itemId) return;
    closedTurns = await closeTurns(tx, id, now, ['speaking']);
    await touch(tx, id, { currentItemId: input.itemId });
  }
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: `cabinet.meeting.${input.action}`, subjectType: 'meeting', subjectId: id, data: { itemId: input.itemId ?? null, ...(closedTurns.length > 0 ? { closedSpeakers: closedTurns } : {}) }, at: now });
}

/**
 * Closes the speaking turns in the given states at `now`: the one speaking is done (the turn ends
 * with its end time), a request still waiting is taken off the list unheard (withdrawn). Moving
 * to another agenda item ends the speaking turn; closing the meeting ends the whole list.
 */
async function closeTurns(tx: Sql, id: string, now: Date, states: ('speaking' | 'waiting')[]): Promise<string[]> {
  const open = (await repo.listSpeakers(tx, id)).filter((s) => (states as string[]).includes(s.state));
  for (const s of open) await repo.setSpeakerState(tx, s.id, s.state === 'speaking' ? 'done' : 'withdrawn', now);
  return open.map((s) => s.id);
}

/** Whether a member voted in person or took the floor in this meeting: the record proves presence. */
function tookPart(userId: string, ballots: repo.BallotRow[], speakers: repo.SpeakerRow[]): boolean {
  return ballots.some((b) => b.castBy === userId) || speakers.some((s) => s.userId === userId && s.startedAt !== null);
}

/** Who takes part in person: members not absent and not represented, plus the substitutes they named. */
function attending(invitations: repo.InvitationRow[], userId: string): boolean {
  return invitations.some((i) => (i.userId === userId && (i.attendance === 'attend' || i.attendance === 'pending')) || (i.attendance === 'substitute' && i.substituteUserId === userId));
}

export type Presence = 'voted' | 'spoke' | 'asked' | 'no_show';
/**
 * What the record proves of an invited member who never answered the invitation: present if they
 * cast a ballot in person, took the floor or asked for it (only possible in the room while in
 * session); absent once the meeting has ended without any of that. `null` while nothing is proven
 * yet, and for a member who answered: the declared attendance stands.
 */
export function presenceOf(i: repo.InvitationRow, status: repo.MeetingRow['status'], ballots: repo.BallotRow[], speakers: repo.SpeakerRow[]): Presence | null {
  if (i.attendance !== 'pending') return null;
  if (ballots.some((b) => b.memberId === i.userId && b.castBy === i.userId)) return 'voted';
  const turns = speakers.filter((s) => s.userId === i.userId);
  if (turns.some((s) => s.startedAt)) return 'spoke';
  if (turns.length > 0) return 'asked';
  return status === 'ended' ? 'no_show' : null;
}

/** Every ballot of the meeting's votes (the evidence of presence, with the speakers' list). */
export async function meetingBallots(tx: Sql, votes: repo.VoteRow[]): Promise<repo.BallotRow[]> {
  const all = [];
  for (const v of votes) all.push(...(await repo.listBallots(tx, v.id)));
  return all;
}

/** A participant asks to speak (or withdraws); the chair gives the floor and closes it. */
export async function speakerRequest(ctx: Ctx, tx: Sql, actor: Actor, id: string, action: 'request' | 'withdraw') {
  const { meeting, invitations } = await meetingForReader(tx, actor, id, { lock: true });
  if (meeting.status !== 'in_progress') throw CabinetErrors.MEETING_ACTION_NOT_ALLOWED({}, { status: meeting.status, action });
  if (!attending(invitations, actor.id)) throw CabinetErrors.NOT_ATTENDING();
  const now = ctx.clock.now();
  const mine = (await repo.listSpeakers(tx, id)).find((s) => s.userId === actor.id && (s.state === 'waiting' || s.state === 'speaking'));
  if (action === 'request') {
    if (mine) return mine.id; // a retry
    const speakerId = randomUUID();
    await repo.insertSpeaker(tx, { id: speakerId, meetingId: id, itemId: meeting.currentItemId, userId: actor.id, state: 'waiting', requestedAt: now, startedAt: null, endedAt: null });
    await touch(tx, id);
    return speakerId;
  }
  if (!mine) return null;
  await repo.setSpeakerState(tx, mine.id, mine.state === 'speaking' ? 'done' : 'withdrawn', now);
  await touch(tx, id);
  return mine.id;
}

export async function speakerAction(ctx: Ctx, tx: Sql, actor: Actor, id: string, speakerId: string, action: 'give_floor' | 'finish') {
  const { meeting, staff } = await meetingForReader(tx, actor, id, { lock: true });
  if (!staff) throw CabinetErrors.CHAIR_ONLY();
  if (meeting.status !== 'in_progress') throw CabinetErrors.MEETING_ACTION_NOT_ALLOWED({}, { status: meeting.status, action });
  const speakers = await repo.listSpeakers(tx, id);
  const target = speakers.find((s) => s.id === speakerId);
  if (!target) throw CabinetErrors.SPEAKER_NOT_FOUND();
  const now = ctx.clock.now();
  if (action === 'give_floor') {
    if (target.state === 'speaking') return;
    if (target.state !== 'waiting') throw CabinetErrors.SPEAKER_NOT_FOUND();
    for (const s of speakers.filter((x) => x.state === 'speaking')) await repo.setSpeakerState(tx, s.id, 'done', now);
    await repo.setSpeakerState(tx, speakerId, 'speaking', now);
  } else {
    if (target.state === 'done') return;
    await repo.setSpeakerState(tx, speakerId, target.state === 'speaking' ? 'done' : 'withdrawn', now);
  }
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: `cabinet.speaker.${action}`, subjectType: 'meeting', subjectId: id, data: { speakerId, userId: target.userId }, at: now });
  await touch(tx, id);
}

/** The chair opens a vote on an agenda item (one open vote at a time); the body's rule is frozen into it. */
export async function openVote(ctx: Ctx, tx: Sql, actor: Actor, id: string, itemId: string, question: string) {
  const { meeting, body, staff } = await meetingForReader(tx, actor, id, { lock: true });
  if (!staff) throw CabinetErrors.CHAIR_ONLY();
  if (meeting.status !== 'in_progress') throw CabinetErrors.MEETING_ACTION_NOT_ALLOWED({}, { status: meeting.status, action: 'vote' });
  if (!(await repo.listAgenda(tx, id)).some((a) => a.id === itemId)) throw CabinetErrors.ITEM_NOT_FOUND();
  if ((await repo.listVotes(tx, id)).some((v) => v.status === 'open')) throw CabinetErrors.VOTE_ALREADY_OPEN();
  const now = ctx.clock.now();
  const voteId = randomUUID();
  await repo.insertVote(tx, { id: voteId, meetingId: id, itemId, question: question.normalize('NFC'), rule: await ruleOf(tx, body.code, localDate(now)), openedBy: actor.id, openedAt: now, voters: freezeVoters(body) });
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: 'cabinet.vote.open', subjectType: 'vote', subjectId: voteId, data: { itemId, question }, at: now });
  await touch(tx, id);
  return voteId;
}

async function voteForReader(tx: Sql, actor: Actor, voteId: string, options: { lock?: boolean } = {}) {
  const vote = await repo.findVote(tx, voteId, options);
  if (!vote) throw CabinetErrors.VOTE_NOT_FOUND();
  try {
    return { vote, ...(await meetingForReader(tx, actor, vote.meetingId)) };
  } catch {
    throw CabinetErrors.VOTE_NOT_FOUND();
  }
}

export function ballotText(input: { voteId: string; meetingId: string; question: string; member: string; castBy: string; choice: string; at: Date }): string {
  return JSON.stringify({
    type: 'motcua.cabinet.ballot',
    vote: input.voteId,
    meeting: input.meetingId,
    question: input.question,
    member: input.member,
    castBy: input.castBy,
    choice: input.choice,
    at: toLocalIso(input.at),
  }).normalize('NFC');
}

/**
 * A ballot, signed with the personal key of whoever casts it: a voting member present in person,
 * or the substitute that member named (the ballot counts for the member). One ballot per member:
 * the same choice again is a retry, another choice is refused (409).
 */
export async function castBallot(ctx: Ctx, tx: Sql, actor: Actor, voteId: string, choice: 'agree' | 'disagree' | 'abstain') {
  const { vote, body, invitations } = await voteForReader(tx, actor, voteId, { lock: true });
  if (vote.status !== 'open') throw CabinetErrors.VOTE_CLOSED();
  // the voting members frozen when the vote opened: a later change of membership does not move it
  const voters = vote.voters ?? freezeVoters(body);
  const self = voters.find((m) => m.userId === actor.id && invitations.some((i) => i.userId === actor.id && (i.attendance === 'attend' || i.attendance === 'pending')));
  const represented = invitations.find((i) => i.attendance === 'substitute' && i.substituteUserId === actor.id && voters.some((m) => m.userId === i.userId));
  const member = self ?? (represented ? voters.find((m) => m.userId === represented.userId) : undefined);
  if (!member) throw CabinetErrors.NOT_ENTITLED_TO_VOTE();
  const existing = (await repo.listBallots(tx, voteId)).find((b) => b.memberId === member.userId);
  if (existing) {
    if (existing.choice === choice) return existing;
    // the vote is still open: say so — the member's signed ballot is what cannot change
    throw CabinetErrors.BALLOT_ALREADY_CAST({ alreadyVoted: existing.choice });
  }
  const now = ctx.clock.now();
  const caster = await findUserById(tx, actor.id);
  const signedText = ballotText({ voteId, meetingId: vote.meetingId, question: vote.question, member: member.username, castBy: actor.username, choice, at: now });
  const person = { userId: actor.id, username: actor.username, fullName: caster?.fullName ?? actor.fullName, title: self ? member.title : `Dự họp thay ${member.title}`, organisation: body.name };
  const { signature } = await signAsPerson(ctx, tx, person, Buffer.from(signedText, 'utf8'), now);
  const ballot: repo.BallotRow = { voteId, memberId: member.userId, castBy: actor.id, choice, at: now, signedText, signature };
  await repo.insertBallot(tx, ballot);
  await appendAudit(tx, { chain: chain(vote.meetingId), actorId: actor.id, action: 'cabinet.vote.ballot', subjectType: 'vote', subjectId: voteId, data: { member: member.username, choice }, at: now });
  await touch(tx, vote.meetingId);
  return ballot;
}

function voteDecision(vote: repo.VoteRow, body: LoadedBody, ballots: repo.BallotRow[], final: boolean) {
  const stances = new Map<string, Stance>(ballots.map((b) => [b.memberId, b.choice]));
  return decide({ voters: votersFrom(vote.voters, body), stances, rule: vote.rule, final, allowDeemed: false });
}

/** The chair closes the vote: the rule (majority of ALL members, chair breaks ties) gives the result. */
export async function closeVote(ctx: Ctx, tx: Sql, actor: Actor, voteId: string) {
  const { vote, body, staff } = await voteForReader(tx, actor, voteId, { lock: true });
  if (!staff) throw CabinetErrors.CHAIR_ONLY();
  if (vote.status === 'closed') return;
  const now = ctx.clock.now();
  const d = voteDecision(vote, body, await repo.listBallots(tx, voteId), true);
  await repo.closeVote(tx, voteId, { at: now, tally: d.tally, outcome: d.outcome! });
  await appendAudit(tx, { chain: chain(vote.meetingId), actorId: actor.id, action: 'cabinet.vote.close', subjectType: 'vote', subjectId: voteId, data: { tally: d.tally, outcome: d.outcome, basis: d.basis }, at: now });
  await touch(tx, vote.meetingId);
}

export const meetingVotes = (tx: Sql, meetingId: string) => repo.listVotes(tx, meetingId);

const OUTCOME_WORDS = { adopted: 'được thông qua', rejected: 'không được thông qua' };
/** A closed vote's figures and result, in words (printed on the minutes and the conclusions). */
export const voteInWords = (v: repo.VoteRow) =>
  `Biểu quyết "${v.question}": ${v.tally!.agree}/${v.tally!.members} thành viên tán thành, ${v.tally!.disagree} không tán thành, ${v.tally!.abstain} không biểu quyết — ${OUTCOME_WORDS[v.outcome!]}.`;

async function verifyBallot(ctx: Pick<AppContext, 'config'>, tx: Sql, b: repo.BallotRow, member: string, castBy: string): Promise<boolean> {
  const check = await verifyPersonSignature(ctx, tx, { content: Buffer.from(b.signedText, 'utf8'), signature: b.signature, username: castBy });
  if (!check.valid) return false;
  try {
    const s = JSON.parse(b.signedText) as { vote: string; member: string; castBy: string; choice: string };
    return s.vote === b.voteId && s.member === member && s.castBy === castBy && s.choice === b.choice;
  } catch {
    return false;
  }
}

/** A vote with its live tally; named ballots with their signatures for the secretariat and the chair. */
export async function readVote(ctx: Ctx, tx: Sql, actor: Actor, voteId: string) {
  const { vote, body, staff } = await voteForReader(tx, actor, voteId);
  const ballots = await repo.listBallots(tx, voteId);
  return presentVote(ctx, tx, vote, body, ballots, actor, staff);
}

async function presentVote(ctx: Ctx, tx: Sql, vote: repo.VoteRow, body: LoadedBody, ballots: repo.BallotRow[], actor: Actor, staff: boolean) {
  const d = vote.status === 'closed' && vote.tally ? { tally: vote.tally, outcome: vote.outcome } : voteDecision(vote, body, ballots, false);
  const byUser = new Map(body.members.map((m) => [m.userId, m]));
  const usernameOf = async (userId: string) => byUser.get(userId)?.username ?? (await findUserById(tx, userId))?.username ?? userId;
  const mine = ballots.find((b) => b.castBy === actor.id);
  return {
    id: vote.id,
    itemId: vote.itemId,
    question: vote.question,
    status: vote.status,
    openedAt: toLocalIso(vote.openedAt),
    closedAt: vote.closedAt ? toLocalIso(vote.closedAt) : null,
    rule: vote.rule,
    tally: d.tally,
    outcome: d.outcome ?? null,
    myBallot: mine ? { choice: mine.choice, at: toLocalIso(mine.at) } : null,
    ballots: staff
      ? await Promise.all(
          ballots.map(async (b) => {
            const member = await usernameOf(b.memberId);
            const castBy = await usernameOf(b.castBy);
            return {
              member,
              fullName: byUser.get(b.memberId)?.fullName ?? member,
              castBy,
              choice: b.choice,
              at: toLocalIso(b.at),
              signedText: b.signedText,
              signature: b.signature,
              signatureValid: await verifyBallot(ctx, tx, b, member, castBy),
            };
          }),
        )
      : undefined,
  };
}

/** The secretariat writes the minutes (biên bản) during or after the meeting. */
export async function saveMinutes(ctx: Ctx, tx: Sql, actor: Actor, id: string, text: string) {
  const { meeting, body } = await meetingForReader(tx, actor, id, { lock: true });
  if (!isSecretariat(body, actor.id)) throw CabinetErrors.SECRETARIAT_ONLY();
  if (meeting.minutes === text.normalize('NFC')) return;
  if (meeting.minutesFileId) throw CabinetErrors.MINUTES_SIGNED();
  await touch(tx, id, { minutes: text.normalize('NFC') });
  await appendAudit(tx, { chain: chain(id), actorId: actor.id, action: 'cabinet.meeting.minutes', subjectType: 'meeting', subjectId: id, data: { length: text.length }, at: ctx.clock.now() });
}

/** The whole room as one participant sees it (the live stream only says "version N": clients read this again). */
export async function readRoom(ctx: Ctx, tx: Sql, actor: Actor, id: string) {
  const { meeting, body, invitations, staff, invited, substituteFor } = await meetingForReader(tx, actor, id);
  const agenda = await repo.listAgenda(tx, id);
  const speakers = await repo.listSpeakers(tx, id);
  const votes = await repo.listVotes(tx, id);
  const byUser = new Map(body.members.map((m) => [m.userId, m]));
  const nameOf = async (userId: string | null) => {
    if (!userId) return null;
    const m = byUser.get(userId);
    if (m) return { username: m.username, fullName: m.fullName };
    const u = await findUserById(tx, userId);
    return { username: u?.username ?? userId, fullName: u?.fullName ?? userId };
  };
  const items = [];
  for (const a of agenda) {
    const documents = [];
    for (const fileId of a.documents) {
      const f = await getFile(tx, fileId);
      documents.push({ id: fileId, name: f?.originalName ?? fileId, mediaType: f?.mediaType ?? 'application/octet-stream', size: f?.size ?? 0 });
    }
    items.push({ id: a.id, position: a.position, title: a.title, presenter: a.presenter, documents });
  }
  const ballots = await meetingBallots(tx, votes);
  const participants = [];
  const order = (userId: string) => byUser.get(userId)?.position ?? 999;
  for (const i of [...invitations].sort((a, b) => order(a.userId) - order(b.userId))) {
    const m = byUser.get(i.userId);
    participants.push({
      ...(m ? memberBrief(m) : { username: i.userId, fullName: i.userId, title: '', role: 'member' as const }),
      attendance: i.attendance,
      substitute: await nameOf(i.substituteUserId),
      substituteStanding: i.substituteStanding ?? false,
      note: i.note,
      presence: presenceOf(i, meeting.status, ballots, speakers),
    });
  }
  const queue = [];
  for (const s of speakers.filter((x) => x.state === 'waiting' || x.state === 'speaking')) {
    queue.push({ id: s.id, state: s.state as 'waiting' | 'speaking', itemId: s.itemId, requestedAt: toLocalIso(s.requestedAt), startedAt: s.startedAt ? toLocalIso(s.startedAt) : null, speaker: (await nameOf(s.userId))! });
  }
  const presentedVotes = [];
  for (const v of votes) presentedVotes.push(await presentVote(ctx, tx, v, body, ballots.filter((b) => b.voteId === v.id), actor, staff));
  const conclusions = await repo.conclusionsOf(tx, 'meeting', id);
  const entitled = votingMembers(body).some((m) => m.userId === actor.id && invitations.some((i) => i.userId === actor.id && (i.attendance === 'attend' || i.attendance === 'pending'))) || substituteFor.length > 0;
  return {
    id: meeting.id,
    version: meeting.version,
    body: { code: body.code, name: body.name },
    title: meeting.title,
    startsAt: toLocalIso(meeting.startsAt),
    location: meeting.location,
    status: meeting.status,
    startedAt: meeting.startedAt ? toLocalIso(meeting.startedAt) : null,
    endedAt: meeting.endedAt ? toLocalIso(meeting.endedAt) : null,
    currentItemId: meeting.currentItemId,
    agenda: items,
    participants,
    speakers: queue,
    votes: presentedVotes,
    minutes: meeting.minutes,
    minutesDocument: meeting.minutesSignedAt ? { signedAt: toLocalIso(meeting.minutesSignedAt), sha256: meeting.minutesSha256! } : null,
    conclusions: await conclusionLines(tx, conclusions, staff),
    me: {
      role: body.members.find((m) => m.userId === actor.id)?.role ?? (substituteFor.length > 0 ? ('substitute' as const) : null),
      controls: staff,
      secretariat: isSecretariat(body, actor.id),
      invitation: invited
        ? {
            attendance: invited.attendance,
            presence: presenceOf(invited, meeting.status, ballots, speakers),
            tookPart: tookPart(actor.id, ballots, speakers),
            substitute: await nameOf(invited.substituteUserId),
            standingSubstitute: await nameOf(body.members.find((m) => m.userId === actor.id)?.substituteUserId ?? null),
            substituteCandidates: meeting.status === 'ended' ? [] : (await substituteCandidates(tx, body, actor)).map(({ username, fullName, title }) => ({ username, fullName, title })),
          }
        : null,
      substituteFor: await Promise.all(substituteFor.map(async (i) => (await nameOf(i.userId))!)),
      canVote: entitled,
      canSpeak: meeting.status === 'in_progress' && attending(invitations, actor.id),
      turn: queue.find((q) => q.speaker.username === actor.username)?.state ?? null,
    },
  };
}

/** My meetings (invited, substitute, or secretariat/chair). */
export async function listMyMeetings(tx: Sql, actor: Actor) {
  const rows = await repo.listMeetingsFor(tx, actor.id);
  return rows.map((m) => ({ id: m.id, bodyCode: m.bodyCode, title: m.title, startsAt: toLocalIso(m.startsAt), location: m.location, status: m.status }));
}

/** Document ids of a meeting's agenda (for the confidential reader). */
export async function meetingDocuments(tx: Sql, meetingId: string): Promise<string[]> {
  return (await repo.listAgenda(tx, meetingId)).flatMap((a) => a.documents);
}
