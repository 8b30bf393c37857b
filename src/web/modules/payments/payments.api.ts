import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../ui/http.ts';

/** docs/modules/payments.md, as the citizen's dossier page reads it. */
export interface Payment {
  id: string;
  orderRef: string;
  amountVnd: number;
  reason: string;
  status: 'pending' | 'paid';
  createdAt: string;
  paidAt: string | null;
  receiptNo: string | null;
  bankTransfer: { bankBin: string; account: string; accountName: string; message: string; vietQr: string } | null;
  gatewayUrl: string | null;
  receiptUrl: string | null;
}

export interface DossierPayments {
  items: Payment[];
  pending: { seq: number; amountVnd: number; reason: string } | null;
}

export function useDossierPayments(dossierId: string) {
  return useQuery({
    queryKey: ['payments', dossierId],
    queryFn: ({ signal }) => apiFetch<DossierPayments>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/payments`, { signal }),
  });
}

export function useOpenPayment(dossierId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch<Payment>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/payments`, {
        method: 'POST',
        headers: { 'idempotency-key': `payment-${dossierId}-${Date.now()}` },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['payments', dossierId] }),
  });
}
