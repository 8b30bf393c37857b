import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';

/**
 * `useState` whose value is kept for this browser tab (sessionStorage, under `key`): a reload, or
 * a phone that closed the tab in the background and opens it again, gives back what was typed.
 * Gone with the tab (a shared phone keeps nothing after it). Storage refused: a plain state.
 */
export function useTabState<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
    try {
      const kept = window.sessionStorage.getItem(key);
      if (kept !== null) return JSON.parse(kept) as T;
    } catch {}
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  useEffect(() => {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch {}
  }, [key, value]);
  return [value, setValue];
}

/** Forgets every value `useTabState` keeps for this tab under a key starting with `prefix` (a form sent or given up). */
export function forgetTabState(prefix: string): void {
  try {
    const storage = window.sessionStorage;
    for (const key of Object.keys(storage)) if (key.startsWith(prefix)) storage.removeItem(key);
  } catch {}
}
