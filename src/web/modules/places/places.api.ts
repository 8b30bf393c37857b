import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Agency } from '#modules/places/places.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';
import type { z } from 'zod';
import type * as PC from '#modules/places/places.contract.ts';

export type { Agency, Commune, Province } from '#modules/places/places.contract.ts';

const DAY = 24 * 60 * 60 * 1000;

const provinces = queryOptions({
  queryKey: ['provinces'],
  queryFn: ({ signal }) => apiFetch<z.infer<typeof PC.ProvinceList>>('/api/v1/places/provinces', { signal }),
  staleTime: DAY,
});

export function useProvinces() {
  return useQuery(provinces);
}

/**
 * Asks for the provinces now, for a list shown later, without re-rendering the caller when they
 * arrive. In an effect: nothing is fetched while rendering (the server renders these pages too).
 */
export function usePrefetchProvinces() {
  const client = useQueryClient();
  useEffect(() => {
    void client.prefetchQuery(provinces);
  }, [client]);
}

export function useCommunes(provinceCode: string) {
  return useQuery({
    queryKey: ['communes', provinceCode],
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof PC.CommuneList>>(`/api/v1/places/provinces/${encodeURIComponent(provinceCode)}/communes`, { signal }),
    enabled: provinceCode !== '',
    staleTime: DAY,
  });
}

/** Agencies of one administrative unit; an empty list when the register cannot answer. */
export function useAgencies(adminUnitCode: string) {
  return useQuery({
    queryKey: ['agencies', adminUnitCode],
    queryFn: async ({ signal }) => {
      try {
        return await apiFetch<z.infer<typeof PC.AgencyList>>(withQuery('/api/v1/agencies', { adminUnitCode }), { signal });
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        return { items: [] as Agency[] };
      }
    },
    enabled: adminUnitCode !== '',
    staleTime: DAY,
  });
}

/** Communes and wards before the 2025 reorganisation, found by their old name, with the commune they are part of now. */
export function useLegacyUnits(q: string) {
  return useQuery({
    queryKey: ['places', 'legacy', q],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof PC.LegacyList>>(withQuery('/api/v1/places/legacy', { q }), { signal }),
    enabled: q.trim() !== '',
  });
}
