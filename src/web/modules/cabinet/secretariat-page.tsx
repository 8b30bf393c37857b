import { Alert, Anchor, Button, Group, Select, Stack, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../ui/http.ts';
import { Loading, LoadError } from '../../ui/query-state.tsx';
import { useCabinetMe } from './cabinet.api.ts';

/**
 * A page only a body's secretariat uses (drafting a form, scheduling a meeting): the way back, the
 * title, and either why it is not for the reader or the page itself with the body it acts for —
 * a choice shown only to the secretariat of several bodies.
 */
export function SecretariatPage({ title, forbidden, testId, children }: { title: string; forbidden: string; testId: string; children: (body: { code: string; select: ReactNode }) => ReactNode }) {
  const { t } = useTranslation();
  const me = useCabinetMe();
  const [body, setBody] = useState<string | null>(null);
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError message={errorText(me.error)} onRetry={() => me.refetch()} />;
  const bodies = me.data.bodies.filter((b) => b.role === 'secretariat');
  const code = body ?? bodies[0]?.code ?? '';
  const select = bodies.length > 1 && <Select id="cabinet-body" label={t('cabinet.newMeeting.body')} value={code} onChange={setBody} data={bodies.map((b) => ({ value: b.code, label: b.name }))} allowDeselect={false} />;
  return (
    <Stack gap="md" className="cabinet-page" maw={760}>
      <Anchor component={Link} to="/hop">
        ← {t('cabinet.back')}
      </Anchor>
      <Title order={1}>{title}</Title>
      {bodies.length === 0 ? (
        <Alert color="gray.9" data-testid={testId}>
          {forbidden}
        </Alert>
      ) : (
        children({ code, select })
      )}
    </Stack>
  );
}

/** The page's one submit button, and above it why the server refused (its stable, translated reason). */
export function SubmitWithError({ label, pending, error, testId }: { label: string; pending: boolean; error: Error | null; testId: string }) {
  return (
    <>
      {error && (
        <Alert color="red.9" role="alert">
          {errorText(error)}
        </Alert>
      )}
      <Group>
        <Button type="submit" size="md" loading={pending} data-testid={testId}>
          {label}
        </Button>
      </Group>
    </>
  );
}
