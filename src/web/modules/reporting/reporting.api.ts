import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AgencyList } from '#modules/places/places.contract.ts';
import type * as C from '#modules/reporting/reporting.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';

/**
 * Reporting API (docs/modules/reporting.md). Every shape is the server's own, read from
 * src/modules/reporting/reporting.contract.ts (types only: nothing of the contract reaches the bundle).
 */
export type ReportOut = z.infer<typeof C.ReportOut>;
export type AggregateOut = z.infer<typeof C.AggregateOut>;
export type RequestBody = z.input<typeof C.RequestBody>;
export type RequestOut = z.infer<typeof C.RequestOut>;
export type RequestList = z.infer<typeof C.RequestList>;
export type ReportingMe = z.infer<typeof C.MeOut>;
export type StaffRole = ReportingMe['roles'][number]['role'];
export type Regime = z.infer<typeof C.Regime>;
export type IndicatorDef = Regime['definition']['sections'][number]['indicators'][number];
export type Period = z.infer<typeof C.PeriodOut>;
/** A report's address: regime, period and reporting unit (the routes' querystring). */
export type Key = z.input<typeof C.ReportQuery>;
export type ValuesBody = z.input<typeof C.ValuesBody>;
export type ActionBody = z.input<typeof C.ActionBody>;
type Agencies = z.infer<typeof AgencyList>;

const path = (p: string, key: Key) => withQuery(`/api/v1/reporting/${p}`, { ...key });
export const templateUrl = (key: Key) => path('reports/template.xlsx', key);
export const exportUrl = (key: Key) => path('reports/export.xlsx', key);
export const aggregateExportUrl = (key: Key) => path('aggregate/export.xlsx', key);

export const useReportingMe = (enabled = true) =>
  useQuery({ queryKey: ['reporting', 'me'], queryFn: ({ signal }) => apiFetch<ReportingMe>('/api/v1/reporting/me', { signal }), enabled, staleTime: 30_000 });
export const useRegimes = () =>
  useQuery({ queryKey: ['reporting', 'regimes'], queryFn: ({ signal }) => apiFetch<z.infer<typeof C.RegimeList>>('/api/v1/reporting/regimes', { signal }), staleTime: 300_000 });
export const usePeriods = (regime: string | null, year: number) =>
  useQuery({
    queryKey: ['reporting', 'periods', regime, year],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof C.PeriodList>>(`/api/v1/reporting/regimes/${regime}/periods?year=${year}`, { signal }),
    enabled: !!regime,
  });
/** A report waiting for another installation's decision (or its envelope's arrival) is read again every 15 s, so the result shows when it comes back. */
const awaitingElsewhere = (r: ReportOut | undefined) => Boolean(r?.elsewhere.receivingNode && (r.status === 'submitted' || r.elsewhere.delivery === 'queued'));
export const useReport = (key: Key | null) =>
  useQuery({
    queryKey: ['reporting', 'report', key],
    queryFn: ({ signal }) => apiFetch<ReportOut>(path('reports', key!), { signal }),
    enabled: !!key,
    refetchInterval: (query) => (awaitingElsewhere(query.state.data) ? 15_000 : false),
  });
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
      mutationFn: (body: ValuesBody) => apiFetch<ReportOut>(path('reports/values', key), { method: 'PUT', body }),
      onSuccess: done,
    }),
    act: useMutation({
      mutationFn: (body: ActionBody) => apiFetch<ReportOut>(path('reports/actions', key), { method: 'POST', body }),
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
  useQuery({ queryKey: ['reporting', 'requests'], queryFn: ({ signal }) => apiFetch<RequestList>('/api/v1/reporting/requests', { signal }), enabled });
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
    queryFn: ({ signal }) => apiFetch<Agencies>(`/api/v1/agencies?provinceCode=${provinceCode}&limit=500`, { signal }),
    enabled: !!provinceCode,
    staleTime: 300_000,
  });
