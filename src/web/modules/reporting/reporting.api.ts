import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AggregateOut, ReportOut, RequestBody, RequestOut } from '../../../modules/reporting/reporting.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';

/** Reporting API (docs/modules/reporting.md; shapes from src/modules/reporting/reporting.contract.ts). */
export type { AggregateOut, ReportOut, RequestBody, RequestOut };
export type StaffRole = 'officer' | 'leader' | 'receiver';
export interface ReportingMe {
  roles: { agency: string; agencyName: string; level: 'tinh' | 'xa'; provinceCode: string; role: StaffRole }[];
}
export interface IndicatorDef {
  code: string;
  number: string;
  name: string;
  type: 'number' | 'percent' | 'text' | 'table';
  unit: string;
  integer: boolean;
  prefill?: string;
  /** A table: its rows and columns (each cell a figure `code.row.column`). */
  rows?: { key: string; label: string }[];
  columns?: { code: string; name: string; type: 'number' | 'percent' | 'text'; unit?: string }[];
}
export interface Regime {
  code: string;
  name: string;
  type: 'periodic' | 'thematic' | 'ad_hoc';
  legalBasis: string;
  definition: { content: string; sections: { title: string; indicators: IndicatorDef[] }[] };
}
export interface Period {
  period: string;
  label: string;
  from: string;
  to: string;
  dueDate: string;
}
export interface Key {
  regime: string;
  period: string;
  unit: string;
}

export const formatDay = (date: string) => date.slice(0, 10).split('-').reverse().join('/');
const path = (p: string, key: Key) => withQuery(`/api/v1/reporting/${p}`, { ...key });
export const templateUrl = (key: Key) => path('reports/template.xlsx', key);
export const exportUrl = (key: Key) => path('reports/export.xlsx', key);
export const aggregateExportUrl = (key: Key) => path('aggregate/export.xlsx', key);

export const useReportingMe = (enabled = true) =>
  useQuery({ queryKey: ['reporting', 'me'], queryFn: ({ signal }) => apiFetch<ReportingMe>('/api/v1/reporting/me', { signal }), enabled, staleTime: 30_000 });
export const useRegimes = () =>
  useQuery({ queryKey: ['reporting', 'regimes'], queryFn: ({ signal }) => apiFetch<{ items: Regime[] }>('/api/v1/reporting/regimes', { signal }), staleTime: 300_000 });
export const usePeriods = (regime: string | null, year: number) =>
  useQuery({
    queryKey: ['reporting', 'periods', regime, year],
    queryFn: ({ signal }) => apiFetch<Period[]>(`/api/v1/reporting/regimes/${regime}/periods?year=${year}`, { signal }),
    enabled: !!regime,
  });
export const useReport = (key: Key | null) =>
  useQuery({ queryKey: ['reporting', 'report', key], queryFn: ({ signal }) => apiFetch<ReportOut>(path('reports', key!), { signal }), enabled: !!key });
export const useAggregate = (key: Key | null) =>
  useQuery({ queryKey: ['reporting', 'aggregate', key], queryFn: ({ signal }) => apiFetch<AggregateOut>(path('aggregate', key!), { signal }), enabled: !!key });

/** Save, act and upload: each answers the report, which replaces the cached one. */
export function useReportMutations(key: Key) {
  const qc = useQueryClient();
  const done = (report: ReportOut) => {
    qc.setQueryData(['reporting', 'report', key], report);
    void qc.invalidateQueries({ queryKey: ['reporting', 'aggregate'] });
  };
  return {
    save: useMutation({
      mutationFn: (body: { values: Record<string, number | string | null>; reasons: Record<string, string> }) => apiFetch<ReportOut>(path('reports/values', key), { method: 'PUT', body }),
      onSuccess: done,
    }),
    act: useMutation({
      mutationFn: (body: { action: 'submit' | 'return' | 'accept'; reason?: string }) => apiFetch<ReportOut>(path('reports/actions', key), { method: 'POST', body }),
      onSuccess: done,
    }),
    upload: useMutation({
      mutationFn: (file: File) => {
        const form = new FormData();
        form.append('file', file);
        return apiFetch<ReportOut>(path('reports/upload', key), { method: 'POST', body: form });
      },
      onSuccess: done,
    }),
  };
}

/** Ad hoc requests (đột xuất): those my agencies sent or were asked, and making one. */
export const useRequests = (enabled: boolean) =>
  useQuery({ queryKey: ['reporting', 'requests'], queryFn: ({ signal }) => apiFetch<{ items: Omit<RequestOut, 'created'>[] }>('/api/v1/reporting/requests', { signal }), enabled });
export function useCreateRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestBody) => apiFetch<RequestOut>('/api/v1/reporting/requests', { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['reporting', 'requests'] });
      void qc.invalidateQueries({ queryKey: ['reporting', 'regimes'] });
    },
  });
}
/** The agencies of a province (the units an ad hoc request may ask). */
export const useProvinceAgencies = (provinceCode: string | null) =>
  useQuery({
    queryKey: ['agencies', provinceCode],
    queryFn: ({ signal }) => apiFetch<{ items: { code: string; name: string; level: 'tinh' | 'xa' }[] }>(`/api/v1/agencies?provinceCode=${provinceCode}&limit=500`, { signal }),
    enabled: !!provinceCode,
    staleTime: 300_000,
  });
