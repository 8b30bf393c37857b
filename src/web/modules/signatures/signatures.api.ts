import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../ui/http.ts';

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
      const headers: Record<string, string> = { accept: 'application/json' };
      if (document.documentElement.lang) headers['accept-language'] = document.documentElement.lang;
      let response: Response;
      try {
        response = await fetch('/api/v1/public/verify', { method: 'POST', body: form, headers, credentials: 'same-origin' });
      } catch (error) {
        throw new ApiError(0, 'NETWORK_ERROR', (error as Error).message);
      }
      const data = await response.json().catch(() => null);
      if (!response.ok) {
        const e = (data as { error?: { code?: string; message?: string } } | null)?.error;
        throw new ApiError(response.status, e?.code ?? `HTTP_${response.status}`, e?.message ?? response.statusText);
      }
      return data as Verification;
    },
  });
}
