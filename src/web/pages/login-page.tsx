import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { EidSignIn } from '../modules/identity/eid-sign-in.tsx';
import { LoginForm } from '../modules/identity/login-form.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

const sentFailure = (code: string | null) => (code === 'RATE_LIMITED' || code === 'INVALID_CREDENTIALS' ? code : null);

/** Đăng nhập: VNeID first, then username and password; back to where the user came from (same-site paths only). */
export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
  usePageTitle(t('login.title'));

  return (
    <Stack maw={420} mx="auto" gap="md">
      <Title order={1}>{t('login.title')}</Title>
      <Text>{t('login.intro')}</Text>
      <Paper withBorder p="lg" radius="md">
        {/* Only the page that asked for the sign-in is passed on: without one, the server lands the user on their start page. */}
        <EidSignIn returnTo={next ? target : null} errorCode={params.get('eid_error')} />
        <LoginForm
          // Before the app runs (or without it), the browser sends the form itself here, `next` kept.
          action={next ? `/dang-nhap?next=${encodeURIComponent(next)}` : '/dang-nhap'}
          sentFailure={sentFailure(params.get('login_error'))}
          // the page that asked for the sign-in, else where the server says this user starts (/hop for a
          // member of a collective body): the rule the form sent without the app follows (identity/start-page.ts)
          onSuccess={(answer) => navigate(next ? target : answer.startAt, { replace: true })}
        />
      </Paper>
    </Stack>
  );
}
