import { z } from 'zod';
import { IsoDateTime } from '#platform/contract.ts';
import { VERIFY_REASONS } from './verify-pdf.ts';

/** Every request and answer of the signatures routes: public verification of results, revocation. */

export const ResultIdParams = z.object({ resultId: z.string().min(1).max(100) });
export const RevokeResultBody = z.object({ reason: z.string().trim().min(1).max(2000) });
export type RevokeResultBody = z.infer<typeof RevokeResultBody>;

/** Why a result is not valid: a signature reason, or one about our records. */
export const VerificationReason = z.enum([...VERIFY_REASONS, 'REVOKED', 'NOT_ISSUED_HERE', 'FILE_MISSING', 'SIGNER_MISMATCH']);
export type VerificationReason = z.infer<typeof VerificationReason>;

/** What the public verification page shows about a result (kept or uploaded). */
export const Verification = z.object({
  valid: z.boolean(),
  reason: VerificationReason.optional(),
  /** Whether the PDF's signature and chain verify, whatever our records say. */
  signatureValid: z.boolean(),
  resultId: z.string().nullable(),
  resultNumber: z.string().nullable(),
  issuedAt: IsoDateTime.nullable(),
  agency: z.object({ code: z.string(), name: z.string() }).nullable(),
  procedureName: z.string().nullable(),
  dossierCode: z.string().nullable(),
  signer: z.object({ subject: z.string(), issuer: z.string(), serial: z.string(), notBefore: z.string(), notAfter: z.string() }).nullable(),
  signingTime: IsoDateTime.nullable(),
  revoked: z.boolean(),
  revokedAt: IsoDateTime.optional(),
  revocationReason: z.string().optional(),
  sha256: z.string(),
});
export type Verification = z.infer<typeof Verification>;

export const RevokedListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** The public list of revoked results (no personal data: the applicant is not named). */
export const RevokedList = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      resultId: z.string(),
      number: z.string(),
      agencyName: z.string(),
      procedureCode: z.string(),
      procedureName: z.string(),
      issuedAt: z.string(),
      revokedAt: z.string(),
      reason: z.string(),
    }),
  ),
});
