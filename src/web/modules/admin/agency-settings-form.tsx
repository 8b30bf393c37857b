import { Button, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminError, SaveOutcome } from './admin-errors.tsx';
import { ProvinceAgencyPicker } from './users-admin.tsx';

/** The agency a settings form edits and what its last save said; picking another agency clears the message (and `onPick` the caller's own errors). */
export function useAgencyPick(onPick?: () => void) {
  const [code, setCode] = useState('');
  const [saved, setSaved] = useState('');
  const pick = (c: string) => {
    setCode(c);
    setSaved('');
    onPick?.();
  };
  return { code, saved, setSaved, pick };
}

/**
 * The frame of a per-agency settings form (result issuance, appointment slots): heading, intro,
 * the agency picker, then — once the agency's settings are read — the fields and the save button,
 * and what saving said. Texts come from `admin.<texts>.title|intro|agency|save`.
 */
export function AgencySettingsForm({
  texts,
  titleId,
  agency: { code, saved, pick },
  pickError,
  read,
  save,
  onSubmit,
  children,
}: {
  texts: 'agencySettings' | 'slotSettings';
  titleId: string;
  agency: ReturnType<typeof useAgencyPick>;
  pickError?: string;
  read: { isError: boolean; error: Error | null; data: unknown };
  save: { isPending: boolean; error: Error | null; reset: () => void };
  onSubmit: (e: FormEvent) => void;
  /** The current value and the fields, shown once the settings are read. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        {t(`admin.${texts}.title`)}
      </Title>
      <Text>{t(`admin.${texts}.intro`)}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <ProvinceAgencyPicker
            label={t(`admin.${texts}.agency`)}
            value={code}
            required
            error={pickError}
            onChange={(c) => {
              pick(c);
              save.reset();
            }}
          />
          {code && read.isError && <AdminError error={read.error} />}
          {code && read.data != null && (
            <>
              {children}
              <div>
                <Button type="submit" loading={save.isPending}>
                  {t(`admin.${texts}.save`)}
                </Button>
              </div>
            </>
          )}
          <SaveOutcome error={save.error} saved={saved} />
        </Stack>
      </form>
    </Stack>
  );
}
