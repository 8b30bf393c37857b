import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { AuditPage, ChainCheck } from '#modules/auditing/auditing.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';

/** The filters of the audit trail, as in the page's address (all optional). */
export interface TrailFilters {
  dossierCode: string;
  applicantId: string;
  username: string;
  action: string;
  from: string;
  to: string;
}

export const trailUrl = (f: TrailFilters, extra: Record<string, string | number | undefined> = {}, path = '/api/v1/audit/entries') =>
  withQuery(path, { dossierCode: f.dossierCode, applicantId: f.applicantId, username: f.username, action: f.action, from: f.from, to: f.to, ...extra });

/** The trail newest first, 50 rows a page; `fetchNextPage` brings the older ones. */
export function useTrail(filters: TrailFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['audit', 'trail', filters],
    queryFn: ({ pageParam, signal }) => apiFetch<AuditPage>(trailUrl(filters, { before: pageParam }), { signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    enabled,
  });
}

/** One chain checked against the latest signed checkpoint. */
export function useChainCheck() {
  return useMutation({ mutationFn: (chain: string) => apiFetch<ChainCheck>(withQuery('/api/v1/audit/check', { chain })) });
}
