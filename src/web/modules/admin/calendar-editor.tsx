import { Button, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortDate } from '../dossiers/dossier-format.ts';
import { AdminError } from './admin-errors.tsx';
import { useCalendarYear, useSetDay } from './admin.api.ts';

const KINDS = ['holiday', 'compensatory', 'swap_off', 'working_weekend'] as const;

/** Lịch làm việc: the days off and worked Saturdays of a year; every change is audited and moves deadlines. */
export function CalendarEditor() {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const calendar = useCalendarYear(year);
  const setDay = useSetDay(year);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<string>('holiday');
  const [name, setName] = useState('');
  const rows = [
    ...(calendar.data?.holidays ?? []),
    ...(calendar.data?.workingWeekendDays ?? []).map((d) => ({ date: d, name: t('admin.calendar.kinds.working_weekend'), kind: 'working_weekend', verified: true })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('admin.calendar.title')}
      </Title>
      <NumberInput label={t('admin.calendar.year')} value={year} min={2020} max={2100} onChange={(v) => setYear(Number(v) || year)} w={160} />
      {calendar.isError && <Text>{t('admin.calendar.missing', { year })}</Text>}
      {calendar.data && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.calendar.date')}</Table.Th>
              <Table.Th>{t('admin.calendar.kind')}</Table.Th>
              <Table.Th>{t('admin.calendar.name')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin.calendar.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.date}>
                <Table.Td>{shortDate(d.date)}</Table.Td>
                <Table.Td>{t(`admin.calendar.kinds.${d.kind}`)}</Table.Td>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setDay.mutate({ date: d.date, kind: d.kind, name: d.name, remove: true })} aria-label={t('admin.calendar.removeDay', { date: shortDate(d.date) })}>
                    {t('admin.calendar.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDay.mutate({ date, kind, name });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput type="date" label={t('admin.calendar.date')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          <NativeSelect label={t('admin.calendar.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value)} data={KINDS.map((k) => ({ value: k, label: t(`admin.calendar.kinds.${k}`) }))} />
          <TextInput label={t('admin.calendar.name')} required value={name} maxLength={200} onChange={(e) => setName(e.currentTarget.value)} />
          <Button type="submit" loading={setDay.isPending}>
            {t('admin.calendar.save')}
          </Button>
        </Group>
      </form>
      <AdminError error={setDay.error} />
      <Text size="sm">{t('admin.calendar.note')}</Text>
    </Stack>
  );
}
