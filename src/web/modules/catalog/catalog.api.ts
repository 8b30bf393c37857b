import { useQuery } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../../ui/http.ts';

export type Level = 'bo' | 'tinh' | 'xa';
export type DeadlineUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
export interface Deadline {
  value: number | null;
  unit: DeadlineUnit;
  /** The published wording, e.g. "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ". */
  note?: string | null;
}

/** One row of `GET /api/v1/procedures` (api.md §4). */
export interface ProcedureSummary {
  code: string;
  name: string;
  nameEn?: string | null;
  level: Level | Level[];
  onlineLevel: string | null;
  deadline: Deadline;
  sector?: string | null;
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
  /** The catalogue does not say how many originals and copies. */
  quantityUnknown?: boolean;
  /** The case the paper belongs to, when the dossier differs by case. */
  group?: string;
}

/** Cách thức thực hiện: a submission channel with its deadline and fees, as published. */
export interface SubmissionChannel {
  method: 'truc_tiep' | 'truc_tuyen' | 'buu_chinh';
  deadline: string | null;
  fees: string[];
  note: string | null;
}

export interface Fee {
  label?: string;
  name?: string;
  type?: string;
  amountVnd?: number | null;
  note?: string | null;
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
  levels?: Level[];
  agencyType?: string | null;
  /** Whether citizens may submit online; otherwise in person or by post. */
  onlineSubmission?: { allowed: boolean; reason: 'not_offered' | 'deadline_unknown' | null };
  target?: string | null;
  steps?: string[];
  channels?: SubmissionChannel[];
  result?: string | null;
  conditions?: string[];
  issuingBody?: string | null;
  decision?: string | null;
  portalUrl?: string | null;
  interagencySteps?: { seq: number; agency: string; task: string; result: string | null; deadlineDays: number | null }[];
}

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
    queryFn: ({ signal }) => apiFetch<{ items: ProcedureSummary[] }>('/api/v1/popular-procedures?limit=8', { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useSectors() {
  return useQuery({
    queryKey: ['procedure-sectors'],
    queryFn: ({ signal }) => apiFetch<{ items: { name: string; count: number }[] }>('/api/v1/procedure-sectors', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useAgencies() {
  return useQuery({
    queryKey: ['procedure-agencies'],
    queryFn: ({ signal }) =>
      apiFetch<{ items: { issuingBody: string | null; name: string; count: number }[] }>('/api/v1/procedure-agencies', { signal }),
    staleTime: 5 * 60_000,
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
      apiFetch<{ dueAt: string | null; dueDate: string | null }>(`/api/v1/procedures/${encodeURIComponent(code)}/deadline`, { signal }),
    enabled,
  });
}
