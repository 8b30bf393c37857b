import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '#modules/exchange/exchange.contract.ts';
import type { StoredFile } from '#modules/files/files.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';

/**
 * Trục liên thông văn bản (docs/modules/exchange.md): the clerk's registers and actions. Every
 * shape is the server's own, read from src/modules/exchange/exchange.contract.ts (types only).
 */
export type ExchangeDocument = z.infer<typeof C.DocumentView>;
export type Recipient = ExchangeDocument['recipients'][number];
type OutgoingItem = z.infer<typeof C.OutgoingItem>;
type IncomingItem = z.infer<typeof C.IncomingItem>;
/** A status the receiving clerk may record (edXML status codes). */
export type StatusCode = z.input<typeof C.StatusBody>['statusCode'];
/** A register line: an outgoing document with every recipient's row, or an incoming one with this agency's row. */
type RegisterItem = Omit<OutgoingItem, 'recipients'> & Partial<Pick<OutgoingItem, 'recipients'> & Pick<IncomingItem, 'recipient'>>;

/** The document's page in the web app. */
export const documentLink = (id: string) => `/van-thu/van-ban/${encodeURIComponent(id)}`;
export const documentPath = (id: string) => `/api/v1/exchange/documents/${encodeURIComponent(id)}`;

export function useRegister(kind: 'incoming' | 'outgoing', agency: string | undefined, q: string) {
  return useQuery({
    queryKey: ['exchange', kind, agency, q],
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof C.OutgoingList> | z.infer<typeof C.IncomingList>>(
        withQuery(kind === 'incoming' ? '/api/v1/exchange/inbox' : '/api/v1/exchange/documents', { agency, q: q || undefined }),
        { signal },
      ),
    select: (register): RegisterItem[] => register.items,
    enabled: !!agency,
    refetchInterval: 5_000,
  });
}

export function useExchangeDocument(id: string | undefined, poll = true) {
  return useQuery({
    queryKey: ['exchange', 'document', id],
    queryFn: ({ signal }) => apiFetch<ExchangeDocument>(documentPath(id ?? ''), { signal }),
    enabled: !!id,
    refetchInterval: poll ? 3_000 : false,
  });
}

export function useAgencySearch(q: string) {
  return useQuery({
    queryKey: ['exchange', 'agencies', q],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof C.AgenciesAnswer>>(withQuery('/api/v1/exchange/agencies', { q, limit: 8 }), { signal }),
    enabled: q.trim().length >= 2,
  });
}

export function useNextNumber(agency: string | undefined) {
  return useQuery({
    queryKey: ['exchange', 'next', agency],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof C.NextNumberAnswer>>(withQuery('/api/v1/exchange/next-number', { agency }), { signal }),
    enabled: !!agency,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['exchange'] });
}

export function useSend() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ body, file, idempotencyKey }: { body: Omit<z.input<typeof C.SendBody>, 'attachments'>; file: File | null; idempotencyKey: string }) => {
      const attachments: string[] = [];
      if (file) {
        const form = new FormData();
        form.append('file', file);
        attachments.push((await apiFetch<StoredFile>('/api/v1/files', { method: 'POST', body: form })).fileId);
      }
      return apiFetch<ExchangeDocument>('/api/v1/exchange/documents', { method: 'POST', body: { ...body, attachments }, headers: { 'idempotency-key': idempotencyKey } });
    },
    onSuccess: invalidate,
  });
}

/**
 * The receiving clerk's action. The document's polling is cancelled before the POST (an older
 * answer cannot land after it), the answer's row is put into the cached document at once, and the
 * mutation stays pending until the refetch has landed: the page never shows the old status
 * with live buttons after the server has moved on.
 */
export function useSetStatus(id: string) {
  const qc = useQueryClient();
  const key = ['exchange', 'document', id];
  return useMutation({
    mutationFn: (body: z.input<typeof C.StatusBody>) =>
      apiFetch<z.infer<typeof C.RecipientsAnswer>>(`/api/v1/exchange/inbox/${encodeURIComponent(id)}/status`, { method: 'POST', body }),
    onMutate: () => qc.cancelQueries({ queryKey: key }),
    onSuccess: async (answer) => {
      qc.setQueryData<ExchangeDocument>(key, (doc) =>
        doc ? { ...doc, recipients: (doc.recipients ?? []).map((r) => answer.recipients.find((a) => a.agency === r.agency) ?? r) } : doc,
      );
      await qc.invalidateQueries({ queryKey: ['exchange'] });
    },
  });
}

export function useRecall(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (reason: string) => apiFetch(`${documentPath(id)}/recall`, { method: 'POST', body: { reason } }),
    onSuccess: invalidate,
  });
}

/** Thu hồi (revoke, BussinessDocType 1) or cập nhật (update, 2) a sent document: signed anew, same DocumentId. */
export function useRevise(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof C.ReviseBody>) =>
      apiFetch<ExchangeDocument>(`${documentPath(id)}/revise`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}
