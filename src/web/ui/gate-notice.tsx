import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/** A gated page's heading and why its body is not shown: sign in first (then come back here), or it is not for this user. */
export function GateNotice({ title, signedIn, notForYou }: { title: string; signedIn: boolean; notForYou: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Stack gap="sm">
      <Title order={1}>{title}</Title>
      <Alert color="blue" variant="light">
        {signedIn ? (
          <Text>{notForYou}</Text>
        ) : (
          <Text>
            {t('workspace.signInFirst')}{' '}
            <Anchor component={Link} to={`/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`}>
              {t('app.login')}
            </Anchor>
          </Text>
        )}
      </Alert>
    </Stack>
  );
}
