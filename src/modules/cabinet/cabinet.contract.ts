import { z } from 'zod';

/**
 * The e-Cabinet contract: every route's params, query, body and success responses (issue 18 §8).
 * Routes in cabinet.routes.ts use exactly these; the web app reads the same shapes.
 */

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.string();
/** A conclusion sent over the interconnection axis: each recipient's status (01 arrived, 02 refused, 03 registered, …); null for non-staff or nothing sent. */
const Dispatch = z
  .object({
    documentId: z.string().nullable(),
    recipients: z.array(z.object({ agency: z.string(), name: z.string(), statusCode: z.string().nullable(), hostedHere: z.boolean(), receivedAt: isoTime.nullable() })),
    unreached: z.array(z.object({ agency: z.string(), reason: z.enum(['no_installation', 'sender_not_hosted']) })),
  })
  .nullable();
/** A calendar date in a sensible range (PostgreSQL refuses year 0; nobody plans for 2200). */
const date = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'ngày trong khoảng 2000–2100 / a date between 2000 and 2100');
const instant = z.iso.datetime({ offset: true }).refine((t) => {
  const ms = Date.parse(t);
  return ms >= Date.parse('2000-01-01T00:00:00Z') && ms <= Date.parse('2100-12-31T00:00:00Z');
}, 'thời điểm trong khoảng 2000–2100 / a time between 2000 and 2100');
const username = z.string().trim().min(1).max(100);

export const IdParams = z.object({ id });
export const DocumentParams = z.object({ id, fileId: id });
export const SpeakerParams = z.object({ id, speakerId: id });
export const ItemParams = z.object({ id, itemId: id });

export const Choice = z.enum(['agree', 'disagree', 'other']);
export const BallotChoice = z.enum(['agree', 'disagree', 'abstain']);
export const MemberRole = z.enum(['chair', 'vice_chair', 'member', 'secretariat']);

export const Rule = z.object({ deemedAgreement: z.boolean(), tieBreak: z.enum(['chair', 'none']), legalBasis: z.string(), validFrom: z.string() });
export const Tally = z.object({
  members: z.number().int(),
  agree: z.number().int(),
  disagree: z.number().int(),
  other: z.number().int(),
  abstain: z.number().int(),
  deemedAgree: z.number().int(),
  noAnswer: z.number().int(),
});
const Outcome = z.enum(['adopted', 'rejected']).nullable();
const MemberBrief = z.object({ username: z.string(), fullName: z.string(), title: z.string(), role: MemberRole });
const DocumentRef = z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number().int() });

// ---------------------------------------------------------------- me

export const MeOut = z.object({
  bodies: z.array(z.object({ code: z.string(), name: z.string(), role: MemberRole, title: z.string() })),
  formsToAnswer: z.number().int(),
  upcomingMeetings: z.number().int(),
});

export const BodyOut = z.object({
  code: z.string(),
  name: z.string(),
  agencyCode: z.string(),
  rule: Rule.describe('the rule in force today'),
  rules: z.array(Rule).describe('every rule with the date it applies from, newest first'),
  canManage: z.boolean().describe('the reader may change members and the rule (secretariat, administrator)'),
  substituteRoles: z.array(z.string()).describe('identity roles whose holders in the body’s province a member may send to a meeting instead, besides the standing substitute (data; default leader)'),
  members: z.array(MemberBrief.extend({ substitute: z.string().nullable().describe('standing substitute (user name)') })),
});

