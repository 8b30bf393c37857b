import { Radio, Stack, Text, TextInput } from '@mantine/core';
import { Loading } from '../../ui/query-state.tsx';
import { useTranslation } from 'react-i18next';
import type { DaySlots } from './appointments.api.ts';

/**
 * A day and one of its slots (booking and moving a booking): the date (from `min`), then "day
 * off" on a non-working day, else one radio per offered slot with its free places (a full slot
 * is shown, disabled). A new date clears the chosen slot.
 */
export function DayAndSlot(props: {
  min: string;
  date: string;
  onDate: (date: string) => void;
  loading: boolean;
  day: DaySlots | undefined;
  offered: DaySlots['slots'];
  value: string;
  onChange: (start: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        type="date"
        label={t('booking.date')}
        min={props.min}
        value={props.date}
        onChange={(e) => {
          props.onDate(e.currentTarget.value);
          props.onChange('');
        }}
      />
      {props.loading && <Loading />}
      <SlotChoice day={props.day} offered={props.offered} value={props.value} onChange={props.onChange} />
    </>
  );
}

function SlotChoice({ day, offered, value, onChange }: { day: DaySlots | undefined; offered: DaySlots['slots']; value: string; onChange: (start: string) => void }) {
  const { t } = useTranslation();
  if (!day) return null;
  if (!day.workingDay) return <Text>{t('booking.dayOff')}</Text>;
  return (
    <Radio.Group label={t('booking.slot', { capacity: day.capacity })} value={value} onChange={onChange}>
      <Stack gap={6} mt={6}>
        {offered.length === 0 && <Text>{t('booking.noSlot')}</Text>}
        {offered.map((s) => (
          <Radio
            key={s.start}
            value={s.start}
            disabled={s.free === 0}
            label={`${s.start}–${s.end} · ${s.free === 0 ? t('booking.full') : t('booking.free', { count: s.free })}`}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
