import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../ui/http.ts';
import type { ReceptionPreview, ReceptionPreviewQuery } from '#modules/dossiers/dossiers.contract.ts';

/** GET /api/v1/reception/preview: which agency will hold the dossier and why (nothing written). */
function useReceptionPreview(input: ReceptionPreviewQuery) {
  const ready = !!input.procedureCode && !!input.receivingAgency && /^\d{5}$/.test(input.communeCode);
  return useQuery({
    queryKey: ['workspace', 'reception-preview', input.procedureCode, input.receivingAgency, input.communeCode],
    queryFn: ({ signal }) => apiFetch<ReceptionPreview>(`/api/v1/reception/preview?${new URLSearchParams(input)}`, { signal }),
    enabled: ready,
    staleTime: 60_000,
  });
}

/**
 * Nơi giữ hồ sơ, shown at the counter before the officer confirms a reception: the agency that will
 * hold the dossier (the receiving one, or the one it is handed over to) and the rule that decides
 * (the procedure version's competence). Self-contained: place it anywhere in the reception form.
 */
export function HandOverPreview(props: ReceptionPreviewQuery) {
  const { t, i18n } = useTranslation();
  const preview = useReceptionPreview(props);
  const p = preview.data;
  if (!p) return null;
  const reason = i18n.language.startsWith('en') ? p.reasonEn : p.reason;
  return (
    <Alert
      color={p.handOver ? 'orange' : 'blue'}
      variant="light"
      role="status"
      data-testid="hand-over-preview"
      styles={{ title: { color: p.handOver ? '#7a3300' : '#0b3d6b' } }}
      title={p.handOver ? t('workspace.handOver.to', { agency: p.holdingAgency.name }) : t('workspace.handOver.stays', { agency: p.holdingAgency.name })}
    >
      <Text size="sm">{reason}</Text>
    </Alert>
  );
}
