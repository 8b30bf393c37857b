import { NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useStepOptions } from './workspace.api.ts';

/**
 * Liên thông: where each step the action opens will go — the agencies that may work it, the
 * one the server would pick first. A step with a single possible agency is named, not asked.
 * Only steps whose agency was changed are sent (`agencies` of dispatch / complete_step).
 */
export function StepAgencyFields({
  dossierId,
  value,
  onChange,
  error,
}: {
  dossierId: string;
  value: Record<number, string>;
  onChange: (step: number, agency: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const options = useStepOptions(dossierId);
  if (options.isPending) return <Text size="sm">{t('app.loading')}</Text>;
  if (options.isError) return <Text size="sm">{t('workspace.form.stepAgenciesFailed')}</Text>;
  const items = options.data.items;
  if (items.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {t('workspace.form.stepAgencies')}
      </Text>
      {items.map((item) => {
        const label = t('workspace.form.stepAgency', { step: item.step, task: item.task });
        if (item.agencies.length <= 1) {
          return (
            <Text key={item.step} size="sm" data-testid={`step-agency-${item.step}`}>
              {label}: <strong>{item.agencies[0]?.name ?? t('workspace.form.stepAgencyNone')}</strong>
            </Text>
          );
        }
        return (
          <NativeSelect
            key={item.step}
            label={label}
            value={value[item.step] ?? item.agencies[0].code}
            onChange={(e) => onChange(item.step, e.currentTarget.value)}
            data={item.agencies.map((a) => ({ value: a.code, label: a.name }))}
            error={error}
          />
        );
      })}
    </Stack>
  );
}
