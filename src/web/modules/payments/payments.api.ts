import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../ui/http.ts';

import type { DossierPayments, FeeQuote, Payment, RefundBody } from '#modules/payments/payments.contract.ts';
import type { z } from 'zod';

/** docs/modules/payments.md, as the citizen's dossier page and the workspace read it: the shapes are the server's contract. */
export type { DossierPayments, FeeLine, FeeQuote, Payment } from '#modules/payments/payments.contract.ts';

export function useDossierPayments(dossierId: string) {
  return useQuery({
    queryKey: ['payments', dossierId],
    queryFn: ({ signal }) => apiFetch<DossierPayments>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/payments`, { signal }),
  });
}

/** `GET /api/v1/procedures/{code}/fee?channel=…`: the fee quoted from the version in force. */
export function useFeeQuote(code: string, channel: 'online' | 'direct' | 'postal' = 'online') {
  return useQuery({
    queryKey: ['fee', code, channel],
    queryFn: ({ signal }) => apiFetch<FeeQuote>(`/api/v1/procedures/${encodeURIComponent(code)}/fee?channel=${channel}`, { signal }),
    staleTime: 5 * 60_000,
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

/** The desk records a refund (`POST /api/v1/payments/{id}/refund`); the same reference again is a no-op. */
export function useRecordRefund(dossierId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof RefundBody> & { paymentId: string }) =>
      apiFetch<Payment>(`/api/v1/payments/${encodeURIComponent(input.paymentId)}/refund`, {
        method: 'POST',
        body: { reference: input.reference, ...(input.note ? { note: input.note } : {}) },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['payments', dossierId] }),
  });
}

/** A payment's events for the dossier's timeline (the payment is in the dossier's audit chain, not its action log). */
export interface PaymentEvent {
  key: string;
  at: string;
  kind: 'paid' | 'refunded';
  payment: Payment;
}

export function paymentEvents(items: Payment[] | undefined): PaymentEvent[] {
  const out: PaymentEvent[] = [];
  for (const p of items ?? []) {
    if (p.paidAt) out.push({ key: `paid-${p.id}`, at: p.paidAt, kind: 'paid', payment: p });
    if (p.refund) out.push({ key: `refunded-${p.id}`, at: p.refund.at, kind: 'refunded', payment: p });
  }
  return out;
}