export const BodyList = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), members: z.number().int() })),
  canCreate: z.boolean().describe('the reader may create a body (administrator, or the secretariat of a body)'),
  agencies: z.array(z.object({ code: z.string(), name: z.string() })).describe('agencies of the bodies the reader manages (for a new body)'),
});
export const MemberParams = z.object({ id, username });
export const RuleParams = z.object({ id, validFrom: date });
export const SetMemberBody = z.object({
  role: MemberRole,
  title: text(300).describe('Chủ tịch UBND Thành phố, Ủy viên UBND Thành phố, Giám đốc Sở …'),
  substitute: username.nullable().optional().describe('standing substitute for meetings (an official’s user name); null: none'),
});
export const RuleBody = z.object({
  deemedAgreement: z.boolean().describe('a member who does not answer a form by its deadline counts as agreeing'),
  tieBreak: z.enum(['chair', 'none']).describe('on a tie, the side the chair took wins (chair) or the matter is not adopted (none)'),
  legalBasis: text(500).describe('the working rules (quy chế làm việc) this rule comes from'),
});
/** The identity roles a body may allow as substitutes: any official's role (never a citizen's, an administrator's or a system role). */
export const SUBSTITUTE_ROLES = ['leader', 'provincial_leader', 'specialist', 'desk_officer', 'clerk', 'inspector', 'inspection_leader'] as const;
export const SubstituteRolesBody = z.object({
  roles: z.array(z.enum(SUBSTITUTE_ROLES)).max(SUBSTITUTE_ROLES.length).describe('who may attend a meeting instead of a member, besides the standing substitute: officials holding one of these roles at an agency of the body’s province ([] = only standing substitutes)'),
});
export const CreateBodyBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'chữ thường không dấu, số và dấu gạch ngang / lowercase letters, digits and hyphens')
    .min(3)
    .max(60)
    .describe('the body’s code, e.g. bcd-chuyen-doi-so-hanoi'),
  name: text(300).describe('Ban Chỉ đạo chuyển đổi số Thành phố Hà Nội'),
  agencyCode: z.string().trim().min(1).max(60).describe('the agency that issues the body’s documents'),
  secretariat: username.optional().describe('the body’s secretariat (an official’s user name); the creator when left out'),
  rule: RuleBody,
});

// ---------------------------------------------------------------- opinion forms

export const CreateFormBody = z.object({
  body: z.string().trim().min(1).max(60).optional().describe('the body’s code; may be left out when the secretariat serves one body'),
  subject: text(500),
  question: text(2000),
  options: z.array(Choice).min(2).max(3).optional().describe('default agree, disagree, other'),
  documents: z.array(id).max(30),
  deadlineWorkingDays: z.number().int().min(1).max(30),
  recipients: z.array(username).max(100).optional().describe('user names of voting members; default all of them'),
});
export const CreatedForm = z.object({ id: z.string(), deadlineAt: isoTime, status: z.enum(['draft', 'approved', 'sent', 'closed']) });

export const EditFormBody = z.object({
  subject: text(500).optional(),
  question: text(2000).optional(),
  options: z.array(Choice).min(2).max(3).optional(),
  documents: z.array(id).max(30).optional(),
  deadlineWorkingDays: z.number().int().min(1).max(30).optional().describe('counted from the day the form was created'),
  recipients: z.array(username).max(100).optional().describe('user names of voting members; [] = all of them'),
});

export const FormActionBody = z.object({ action: z.enum(['approve', 'send', 'close']) });
export const AnswerBody = z.object({ choice: Choice, comment: z.string().trim().max(4000).optional() });
export const AnswerOut = z.object({
  form: z.string(),
  member: z.string(),
  choice: Choice,
  comment: z.string().optional(),
  at: isoTime,
  version: z.number().int(),
  signedText: z.string().describe('the exact UTF-8 text signed'),
  signature: z.string().describe('detached CMS SignedData (base64) over signedText, by the member’s personal certificate'),
  signatureValid: z.boolean(),
});

export const FormOut = z.object({
  id: z.string(),
  body: z.object({ code: z.string(), name: z.string() }),
  subject: z.string(),
  question: z.string(),
  options: z.array(Choice),
  documents: z.array(DocumentRef),
  deadlineWorkingDays: z.number().int(),
  createdAt: isoTime,
  deadlineAt: isoTime,
  status: z.enum(['draft', 'approved', 'sent', 'closed']),
  approvedAt: isoTime.nullable(),
  sentAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  rule: Rule,
  tally: Tally,
  outcome: Outcome,
  myRole: MemberRole.nullable(),
  myAnswer: z.object({ choice: Choice, comment: z.string().nullable(), at: isoTime, version: z.number().int() }).nullable(),
  canAnswer: z.boolean(),
  allowedActions: z.array(z.enum(['approve', 'send', 'close'])),
  canEdit: z.boolean().describe('the secretariat may still edit the draft'),
  recipientsDefault: z.boolean().describe('recipients left out: every voting member when sent'),
  recipients: z.array(MemberBrief.extend({ answered: z.boolean() })).optional(),
  answers: z
    .array(
      z.object({
        member: z.string(),
        fullName: z.string(),
        title: z.string(),
        choice: Choice,
        comment: z.string().optional(),
        at: isoTime,
        version: z.number().int(),
        signedText: z.string(),
        signature: z.string(),
        signatureValid: z.boolean(),
      }),
    )
    .optional(),
  conclusions: z.array(z.object({ id: z.string(), number: z.string(), kind: z.enum(['conclusion', 'resolution']), title: z.string(), issuedAt: isoTime, dispatch: Dispatch })),
});

