import type { GraphStepRef } from './actions.ts';
import type { DossierState } from './reducer.ts';
import type { Timeliness } from './timeliness.ts';

/** The dossier as the module's use cases see it (read from the repositories). */

/** The applicant's one shape is the contract's (`ApplicantRecord`). */
export type { Applicant } from './dossiers.contract.ts';
import type { Applicant, IntakeRecord } from './dossiers.contract.ts';

export interface Dossier extends DossierState {
  id: string;
  procedureCode: string;
  procedureVersionId: string;
  channel: 'direct' | 'online' | 'postal';
  applicant: Applicant;
  owner: Applicant;
  applicantUserId: string | null;
  submittedBy: string;
  provinceCode: string;
  /** Mã tra cứu: given at submission, tracked publicly until (and after) the code exists. */
  reference: string | null;
  fields: Record<string, unknown>;
  submittedAt: Date;
  createdAt: Date;
  dueSoonNotifiedAt: Date | null;
  version: number;
  /** Agencies that took part in a hand-over (read access). */
  stepAgencies: string[];
  /** Liên thông steps opened so far (graph of the frozen version). */
  graphSteps: GraphStepRef[];
  /** What the desk recorded at the counter (paper components, fee, return method); null online. */
  intake: Intake | null;
  /**
   * Federated liên thông: the installation leading this dossier when it is held here only as the
   * copy for a step an agency hosted here works (federated-steps.ts); null for this node's own.
   */
  leadNode: string | null;
}

/** The counter's record of a reception (stored as given by the use case; its shape is the contract's). */
export type Intake = IntakeRecord;

export interface Step {
  seq: number;
  fromAgency: string;
  fromUser: string | null;
  toAgency: string;
  toUser: string | null;
  sentAt: Date;
  acceptedAt: Date | null;
  subDueAt: Date | null;
  finishedAt: Date | null;
  outcome: Exclude<Timeliness, 'trong_han'> | null;
  note: string | null;
  /** Liên thông: the step of the version's graph this row works (null for a plain hand-over). */
  stepSeq: number | null;
  finishedBy: string | null;
  /** The agency's partial result (kết quả từng phần). */
  resultNote: string | null;
  resultFileId: string | null;
}

export type NewStep = Omit<Step, 'seq' | 'finishedAt' | 'outcome' | 'stepSeq' | 'finishedBy' | 'resultNote' | 'resultFileId'> & {
  stepSeq?: number | null;
};
