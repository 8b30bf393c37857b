import { Group, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetSlotSettings, useSlotSettings } from '../appointments/appointments.api.ts';
import { AgencySettingsForm, useAgencyPick } from './agency-settings-form.tsx';


/** The two numbers of the form, with the server's ranges and their texts (`admin.slotSettings.*`). */
const FIELDS = [
  { name: 'slotMinutes', id: 'slot-minutes', min: 10, max: 240, hint: 'slotMinutesHint', range: 'minutesRange' },
  { name: 'capacity', id: 'slot-capacity', min: 1, max: 100, hint: 'capacityHint', range: 'capacityRange' },
] as const;
type Field = (typeof FIELDS)[number]['name'];

/**
 * Lịch hẹn nộp hồ sơ: an agency's slot length and how many people one slot takes
 * (`GET/PUT /api/v1/admin/agencies/{code}/appointment-settings`, audited on the server). The
 * browser checks the server's ranges first (10–240 minutes, 1–100 people).
 */
export function SlotSettingsAdmin() {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>({ slotMinutes: '', capacity: '' });
  const [errors, setErrors] = useState<Partial<Record<Field | 'agency', string>>>({});
  const picked = useAgencyPick(() => setErrors({}));
  const { code, setSaved } = picked;
  const settings = useSlotSettings(code);
  const save = useSetSlotSettings();

  useEffect(() => {
    if (!settings.data) return;
    setValues({ slotMinutes: String(settings.data.slotMinutes), capacity: String(settings.data.capacity) });
  }, [settings.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    const found: typeof errors = { agency: code ? undefined : t('admin.slotSettings.pickAgency') };
    for (const f of FIELDS) {
      const n = Number(values[f.name]);
      if (code && !(Number.isInteger(n) && n >= f.min && n <= f.max)) found[f.name] = t(`admin.slotSettings.${f.range}`);
    }
    setErrors(found);
    if (found.agency) return;
    const invalid = FIELDS.find((f) => found[f.name]);
    if (invalid) {
      document.getElementById(invalid.id)?.focus();
      return;
    }
    save.mutate(
      { code, slotMinutes: Number(values.slotMinutes), capacity: Number(values.capacity) },
      { onSuccess: (s) => setSaved(t('admin.slotSettings.saved', { agency: settings.data?.agencyName ?? s.agencyCode, minutes: s.slotMinutes, capacity: s.capacity })) },
    );
  };

  return (
    <AgencySettingsForm texts="slotSettings" titleId="slot-settings-title" agency={picked} pickError={errors.agency} read={settings} save={save} onSubmit={submit}>
      {settings.data && (
        <>
          <Text data-testid="slot-settings-current">
            {t('admin.slotSettings.current', { minutes: settings.data.slotMinutes, capacity: settings.data.capacity })}
            {settings.data.isDefault ? ` ${t('admin.slotSettings.default')}` : ''}
          </Text>
          <Group align="flex-start" gap="sm" wrap="wrap">
            {FIELDS.map((f) => (
              <TextInput
                key={f.name}
                id={f.id}
                label={t(`admin.slotSettings.${f.name}`)}
                description={t(`admin.slotSettings.${f.hint}`)}
                type="number"
                inputMode="numeric"
                min={f.min}
                max={f.max}
                required
                value={values[f.name]}
                error={errors[f.name]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setValues((v) => ({ ...v, [f.name]: value }));
                }}
              />
            ))}
          </Group>
        </>
      )}
    </AgencySettingsForm>
  );
}