export const FormList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      bodyCode: z.string(),
      subject: z.string(),
      status: z.enum(['draft', 'approved', 'sent', 'closed']),
      deadlineAt: isoTime,
      overdue: z.boolean(),
      answered: z.boolean(),
      outcome: Outcome,
    }),
  ),
});

// ---------------------------------------------------------------- meetings

export const ScheduleMeetingBody = z.object({
  body: z.string().trim().min(1).max(60).optional(),
  title: text(500),
  startsAt: instant,
  location: text(300),
  agenda: z.array(z.object({ title: text(500), presenter: z.string().trim().max(200).optional(), documents: z.array(id).max(30) })).min(1).max(50),
  invitees: z.array(username).max(100).optional(),
});
export const CreatedMeeting = z.object({ id: z.string(), status: z.enum(['scheduled', 'in_progress', 'ended']) });
export const AttendanceBody = z.object({
  attendance: z.enum(['attend', 'absent', 'substitute']),
  substitute: username.optional(),
  note: z.string().trim().max(500).optional(),
  /** Declining without passing the invitation to the standing substitute. */
  withoutSubstitute: z.boolean().optional(),
});
export const MeetingActionBody = z.object({ action: z.enum(['start', 'end', 'set_item']), itemId: id.optional() });
export const SpeakerRequestBody = z.object({ action: z.enum(['request', 'withdraw']) });
export const SpeakerActionBody = z.object({ action: z.enum(['give_floor', 'finish']) });
export const OpenVoteBody = z.object({ question: text(1000) });
export const BallotBody = z.object({ choice: BallotChoice });
export const VoteActionBody = z.object({ action: z.literal('close') });
export const MinutesBody = z.object({ text: z.string().max(100_000) });

export const VoteOut = z.object({
  id: z.string(),
  itemId: z.string(),
  question: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: isoTime,
  closedAt: isoTime.nullable(),
  rule: Rule,
  tally: Tally,
  outcome: Outcome,
  myBallot: z.object({ choice: BallotChoice, at: isoTime }).nullable(),
  ballots: z
    .array(
      z.object({
        member: z.string(),
        fullName: z.string(),
        castBy: z.string(),
        choice: BallotChoice,
        at: isoTime,
        signedText: z.string(),
        signature: z.string(),
        signatureValid: z.boolean(),
      }),
    )
    .optional(),
});
export const BallotOut = z.object({ vote: z.string(), member: z.string(), castBy: z.string(), choice: BallotChoice, at: isoTime, signedText: z.string(), signature: z.string(), signatureValid: z.boolean() });

