import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, apiFetch, withQuery } from '../../ui/http.ts';
import type { ProcedureDetail } from '../catalog/catalog.api.ts';
import type { ApplicantInput as Applicant, Dossier, HistoryEntry, Timeliness } from '../dossiers/dossiers.api.ts';

export type { Applicant, Timeliness };

/** The officer workspace's view of the dossier API (api.md §5, docs/modules/dossiers.md). */

export const QUEUES = ['incoming', 'agency', 'mine', 'due_soon', 'overdue', 'waiting', 'to_issue', 'done', 'all'] as const;
export type Queue = (typeof QUEUES)[number];
export const SORTS = ['dueAt', 'receivedAt', 'submittedAt'] as const;
export type Sort = (typeof SORTS)[number];

export interface QueueItem {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  status: string;
  statusCode: number;
  statusLabel: string;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  timeliness: Timeliness | null;
  assignee: { id: string; name: string | null } | null;
  agencyCode: string;
  /** The agency holding the dossier now (the competent one after a hand-over at reception). */
  holdingAgency?: { code: string; name: string };
  /** Liên thông: the step the caller's agency works on a dossier held elsewhere, with its own due time and timeliness. */
  step?: { step: number; agency: string; subDueAt: string | null; timeliness: Timeliness | null } | null;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  pageSize: number;
  sort: Sort;
  order: 'asc' | 'desc';
  counts: Record<Queue, number>;
}

