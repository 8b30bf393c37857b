import { useQuery } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../../ui/http.ts';

export type Level = 'bo' | 'tinh' | 'xa';
export type DeadlineUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
export interface Deadline {
  value: number | null;
  unit: DeadlineUnit;
  verified?: boolean;
}

/** One row of `GET /api/v1/procedures` (api.md §4). */
export interface ProcedureSummary {
  code: string;
  name: string;
  nameEn?: string | null;
  level: Level | Level[];
  onlineLevel: string | null;
  deadline: Deadline;
}

export interface ProcedureList {
  items: ProcedureSummary[];
  total: number;
}

export interface ProcedureComponent {
  code: string;
  name: string;
  original: number;
  copy: number;
  required: boolean;
}

export interface Fee {
  label?: string;
  name?: string;
  type?: string;
  amountVnd?: number | null;
  note?: string | null;
  verified?: boolean;
  [key: string]: unknown;
}

/** `GET /api/v1/procedures/{code}`. */
export interface ProcedureDetail extends ProcedureSummary {
  components: ProcedureComponent[];
  fees: Fee[];
  legalBasis: string[];
  receivingAgencies?: unknown;
  receivingAgencyKinds?: string[];
  /** JSON Schema of the procedure's own form fields; null when it needs none. */
  formSchema?: Record<string, unknown> | null;
}

export const PAGE_SIZE = 10;

export function useProcedureSearch(q: string, page: number) {
  return useQuery({
    queryKey: ['procedures', q, page],
    queryFn: ({ signal }) =>
      apiFetch<ProcedureList>(withQuery('/api/v1/procedures', { q: q || undefined, page, pageSize: PAGE_SIZE }), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useProcedure(code: string) {
  return useQuery({
    queryKey: ['procedure', code],
    queryFn: ({ signal }) => apiFetch<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(code)}`, { signal }),
  });
}

/** The appointment a dossier received now (by the server's clock) would get. */
export function useDeadlinePreview(code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['procedure-deadline', code, new Date().toISOString().slice(0, 13)],
    queryFn: ({ signal }) =>
      apiFetch<{ dueAt: string; dueDate: string }>(`/api/v1/procedures/${encodeURIComponent(code)}/deadline`, { signal }),
    enabled,
  });
}
