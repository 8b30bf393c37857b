import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency } from '#modules/places/index.ts';
import type { LoggedAction } from './actions.ts';
import { dvcqgTime } from './dossier-code.ts';
import type { EventOf } from '#platform/events.ts';
import { type DossierEventPayloads, dossierEvents, type ResultReturnMethod } from './dossiers.events.ts';
import type { Applicant } from './dossiers.types.ts';
import type { OfficerNotice } from './officer-notices.ts';
import type { DossierState } from './reducer.ts';
import { statusInfo } from './statuses.ts';

/** What the national portal calls each action (NoiDungXuLy). */
export const actionLabels = {
  submit: { vi: 'Nộp hồ sơ', en: 'Submitted' },
  receive: { vi: 'Tiếp nhận hồ sơ', en: 'Received' },
  reject: { vi: 'Từ chối tiếp nhận hồ sơ', en: 'Rejected at intake' },
  request_supplement: { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Supplement requested' },
  submit_supplement: { vi: 'Nộp bổ sung hồ sơ', en: 'Supplement submitted' },
  assign: { vi: 'Phân công thụ lý', en: 'Assigned' },
  forward: { vi: 'Chuyển xử lý', en: 'Forwarded' },
  dispatch: { vi: 'Chuyển liên thông', en: 'Inter-agency steps dispatched' },
  complete_step: { vi: 'Hoàn thành bước liên thông', en: 'Inter-agency step completed' },
  approve: { vi: 'Phê duyệt kết quả', en: 'Approved' },
  issue_result: { vi: 'Phát hành kết quả', en: 'Result issued' },
  stop: { vi: 'Dừng xử lý', en: 'Stopped' },
  request_payment: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  confirm_payment: { vi: 'Xác nhận đã thực hiện nghĩa vụ tài chính', en: 'Payment confirmed' },
  extend: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Extended' },
  recall_step: { vi: 'Thu hồi bước liên thông quá hạn', en: 'Overdue inter-agency step recalled' },
  return_result: { vi: 'Trả kết quả', en: 'Result returned' },
  withdraw: { vi: 'Công dân rút hồ sơ', en: 'Withdrawn' },
} as const satisfies Record<LoggedAction, { vi: string; en: string }>;

export interface TransitionEvent {
  dossierId: string;
  procedureCode: string;
  procedureVersionId: string;
  procedureName: string;
  applicant: Applicant;
  applicantUserId: string | null;
  state: DossierState;
  action: LoggedAction;
  at: Date;
  actorName: string;
  actorAgency: string | null;
  reason?: string;
  /** Mã tra cứu, on submission (the notice tells the applicant what to track by). */
  reference?: string;
  /** How the applicant chose to receive the result (the notices say it the same way). */
  returnMethod: ResultReturnMethod;
  /** return_result by post: the postal item's number. */
  postalReference?: string;
  /** The officer this transition tells (`officerNoticeOf`): its own topic, in the same statement. */
  officerNotice?: OfficerNotice | null;
}

/**
 * Every transition writes, in its own transaction and one statement, `dossier.status_changed`
 * (notifications) and `dvcqg.status_sync` with the national portal's field names (domain.md
 * §2.12), with `dossier.assigned` or `dossier.supplement_received` when it tells an officer
 * (officer-notices.ts), and publishes the live topics `dossier:<id>` and `agency:<current agency>` with
 * `{ dossierId, status, action }`.
 */
export async function emitTransitionEvents(tx: Sql, e: TransitionEvent): Promise<void> {
  const { events, live } = await transitionEvents(tx, e);
  await dossierEvents.emitAll(tx, events, live);
}

/** The events and live updates of a transition, for a statement that writes them with the transition (`eventsInsert`). */
export interface TransitionEvents {
  events: EventOf<DossierEventPayloads>[];
  live: { topic: string; payload: unknown }[];
}

/** What `emitTransitionEvents` writes, not yet written. */
export async function transitionEvents(tx: Sql, e: TransitionEvent): Promise<TransitionEvents> {
  const status = statusInfo[e.state.status];
  const agency = await findAgency(tx, e.state.currentAgency);
  const actorUnit = e.actorAgency ? await findAgency(tx, e.actorAgency) : null;
  const receiving = e.state.receivingAgency === e.state.currentAgency ? agency : await findAgency(tx, e.state.receivingAgency);
  const key = e.dossierId;
  const label = actionLabels[e.action].vi;
  const live = { dossierId: e.dossierId, status: e.state.status, action: e.action };
  const events: TransitionEvents['events'] = [{
    topic: 'dossier.status_changed',
    key,
    at: e.at,
    payload: {
      dossierId: e.dossierId,
      code: e.state.code,
      ...(e.reference ? { reference: e.reference } : {}),
      procedureCode: e.procedureCode,
      procedureVersionId: e.procedureVersionId,
      procedureName: e.procedureName,
      action: e.action,
      status: e.state.status,
      statusCode: status.code,
      statusLabel: status.vi,
      agencyCode: e.state.currentAgency,
      agencyName: agency?.name ?? e.state.currentAgency,
      actorUnit: actorUnit?.name ?? null,
      actorName: e.actorName,
      at: toLocalIso(e.at),
      dueAt: e.state.dueAt ? toLocalIso(e.state.dueAt) : null,
      reason: e.reason ?? null,
      applicantUserId: e.applicantUserId,
      applicantEmail: e.applicant.email ?? null,
      applicantName: e.applicant.fullName,
      returnMethod: e.returnMethod,
      returnPlace: receiving?.name ?? e.state.receivingAgency,
      awaitingIssue: e.state.awaitingIssueBy !== null,
      ...(e.postalReference ? { postalReference: e.postalReference } : {}),
    },
  }, {
    topic: 'dvcqg.status_sync',
    key,
    at: e.at,
    payload: {
      MaHoSo: e.state.code ?? e.dossierId,
      MaTTHC: e.procedureCode,
      TrangThai: status.code,
      NgayTiepNhan: dvcqgTime(e.state.receivedAt),
      NguoiXuLy: e.actorName,
      ThoiDiemXuLy: dvcqgTime(e.at),
      PhongBanXuLy: actorUnit?.name ?? '',
      NoiDungXuLy: e.reason ? `${label}: ${e.reason}` : label,
      NgayKetThucTheoQuyDinh: dvcqgTime(e.state.dueAt),
    },
  }];
  const notice = e.officerNotice;
  if (notice) {
    const about = {
      dossierId: e.dossierId,
      code: e.state.code,
      procedureCode: e.procedureCode,
      procedureName: e.procedureName,
      agencyCode: e.state.currentAgency,
      agencyName: agency?.name ?? e.state.currentAgency,
      at: toLocalIso(e.at),
      dueAt: e.state.dueAt ? toLocalIso(e.state.dueAt) : null,
    };
    events.push(
      notice.topic === 'dossier.assigned'
        ? { topic: notice.topic, key, at: e.at, payload: { ...about, assignee: notice.to, assigneeName: notice.assigneeName, assignedByName: e.actorName } }
        : { topic: notice.topic, key, at: e.at, payload: { ...about, officer: notice.to, phase: notice.phase, by: notice.by, actorName: e.actorName } },
    );
  }
  // Live updates (platform/live.ts): the dossier's page and the current agency's queues refresh.
  return { events, live: [{ topic: `dossier:${e.dossierId}`, payload: live }, { topic: `agency:${e.state.currentAgency}`, payload: live }] };
}
