import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { statusColor, statusText } from './dossier-format.ts';

/** A dossier's status as the citizen sees it: its label in the page language, coloured by what it asks of them. */
export function StatusBadge({ status, label, testId }: { status: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={statusColor(status)} tt="none" data-testid={testId}>
      {statusText(t, status, label)}
    </Badge>
  );
}
