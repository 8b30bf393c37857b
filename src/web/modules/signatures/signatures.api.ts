import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../ui/http.ts';

/** GET /api/v1/public/verify/:resultId and POST /api/v1/public/verify (docs/modules/signatures.md). */

import type { Verification } from '#modules/signatures/signatures.contract.ts';

export type { Verification, VerificationReason } from '#modules/signatures/signatures.contract.ts';

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
