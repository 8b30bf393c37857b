import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../ui/http.ts';
import { whenOnline } from '../../ui/use-online.ts';

import type {
  ActionInput,
  Dossier,
  SubmitDossierInput,
  Tracking,
} from '#modules/dossiers/dossiers.contract.ts';
import type { StoredFile } from '#modules/files/files.contract.ts';
import type { z } from 'zod';
import type * as DC from '#modules/dossiers/dossiers.contract.ts';

/** api.md §5, as the citizen pages read it: every shape is the server's contract (dossiers.contract.ts). */
export type { Applicant, Dossier, HistoryEntry, Timeliness } from '#modules/dossiers/dossiers.contract.ts';

/** The PDF forms of a dossier (api.md §5), each offered only once the log says it exists. */
export const DOSSIER_FORMS = [
  { form: 'submission-receipt', when: (d: Dossier) => !!d.reference && d.channel === 'online' },
  { form: 'receipt', when: (d: Dossier) => !!d.code && d.history.some((h) => h.action === 'receive') },
  { form: 'supplement-notice', when: (d: Dossier) => d.history.some((h) => h.action === 'request_supplement') },
  { form: 'refusal-notice', when: (d: Dossier) => d.history.some((h) => h.action === 'reject') },
  { form: 'apology-letter', when: (d: Dossier) => d.history.some((h) => h.action === 'extend') },
] as const;

const dossierKey = (id: string) => ['dossier', id] as const;
const MY_DOSSIERS = ['my-dossiers'] as const;

export function useMyDossiers(enabled = true) {
  return useQuery({
    queryKey: MY_DOSSIERS,
    queryFn: ({ signal }) => apiFetch<z.infer<typeof DC.DossierSummaryList>>('/api/v1/me/dossiers', { signal }),
    enabled,
    // Officers change dossiers at any time: read again on every visit.
    staleTime: 0,
  });
}