const Person = z.object({ username: z.string(), fullName: z.string() });
const Presence = z.enum(['voted', 'spoke', 'asked', 'no_show']).nullable().describe('what the record proves of an invitee who never answered: voted / spoke / asked (to speak) = present; no_show = absent, once the meeting ended; null: the declared attendance stands');
export const RoomOut = z.object({
  id: z.string(),
  version: z.number().int(),
  body: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  startsAt: isoTime,
  location: z.string(),
  status: z.enum(['scheduled', 'in_progress', 'ended']),
  startedAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  currentItemId: z.string().nullable(),
  agenda: z.array(z.object({ id: z.string(), position: z.number().int(), title: z.string(), presenter: z.string().nullable(), documents: z.array(DocumentRef) })),
  participants: z.array(MemberBrief.extend({ attendance: z.enum(['pending', 'attend', 'absent', 'substitute']), presence: Presence, substitute: Person.nullable(), substituteStanding: z.boolean(), note: z.string().nullable() })),
  speakers: z.array(z.object({ id: z.string(), state: z.enum(['waiting', 'speaking']), itemId: z.string().nullable(), requestedAt: isoTime, startedAt: isoTime.nullable(), speaker: Person })),
  votes: z.array(VoteOut),
  minutes: z.string().nullable(),
  minutesDocument: z.object({ signedAt: isoTime, sha256: z.string() }).nullable().describe('the signed minutes, once issued (GET …/minutes/document)'),
  conclusions: z.array(z.object({ id: z.string(), number: z.string(), kind: z.enum(['conclusion', 'resolution']), title: z.string(), issuedAt: isoTime, dispatch: Dispatch })),
  me: z.object({
    role: z.enum(['chair', 'vice_chair', 'member', 'secretariat', 'substitute']).nullable(),
    controls: z.boolean(),
    secretariat: z.boolean(),
    invitation: z
      .object({
        attendance: z.enum(['pending', 'attend', 'absent', 'substitute']),
        presence: Presence,
        tookPart: z.boolean().describe('voted in person or took the floor in this meeting: absence and substitutes are refused (409 ATTENDANCE_PROVEN)'),
        substitute: Person.nullable(),
        standingSubstitute: Person.nullable(),
        substituteCandidates: z
          .array(Person.extend({ title: z.string() }))
          .describe('whom I may send instead (until the meeting ends): my standing substitute, then the leaders of the agencies in the body’s province, by name; title = the agency. Empty once the meeting ended'),
      })
      .nullable(),
    substituteFor: z.array(Person),
    canVote: z.boolean(),
    canSpeak: z.boolean(),
    turn: z.enum(['waiting', 'speaking']).nullable().describe('my own turn on the speakers list: waiting for the floor, speaking, or none'),
  }),
});
export const MeetingList = z.object({
  items: z.array(z.object({ id: z.string(), bodyCode: z.string(), title: z.string(), startsAt: isoTime, location: z.string(), status: z.enum(['scheduled', 'in_progress', 'ended']) })),
});
export const SpeakerOut = z.object({ speakerId: z.string().nullable() });
export const OpenedVote = z.object({ voteId: z.string() });

// ---------------------------------------------------------------- conclusions and tasks

export const IssueConclusionBody = z.object({
  source: z.object({ type: z.enum(['opinion_form', 'meeting']), id }),
  kind: z.enum(['conclusion', 'resolution']).default('conclusion'),
  title: text(500),
  text: text(50_000),
  tasks: z.array(z.object({ title: text(1000), assigneeAgencyCode: z.string().trim().min(1).max(60), dueDate: date })).max(100).default([]),
  /** Other agencies the document is sent to over the interconnection axis (nơi nhận). */
  recipients: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
});
export const ConclusionOut = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(['conclusion', 'resolution']),
  title: z.string(),
  text: z.string(),
  source: z.object({ type: z.enum(['opinion_form', 'meeting']), id: z.string() }),
  fileId: z.string(),
  sha256: z.string(),
  issuedAt: isoTime,
  dispatch: Dispatch,
});

export const TaskOut = z.object({
  id: z.string(),
  title: z.string(),
  bodyCode: z.string(),
  conclusion: z.object({ id: z.string(), number: z.string(), title: z.string() }).nullable(),
  assignee: z.object({ code: z.string(), name: z.string() }),
  dueDate: z.string(),
  status: z.enum(['assigned', 'in_progress', 'done']),
  overdue: z.boolean(),
  doneAt: isoTime.nullable(),
  doneLate: z.boolean(),
  reports: z.array(z.object({ at: isoTime, by: z.string(), status: z.enum(['in_progress', 'done']), note: z.string() })),
});
export const TaskList = z.object({
  items: z.array(TaskOut),
  summary: z.object({ total: z.number().int(), done: z.number().int(), inProgress: z.number().int(), assigned: z.number().int(), overdue: z.number().int() }),
});
export const TaskQuery = z.object({ conclusion: id.optional() });
export const TaskReportBody = z.object({ status: z.enum(['in_progress', 'done']), note: text(4000) });
