import { formatDateTime } from '#modules/documents/index.ts';
import type { PasswordChangedPayload, PasswordResetPayload } from '#modules/identity/index.ts';
import type { AppointmentChangePayload, AppointmentPayload } from '#modules/appointments/index.ts';
import {
  type DossierAssignedPayload,
  type DossierDueSoonPayload,
  type DossierStatusChangedPayload,
  type DossierStepOverduePayload,
  type DossierSupplementReceivedPayload,
  type ResultReturnMethod,
  statusInfo,
} from '#modules/dossiers/index.ts';
import { dmy, type Message, statusChangeWording, type Template } from './messages.ts';

/**
 * The English wording of each notice (the second locale), function for function beside the
 * Vietnamese of `messages.ts` and chosen the same way (per action, else per status). Names the
 * payload carries (procedure, agency, officer) and free text (a reason) stay as written, in
 * Vietnamese; times read "09:15 on 25/11/2026" (Asia/Ho_Chi_Minh).
 */

/** 'HH:mm on dd/mm/yyyy'. */
const time = (iso: string | null | undefined) => (iso ? formatDateTime(iso).replace(' ', ' on ') : 'not yet set');
const name = (p: { procedureName?: string; procedureCode: string }) => p.procedureName ?? p.procedureCode;
/** "Dossier 000.00.50.H01-261125-0001 (Đăng ký khai sinh)", to open a sentence; `of` … inside one. */
const ref = (p: { code: string | null; procedureName?: string; procedureCode: string }) => `Dossier ${p.code ?? '(no code yet)'} (${name(p)})`;
const of = (p: { code: string | null; procedureName?: string; procedureCode: string }) => `dossier ${p.code ?? '(no code yet)'} (${name(p)})`;
const unit = (p: DossierStatusChangedPayload) => p.actorUnit ?? p.agencyName;
const reason = (p: DossierStatusChangedPayload) => (p.reason ? ` Reason: ${p.reason}.` : '');
const due = (p: DossierStatusChangedPayload) => (p.dueAt ? ` Result due: ${time(p.dueAt)}.` : '');
const DESK = 'the one-stop desk';
const PORTAL = 'the public service portal';

function resultWay(p: { returnMethod?: ResultReturnMethod; returnPlace?: string | null; agencyName?: string }): string {
  if (p.returnMethod === 'buu_chinh') return 'The result will be sent to you by public postal service at the address you registered.';
  if (p.returnMethod === 'truc_tuyen') return `You receive the result online: download the digitally signed copy from the dossier page on ${PORTAL}.`;
  return `Please collect the result at ${DESK} — ${p.returnPlace ?? p.agencyName}.`;
}

const byAction: Record<string, Template> = {
  forward: (p) => ({
    title: 'Dossier forwarded for processing',
    body: `${ref(p)} was forwarded by ${unit(p)} to ${p.agencyName} at ${time(p.at)} to continue processing.${due(p)}`,
  }),
  extend: (p) => ({
    title: 'New date for the result',
    body: `${unit(p)} apologises: the result of ${of(p)} cannot be returned on the appointed date.${reason(p)} New result date: ${time(p.dueAt)}.`,
  }),
  submit_supplement: (p) => ({
    title: 'Supplement received',
    body: `${ref(p)}: the supplementary papers were recorded at ${time(p.at)} at ${p.agencyName}.${due(p)}`,
  }),
  approve: (p) =>
    p.awaitingIssue
      ? { title: 'Dossier approved', body: `${ref(p)} was approved at ${time(p.at)}; the result is being issued and you will be notified when it is ready.` }
      : byStatus.RESULT_READY(p),
  confirm_payment: (p) => ({
    title: 'Financial obligations confirmed',
    body: `${ref(p)}: ${unit(p)} confirmed at ${time(p.at)} that you have fulfilled your financial obligations; processing of the dossier continues.${due(p)}`,
  }),
};