export function useDossier(id: string, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: dossierKey(id),
    queryFn: ({ signal }) => apiFetch<Dossier>(`/api/v1/dossiers/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
    // A freshly submitted dossier is waiting for the desk: look again now and then for its code.
    refetchInterval: (query) => (options.poll && query.state.data?.status === 'SUBMITTED' ? 15_000 : false),
  });
}

export function useAccessLog(id: string) {
  return useQuery({
    queryKey: ['access-log', id],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof DC.AccessLogList>>(`/api/v1/me/dossiers/${encodeURIComponent(id)}/access-log`, { signal }),
    staleTime: 0,
  });
}

/** `phone`: the last 4 digits of the applicant's phone; without them the name is not shown. */
export function useTracking(code: string, phone = '') {
  return useQuery({
    queryKey: ['tracking', code, phone],
    queryFn: ({ signal }) =>
      apiFetch<Tracking>(`/api/v1/public/tracking/${encodeURIComponent(code)}${/^\d{4}$/.test(phone) ? `?phone=${phone}` : ''}`, { signal }),
    staleTime: 0,
    enabled: code !== '',
  });
}

/** Submission with the draft's Idempotency-Key: a second click or a retry replays the first answer. */
export function useSubmitDossier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: SubmitDossierInput; idempotencyKey: string }) =>
      apiFetch<Dossier>('/api/v1/dossiers', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
    onSuccess: (dossier) => {
      queryClient.setQueryData(dossierKey(dossier.id), dossier);
      void queryClient.invalidateQueries({ queryKey: MY_DOSSIERS });
    },
  });
}

export function useDossierAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ActionInput; idempotencyKey: string }) =>
      apiFetch<Dossier>(`/api/v1/dossiers/${encodeURIComponent(id)}/actions`, {
        method: 'POST',
        body,
        headers: { 'idempotency-key': idempotencyKey },
      }),
    onSuccess: (dossier) => {
      queryClient.setQueryData(dossierKey(id), dossier);
      void queryClient.invalidateQueries({ queryKey: MY_DOSSIERS });
    },
  });
}

export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
/** The server's upload limit (MOTCUA_MAX_UPLOAD_BYTES, default 20 MB; test/web-limits.test.ts keeps them equal). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_MB = MAX_UPLOAD_BYTES / 1024 / 1024;
export const ACCEPT_ATTRIBUTE = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** Upload chunk size: small enough that a dropped connection loses little, large enough to stay quick. */
const UPLOAD_CHUNK_BYTES = 512 * 1024;
/** Waits before each automatic retry after a lost connection (then the error shows). */
const UPLOAD_RETRY_DELAYS = [0, 1000, 3000, 5000];

/** The server's error (status, code, message) from a failed tus request, or a network error. */
function uploadError(error: unknown): ApiError {
  const response = (error as { originalResponse?: { getStatus(): number; getBody(): string } | null }).originalResponse;
  if (!response) return new ApiError(0, 'NETWORK_ERROR', 'network error');
  const status = response.getStatus();
  let body: { error?: { code?: string; message?: string } } | null = null;
  try {
    body = JSON.parse(response.getBody());
  } catch {}
  return new ApiError(status, body?.error?.code ?? `HTTP_${status}`, body?.error?.message ?? `HTTP ${status}`);
}

/**
 * A resumable upload (tus protocol, POST/PATCH /api/v1/uploads, 512 KB chunks): after a lost
 * connection it asks the server how much it has and continues from there, a few times with
 * back-off — and after a reload, when the same file is chosen again. The last PATCH answers the
 * stored file (as POST /api/v1/files would); when that answer was lost, GET /api/v1/uploads/{id}
 * gives it. tus-js-client is loaded on the first upload.
 * Offline (`navigator.onLine` false) it does not give up: `onWaiting(true)`, and when the
 * browser is online again it continues by itself from the server's offset (`onWaiting(false)`).
 * Rejects with an ApiError carrying the server's status and code.
 */
export async function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
  onWaiting?: (waiting: boolean) => void,
): Promise<StoredFile> {
  if (!navigator.onLine) {
    onWaiting?.(true);
    await whenOnline(signal);
    onWaiting?.(false);
  }
  const { Upload } = await import('tus-js-client');
  const lang = document.documentElement.lang;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('aborted', 'AbortError'));
      return;
    }
    const upload = new Upload(file, {
      endpoint: '/api/v1/uploads',
      chunkSize: UPLOAD_CHUNK_BYTES,
      retryDelays: UPLOAD_RETRY_DELAYS,
      metadata: { filename: file.name },
      headers: { accept: 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
      // The upload's address is kept (localStorage, by file name, size and date) until it ends:
      // choosing the same file again after the page was reloaded continues it.
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => onProgress(total > 0 ? sent / total : 0),
      onSuccess: ({ lastResponse }) => {
        let stored: StoredFile | null = null;
        try {
          const body = JSON.parse(lastResponse.getBody()) as StoredFile;
          if (body?.fileId) stored = body;
        } catch {}
        const answer = stored ? Promise.resolve(stored) : apiFetch<StoredFile>(upload.url ?? '', { method: 'GET' });
        answer.then(
          (result) => {
            onProgress(1);
            resolve(result);
          },
          reject,
        );
      },
      onError: (error) => {
        const failure = uploadError(error);
        if (failure.status !== 0 || navigator.onLine || signal?.aborted) {
          reject(failure);
          return;
        }
        // The connection is gone: continue from the server's offset once it is back.
        onWaiting?.(true);
        void whenOnline(signal).then(() => {
          onWaiting?.(false);
          if (!signal?.aborted) upload.start();
        });
      },
    });
    signal?.addEventListener('abort', () => {
      void upload.abort(true);
      reject(new DOMException('aborted', 'AbortError'));
    });
    upload.findPreviousUploads().then(
      (previous) => {
        if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      },
      () => upload.start(),
    );
  });
}

/** A server rejection that definitely changed nothing: a new attempt needs a new Idempotency-Key. */
export function isDefinitiveRejection(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.code !== 'IDEMPOTENCY_IN_PROGRESS';
}
