import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from './workspace.api.ts';

/** Conditions worth telling the officer: an action of theirs waits for something they can do. */
const SHOWN = new Set(['APOLOGY_REQUIRED', 'DEADLINE_PASSED', 'STEPS_PENDING']);

/**
 * Why a button is absent (the API's `blockedActions`): an overdue dossier is approved only with
 * its apology (Mẫu 04), and can no longer be stopped. The buttons stay exactly `allowedActions`.
 */
export function BlockedActions({ d }: { d: DossierDetail }) {
  const { t } = useTranslation();
  const reasons = [...new Set((d.blockedActions ?? []).map((b) => b.reason).filter((r) => SHOWN.has(r)))];
  if (reasons.length === 0) return null;
  return (
    <Alert color="red" variant="light" styles={{ title: { color: '#8a1c1c' } }} title={t('workspace.blocked.title')} data-testid="blocked-actions">
      {reasons.map((r) => (
        <Text key={r} size="sm">
          {t(`workspace.blocked.${r}`)}
        </Text>
      ))}
    </Alert>
  );
}
