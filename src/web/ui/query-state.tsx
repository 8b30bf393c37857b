import { Alert, type AlertProps, Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, errorText } from './http.ts';
import { useOnline } from './use-online.ts';

/**
 * A polite loading line, announced to screen readers. Offline, a read waits for the network (the
 * query resumes by itself once back online): the line says so instead of "Đang tải…" for ever.
 */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <Group gap="xs" role="status" aria-live="polite" py="sm">
      <Loader size="sm" aria-hidden="true" />
      <Text>{online ? (label ?? t('app.loading')) : t('app.waitingForNetwork')}</Text>
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

/** A failed action (a form sent, a button pressed): the server's message, announced at once; nothing while `error` is empty. */
export function ActionError({ error, color = 'red.9', ...alert }: { error: unknown } & Omit<AlertProps, 'children'>) {
  if (!error) return null;
  return (
    <Alert color={color} role="alert" {...alert}>
      {errorText(error)}
    </Alert>
  );
}

/**
 * A page whose subject could not be read: as heading, the not-found title when the server answered
 * 404 (then its message, no retry), otherwise “could not load” with a retry; then the way back.
 */
export function PageLoadError({ error, notFound, onRetry, back }: { error: unknown; notFound: { title: string; message: string }; onRetry: () => void; back?: { to: string; label: string } }) {
  const { t } = useTranslation();
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <Stack>
      <Title order={1}>{missing ? notFound.title : t('app.loadFailed')}</Title>
      <LoadError message={missing ? notFound.message : undefined} onRetry={missing ? undefined : onRetry} />
      {back && (
        <Anchor component={Link} to={back.to}>
          {back.label}
        </Anchor>
      )}
    </Stack>
  );
}

/**
 * What a query shows: the loading line, then the error with the server's message and a retry, then
 * `children` with the data — or, for a list with nothing in it, the `empty` line that says so.
 */
export function Loaded<T>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<T, Error>;
  empty?: { when: (data: T) => boolean; text: ReactNode };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError message={query.error.message} onRetry={() => query.refetch()} />;
  if (empty?.when(query.data)) {
    return (
      <Text className="empty-state" p="md">
        {empty.text}
      </Text>
    );
  }
  return children(query.data);
}
