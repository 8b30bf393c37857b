/**
 * The decision rule of a collective body (quy chế làm việc), as data: a matter is adopted when
 * MORE THAN HALF OF ALL MEMBERS agree — not of those present or answering. On a tie, the side
 * the chair took wins (tieBreak 'chair'). For opinion forms, a member who has not answered by
 * the deadline is counted as agreeing where the body's rule says so (deemedAgreement).
 * Pure: no database, no clock.
 */
export interface DecisionRule {
  deemedAgreement: boolean;
  tieBreak: 'chair' | 'none';
  /** The rule's legal basis and the date it applies from (shown with the outcome). */
  legalBasis: string;
  validFrom: string;
}

/** agree / disagree / other (opinion forms) or abstain (meeting votes); null: no answer. */
export type Stance = 'agree' | 'disagree' | 'other' | 'abstain';

export interface Voter {
  userId: string;
  isChair: boolean;
}

export interface Tally {
  members: number;
  agree: number;
  disagree: number;
  other: number;
  abstain: number;
  deemedAgree: number;
  noAnswer: number;
}

export interface Decision {
  tally: Tally;
  outcome: 'adopted' | 'rejected' | null;
  /** How the outcome was reached, in words (vi). */
  basis: string | null;
}

/**
 * `final`: the deadline has passed (or the vote is closed): deemed agreement applies and an
 * outcome is given. Before that the tally is live and the outcome null. `deemedAgreement` is
 * applied only when `allowDeemed` (opinion forms; never in a meeting vote).
 */
export function decide(input: {
  voters: Voter[];
  stances: ReadonlyMap<string, Stance>;
  rule: Pick<DecisionRule, 'deemedAgreement' | 'tieBreak'>;
  final: boolean;
  allowDeemed: boolean;
  /** Who may be deemed to agree (the recipients of a form); default every voter. */
  deemable?: ReadonlySet<string>;
}): Decision {
  const tally: Tally = { members: input.voters.length, agree: 0, disagree: 0, other: 0, abstain: 0, deemedAgree: 0, noAnswer: 0 };
  const deem = input.final && input.allowDeemed && input.rule.deemedAgreement;
  const effective = new Map<string, 'agree' | 'not'>();
  for (const v of input.voters) {
    const stance = input.stances.get(v.userId);
    if (stance) {
      tally[stance]++;
      effective.set(v.userId, stance === 'agree' ? 'agree' : 'not');
    } else if (deem && (!input.deemable || input.deemable.has(v.userId))) {
      tally.deemedAgree++;
      effective.set(v.userId, 'agree');
    } else {
      tally.noAnswer++;
    }
  }
  if (!input.final) return { tally, outcome: null, basis: null };
  const agreeing = tally.agree + tally.deemedAgree;
  const n = tally.members;
  if (agreeing * 2 > n) return { tally, outcome: 'adopted', basis: `${agreeing}/${n} thành viên tán thành (quá nửa tổng số thành viên)` };
  if (agreeing * 2 === n && n > 0 && input.rule.tieBreak === 'chair') {
    const chair = input.voters.find((v) => v.isChair);
    const chairSide = chair ? effective.get(chair.userId) : undefined;
    if (chairSide === 'agree') return { tally, outcome: 'adopted', basis: `${agreeing}/${n}: số phiếu ngang nhau, theo ý kiến người đứng đầu (tán thành)` };
    return { tally, outcome: 'rejected', basis: `${agreeing}/${n}: số phiếu ngang nhau, người đứng đầu không tán thành` };
  }
  return { tally, outcome: 'rejected', basis: `${agreeing}/${n} thành viên tán thành (không quá nửa tổng số thành viên)` };
}
