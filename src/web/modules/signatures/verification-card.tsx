import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Verification } from './signatures.api.ts';

export type VerificationState = 'valid' | 'revoked' | 'invalid';

function stateOf(v: Verification): VerificationState {
  if (v.revoked) return 'revoked';
  return v.valid ? 'valid' : 'invalid';
}

const STYLE: Record<VerificationState, { color: string; border: string }> = {
  valid: { color: 'var(--mantine-color-green-9)', border: 'var(--mantine-color-green-7)' },
  revoked: { color: 'var(--mantine-color-orange-9)', border: 'var(--mantine-color-orange-7)' },
  invalid: { color: 'var(--mantine-color-red-9)', border: 'var(--mantine-color-red-7)' },
};

/** Check mark, exclamation in a triangle, cross: the state reads without colour too. */
function StateIcon({ state }: { state: VerificationState }) {
  return (
    <svg aria-hidden="true" width={56} height={56} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.2}>
      {state === 'valid' && (
        <>
          <circle cx="12" cy="12" r="10" />
          <path d="M7 12.5l3.2 3.2L17 9" strokeLinecap="round" strokeLinejoin="round" />
        </>
      )}
      {state === 'revoked' && (
        <>
          <path d="M12 2.8L22 20.5H2z" strokeLinejoin="round" />
          <path d="M12 9.5v5" strokeLinecap="round" />
          <circle cx="12" cy="17.6" r="0.6" fill="currentColor" />
        </>
      )}
      {state === 'invalid' && (
        <>
          <circle cx="12" cy="12" r="10" />
          <path d="M8.5 8.5l7 7M15.5 8.5l-7 7" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

function useDateTime() {
  const { i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });
  // 'dd/mm/yyyy hh:mm' (Asia/Ho_Chi_Minh) in both languages.
  return (iso: string | null | undefined) => (iso ? `${date.format(new Date(iso))} ${time.format(new Date(iso))}` : '—');
}

/** The big state banner and the facts behind it, as a description list. */
export function VerificationCard({ verification: v, headingId }: { verification: Verification; headingId: string }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const state = stateOf(v);
  const style = STYLE[state];
  const rows: [string, string][] = [
    [t('verify.fields.resultNumber'), v.resultNumber ?? '—'],
    [t('verify.fields.agency'), v.agency ? `${v.agency.name} (${v.agency.code})` : '—'],
    [t('verify.fields.procedure'), v.procedureName ?? '—'],
    [t('verify.fields.dossierCode'), v.dossierCode ?? '—'],
    [t('verify.fields.issuedAt'), dateTime(v.issuedAt)],
    [t('verify.fields.signer'), v.signer?.subject ?? '—'],
    [t('verify.fields.issuer'), v.signer?.issuer ?? '—'],
    [t('verify.fields.serial'), v.signer?.serial ?? '—'],
    [
      t('verify.fields.certificateValidity'),
      v.signer ? t('verify.fromTo', { from: dateTime(v.signer.notBefore), to: dateTime(v.signer.notAfter) }) : '—',
    ],
    [t('verify.fields.signingTime'), dateTime(v.signingTime)],
    [t('verify.fields.sha256'), v.sha256],
  ];
  return (
    <Stack gap="md">
      <Paper
        withBorder
        p={{ base: 'md', sm: 'lg' }}
        radius="md"
        role="status"
        aria-labelledby={headingId}
        style={{ borderLeft: `8px solid ${style.border}` }}
        data-state={state}
      >
        <Group gap="md" wrap="nowrap" align="flex-start">
          <Box style={{ color: style.color, flexShrink: 0 }}>
            <StateIcon state={state} />
          </Box>
          <Stack gap={4}>
            <Title order={2} id={headingId} style={{ color: style.color }}>
              {t(`verify.state.${state}`)}
            </Title>
            <Text>{t(`verify.explain.${state}`)}</Text>
            {state === 'revoked' && (
              <Text fw={600}>
                {t('verify.revokedOn', { at: dateTime(v.revokedAt) })} {t('verify.revokedReason', { reason: v.revocationReason ?? '' })}
              </Text>
            )}
            {state === 'invalid' && v.reason && <Text fw={600}>{t(`verify.reasons.${v.reason}`)}</Text>}
          </Stack>
        </Group>
      </Paper>
      <Box component="dl" className="verify-facts" m={0}>
        {rows
          .filter(([, value]) => value !== '—')
          .map(([label, value]) => (
          <Box key={label} className="verify-fact">
            <Text component="dt" fw={600} size="sm">
              {label}
            </Text>
            <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </Box>
        ))}
      </Box>
    </Stack>
  );
}
