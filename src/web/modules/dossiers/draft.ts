import { useQuery } from '@tanstack/react-query';
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { apiFetch } from '../../ui/http.ts';
import type { AgencyChoice } from '../places/where-to-submit.tsx';
import type { FieldValues } from './form-schema.ts';
import type { z } from 'zod';
import type { DraftList, Draft as ServerDraft } from '#modules/dossiers/dossiers.contract.ts';

/**
 * What has been typed and uploaded so far for one procedure: kept in this browser at once and on
 * the server a moment later (`PUT /api/v1/me/drafts/{code}`), so it can be continued on another
 * device and is listed in "Hồ sơ của tôi".
 */
export interface Draft {
  version: 1;
  /** Sent as Idempotency-Key: one per draft, so a double click or a retry submits once. */
  idempotencyKey: string;
  savedAt: string | null;
  fields: FieldValues;
  applicant: {
    fullName: string;
    idNumber: string;
    phone: string;
    email: string;
    provinceCode: string;
    communeCode: string;
    detail: string;
  };
  place: AgencyChoice;
  documents: Record<string, { fileId: string; name: string; size: number }>;
  delivery: 'tai_quay' | 'buu_chinh' | 'truc_tuyen';
  /**
   * Nộp thay: the signed-in citizen submits for another person (the applicant above), as their
   * representative, with the authorisation document (giấy ủy quyền) uploaded here.
   */
  forOther: boolean;
  authorisation: { fileId: string; name: string; size: number } | null;
}

/** One draft per account and procedure: another person signing in on this browser never sees it. */
const key = (userId: string, procedureCode: string) => `motcua.draft.${userId}.${procedureCode}`;

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function emptyDraft(): Draft {
  return {
    version: 1,
    idempotencyKey: newIdempotencyKey(),
    savedAt: null,
    fields: {},
    applicant: { fullName: '', idNumber: '', phone: '', email: '', provinceCode: '', communeCode: '', detail: '' },
    place: { provinceCode: '', communeCode: '', agency: null },
    documents: {},
    delivery: 'tai_quay',
    forOther: false,
    authorisation: null,
  };
}

/** A stored draft made whole (missing parts from an empty one); null when it is not one. */
function revive(value: unknown): Draft | null {
  const draft = value as Draft | null;
  if (draft?.version !== 1 || typeof draft.idempotencyKey !== 'string') return null;
  const empty = emptyDraft();
  return { ...empty, ...draft, applicant: { ...empty.applicant, ...draft.applicant }, place: { ...empty.place, ...draft.place } };
}

function load(userId: string, procedureCode: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key(userId, procedureCode));
    return raw ? revive(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

const serverPath = (procedureCode: string) => `/api/v1/me/drafts/${encodeURIComponent(procedureCode)}`;
/** Wait after the last change before saving on the server (typing is not a request per key). */
const SERVER_SAVE_DELAY_MS = 1500;

export type DraftSummary = z.infer<typeof DraftList>['items'][number];

/** The signed-in citizen's drafts kept on the server ("Hồ sơ của tôi"). */
export function useServerDrafts(enabled = true) {
  return useQuery({
    queryKey: ['drafts'],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof DraftList>>('/api/v1/me/drafts', { signal }),
    enabled,
    staleTime: 0,
  });
}

/**
 * The draft of one procedure: read from localStorage on arrival (`resumed` says so), written
 * back after every change, removed by `discard` (or after a successful submission).
 */
export function useDraft(userId: string, procedureCode: string, prefill: (d: Draft) => Draft = (d) => d) {
  const [initial] = useState(() => load(userId, procedureCode));
  // Prefilled in the first render, not by an effect after it: the form is large, and a second
  // render of all of it at once is a long task on a phone.
  const [draft, setDraft] = useState<Draft>(() => prefill(initial ?? emptyDraft()));
  const [resumed, setResumed] = useState(initial !== null && initial.savedAt !== null);
  const dirty = useRef(false);
  // The server's copy is written in order: a save still on its way when the draft is discarded
  // (submitted) must not arrive after the delete and bring the draft back.
  const toServer = useRef<Promise<unknown>>(Promise.resolve());
  const send = useCallback((init: Parameters<typeof apiFetch>[1]) => {
    toServer.current = toServer.current.then(() => apiFetch(serverPath(procedureCode), init).catch(() => {}));
  }, [procedureCode]);

  // The server's copy (another device may have a newer one): taken while nothing was typed here.
  useEffect(() => {
    const controller = new AbortController();
    apiFetch<z.infer<typeof ServerDraft>>(serverPath(procedureCode), { signal: controller.signal }).then(
      ({ content }) => {
        const remote = revive(content);
        if (!remote || dirty.current) return;
        // At low priority, in slices: it may redraw the whole form.
        startTransition(() =>
          setDraft((local) => {
            if (local.savedAt && remote.savedAt && local.savedAt >= remote.savedAt) return local;
            setResumed(remote.savedAt !== null);
            return remote;
          }),
        );
      },
      () => {}, // none, aborted or offline: the browser's copy stands
    );
    return () => controller.abort();
  }, [procedureCode]);

  useEffect(() => {
    if (!dirty.current) return;
    try {
      window.localStorage.setItem(key(userId, procedureCode), JSON.stringify(draft));
    } catch {}
    // On the server a moment later; offline or refused, the browser's copy remains.
    const timer = window.setTimeout(() => send({ method: 'PUT', body: { content: draft } }), SERVER_SAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft, userId, procedureCode, send]);

  const update = useCallback((change: (d: Draft) => Draft) => {
    dirty.current = true;
    setDraft((d) => ({ ...change(d), savedAt: new Date().toISOString() }));
  }, []);

  const discard = useCallback(() => {
    dirty.current = false;
    try {
      window.localStorage.removeItem(key(userId, procedureCode));
    } catch {}
    send({ method: 'DELETE' });
    setDraft(emptyDraft());
    setResumed(false);
  }, [userId, procedureCode, send]);

  return { draft, update, setDraft, resumed, discard };
}
