import '@mantine/core/styles/Divider.css';
import { Alert, Anchor, Button, Divider, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { wrappingButton } from '../../ui/whole-labels.ts';

/** Codes the server may put in `?eid_error=` (src/modules/identity/identity.errors.ts, EidErrors). */
const KNOWN_ERRORS = new Set([
  'EID_NOT_CONFIGURED',
  'EID_UNAVAILABLE',
  'EID_DENIED',
  'EID_STATE_INVALID',
  'EID_REPLAYED',
  'EID_FAILED',
  'EID_NO_IDENTITY_NUMBER',
  'EID_ACCOUNT_INACTIVE',
  'EID_ACCOUNT_NOT_CITIZEN',
]);

/**
 * "Đăng nhập bằng định danh điện tử (VNeID)": a plain link to the server, which redirects to the
 * national e-ID (OpenID Connect) and comes back signed in at `returnTo`, the page that asked for the
 * sign-in; without one (null), at the user's start page, by the rule of every sign-in
 * (identity/start-page.ts: /hop for a member of a collective body). A failed attempt comes back
 * with `?eid_error=CODE`, explained here.
 */
export function EidSignIn({ returnTo, errorCode }: { returnTo: string | null; errorCode: string | null }) {
  const { t } = useTranslation();
  const code = errorCode && KNOWN_ERRORS.has(errorCode) ? errorCode : errorCode ? 'EID_FAILED' : null;
  return (
    <Stack gap="sm">
      {code && (
        <Alert color="red" variant="light" role="alert" title={t('eid.errorTitle')}>
          <Text size="sm">{t(`eid.errors.${code}`)}</Text>
          <Text size="sm" fw={600}>
            {t('eid.errorCode', { code })}
          </Text>
          {returnTo && returnTo !== '/' && (
            <Anchor component={Link} to={returnTo} size="sm" mt={4} display="inline-block" data-testid="eid-return">
              {t('eid.back')}
            </Anchor>
          )}
        </Alert>
      )}
      <Button
        component="a"
        href={returnTo ? `/api/v1/auth/eid/start?returnTo=${encodeURIComponent(returnTo)}` : '/api/v1/auth/eid/start'}
        size="lg"
        fullWidth
        color="red.9"
        styles={wrappingButton('center', 50)}
      >
        {t('eid.button')}
      </Button>
      <Text size="sm">{t('eid.hint')}</Text>
      <Divider label={t('eid.or')} labelPosition="center" my="xs" styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }} />
    </Stack>
  );
}
