import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Criterion, Feedback as FeedbackView, PublicFeedback, Rating, RatingLevel } from '#modules/evaluation/evaluation.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';
import type { z } from 'zod';
import type * as EC from '#modules/evaluation/evaluation.contract.ts';

export type { Criterion, RatingLevel as Level, Rating } from '#modules/evaluation/evaluation.contract.ts';

/** docs/modules/evaluation.md, in the order the rating form shows them (each checked against the contract). */
export const CRITERIA = [
  'time_vs_rule',
  'bodies_contacted',
  'contacts_count',
  'info_accuracy',
  'staff_attitude',
  'lawful_result',
  'complaint_answers',
  'online_service',
] as const satisfies readonly Criterion[];
export const LEVELS = ['rat_hai_long', 'hai_long', 'khong_hai_long'] as const satisfies readonly RatingLevel[];

export function useRating(dossierId: string) {
  return useQuery({
    queryKey: ['rating', dossierId],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof EC.RatingOfDossier>>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/rating`, { signal }),
  });
}

export function useRate(dossierId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof EC.RatingBody> & { key: string }) =>
      apiFetch<Rating>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/rating`, {
        method: 'POST',
        body: { scores: input.scores, comment: input.comment || undefined },
        headers: { 'idempotency-key': input.key },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['rating', dossierId] }),
  });
}

/** An item of my feedback or of the public list: the public one has the agency's name and no author. */
export type Feedback = FeedbackView | PublicFeedback;

export function useMyFeedback(enabled: boolean) {
  return useQuery({
    queryKey: ['feedback', 'mine'],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof EC.FeedbackList>>('/api/v1/me/feedback', { signal }),
    enabled,
  });
}

export function usePublishedFeedback(page: number) {
  return useQuery({
    queryKey: ['feedback', 'public', page],
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof EC.PublicFeedbackPage>>(withQuery('/api/v1/public/feedback', { page, pageSize: 10 }), { signal }),
  });
}

export function useSendFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof EC.FeedbackBody> & { key: string }) => {
      const { key, ...body } = input;
      return apiFetch<FeedbackView>('/api/v1/feedback', { method: 'POST', body: { ...body, dossierCode: body.dossierCode || undefined }, headers: { 'idempotency-key': key } });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['feedback', 'mine'] }),
  });
}

/** Phản ánh, kiến nghị sent to the officer's agencies, unanswered first by their answer date. */
export function useAgencyFeedback(page: number) {
  return useQuery({
    queryKey: ['feedback', 'agency', page],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof EC.FeedbackPage>>(withQuery('/api/v1/feedback', { page, pageSize: 20 }), { signal }),
    placeholderData: (previous) => previous,
  });
}

/** A leader or desk officer answers once (the key makes a retried send the same answer). */
export function useAnswerFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ reference, answer, key }: { reference: string; answer: string; key: string }) =>
      apiFetch<FeedbackView>(`/api/v1/feedback/${encodeURIComponent(reference)}/answer`, { method: 'POST', body: { answer }, headers: { 'idempotency-key': key } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['feedback', 'agency'] }),
  });
}

/** An agency's published satisfaction (NĐ 61 Art. 31), public. */
export function useAgencySatisfaction(agencyCode: string) {
  return useQuery({
    queryKey: ['satisfaction', agencyCode],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof EC.Satisfaction>>(`/api/v1/agencies/${encodeURIComponent(agencyCode)}/satisfaction`, { signal }),
    enabled: agencyCode !== '',
    retry: false,
  });
}
