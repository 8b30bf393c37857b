import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiFetch, withQuery } from '../../ui/http.ts';
import type { z } from 'zod';
import type { Figures as PostControlFigures } from '#modules/inspection/inspection.contract.ts';
import type * as C from '#modules/indicators/indicators.contract.ts';

/** The command center's reads: every shape is the server's own (src/modules/indicators/indicators.contract.ts, types only). */
export type CommandCenter = z.infer<typeof C.CommandCenterOut>;
export type Index766 = z.infer<typeof C.IndexOut>;
export type Indicator = Index766['groups'][number]['indicators'][number];
export type UnitValues = z.infer<typeof C.MapOut>;
export type DossierList = z.infer<typeof C.DossierListOut>;

/** GET /api/v1/statistics/tthc, as the server's contract declares it (indicators.contract.ts). */
export type Statistics = z.infer<typeof C.StatisticsOut>;
/** One line of the TTHC statistics. */
export type StatisticsRow = Statistics['rows'][number];

/** The statistics of a reporting period code, or of a date range when `range` is given. */
export const useStatistics = (unit: string | undefined, period: string, groupBy: string, range?: { from: string; to: string }) =>
  useQuery({
    queryKey: ['cc', 'stats', unit, period, groupBy, range?.from, range?.to],
    queryFn: ({ signal }) =>
      apiFetch<Statistics>(withQuery('/api/v1/statistics/tthc', { unit, groupBy, ...(range ? range : { period }) }), { signal }),
    enabled: !!unit,
    placeholderData: (previous) => previous,
  });

/** GET /api/v1/indicators/circular-01: the Circular 01/2018 evaluation. */
export type Circular01 = z.infer<typeof C.Circular01Out>;
export type ScoreLine = Circular01['total'];

export const useCircular01 = (unit: string, period: string, groupBy: string) =>
  useQuery({
    queryKey: ['cc', 'tt01', unit, period, groupBy],
    queryFn: ({ signal }) => apiFetch<Circular01>(withQuery('/api/v1/indicators/circular-01', { unit, period, groupBy }), { signal }),
    placeholderData: (previous) => previous,
  });

/**
 * The kind of a unit from its code, as the server resolves it (units.ts): `VN`, a province (2
 * digits), a commune (5 digits), else an agency — so the page can ask for the map and the tables
 * together with the command center instead of after it.
 */
export const unitKindOf = (code: string): 'national' | 'province' | 'commune' | 'agency' =>
  code === 'VN' ? 'national' : /^\d{2}$/.test(code) ? 'province' : /^\d{5}$/.test(code) ? 'commune' : 'agency';

export const useHome = () =>
  useQuery({ queryKey: ['cc', 'home'], queryFn: ({ signal }) => apiFetch<z.infer<typeof C.HomeOut>>('/api/v1/indicators/home', { signal }) });

export const useCommandCenter = (unit: string | undefined, period: string) =>
  useQuery({
    queryKey: ['cc', 'center', unit, period],
    queryFn: ({ signal }) => apiFetch<CommandCenter>(withQuery('/api/v1/indicators/command-center', { unit, period }), { signal }),
    enabled: !!unit,
    placeholderData: (previous) => previous,
  });

export const useIndex766 = (unit: string | undefined, period: string) =>
  useQuery({
    queryKey: ['cc', '766', unit, period],
    queryFn: ({ signal }) => apiFetch<Index766>(withQuery('/api/v1/indicators/766', { unit, period }), { signal }),
    enabled: !!unit,
  });

export const useUnitValues = (unit: string | undefined, indicator: string, period: string, enabled: boolean) =>
  useQuery({
    queryKey: ['cc', 'map', unit, indicator, period],
    queryFn: ({ signal }) => apiFetch<UnitValues>(withQuery('/api/v1/indicators/map', { unit, indicator, period }), { signal }),
    enabled: !!unit && enabled,
  });

export const useDossierList = (url: string | null) =>
  useQuery({ queryKey: ['cc', 'list', url], queryFn: ({ signal }) => apiFetch<DossierList>(url!, { signal }), enabled: !!url });

/**
 * Live updates: the server's SSE stream says "the figures moved"; the page reads them again
 * (at most once a second). EventSource reconnects by itself; `reset` also refreshes.
 */
export function useLiveFigures(unit: string | undefined, topic: string | undefined, onEvent?: () => void) {
  const client = useQueryClient();
  useEffect(() => {
    if (!unit || !topic || typeof EventSource === 'undefined') return;
    const source = new EventSource(withQuery('/api/v1/indicators/stream', { unit }));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void client.invalidateQueries({ queryKey: ['cc'] });
        onEvent?.();
      }, 300);
    };
    source.addEventListener('reset', refresh);
    source.addEventListener(topic, refresh);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [unit, topic, client, onEvent]);
}

export type TaskShow = z.infer<typeof C.TasksOut>['show'];

/** The tasks behind a figure of the tasks tile (tasks assigned from conclusions to the unit's agencies). */
export const useUnitTasks = (unit: string | undefined, show: TaskShow | null) =>
  useQuery({
    queryKey: ['cc', 'tasks', unit, show],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof C.TasksOut>>(withQuery('/api/v1/indicators/tasks', { unit, show: show ?? undefined }), { signal }),
    enabled: !!unit && !!show,
  });

/**
 * The post-control figures (inspection module) of a province, or of the nation without one, over a
 * period — asked only when `allowed` (the server's own rule over the user's grants, `figuresScopeOf`):
 * a commune leader is never sent a 403 to show as "no figures".
 */
export const usePostControl = (province: string | null | undefined, from: string | undefined, to: string | undefined, allowed: boolean) =>
  useQuery({
    queryKey: ['cc', 'post-control', province, from, to],
    queryFn: ({ signal }) => apiFetch<PostControlFigures>(withQuery('/api/v1/inspection/figures', { province: province ?? undefined, from, to }), { signal }),
    enabled: allowed && province !== undefined && !!from && !!to,
  });
