/** `dossier.status_changed`, written by the dossiers module on every transition. */
export interface DossierStatusChangedPayload {
  dossierId: string;
  code: string | null;
  /** Mã tra cứu, on submission. */
  reference?: string;
  procedureCode: string;
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
}

/** `appointment.booked` and `appointment.reminder`, written by the appointments module. */
export interface AppointmentPayload {
  id: string;
  code: string;
  userId: string;
  date: string;
  startTime: string;
  endTime: string;
  agencyName: string;
  procedureCode: string;
  procedureName?: string;
}