export interface QueueParams {
  queue: Queue;
  q?: string;
  agency?: string;
  /** Filters: procedure code, reception dates (yyyy-mm-dd), assigned officer (user id). */
  procedure?: string;
  from?: string;
  to?: string;
  assignee?: string;
  sort?: Sort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function useQueue(params: QueueParams) {
  return useQuery({
    queryKey: ['workspace', 'queue', params],
    queryFn: ({ signal }) => apiFetch<QueuePage>(withQuery('/api/v1/dossiers', { ...params }), { signal }),
    placeholderData: (previous) => previous,
    staleTime: 10_000,
  });
}

export type DossierAction =
  | 'receive'
  | 'reject'
  | 'request_supplement'
  | 'submit_supplement'
  | 'assign'
  | 'forward'
  | 'dispatch'
  | 'complete_step'
  | 'approve'
  | 'issue_result'
  | 'stop'
  | 'request_payment'
  | 'confirm_payment'
  | 'extend'
  | 'recall_step'
  | 'return_result'
  | 'withdraw';

export interface DossierStep {
  seq: number;
  step: number | null;
  fromAgency: { code: string; name: string };
  toAgency: { code: string; name: string };
  sentAt: string;
  finishedAt: string | null;
  subDueAt: string | null;
  timeliness: Timeliness | null;
  note: string | null;
  resultNote: string | null;
  resultFileId: string | null;
}

export interface InteragencyStepDef {
  seq: number;
  agencyKind: string;
  agency: string;
  task: string;
  result: string | null;
  deadlineDays: number | null;
  dependsOn: number[];
}

/** The dossier as officers read it: the citizen's shape (api.md §5) with the officer's fields. */
export interface DossierDetail extends Omit<Dossier, 'channel' | 'submittedAt' | 'allowedActions' | 'result' | 'history'> {
  channel: 'online' | 'direct' | 'postal';
  competentAgency: { code: string; name: string };
  assignee: string | null;
  submittedAt: string;
  allowedActions: DossierAction[];
  /** The signed result, once issued (GET result.pdf). */
  result?: { id: string; number: string } | null;
  /** Approved, waiting for this agency's clerk (văn thư) to issue the result. */
  awaitingIssueBy?: { code: string; name: string } | null;
  /** Khóa xử lý: the officer whose processing page holds the dossier, while live. */
  lock?: ProcessingLock | null;
  /** Hand-overs (Mẫu 05); `step` names the liên thông step a row works (null for a plain hand-over). */
  steps?: DossierStep[];
  /** The frozen version's liên thông steps (a graph by `dependsOn`). */
  interagencySteps?: InteragencyStepDef[];
  history: (HistoryEntry & { collectedBy?: { fullName: string; idNumber?: string }; stillMissing?: NamedComponent[] })[];
  /** Actions the caller could take but for a condition (`APOLOGY_REQUIRED`, `EXTENSION_ALREADY_USED`, `DEADLINE_PASSED`…): the page says why. */
  blockedActions?: { action: DossierAction; reason: string }[];
  /** Waiting for a supplement (status 5): what the Mẫu 02 asked for and what is still missing. */
  supplement?: { phase: 'intake' | 'appraisal'; requestedAt: string; reason: string | null; requested: NamedComponent[]; missing: NamedComponent[] } | null;
}

export interface NamedComponent {
  code: string;
  name: string;
}

export interface ProcessingLock {
  holder: { id: string; name: string };
  since: string;
  expiresAt: string;
  mine: boolean;
  canTakeOver: boolean;
}

const lockUrl = (id: string) => `/api/v1/dossiers/${encodeURIComponent(id)}/lock`;

/**
 * Khóa xử lý while the processing page is open: claims the lock, renews it every minute,
 * releases it on leave (also when the tab closes). A 409 means another officer holds it: the
 * dossier is read again, so its `lock` names who and since when.
 */
export function useProcessingLock(id: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const claim = useQuery({
    queryKey: ['workspace', 'lock', id],
    queryFn: async () => {
      try {
        return await apiFetch<ProcessingLock>(lockUrl(id), { method: 'POST', body: {} });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'DOSSIER_LOCKED') {
          void queryClient.invalidateQueries({ queryKey: ['workspace', 'dossier', id] });
        }
        throw error;
      }
    },
    enabled,
    retry: false,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  useEffect(() => {
    if (!enabled) return;
    const release = () => {
      void fetch(lockUrl(id), { method: 'DELETE', credentials: 'same-origin', keepalive: true }).catch(() => undefined);
    };
    window.addEventListener('pagehide', release);
    return () => {
      window.removeEventListener('pagehide', release);
      release();
    };
  }, [id, enabled]);
  const takeOver = useMutation({
    mutationFn: () => apiFetch<ProcessingLock>(lockUrl(id), { method: 'POST', body: { takeover: true } }),
    onSuccess: (lock) => {
      queryClient.setQueryData(['workspace', 'lock', id], lock);
      void queryClient.invalidateQueries({ queryKey: ['workspace', 'dossier', id] });
    },
  });
  return { claim, takeOver };
}

export const resultPdf = (id: string) => `/api/v1/dossiers/${encodeURIComponent(id)}/result.pdf`;

export function useDossier(id: string) {
  return useQuery({
    queryKey: ['workspace', 'dossier', id],
    queryFn: ({ signal }) => apiFetch<DossierDetail>(`/api/v1/dossiers/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Takes one action; on success the dossier and the queues are fresh again. */
export function useAct(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: DossierAction } & Record<string, unknown>) =>
      apiFetch<DossierDetail>(`/api/v1/dossiers/${encodeURIComponent(id)}/actions`, { method: 'POST', body }),
    onSuccess: (dossier) => {
      queryClient.setQueryData(['workspace', 'dossier', id], dossier);
      void queryClient.invalidateQueries({ queryKey: ['workspace', 'queue'] });
    },
  });
}

export interface Overview {
  agency: { code: string; name: string; provinceCode: string };
  at: string;
  total: number;
  byStatus: { status: string; statusCode: number; statusLabel: string; count: number }[];
  finished: { total: number; truocHan: number; dungHan: number; quaHan: number; onTimeRate: number | null };
  dueSoon: number;
  overdueCount: number;
  overdue: {
    id: string;
    code: string | null;
    procedureCode: string;
    procedureName: string;
    statusLabel: string;
    dueAt: string | null;
    daysLate: number;
    responsible: { id: string; name: string | null } | null;
    agencyCode: string;
  }[];
}

export function useOverview(code: string | undefined) {
  return useQuery({
    queryKey: ['workspace', 'overview', code],
    queryFn: ({ signal }) => apiFetch<Overview>(`/api/v1/agencies/${encodeURIComponent(code!)}/overview`, { signal }),
    enabled: !!code,
  });
}

export interface Uploaded {
  fileId: string;
  sha256: string;
  size: number;
  mediaType: string;
}

/** POST /api/v1/files (multipart, field `file`). */
export async function uploadFile(file: File): Promise<Uploaded> {
  const form = new FormData();
  form.append('file', file);
  return apiFetch<Uploaded>('/api/v1/files', { method: 'POST', body: form });
}

export type ReturnMethod = 'tai_quay' | 'buu_chinh' | 'truc_tuyen';

/** What the desk records at the counter besides files (server: CounterIntake). */
export interface CounterIntake {
  paper: { componentCode: string; originals: number; copies: number }[];
  pages?: number;
  copies?: number;
  returnMethod: ReturnMethod;
  returnAddress?: string;
}

export interface SubmitBody {
  procedureCode: string;
  receivingAgency: string;
  channel: 'direct' | 'postal';
  applicant: Applicant;
  fields: Record<string, unknown>;
  documents: { componentCode: string; fileId: string }[];
  intake: CounterIntake;
}

/** A returning applicant: as the agency's latest dossier recorded them (GET /api/v1/applicants/{id}). */
export interface ApplicantFound {
  applicant: (Applicant & { email: string | null }) | null;
  dossiers: number;
  lastSubmittedAt: string | null;
}

export function lookUpApplicant(idNumber: string, agency: string): Promise<ApplicantFound> {
  return apiFetch<ApplicantFound>(withQuery(`/api/v1/applicants/${encodeURIComponent(idNumber)}`, { agency }));
}

export interface CounterFee {
  lines: { label: string; amountVnd: number | null; note: string | null; verified: boolean }[];
  totalVnd: number;
  complete: boolean;
}

/** The fee at the counter for the pages and copies counted (GET /api/v1/procedures/{code}/fee). */
export function useCounterFee(code: string, channel: 'direct' | 'postal', pages: number | undefined, copies: number | undefined) {
  return useQuery({
    queryKey: ['fee', code, channel, pages ?? null, copies ?? null],
    queryFn: ({ signal }) =>
      apiFetch<CounterFee>(withQuery(`/api/v1/procedures/${encodeURIComponent(code)}/fee`, { channel, pages, copies }), { signal }),
    enabled: code !== '',
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}

/** Phân công hàng loạt (leader): one specialist for the dossiers ticked in a queue. */
export function useBulkAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[]; assignee: string }) =>
      apiFetch<{ assigned: number; results: { id: string; ok: boolean; code?: string; message?: string }[] }>('/api/v1/dossiers/bulk-assign', {
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
      const submitted = await apiFetch<DossierDetail>('/api/v1/dossiers', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': `quay-${formId}-${fingerprint(JSON.stringify(body))}` },
      });
      if (submitted.status !== 'SUBMITTED') return submitted;
      return apiFetch<DossierDetail>(`/api/v1/dossiers/${submitted.id}/actions`, {
        method: 'POST',
        body: { action: 'receive' },
        headers: { 'idempotency-key': `tiep-nhan-${submitted.id}` },
      });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['workspace', 'queue'] }),
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

/** A liên thông step the next dispatch or completion opens, and the agencies that may work it (default first). */
export interface StepOption {
  step: number;
  task: string;
  agencyKind: string;
  deadlineDays: number | null;
  agencies: { code: string; name: string }[];
}

export function useStepOptions(id: string) {
  return useQuery({
    queryKey: ['workspace', 'step-options', id],
    queryFn: ({ signal }) => apiFetch<{ items: StepOption[] }>(`/api/v1/dossiers/${encodeURIComponent(id)}/step-options`, { signal }),
    staleTime: 0,
  });
}
