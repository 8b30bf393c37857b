import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, apiFetch, withQuery } from '../../ui/http.ts';
import type {
  ActionInput,
  AgencyOverview,
  ApplicantFound,
  BulkAssignResult,
  Dossier,
  ProcessingLock,
  Queue,
  QueuePage,
  QueueParams,
  QueueSort,
  SubmitDossierInput,
} from '#modules/dossiers/dossiers.contract.ts';
import type { StoredFile } from '#modules/files/files.contract.ts';
import type { FeeQuote } from '#modules/payments/payments.contract.ts';
import type { ProcedureDetail } from '../catalog/catalog.api.ts';

/** The officer workspace's view of the dossier API (api.md §5, docs/modules/dossiers.md): every shape is the server's contract. */
export type {
  Applicant,
  AgencyOverview as Overview,
  CounterIntakeInput as CounterIntake,
  Dossier as DossierDetail,
  DossierAction,
  DossierStep,
  InteragencyStepDef,
  NamedComponent,
  ProcessingLock,
  Queue,
  QueueItem,
  QueueParams,
  QueueSort as Sort,
  ReturnMethod,
  StepOption,
  Timeliness,
} from '#modules/dossiers/dossiers.contract.ts';
import type { z } from 'zod';
import type * as WC from '#modules/dossiers/dossiers.contract.ts';

export const QUEUES = ['incoming', 'agency', 'mine', 'due_soon', 'overdue', 'waiting', 'to_issue', 'done', 'all'] as const satisfies readonly Queue[];
export const SORTS = ['dueAt', 'receivedAt', 'submittedAt'] as const satisfies readonly QueueSort[];

export function useQueue(params: QueueParams) {
  return useQuery({
    queryKey: ['workspace', 'queue', params],
    queryFn: ({ signal }) => apiFetch<QueuePage>(withQuery('/api/v1/dossiers', { ...params }), { signal }),
    placeholderData: (previous) => previous,
    staleTime: 10_000,
  });
}

const lockUrl = (id: string) => `/api/v1/dossiers/${encodeURIComponent(id)}/lock`;
const lockKey = (id: string) => ['workspace', 'lock', id];
const dossierKey = (id: string) => ['workspace', 'dossier', id];

/**
 * Claiming the processing lock (POST …/lock): the query the processing page runs when it opens and
 * every minute after. A 409 means another officer holds it: the dossier is read again, so its
 * `lock` names who and since when.
 */
export const lockClaim = (id: string, queryClient: QueryClient) => ({
  queryKey: lockKey(id),
  queryFn: async () => {
    try {
      return await apiFetch<ProcessingLock>(lockUrl(id), { method: 'POST', body: {} });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'DOSSIER_LOCKED') {
        void queryClient.invalidateQueries({ queryKey: dossierKey(id) });
      }
      throw error;
    }
  },
});

/**
 * The lock follows the page: released when the page is hidden (`pagehide`: leaving, closing the
 * tab, or going into the back-forward cache) and, when Back/Forward shows the page again from that
 * cache (`pageshow` with `persisted`), claimed again as on opening; the dossier is then read again,
 * so the page says whether another officer took the lock meanwhile. Returns the cleanup, which
 * releases the lock. `target` is the window (a fake one in test/web-processing-lock.test.ts).
 */
export function holdLockWhileShown(target: EventTarget, queryClient: QueryClient, id: string): () => void {
  const release = () => {
    void fetch(lockUrl(id), { method: 'DELETE', credentials: 'same-origin', keepalive: true }).catch(() => undefined);
  };
  const claimAgain = (event: Event) => {
    if (!(event as PageTransitionEvent).persisted) return;
    void queryClient.refetchQueries({ queryKey: lockKey(id), exact: true }).then(() => {
      // a claim refused because another officer holds the lock has asked for the dossier already (lockClaim)
      const { error } = queryClient.getQueryState(lockKey(id)) ?? {};
      if (!(error instanceof ApiError && error.code === 'DOSSIER_LOCKED')) return queryClient.invalidateQueries({ queryKey: dossierKey(id) });
    });
  };
  target.addEventListener('pagehide', release);
  target.addEventListener('pageshow', claimAgain);
  return () => {
    target.removeEventListener('pagehide', release);
    target.removeEventListener('pageshow', claimAgain);
    release();
  };
}

/**
 * Khóa xử lý while the processing page is open: claims the lock, renews it every minute,
 * releases it on leave (also when the tab closes) and claims it again when Back/Forward brings
 * the page back from the back-forward cache (holdLockWhileShown).
 */
