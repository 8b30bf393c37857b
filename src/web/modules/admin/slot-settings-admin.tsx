import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetSlotSettings, useSlotSettings } from '../appointments/appointments.api.ts';
import { AdminError, SaveOutcome } from './admin-errors.tsx';
import { ProvinceAgencyPicker } from './users-admin.tsx';

const readableHint = { description: { color: 'var(--mantine-color-gray-8)' } };

/**
 * Lịch hẹn nộp hồ sơ: an agency's slot length and how many people one slot takes
 * (`GET/PUT /api/v1/admin/agencies/{code}/appointment-settings`, audited on the server). The
 * browser checks the server's ranges first (10–240 minutes, 1–100 people).
 */
export function SlotSettingsAdmin() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [minutes, setMinutes] = useState('');
  const [capacity, setCapacity] = useState('');
  const [errors, setErrors] = useState<{ agency?: string; minutes?: string; capacity?: string }>({});
  const [saved, setSaved] = useState('');
  const settings = useSlotSettings(code);
  const save = useSetSlotSettings();

  useEffect(() => {
    if (!settings.data) return;
    setMinutes(String(settings.data.slotMinutes));
    setCapacity(String(settings.data.capacity));
  }, [settings.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    const m = Number(minutes);
    const c = Number(capacity);
    const found = {
      agency: code ? undefined : t('admin.slotSettings.pickAgency'),
      minutes: code && !(Number.isInteger(m) && m >= 10 && m <= 240) ? t('admin.slotSettings.minutesRange') : undefined,
      capacity: code && !(Number.isInteger(c) && c >= 1 && c <= 100) ? t('admin.slotSettings.capacityRange') : undefined,
    };
    setErrors(found);
    if (found.agency || found.minutes || found.capacity) {
      document.getElementById(found.minutes ? 'slot-minutes' : found.capacity ? 'slot-capacity' : '')?.focus();
      return;
    }
    save.mutate(
      { code, slotMinutes: m, capacity: c },
      { onSuccess: (s) => setSaved(t('admin.slotSettings.saved', { agency: settings.data?.agencyName ?? s.agencyCode, minutes: s.slotMinutes, capacity: s.capacity })) },
    );
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="slot-settings-title">
      <Title order={2} size="h3" id="slot-settings-title">
        {t('admin.slotSettings.title')}
      </Title>
      <Text>{t('admin.slotSettings.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ProvinceAgencyPicker
            label={t('admin.slotSettings.agency')}
            value={code}
            required
            error={errors.agency}
            onChange={(c) => {
              setCode(c);
              setErrors({});
              setSaved('');
              save.reset();
            }}
          />
          {code && settings.isError && <AdminError error={settings.error} />}
          {code && settings.data && (
            <>
              <Text data-testid="slot-settings-current">
                {t('admin.slotSettings.current', { minutes: settings.data.slotMinutes, capacity: settings.data.capacity })}
                {settings.data.isDefault ? ` ${t('admin.slotSettings.default')}` : ''}
              </Text>
              <Group align="flex-start" gap="sm" wrap="wrap">
                <TextInput
                  id="slot-minutes"
                  label={t('admin.slotSettings.slotMinutes')}
                  description={t('admin.slotSettings.slotMinutesHint')}
                  type="number"
                  inputMode="numeric"
                  min={10}
                  max={240}
                  required
                  styles={readableHint}
                  value={minutes}
                  error={errors.minutes}
                  onChange={(e) => setMinutes(e.currentTarget.value)}
                />
                <TextInput
                  id="slot-capacity"
                  label={t('admin.slotSettings.capacity')}
                  description={t('admin.slotSettings.capacityHint')}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  required
                  styles={readableHint}
                  value={capacity}
                  error={errors.capacity}
                  onChange={(e) => setCapacity(e.currentTarget.value)}
                />
              </Group>
              <div>
                <Button type="submit" loading={save.isPending}>
                  {t('admin.slotSettings.save')}
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
