import { defineEvents } from '#platform/events.ts';

/** Hình thức nhận kết quả the applicant chose: at the desk, by post, online. */
export type ResultReturnMethod = 'tai_quay' | 'buu_chinh' | 'truc_tuyen';

/** `dossier.status_changed`, written by the dossiers module on every transition. */
export interface DossierStatusChangedPayload {
  dossierId: string;
  code: string | null;
  /** Mã tra cứu, on submission. */
  reference?: string;
  procedureCode: string;
  /** The procedure version the dossier follows (a projection in the transaction reads it from the transaction's cache, not the dossier). */
  procedureVersionId?: string;
  procedureName: string;
  action?: string;
  status: string;
  statusCode: number;
  statusLabel: string;
  agencyCode: string;
  agencyName: string;
  /** Name of the acting officer's unit (agency), when an officer acted. */
  actorUnit: string | null;
  actorName: string;
  /** ISO instants (+07:00). */
  at: string;
  dueAt: string | null;
  reason?: string | null;
  applicantUserId: string | null;
  applicantEmail: string | null;
  applicantName: string;
  /** How the result goes back (absent in events written before it was carried: at the desk). */
  returnMethod?: ResultReturnMethod;
  /** The receiving agency, whose desk returns the result. */
  returnPlace?: string | null;
  /** Approved but the result still waits for the clerk to issue it. */
  awaitingIssue?: boolean;
  /** return_result by post: the postal item's number. */
  postalReference?: string | null;
}

/** `dossier.step_overdue`: a liên thông step passed its sub-deadline; the lead agency's leaders are reminded. */
export interface DossierStepOverduePayload {
  dossierId: string;
  code: string | null;
  procedureCode: string;
  procedureName?: string;
  step: number;
  task: string | null;
  stepAgencyCode: string;
  stepAgencyName: string;
  leadAgencyCode: string;
  subDueAt: string;
  /** User ids of the lead agency's leaders (who may recall the step). */
  leaderIds: string[];
}

/**
 * `dossier.step_moved`: a liên thông step opened at an agency, or was completed there (handled by
 * the exchange module, which carries steps of agencies hosted by other installations).
 */
export interface DossierStepMovedPayload {
  dossierId: string;
  code: string | null;
  step: number;
  agency: string;
  change: 'opened' | 'completed';
}

/**
 * `dossier.assigned`: a leader gave the dossier to a specialist (phân công thụ lý), written with
 * the `assign` transition (same statement); not when the leader assigned themselves.
 */
export interface DossierAssignedPayload {
  dossierId: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  /** User id and name of the specialist now handling it. */
  assignee: string;
  assigneeName: string;
  /** Who assigned it (the leader's name) and the agency it is handled at. */
  assignedByName: string;
  agencyCode: string;
  agencyName: string;
  /** ISO instants (+07:00). */
  at: string;
  dueAt: string | null;
}

/**
 * `dossier.supplement_received`: the applicant (online, or the desk on their behalf) brought the
 * last of the papers a Mẫu 02 asked for, written with that `submit_supplement` transition. The
 * officer to act next is told: in appraisal the assigned specialist (the dossier is back in
 * processing, its deadline restarted), at intake the desk officer who asked (it waits to be
 * received again). Not written when that officer recorded the papers themselves.
 */
export interface DossierSupplementReceivedPayload {
  dossierId: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  /** User id of the officer told. */
  officer: string;
  phase: 'intake' | 'appraisal';
  /** Online by the applicant, or recorded at the desk. */
  by: 'applicant' | 'desk';
  actorName: string;
  agencyCode: string;
  agencyName: string;
  /** ISO instants (+07:00); `dueAt` is the restarted deadline in appraisal. */
  at: string;
  dueAt: string | null;
}

/** `dossier.due_soon`, written by the dossiers module's due-soon scan. */
export interface DossierDueSoonPayload {
  dossierId: string;
  code: string | null;
  procedureCode: string;
  procedureName?: string;
  status: string;
  dueAt: string;
  agencyCode: string;
  agencyName?: string;
  /** User id of the specialist handling it, when assigned. */
  assignee: string | null;
  applicantUserId: string | null;
  applicantEmail: string | null;
  applicantName: string;
  returnMethod?: ResultReturnMethod;
  returnPlace?: string | null;
}

/** `dvcqg.status_sync`: the national portal's (DVCQG) fields for one transition (domain.md §2.12). */
export interface DvcqgStatusSyncPayload {
  MaHoSo: string;
  MaTTHC: string;
  TrangThai: number;
  NgayTiepNhan: string; // yyyyMMddHHmmss, empty when unknown
  NguoiXuLy: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  NgayKetThucTheoQuyDinh: string;
}

/** The payloads of the dossiers module's topics. */
export type DossierEventPayloads = {
  'dossier.status_changed': DossierStatusChangedPayload;
  'dossier.due_soon': DossierDueSoonPayload;
  'dossier.step_overdue': DossierStepOverduePayload;
  'dvcqg.status_sync': DvcqgStatusSyncPayload;
  'dossier.step_moved': DossierStepMovedPayload;
  'dossier.assigned': DossierAssignedPayload;
  'dossier.supplement_received': DossierSupplementReceivedPayload;
};

/** The events the dossiers module produces (handled by notifications; `dossier.step_moved` by exchange). */
export const dossierEvents = defineEvents<DossierEventPayloads>({
  'dossier.status_changed': true,
  'dossier.due_soon': true,
  'dossier.step_overdue': true,
  'dvcqg.status_sync': true,
  'dossier.step_moved': true,
  'dossier.assigned': true,
  'dossier.supplement_received': true,
});
