import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../ui/http.ts';
import { type DossierDetail, fingerprint, type SubmitBody } from './workspace.api.ts';

/**
 * Mẫu 02 at the counter (NĐ 61/2018 Art. 15–18): a walk-in dossier lacking required components is
 * filed as `direct`, then `request_supplement` names what is missing. Both steps carry an
 * Idempotency-Key (the form's and the dossier's), so a retry replays instead of filing twice; a
 * dossier already waiting for its supplement (a replayed filing) is returned as it is.
 */
export function useSupplementAtCounter(formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { body: SubmitBody; reason: string; components: string[] }) => {
      const submitted = await apiFetch<DossierDetail>('/api/v1/dossiers', {
        method: 'POST',
        body: input.body,
        headers: { 'idempotency-key': `quay-${formId}-${fingerprint(JSON.stringify(input.body))}` },
      });
      if (submitted.status !== 'SUBMITTED') return submitted;
      return apiFetch<DossierDetail>(`/api/v1/dossiers/${submitted.id}/actions`, {
        method: 'POST',
        body: { action: 'request_supplement', reason: input.reason, components: input.components },
        headers: { 'idempotency-key': `bo-sung-quay-${submitted.id}` },
      });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['workspace', 'queue'] }),
  });
}