export function useProcessingLock(id: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const claim = useQuery({
    ...lockClaim(id, queryClient),
    enabled,
    retry: false,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  useEffect(() => (enabled ? holdLockWhileShown(window, queryClient, id) : undefined), [id, enabled, queryClient]);
  const takeOver = useMutation({
    mutationFn: () => apiFetch<ProcessingLock>(lockUrl(id), { method: 'POST', body: { takeover: true } }),
    onSuccess: (lock) => {
      queryClient.setQueryData(lockKey(id), lock);
      void queryClient.invalidateQueries({ queryKey: dossierKey(id) });
    },
  });
  return { claim, takeOver };
}

export const resultPdf = (id: string) => `/api/v1/dossiers/${encodeURIComponent(id)}/result.pdf`;

export function useDossier(id: string) {
  return useQuery({
    queryKey: ['workspace', 'dossier', id],
    queryFn: ({ signal }) => apiFetch<Dossier>(`/api/v1/dossiers/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Takes one action; on success the dossier and the queues are fresh again. */
export function useAct(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionInput) =>
      apiFetch<Dossier>(`/api/v1/dossiers/${encodeURIComponent(id)}/actions`, { method: 'POST', body }),
    onSuccess: (dossier) => {
      queryClient.setQueryData(['workspace', 'dossier', id], dossier);
      void queryClient.invalidateQueries({ queryKey: ['workspace', 'queue'] });
    },
  });
}

export function useOverview(code: string | undefined) {
  return useQuery({
    queryKey: ['workspace', 'overview', code],
    queryFn: ({ signal }) => apiFetch<AgencyOverview>(`/api/v1/agencies/${encodeURIComponent(code!)}/overview`, { signal }),
    enabled: !!code,
  });
}

/** What a desk form's file chooser offers; the server checks each file by its content (files.service.ts). */
export const DESK_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

/** POST /api/v1/files (multipart, field `file`). */
export async function uploadFile(file: File): Promise<StoredFile> {
  const form = new FormData();
  form.append('file', file);
  return apiFetch<StoredFile>('/api/v1/files', { method: 'POST', body: form });
}

/** The counter's submission: channel direct or postal, with what the desk recorded (server: SubmitDossierBody). */
export type SubmitBody = SubmitDossierInput & { channel: 'direct' | 'postal'; intake: NonNullable<SubmitDossierInput['intake']> };

/** A returning applicant: as the agency's latest dossier recorded them (GET /api/v1/applicants/{id}). */
export function lookUpApplicant(idNumber: string, agency: string): Promise<ApplicantFound> {
  return apiFetch<ApplicantFound>(withQuery(`/api/v1/applicants/${encodeURIComponent(idNumber)}`, { agency }));
}

/** The fee at the counter for the pages and copies counted (GET /api/v1/procedures/{code}/fee). */
export function useCounterFee(code: string, channel: 'direct' | 'postal', pages: number | undefined, copies: number | undefined) {
  return useQuery({
    queryKey: ['fee', code, channel, pages ?? null, copies ?? null],
    queryFn: ({ signal }) =>
      apiFetch<FeeQuote>(withQuery(`/api/v1/procedures/${encodeURIComponent(code)}/fee`, { channel, pages, copies }), { signal }),
    enabled: code !== '',
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}

/** Phân công hàng loạt (leader): one specialist for the dossiers ticked in a queue. */
export function useBulkAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof WC.BulkAssignBody>) =>
      apiFetch<BulkAssignResult>('/api/v1/dossiers/bulk-assign', {
        method: 'POST',
        body,
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['workspace'] }),
  });
}

/** FNV-1a of a string, hex: the same form content gives the same Idempotency-Key. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/**
 * Reception at the counter: submit as `direct`, then `receive` (code and appointment). A retry of
 * the same form (double click, lost answer, receive refused then fixed elsewhere) replays the
 * same dossier through its Idempotency-Key instead of filing a second one.
 */
export function useReceiveAtCounter(formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SubmitBody) => {
      const submitted = await apiFetch<Dossier>('/api/v1/dossiers', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': `quay-${formId}-${fingerprint(JSON.stringify(body))}` },
      });
      if (submitted.status !== 'SUBMITTED') return submitted;
      return apiFetch<Dossier>(`/api/v1/dossiers/${submitted.id}/actions`, {
        method: 'POST',
        body: { action: 'receive' },
        headers: { 'idempotency-key': `tiep-nhan-${submitted.id}` },
      });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['workspace', 'queue'] }),
  });
}

/** The first working day after `from` in the working calendar (for a new appointment's hint). */
export function useWorkingDayAfter(from: string | null) {
  return useQuery({
    queryKey: ['calendar', 'next-working-day', from],
    queryFn: ({ signal }) => apiFetch<{ date: string }>(withQuery('/api/v1/calendar/add-working-days', { from, days: 1 }), { signal }),
    enabled: !!from,
    staleTime: 5 * 60_000,
  });
}

/** Field errors of a 400 answer: `details: [{field, message}]` → { 'applicant.idNumber': '…' }. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details as { field?: string; path?: string; message?: string }[]) {
    const field = d.field ?? d.path;
    if (field && d.message && !out[field]) out[field] = d.message;
  }
  return out;
}

export const dossierPdf = (id: string, form: string) => `/api/v1/dossiers/${encodeURIComponent(id)}/documents/${form}.pdf`;
export const dossierFile = (id: string, fileId: string) => `/api/v1/dossiers/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}`;

/** A procedure's detail once one is chosen (same cache entry as the portal's procedure page). */
export function useProcedureDetail(code: string) {
  return useQuery({
    queryKey: ['procedure', code],
    queryFn: ({ signal }) => apiFetch<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(code)}`, { signal }),
    enabled: code !== '',
  });
}

export function useStepOptions(id: string) {
  return useQuery({
    queryKey: ['workspace', 'step-options', id],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof WC.StepOptionList>>(`/api/v1/dossiers/${encodeURIComponent(id)}/step-options`, { signal }),
    staleTime: 0,
  });
}
