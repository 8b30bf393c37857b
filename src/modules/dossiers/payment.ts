import { localDate, localInstant, localTime } from '#platform/clock.ts';
import { addWorkingDays, workingDaysBetween } from '#modules/calendar/index.ts';
import type { ActionHandler } from './act-on-dossier.ts';

/** Yêu cầu thực hiện nghĩa vụ tài chính: the dossier waits for a tax, fee or levy (status 6). */
export const requestPayment: ActionHandler<'request_payment'> = async ({ input }) => ({
  data: { amountVnd: input.amountVnd, reason: input.reason },
});

/**
 * Payment confirmed: back to processing. When the frozen version excludes the wait
 * (`rules.excludePaymentWait`, e.g. land procedures), the appointment moves by the working days
 * spent waiting, keeping its time of day.
 */
export const confirmPayment: ActionHandler<'confirm_payment'> = async ({ tx, dossier, procedure, now, input }) => {
  if (!(procedure.rules.excludePaymentWait && dossier.paymentRequestedAt && dossier.dueAt && dossier.dueDate)) {
    return { data: { reference: input.reference } };
  }
  const paused = await workingDaysBetween(tx, localDate(dossier.paymentRequestedAt), localDate(now));
  if (paused === 0) return { data: { reference: input.reference, pausedWorkingDays: 0 } };
  const dueDate = await addWorkingDays(tx, dossier.dueDate, paused);
  return {
    data: { reference: input.reference, pausedWorkingDays: paused, dueDate, dueAt: localInstant(dueDate, localTime(dossier.dueAt)).toISOString() },
  };
};
