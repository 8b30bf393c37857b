import { useQuery } from '@tanstack/react-query';
import type { PortalInfo } from '#http/portal-info.contract.ts';
import { apiFetch } from '../../ui/http.ts';

export type { PortalInfo } from '#http/portal-info.contract.ts';

export function usePortalInfo() {
  return useQuery({
    queryKey: ['portal-info'],
    queryFn: ({ signal }) => apiFetch<PortalInfo>('/api/v1/portal-info', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
