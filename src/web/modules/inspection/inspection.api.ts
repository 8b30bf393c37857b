import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Case, CaseAction, CaseSummary, Declaration, Draw, Figures, Plan } from '#modules/inspection/inspection.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';
import type { z } from 'zod';
import type * as IC from '#modules/inspection/inspection.contract.ts';

/** Hậu kiểm API (docs/modules/inspection.md; shapes from src/modules/inspection/inspection.contract.ts). */
export type { Case, CaseSummary, Declaration, Draw, Figures, Plan };

export function usePlans(enabled = true) {
  return useQuery({ queryKey: ['inspection', 'plans'], queryFn: ({ signal }) => apiFetch<z.infer<typeof IC.PlanList>>('/api/v1/inspection/plans', { signal }), enabled, staleTime: 0 });
}
export function useLastDraw(planId: string | null) {
  return useQuery({
    queryKey: ['inspection', 'draw', planId],
    queryFn: ({ signal }) => apiFetch<Draw>(`/api/v1/inspection/plans/${encodeURIComponent(planId ?? '')}/draw`, { signal }),
    enabled: !!planId,
    retry: false,
    staleTime: 0,
  });
}
export function useDraw(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (seed: string | undefined) => apiFetch<Draw>(`/api/v1/inspection/plans/${encodeURIComponent(planId)}/draw`, { method: 'POST', body: seed ? { seed } : {} }),
    onSuccess: (draw) => {
      client.setQueryData(['inspection', 'draw', planId], draw);
      void client.invalidateQueries({ queryKey: ['inspection', 'plans'] });
    },
  });
}
export function useCases(view: 'all' | 'mine' | 'overdue') {
  return useQuery({
    queryKey: ['inspection', 'cases', view],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof IC.CaseList>>(withQuery('/api/v1/inspection/cases', { view }), { signal }),
    staleTime: 0,
  });
}
export function useOpenCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof IC.CreateCaseBody>) =>
      apiFetch<Case>('/api/v1/inspection/cases', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inspection'] }),
  });
}
export function useCase(id: string) {
  return useQuery({ queryKey: ['inspection', 'case', id], queryFn: ({ signal }) => apiFetch<Case>(`/api/v1/inspection/cases/${encodeURIComponent(id)}`, { signal }), staleTime: 0 });
}
export function useCaseAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseAction) => apiFetch<Case>(`/api/v1/inspection/cases/${encodeURIComponent(id)}/actions`, { method: 'POST', body: body as unknown as Record<string, unknown> }),
    onSuccess: (c) => {
      client.setQueryData(['inspection', 'case', id], c);
      void client.invalidateQueries({ queryKey: ['inspection', 'cases'] });
    },
  });
}
export function useFigures(enabled = true) {
  return useQuery({ queryKey: ['inspection', 'figures'], queryFn: ({ signal }) => apiFetch<Figures>('/api/v1/inspection/figures', { signal }), enabled, retry: false, staleTime: 0 });
}
/**
 * The declaration a case inspects, every version. Its versions are frozen (no correction while a
 * case is open) and each read writes an audit row: read once per page, not again on every return
 * to the tab.
 */
export function useDeclaration(dossierId: string) {
  return useQuery({
    queryKey: ['declaration', dossierId],
    queryFn: ({ signal }) => apiFetch<Declaration>(`/api/v1/inspection/declarations/${encodeURIComponent(dossierId)}`, { signal }),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}
/** A file attached to a visit record, for a link. */
export const caseFile = (caseId: string, fileId: string) => `/api/v1/inspection/cases/${encodeURIComponent(caseId)}/files/${encodeURIComponent(fileId)}`;
/** A declared document, for a link (the session's cookie signs the download). */
export const declarationFile = (dossierId: string, fileId: string) => `/api/v1/inspection/declarations/${encodeURIComponent(dossierId)}/files/${encodeURIComponent(fileId)}`;
