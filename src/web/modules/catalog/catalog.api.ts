import { useQuery } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../../ui/http.ts';

import type { DeadlinePreview, IssuingAgencyList, ProcedureDetail, ProcedureList, SectorList } from '#modules/catalog/catalog.contract.ts';

export type {
  Deadline,
  DeadlineUnit,
  Fee,
  Level,
  ProcedureComponent,
  ProcedureDetail,
  ProcedureList,
  ProcedureSummary,
  SubmissionChannel,
} from '#modules/catalog/catalog.contract.ts';

export interface BrowseFilter {
  sector?: string;
  issuingBody?: string;
  agency?: string;
}

export const PAGE_SIZE = 10;

export function useProcedureSearch(q: string, page: number, filter: BrowseFilter = {}, enabled = true) {
  return useQuery({
    queryKey: ['procedures', q, page, filter.sector, filter.issuingBody, filter.agency],
    queryFn: ({ signal }) =>
      apiFetch<ProcedureList>(withQuery('/api/v1/procedures', { q: q || undefined, page, pageSize: PAGE_SIZE, ...filter }), { signal }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** Thủ tục được sử dụng nhiều nhất (by dossiers received), for the home page. */
export function usePopularProcedures(enabled: boolean) {
  return useQuery({
    queryKey: ['popular-procedures'],
    queryFn: ({ signal }) => apiFetch<ProcedureList>('/api/v1/popular-procedures?limit=8', { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useSectors() {
  return useQuery({
    queryKey: ['procedure-sectors'],
    queryFn: ({ signal }) => apiFetch<SectorList>('/api/v1/procedure-sectors', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useAgencies() {
  return useQuery({
    queryKey: ['procedure-agencies'],
    queryFn: ({ signal }) =>
      apiFetch<IssuingAgencyList>('/api/v1/procedure-agencies', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useProcedure(code: string, enabled = true) {
  return useQuery({
    queryKey: ['procedure', code],
    queryFn: ({ signal }) => apiFetch<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(code)}`, { signal }),
    enabled,
  });
}

/** The appointment a dossier received now (by the server's clock) would get. */
export function useDeadlinePreview(code: string, enabled: boolean) {
  return useQuery({
    // No clock in the key: the server renders the procedure sheet with this answer (the browser
    // then starts from it); asked again when older than a minute.
    queryKey: ['procedure-deadline', code],
    queryFn: ({ signal }) =>
      apiFetch<DeadlinePreview>(`/api/v1/procedures/${encodeURIComponent(code)}/deadline`, { signal }),
    staleTime: 60_000,
    enabled,
  });
}
