import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../ui/http.ts';

/** GET /api/v1/public/verify/:resultId and POST /api/v1/public/verify (docs/modules/signatures.md). */

export type VerificationReason =
  | 'NO_SIGNATURE'
  | 'MALFORMED_SIGNATURE'
  | 'INCOMPLETE_COVERAGE'
  | 'WEAK_ALGORITHM'
  | 'DIGEST_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'UNTRUSTED_CERTIFICATE'
  | 'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME'
  | 'REVOKED'
  | 'NOT_ISSUED_HERE'
  | 'FILE_MISSING'
  | 'SIGNER_MISMATCH';

export interface Verification {
  valid: boolean;
  reason?: VerificationReason;
  signatureValid: boolean;
  resultId: string | null;
  resultNumber: string | null;
  issuedAt: string | null;
  agency: { code: string; name: string } | null;
  procedureName: string | null;
  dossierCode: string | null;
  signer: { subject: string; issuer: string; serial: string; notBefore: string; notAfter: string } | null;
  signingTime: string | null;
  revoked: boolean;
  revokedAt?: string;
  revocationReason?: string;
  sha256: string;
}

export function useVerification(resultId: string) {
  return useQuery({
    queryKey: ['verify', resultId],
    queryFn: ({ signal }) => apiFetch<Verification>(`/api/v1/public/verify/${encodeURIComponent(resultId)}`, { signal }),
    enabled: resultId.length > 0,
    staleTime: 0,
  });
}

/** Sends a received copy (multipart field `file`); nothing is stored on the server. */
export function useCheckCopy() {
  return useMutation({
    mutationFn: async (file: File): Promise<Verification> => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiFetch<Verification>('/api/v1/public/verify', { method: 'POST', body: form });
    },
  });
}
