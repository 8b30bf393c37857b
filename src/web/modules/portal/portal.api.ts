import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../ui/http.ts';

/** `GET /api/v1/portal-info`: who runs the portal and how to reach them (null when not configured). */
export interface PortalInfo {
  operator: string | null;
  hotline: string | null;
  email: string | null;
  privacyEmail: string | null;
}

export function usePortalInfo() {
  return useQuery({
    queryKey: ['portal-info'],
    queryFn: ({ signal }) => apiFetch<PortalInfo>('/api/v1/portal-info', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