const byStatus: Record<string, Template> = {
  SUBMITTED: (p) => ({
    title: 'Dossier submitted',
    body: `${ref(p)} was submitted to ${p.agencyName} at ${time(p.at)} and is awaiting reception.${p.reference ? ` Lookup code: ${p.reference} (use it to track the dossier until it has a dossier code, and afterwards too).` : ''}`,
  }),
  RECEIVED: (p) => ({
    title: 'Dossier received',
    body: `${ref(p)} was received by ${unit(p)} at ${time(p.at)}.${due(p)}`,
  }),
  REJECTED_AT_INTAKE: (p) => ({
    title: 'Dossier not accepted',
    body: `${ref(p)} was not accepted by ${unit(p)} (${time(p.at)}).${reason(p)}`,
  }),
  IN_PROCESSING: (p) => ({
    title: 'Dossier being processed',
    body: `${ref(p)} is being processed at ${p.agencyName} (updated at ${time(p.at)}).${due(p)}`,
  }),
  AWAITING_SUPPLEMENT: (p) => ({
    title: 'Please supplement and complete your dossier',
    body: `${ref(p)}: ${unit(p)} asks you to supplement and complete the dossier (${time(p.at)}).${reason(p)}`,
  }),
  AWAITING_PAYMENT: (p) => ({
    title: 'Please fulfil your financial obligations',
    body: `${ref(p)}: ${unit(p)} asks you to fulfil your financial obligations (${time(p.at)}).${reason(p)}`,
  }),
  WITHDRAWN: (p) => ({
    title: 'Dossier withdrawn',
    body: `${ref(p)} was withdrawn on request at ${time(p.at)}.${reason(p)}`,
  }),
  STOPPED: (p) => ({
    title: 'Dossier processing stopped',
    body: `${unit(p)} stopped processing ${of(p)} at ${time(p.at)}.${reason(p)}`,
  }),
  RESULT_READY: (p) => ({
    title: 'Result ready',
    body: `The result of ${of(p)} has been ready since ${time(p.at)}. ${resultWay(p)}`,
  }),
  RESULT_RETURNED: (p) => ({
    title: 'Result returned',
    body:
      p.returnMethod === 'buu_chinh'
        ? `The result of ${of(p)} was sent by public postal service at ${time(p.at)}${p.postalReference ? ` (item number ${p.postalReference})` : ''}.`
        : p.returnMethod === 'truc_tuyen'
        ? `The result of ${of(p)} was returned online at ${time(p.at)}: download the digitally signed copy from the dossier page on ${PORTAL}.`
        : `The result of ${of(p)} was handed over at ${unit(p)} at ${time(p.at)}.`,
  }),
};

const label = (p: DossierStatusChangedPayload) => (statusInfo as Record<string, { en: string }>)[p.status]?.en ?? p.statusLabel;

const fallback: Template = (p) => ({
  title: `Dossier: ${label(p)}`,
  body: `${ref(p)} moved to the status "${label(p)}" at ${time(p.at)} (${unit(p)}).${reason(p)}`,
});

export const statusChangedMessage = statusChangeWording(byAction, byStatus, fallback);

export function stepOverdueMessage(p: DossierStepOverduePayload): Message {
  return {
    title: 'Inter-agency step overdue',
    body: `${ref(p)}: step ${p.step}${p.task ? ` (${p.task})` : ''} at ${p.stepAgencyName} passed its deadline of ${time(p.subDueAt)}. Please follow it up or recall the step to the lead agency.`,
  };
}

export function assignedMessage(p: DossierAssignedPayload): Message {
  return {
    title: 'Dossier assigned to you',
    body: `${ref(p)} was assigned to you for processing by ${p.assignedByName} at ${time(p.at)}.${p.dueAt ? ` Result due: ${time(p.dueAt)}.` : ''}`,
  };
}

export function supplementReceivedMessage(p: DossierSupplementReceivedPayload): Message {
  const how = p.by === 'desk' ? `received by ${p.actorName} at ${DESK}` : 'sent online by the applicant';
  return {
    title: 'Dossier supplemented',
    body:
      p.phase === 'appraisal'
        ? `${ref(p)}: all the supplementary papers requested have arrived, ${how} at ${time(p.at)}. The dossier is back with you to continue processing; the time limit starts again, new result date: ${time(p.dueAt)}.`
        : `${ref(p)}: all the supplementary papers requested have arrived, ${how} at ${time(p.at)}. The dossier is awaiting reception.`,
  };
}

