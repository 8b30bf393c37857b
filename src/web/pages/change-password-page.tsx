import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ChangePasswordForm } from '../modules/identity/change-password-form.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { isOfficer } from '../modules/identity/officer-roles.ts';
import { Loading } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

/**
 * Đổi mật khẩu (/doi-mat-khau). A user whose password an administrator set (a new account, a
 * reset, the first administrator) is sent here before anything else (app/layout.tsx) and, once it
 * is changed, on to their work; anyone signed in may come here from the header.
 */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [done, setDone] = useState(false);
  usePageTitle(t('password.title'));
  if (me.isPending) return <Loading />;
  if (!me.data) {
    return (
      <Stack maw={480} mx="auto">
        <Title order={1}>{t('password.title')}</Title>
        <Text>
          <Anchor component={Link} to="/dang-nhap?next=%2Fdoi-mat-khau">
            {t('app.login')}
          </Anchor>
        </Text>
      </Stack>
    );
  }
  const required = me.data.mustChangePassword;
  // an officer goes on to the workspace (/can-bo) once the required change is done
  const officer = isOfficer(me.data.grants);
  return (
    <Stack maw={480} mx="auto" gap="md">
      <Title order={1}>{t('password.title')}</Title>
      {required && (
        <Alert color="yellow" variant="light" styles={{ title: { color: '#5c3d00' } }} title={t('password.requiredTitle')}>
          {t('password.required')}
        </Alert>
      )}
      <Text>{t('password.intro')}</Text>
      <Paper withBorder p="lg" radius="md">
        <ChangePasswordForm
          username={me.data.username}
          onChanged={() => {
            if (required) navigate(officer ? '/can-bo' : '/', { replace: true });
            else setDone(true);
          }}
        />
      </Paper>
      <div role="status">{done && <Alert color="green">{t('password.done')}</Alert>}</div>
    </Stack>
  );
}
