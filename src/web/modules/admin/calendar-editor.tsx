import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortDate } from '../dossiers/dossier-format.ts';
import { AdminError } from './admin-errors.tsx';
import { type CalendarYear, useCalendarStatus, useCalendarYear, useConfirmYear, useSetDay } from './admin.api.ts';
import { DayInput } from '../../ui/day-input.tsx';
import { ScrollRegion } from '../../ui/scroll-region.tsx';

type DayKind = CalendarYear['holidays'][number]['kind'];
const KINDS = ['holiday', 'compensatory', 'swap_off', 'working_weekend'] as const satisfies readonly DayKind[];

/**
 * Lịch làm việc: the days off and worked Saturdays of a year; every change is audited and moves
 * deadlines. A year generated from the Labour Code is provisional until confirmed here; from
 * 1 October a provisional next year is announced at the top.
 */
export function CalendarEditor() {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const calendar = useCalendarYear(year);
  const status = useCalendarStatus();
  const setDay = useSetDay(year);
  const confirm = useConfirmYear(year);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<DayKind>('holiday');
  const [name, setName] = useState('');
  const [verified, setVerified] = useState(false);
  // the notice the year was checked against: named before it is confirmed, kept as its source
  const [notice, setNotice] = useState('');
  const rows = [
    ...(calendar.data?.holidays ?? []),
    ...(calendar.data?.workingWeekends ?? []).map((d) => ({ ...d, kind: 'working_weekend' })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const warn = status.data?.warning ? ([status.data.current, status.data.next].find((y) => y.state !== 'official') ?? null) : null;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('admin.calendar.title')}
      </Title>
      {warn && (
        <Alert color="yellow" variant="light" data-testid="calendar-warning">
          <Text fw={700}>{t('admin.calendar.warningTitle', { year: warn.year })}</Text>
          <Text size="sm">{t(warn.state === 'missing' ? 'admin.calendar.warningMissing' : 'admin.calendar.warningProvisional', { year: warn.year })}</Text>
          {warn.year !== year && (
            <Button mt="xs" size="xs" variant="default" onClick={() => setYear(warn.year)}>
              {t('admin.calendar.showYear', { year: warn.year })}
            </Button>
          )}
        </Alert>
      )}
      <NumberInput label={t('admin.calendar.year')} value={year} min={2020} max={2100} onChange={(v) => setYear(Number(v) || year)} w={160} />
      {calendar.isError && <Text>{t('admin.calendar.missing', { year })}</Text>}
      {calendar.data && (
        <Text size="sm" data-testid="calendar-state">
          <strong>
            {calendar.data.provisional
              ? t('admin.calendar.provisional', { year })
              : calendar.data.confirmedAt
                ? t('admin.calendar.confirmedOn', { year, at: shortDate(calendar.data.confirmedAt) })
                : t('admin.calendar.official', { year })}
          </strong>
          {calendar.data.source ? ` ${t('admin.calendar.source', { source: calendar.data.source })}` : ''}
        </Text>
      )}
      {calendar.data?.provisional && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (notice.trim().length >= 3) confirm.mutate(notice.trim());
          }}
        >
          <Group gap="sm" align="flex-end">
            <TextInput
              label={t('admin.calendar.notice')}
              description={t('admin.calendar.confirmHint')}
              placeholder={t('admin.calendar.noticeExample')}
              value={notice}
              onChange={(e) => setNotice(e.currentTarget.value)}
              required
              minLength={3}
              maxLength={500}
              style={{ flex: '1 1 20rem' }}
            />
            <Button type="submit" loading={confirm.isPending} disabled={notice.trim().length < 3}>
              {t('admin.calendar.confirm', { year })}
            </Button>
          </Group>
        </form>
      )}
      <AdminError error={confirm.error} />
      {calendar.data && (
<ScrollRegion minWidth={560} label={t('admin.calendar.title')}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.calendar.date')}</Table.Th>
              <Table.Th>{t('admin.calendar.kind')}</Table.Th>
              <Table.Th>{t('admin.calendar.name')}</Table.Th>
              <Table.Th>{t('admin.calendar.verified')}</Table.Th>
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
                <Table.Td>{t(d.verified ? 'admin.calendar.yes' : 'admin.calendar.no')}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setDay.mutate({ date: d.date, remove: true })} aria-label={t('admin.calendar.removeDay', { date: shortDate(d.date) })}>
                    {t('admin.calendar.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
</ScrollRegion>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDay.mutate({ date, kind, name, verified });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DayInput label={t('admin.calendar.date')} required value={date} onChange={setDate} />
          <NativeSelect label={t('admin.calendar.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as DayKind)} data={KINDS.map((k) => ({ value: k, label: t(`admin.calendar.kinds.${k}`) }))} />
          <TextInput label={t('admin.calendar.name')} required value={name} maxLength={200} onChange={(e) => setName(e.currentTarget.value)} />
          <Checkbox label={t('admin.calendar.verifiedLabel')} checked={verified} onChange={(e) => setVerified(e.currentTarget.checked)} mb={8} />
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
