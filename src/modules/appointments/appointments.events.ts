import { defineEvents } from '#platform/events.ts';

/** `appointment.booked`, `appointment.reminder` (and the changes below), written by the appointments module. */
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
  /** ISO instant of the booking (`appointment.booked`). */
  createdAt?: string;
}

/** `appointment.moved` and `appointment.cancelled`: who changed the booking, why, and (moved) the slot it had. */
export interface AppointmentChangePayload extends AppointmentPayload {
  /** The citizen (signed in, or with the code and phone digits) or the desk of the agency. */
  by: 'citizen' | 'desk';
  /** The desk's reason (required of the desk), said to the citizen. */
  reason: string | null;
  /** Moved: the slot before. */
  previous?: { date: string; startTime: string; endTime: string };
}

/** The events this module produces (handled by notifications). */
export const appointmentEvents = defineEvents<{
  'appointment.booked': AppointmentPayload;
  'appointment.reminder': AppointmentPayload;
  'appointment.moved': AppointmentChangePayload;
  'appointment.cancelled': AppointmentChangePayload;
}>({ 'appointment.booked': true, 'appointment.reminder': true, 'appointment.moved': true, 'appointment.cancelled': true });
