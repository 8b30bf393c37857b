import { idNumberProblem, normalizeIdNumber, normalizePhone, PHONE_PATTERN } from '../../../modules/dossiers/applicant-rules.ts';

/**
 * The counter's check of the applicant's identity number and phone, by the server's own rules
 * (applicant-rules.ts, as the API's `Applicant` applies them): a 12-digit personal number opening
 * with a province code, or an organisation's 10- or 13-digit tax code (0123456789-001), typed
 * with spaces or dots; a Vietnamese phone, typed with +84, spaces or dots. Answers the i18n key
 * of each problem (`workspace.reception.*`), none when the field is right.
 */
export function counterApplicantProblems(applicant: { idNumber: string; phone: string }): { idNumber?: string; phone?: string } {
  const problems: { idNumber?: string; phone?: string } = {};
  const id = idNumberProblem(normalizeIdNumber(applicant.idNumber));
  if (id) problems.idNumber = id === 'province' ? 'workspace.reception.idProvince' : 'workspace.reception.idNumberInvalid';
  if (!PHONE_PATTERN.test(normalizePhone(applicant.phone))) problems.phone = 'workspace.reception.phoneInvalid';
  return problems;
}

/** The applicant's numbers as sent: compact, as the server stores them. */
export const counterIdNumber = (typed: string) => normalizeIdNumber(typed);
export const counterPhone = (typed: string) => normalizePhone(typed);
