import type { ActionHandlers } from './act-on-dossier.ts';
import { assignDossier } from './assign-dossier.ts';
import { approveDossier, rejectDossier, returnResult, stopDossier, withdrawDossier } from './close-dossier.ts';
import { completeStep } from './complete-step.ts';
import { dispatchSteps } from './dispatch-steps.ts';
import { extendDeadline } from './extend-deadline.ts';
import { forwardDossier } from './forward-dossier.ts';
import { issueDossierResult } from './issue-dossier-result.ts';
import { confirmPayment, requestPayment } from './payment.ts';
import { receiveDossier } from './receive-dossier.ts';
import { recallStep } from './recall-step.ts';
import { requestSupplement } from './request-supplement.ts';
import { submitSupplement } from './submit-supplement.ts';

/** One use case per action; the compiler checks none is missing. */
export const actionHandlers: ActionHandlers = {
  receive: receiveDossier,
  reject: rejectDossier,
  request_supplement: requestSupplement,
  submit_supplement: submitSupplement,
  assign: assignDossier,
  forward: forwardDossier,
  dispatch: dispatchSteps,
  complete_step: completeStep,
  approve: approveDossier,
  issue_result: issueDossierResult,
  stop: stopDossier,
  request_payment: requestPayment,
  confirm_payment: confirmPayment,
  extend: extendDeadline,
  recall_step: recallStep,
  return_result: returnResult,
  withdraw: withdrawDossier,
};