export function dueSoonMessages(p: DossierDueSoonPayload): { applicant: Message; officer: Message } {
  return {
    applicant: {
      title: 'Result date approaching',
      body: `The result of ${of(p)} is due at ${time(p.dueAt)}${
        p.returnMethod === 'buu_chinh'
          ? ', sent by public postal service'
          : p.returnMethod === 'truc_tuyen'
          ? `, returned online on ${PORTAL}`
          : p.returnPlace || p.agencyName
          ? ` at ${DESK} — ${p.returnPlace ?? p.agencyName}`
          : ''
      }.`,
    },
    officer: {
      title: 'Dossier due soon',
      body: `The result of ${of(p)} is due at ${time(p.dueAt)} (one working day or less left). Please finish on time or issue an apology letter with a new result date.`,
    },
  };
}

const procedure = (p: AppointmentPayload) => p.procedureName ?? p.procedureCode;
const slot = (p: { date: string; startTime: string; endTime: string }) => `${p.startTime}–${p.endTime} on ${dmy(p.date)}`;
const because = (p: AppointmentChangePayload) => (p.reason ? ` Reason: ${p.reason.replace(/[.。]\s*$/, '')}.` : '');

export const appointmentBookedMessage = (p: AppointmentPayload): Message => ({
  title: 'Desk appointment booked',
  body: `Booking ${p.code}: ${slot(p)} at ${p.agencyName}, procedure ${procedure(p)}. Please come on time, bring your papers and give the booking code to the desk officer.`,
});

export const appointmentReminderMessage = (p: AppointmentPayload): Message => ({
  title: 'Your appointment is today',
  body: `Today, ${dmy(p.date)}, from ${p.startTime} to ${p.endTime}, you have booking ${p.code} at ${p.agencyName} (procedure ${p.procedureCode}).`,
});

export const appointmentMovedMessage = (p: AppointmentChangePayload): Message =>
  p.by === 'desk'
    ? {
        title: 'The agency moved your appointment',
        body: `${p.agencyName} moved booking ${p.code} (procedure ${procedure(p)})${p.previous ? ` from ${slot(p.previous)}` : ''} to ${slot(p)}.${because(p)} If the new time does not suit you, you can choose another time or cancel the booking under “My bookings”.`,
      }
    : {
        title: 'Appointment moved',
        body: `Booking ${p.code} (procedure ${procedure(p)}) at ${p.agencyName} was moved${p.previous ? ` from ${slot(p.previous)}` : ''} to ${slot(p)}; the booking code stays the same. If you did not move it, please contact ${p.agencyName}.`,
      };

export const appointmentCancelledMessage = (p: AppointmentChangePayload): Message =>
  p.by === 'desk'
    ? {
        title: 'The agency cancelled your appointment',
        body: `${p.agencyName} cancelled booking ${p.code} at ${slot(p)} (procedure ${procedure(p)}).${because(p)} You can book another time on the procedure’s page.`,
      }
    : {
        title: 'Appointment cancelled',
        body: `Booking ${p.code} at ${slot(p)} at ${p.agencyName} (procedure ${procedure(p)}) was cancelled. If you did not cancel it, please contact ${p.agencyName}.`,
      };

const NO_PASSWORD_BY_MAIL = 'Một Cửa never sends passwords by e-mail or text message.';

export const passwordChangedMessage = (p: PasswordChangedPayload): Message => ({
  title: 'Your account password was changed',
  body: `The password of your account ${p.username} was changed at ${time(p.at)}. If this was not you, please contact the administrator at once. ${NO_PASSWORD_BY_MAIL}`,
});

export const passwordResetMessage = (p: PasswordResetPayload): Message => ({
  title: 'Your account password was reset',
  body: `Administrator ${p.byName} reset the password of your account ${p.username} at ${time(p.at)}; every session of the account has been signed out. The administrator gives you the temporary password in person, and you must change it the next time you sign in. If you did not ask for a reset, please contact the administrator at once. ${NO_PASSWORD_BY_MAIL}`,
});
