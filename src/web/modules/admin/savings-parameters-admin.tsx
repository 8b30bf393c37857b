import { Button, Group, NativeSelect, NumberInput, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayText, DayInput } from '../../ui/day-input.tsx';
import { formatNumber } from '../../ui/numbers.ts';
import { Loading, LoadError } from '../../ui/query-state.tsx';
import { fieldProblem, SaveOutcome } from './admin-errors.tsx';
import { type SavingsParameterInput, useSavingsParameters, useSetSavingsParameter } from './admin.api.ts';
import { ScrollRegion } from '../../ui/scroll-region.tsx';

type Key = SavingsParameterInput['key'];
const KEYS: Key[] = ['tripsPerDossier', 'hoursPerTrip', 'boundaryFreeHours', 'sheetsPerDossier', 'sheetsPerResult'];

/**
 * Ước tính lợi ích: the assumptions behind the command center's savings figures (trips, hours and
 * paper a citizen is spared), each with its basis. An administrator sets a new value from a day on
 * (`PUT /api/v1/indicators/savings-parameters`, versioned by that day and audited on the server);
 * the table shows the values in force today.
 */
export function SavingsParametersAdmin() {
  const { t, i18n } = useTranslation();
  const parameters = useSavingsParameters();
  const save = useSetSavingsParameter();
  const [key, setKey] = useState<Key>('tripsPerDossier');
  const [value, setValue] = useState<number | string>('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [source, setSource] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  if (parameters.isPending) return <Loading />;
  if (parameters.isError) return <LoadError onRetry={() => parameters.refetch()} />;
  const current = parameters.data.parameters;
  const name = (k: Key) => t(`commandCenter.savings.param.${k}`);
  const unit = (k: Key) => t(`admin.savings.unit.${k}`);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate(
      { key, value: Number(value), effectiveFrom, source },
      { onSuccess: () => setSaved(t('admin.savings.saved', { name: name(key), value: formatNumber(Number(value), i18n.language), unit: unit(key), from: dayText(effectiveFrom) })) },
    );
  };

  return (
    <Stack gap="md">
      <Title order={2} id="savings-title">
        {t('admin.savings.title')}
      </Title>
      <Text>{t('admin.savings.intro')}</Text>
      <ScrollRegion minWidth={560} label={t('admin.savings.title')}>
        <Table striped withTableBorder aria-labelledby="savings-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admin.savings.parameter')}</Table.Th>
              <Table.Th scope="col">{t('admin.savings.value')}</Table.Th>
              <Table.Th scope="col">{t('admin.savings.basis')}</Table.Th>
              <Table.Th scope="col">{t('admin.savings.since')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {KEYS.map((k) => (
              <Table.Tr key={k} data-testid={`savings-${k}`}>
                <Table.Th scope="row">{name(k)}</Table.Th>
                <Table.Td>
                  {formatNumber(current[k]?.value, i18n.language)} {unit(k)}
                </Table.Td>
                <Table.Td>{current[k]?.source}</Table.Td>
                <Table.Td>{current[k]?.effectiveFrom ? dayText(current[k].effectiveFrom) : t('admin.savings.default')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      <form onSubmit={submit} aria-labelledby="savings-form-title">
        <Stack gap="sm" maw={640}>
          <Title order={3} id="savings-form-title">
            {t('admin.savings.formTitle')}
          </Title>
          <NativeSelect label={t('admin.savings.parameter')} value={key} onChange={(e) => setKey(e.currentTarget.value as Key)} data={KEYS.map((k) => ({ value: k, label: name(k) }))} />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <NumberInput
              label={t('admin.savings.newValue', { unit: unit(key) })}
              required
              min={0}
              max={10_000}
              decimalScale={2}
              decimalSeparator={i18n.language === 'en' ? '.' : ','}
              value={value}
              onChange={setValue}
              error={fieldProblem(save.error, 'value')}
              w={200}
            />
            <DayInput label={t('admin.savings.effectiveFrom')} required value={effectiveFrom} onChange={setEffectiveFrom} error={fieldProblem(save.error, 'effectiveFrom')} />
          </Group>
          <Textarea
            label={t('admin.savings.basis')}
            description={t('admin.savings.basisHint')}
            required
            minLength={3}
            maxLength={500}
            autosize
            minRows={2}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={fieldProblem(save.error, 'source')}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('admin.savings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <SaveOutcome error={save.error} saved={saved} />
    </Stack>
  );
}
