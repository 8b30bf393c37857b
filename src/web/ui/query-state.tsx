import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A polite loading line, announced to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="status" aria-live="polite" py="sm">
      <Loader size="sm" aria-hidden="true" />
      <Text>{label ?? t('app.loading')}</Text>
    </Group>
  );
}

/** An error box with an optional retry button. */
export function LoadError({ message, onRetry, children }: { message?: string; onRetry?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert">
      <Text>{message ?? t('app.loadFailed')}</Text>
      {children}
      {onRetry && (
        <Button mt="sm" variant="default" size="xs" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      )}
    </Alert>
  );
}
