import type { ActionRecord } from './action-data.ts';
import type { DossierState } from './reducer.ts';
import { lastSupplementRequest } from './supplement-state.ts';

/**
 * The officer a transition tells besides the applicant (whose notice is `dossier.status_changed`'s),
 * written by `transitionEvents` as its own topic in the transition's statement:
 * - `assign` (phân công thụ lý): the specialist now handling the dossier;
 * - `submit_supplement` bringing the last paper of the Mẫu 02: the officer to act next, the
 *   assignee (appraisal: the dossier is back in processing) or else whoever asked (intake: the
 *   desk officer, who receives it again).
 * Nobody is told of what they did themselves (a leader assigning themselves, the desk officer
 * recording at the counter the papers they asked for), nor the applicant.
 */
export type OfficerNotice =
  | { topic: 'dossier.assigned'; to: string; assigneeName: string }
  | { topic: 'dossier.supplement_received'; to: string; phase: 'intake' | 'appraisal'; by: 'applicant' | 'desk' };

export function officerNoticeOf(input: {
  /** The entry just logged, the state it led to and the log before it. */
  record: ActionRecord;
  state: DossierState;
  log: ActionRecord[];
  actorId: string;
  /** The actor acted as the applicant (not an officer on their behalf). */
  asApplicant: boolean;
  applicantUserId: string | null;
}): OfficerNotice | null {
  const notice = noticeOf(input);
  if (!notice || notice.to === input.actorId || notice.to === input.applicantUserId) return null;
  return notice;
}

function noticeOf({ record, state, log, asApplicant }: Parameters<typeof officerNoticeOf>[0]): OfficerNotice | null {
  if (record.action === 'assign') return { topic: 'dossier.assigned', to: record.data.assignee, assigneeName: record.data.assigneeName };
  if (record.action !== 'submit_supplement' || (record.data.stillMissing?.length ?? 0) > 0) return null;
  const to = state.assignee ?? lastSupplementRequest(log)?.actorId ?? null;
  return to ? { topic: 'dossier.supplement_received', to, phase: record.data.phase, by: asApplicant ? 'applicant' : 'desk' } : null;
}
