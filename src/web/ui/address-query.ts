import { useCallback } from 'react';
import { type NavigateOptions, useNavigate } from 'react-router';

/** Changes to a page's query: a value sets the key; '', null or undefined removes it. */
export type QueryChanges = Record<string, string | null | undefined>;

/**
 * The query of the address as it is now, with `changes` applied.
 *
 * Read from the address bar (`search`, by default `window.location.search`), not from the query
 * the page last rendered: React Router renders a new address as a transition, so for a moment
 * after a navigation (seconds on a busy computer) the page still renders the address before it.
 * A change built on that render's query brought back what the navigation had just taken away:
 * on the desk queue, a search cleared and "Lọc" clicked right after searched again by the
 * cleared text, and the filtered list came back empty (desk-day journey, renderer slowed down).
 */
export function currentQueryWith(changes: QueryChanges, search: string = window.location.search): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** `(changes, options)`: the same page with `currentQueryWith(changes)` as its query. */
export function useQueryUpdate(): (changes: QueryChanges, options?: NavigateOptions) => void {
  const navigate = useNavigate();
  return useCallback((changes: QueryChanges, options?: NavigateOptions) => void navigate(`?${currentQueryWith(changes)}`, options), [navigate]);
}
