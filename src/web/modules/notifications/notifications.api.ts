import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NotificationOut } from '#modules/notifications/notifications.contract.ts';
import { apiFetch } from '../../ui/http.ts';
import type { z } from 'zod';
import type * as NC from '#modules/notifications/notifications.contract.ts';

/** In-app notices (hộp thư thông báo), `GET /api/v1/me/notifications` (docs/modules/notifications.md). */
export type Notice = NotificationOut;

const INBOX = ['inbox'] as const;

/**
 * The notices in the page's language (the server answers in the Accept-Language `apiFetch` sends:
 * English where stored, else Vietnamese, `lang` saying which); a change of language reads them again.
 */
export function useInbox(enabled = true) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...INBOX, i18n.language],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof NC.NotificationList>>('/api/v1/me/notifications?limit=50', { signal }),
    enabled,
    staleTime: 0,
    // Notices arrive from the outbox a moment after the event: the header count looks again now and then.
    refetchInterval: enabled ? 60_000 : false,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Notice>(`/api/v1/me/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: INBOX }),
  });
}

/** The web page of a notice's dossier (the server names `/ho-so/{id}`; the portal shows it at `/ho-so-cua-toi/{id}`). */
export function noticeHref(n: Notice): string | null {
  // an officer's notice about a dossier opens the processing page; an applicant's, their dossier
  if (n.link?.startsWith('/can-bo/')) return n.link;
  if (n.dossierId) return `/ho-so-cua-toi/${encodeURIComponent(n.dossierId)}`;
  return n.link?.startsWith('/') ? n.link : null;
}
