import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgencyChoice } from '../places/where-to-submit.tsx';
import type { FieldValues } from './form-schema.ts';

/** What has been typed and uploaded so far for one procedure, kept in this browser only. */
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
}

/** One draft per account and procedure: another person signing in on this browser never sees it. */
const key = (userId: string, procedureCode: string) => `motcua.draft.${userId}.${procedureCode}`;

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function emptyDraft(): Draft {
  return {
    version: 1,
    idempotencyKey: newIdempotencyKey(),
    savedAt: null,
    fields: {},
    applicant: { fullName: '', idNumber: '', phone: '', email: '', provinceCode: '', communeCode: '', detail: '' },
    place: { provinceCode: '', communeCode: '', agency: null },
    documents: {},
    delivery: 'tai_quay',
  };
}

function load(userId: string, procedureCode: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key(userId, procedureCode));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    if (draft?.version !== 1 || typeof draft.idempotencyKey !== 'string') return null;
    const empty = emptyDraft();
    return { ...empty, ...draft, applicant: { ...empty.applicant, ...draft.applicant }, place: { ...empty.place, ...draft.place } };
  } catch {
    return null;
  }
}

/**
 * The draft of one procedure: read from localStorage on arrival (`resumed` says so), written
 * back after every change, removed by `discard` (or after a successful submission).
 */
export function useDraft(userId: string, procedureCode: string) {
  const [initial] = useState(() => load(userId, procedureCode));
  const [draft, setDraft] = useState<Draft>(() => initial ?? emptyDraft());
  const [resumed, setResumed] = useState(initial !== null && initial.savedAt !== null);
  const dirty = useRef(false);

  useEffect(() => {
    if (!dirty.current) return;
    try {
      window.localStorage.setItem(key(userId, procedureCode), JSON.stringify(draft));
    } catch {}
  }, [draft, userId, procedureCode]);

  const update = useCallback((change: (d: Draft) => Draft) => {
    dirty.current = true;
    setDraft((d) => ({ ...change(d), savedAt: new Date().toISOString() }));
  }, []);

  const discard = useCallback(() => {
    dirty.current = false;
    try {
      window.localStorage.removeItem(key(userId, procedureCode));
    } catch {}
    setDraft(emptyDraft());
    setResumed(false);
  }, [userId, procedureCode]);

  return { draft, update, setDraft, resumed, discard };
}
