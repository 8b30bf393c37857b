import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '#modules/exchange/exchange.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';

/**
 * The interconnection status screen's reads (docs/modules/exchange.md § Kết nối liên thông): the
 * node registry, the national-portal sync log and the audit anchors, each the server's own shape
 * (src/modules/exchange/exchange.contract.ts, types only). Read-only; refreshed every 15 s.
 */
export type RegistryView = z.infer<typeof C.RegistryView>;
export type RegistryNode = RegistryView['nodes'][number];
export type NationalSyncView = z.infer<typeof C.NationalSyncView>;
export type SyncSent = NationalSyncView['sent'][number];
export type AuditAnchorView = z.infer<typeof C.AuditAnchorView>;

const REFRESH_MS = 15_000;

export function useRegistry() {
  return useQuery({
    queryKey: ['exchange', 'registry'],
    queryFn: ({ signal }) => apiFetch<RegistryView>('/api/v1/exchange/registry', { signal }),
    refetchInterval: REFRESH_MS,
  });
}

/** The sync log's figures with its latest rows, or one dossier's rows (`maHoSo`). */
export function useNationalSync(maHoSo: string | undefined, limit = 10) {
  return useQuery({
    queryKey: ['exchange', 'national-sync', maHoSo ?? '', limit],
    queryFn: ({ signal }) => apiFetch<NationalSyncView>(withQuery('/api/v1/exchange/national-sync', { maHoSo, limit }), { signal }),
    refetchInterval: REFRESH_MS,
  });
}

export function useAuditAnchors(limit = 10) {
  return useQuery({
    queryKey: ['exchange', 'audit-anchors', limit],
    queryFn: ({ signal }) => apiFetch<AuditAnchorView>(withQuery('/api/v1/exchange/audit-anchors', { limit }), { signal }),
    refetchInterval: REFRESH_MS,
  });
}
