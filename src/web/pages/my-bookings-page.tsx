import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Radio.css';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { todayInVietnam } from '../../modules/dossiers/applicant-rules.ts';
import { DayAndSlot } from '../modules/appointments/slot-choice.tsx';
import { type Booking, useBookingLookup, useChangeBooking, useMyBookings, useSlots } from '../modules/appointments/appointments.api.ts';
import { useMe } from '../modules/identity/identity.api.ts';
import { ApiError } from '../ui/http.ts';
import { Loaded } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

const KNOWN_ERRORS = ['SLOT_FULL', 'SLOT_IN_PAST', 'SLOT_NOT_OFFERED', 'ALREADY_BOOKED', 'BOOKING_CANCELLED', 'BOOKING_CLOSED', 'BOOKING_NOT_FOUND'];
const dmy = (date: string) => date.split('-').reverse().join('/');

/** The page's sentence for a refused change (never the server's wording). */
function errorText(t: (key: string) => string, error: unknown): string {
  if (error instanceof ApiError && error.code === 'OFFLINE') return t('booking.offline');
  if (error instanceof ApiError && KNOWN_ERRORS.includes(error.code)) return t(`booking.errors.${error.code}`);
  return t('booking.failed');
}

/**
 * Lịch hẹn của tôi (`/lich-hen`): a signed-in citizen's upcoming bookings, and any booking found
 * with its code and the last 4 phone digits (no sign-in); each can be moved or cancelled.
 */
export default function MyBookingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('booking.manageTitle'));
  const me = useMe();
  const [params] = useSearchParams();
  const mine = useMyBookings(!!me.data);
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<{ field: 'code' | 'phone'; text: string } | null>(null);
  const [asked, setAsked] = useState<{ code: string; phone: string }>(() => ({ code: me.data ? (params.get('ma') ?? '').trim() : '', phone: '' }));
  const lookup = useBookingLookup(asked.code, asked.phone);

  function find(e: FormEvent) {
    e.preventDefault();
    const c = code.trim().replace(/\s+/g, '').toUpperCase();
    const p = phone.replace(/\D/g, '');
    if (!c) return setProblem({ field: 'code', text: t('booking.lookupCodeMissing') });
    if (!me.data && p.length !== 4) return setProblem({ field: 'phone', text: t('booking.lookupPhoneWrong') });
    if (p && p.length !== 4) return setProblem({ field: 'phone', text: t('booking.lookupPhoneWrong') });
    setProblem(null);
    setAsked({ code: c, phone: p });
  }

  const listed = mine.data?.items ?? [];
  const found = lookup.data && !listed.some((b) => b.code === lookup.data.code) ? lookup.data : null;
  return (
    <Stack gap="md" className="citizen-form">
      <div>
        <Title order={1}>{t('booking.manageTitle')}</Title>
        <Text mt={4}>{t('booking.manageIntro')}</Text>
      </div>

      {me.data && (
        <section aria-labelledby="lich-hen-sap-toi">
          <Title order={2} size="h3" id="lich-hen-sap-toi" mb="sm">
            {t('booking.mine')}
          </Title>
          <Loaded query={mine} empty={{ when: (data) => data.items.length === 0, text: t('booking.mineEmpty') }}>
            {(data) => (
              <Stack gap="sm">
                {data.items.map((b) => (
                  <BookingCard key={b.id} booking={b} />
                ))}
              </Stack>
            )}
          </Loaded>
        </section>
      )}

      <Paper component="section" aria-labelledby="tra-cuu-lich-hen" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <Title order={2} size="h3" id="tra-cuu-lich-hen" mb="xs">
          {t('booking.lookupTitle')}
        </Title>
        <Text size="sm" mb="sm">
          {t('booking.lookupIntro')}
        </Text>
        <form onSubmit={find} noValidate>
          <Stack gap="sm">
            <TextInput
              id="booking-lookup-code"
              label={t('booking.lookupCode')}
              description={t('booking.lookupCodeHint')}
              autoCapitalize="characters"
              maxLength={20}
              value={code}
              error={problem?.field === 'code' ? problem.text : undefined}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
            <TextInput
              id="booking-lookup-phone"
              label={t('booking.lookupPhone')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={4}
              value={phone}
              error={problem?.field === 'phone' ? problem.text : undefined}
              onChange={(e) => setPhone(e.currentTarget.value)}
            />
            <Group>
              <Button type="submit" loading={lookup.isFetching}>
                {t('booking.lookupSend')}
              </Button>
            </Group>
          </Stack>
        </form>
        <div aria-live="polite">
          {lookup.isError && (
            <Alert color="red" variant="light" mt="sm" role="alert">
              {errorText(t, lookup.error)}
            </Alert>
          )}
        </div>
      </Paper>
      {found && <BookingCard booking={found} phone={asked.phone} />}
    </Stack>
  );
}

/** One booking: its facts and, while it can still change, "Đổi giờ hẹn" and "Hủy lịch hẹn". */
function BookingCard({ booking: initial, phone }: { booking: Booking; phone?: string }) {
  const { t } = useTranslation();
  const [booking, setBooking] = useState(initial);
  const [mode, setMode] = useState<'view' | 'move' | 'cancel'>('view');
  const [done, setDone] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const change = useChangeBooking();
  const slots = useSlots(mode === 'move' ? booking.agencyCode : undefined, date);
  const today = todayInVietnam();
  const open = booking.status === 'booked' && booking.date >= today;
  const headingId = `lh-${booking.code}`;

  const send = (body: { action: 'cancel' } | { action: 'move'; date: string; start: string }) => {
    setProblem(null);
    change.mutate(
      { code: booking.code, ...(phone ? { phone } : {}), ...body },
      {
        onSuccess: (b) => {
          setBooking(b);
          setMode('view');
          setDone(body.action === 'cancel' ? t('booking.cancelled', { code: b.code }) : t('booking.moved', { code: b.code, start: b.start, end: b.end, date: dmy(b.date) }));
        },
        onError: (e) => {
          setProblem(errorText(t, e));
          if (e instanceof ApiError && ['SLOT_FULL', 'SLOT_IN_PAST'].includes(e.code)) void slots.refetch();
        },
      },
    );
  };

  const offered = (slots.data?.slots ?? []).filter((s) => !s.past && !(s.start === booking.start && date === booking.date));
  return (
    <Paper component="article" aria-labelledby={headingId} withBorder p={{ base: 'sm', sm: 'md' }} radius="md" data-testid="booking-card">
      <Title order={3} size="h4" id={headingId}>
        <span className="dossier-code">{booking.code}</span> · {t(`booking.status.${booking.status}`)}
      </Title>
      <Text mt={4}>{booking.procedureName ?? booking.procedureCode}</Text>
      <Text mt={4} fw={600}>
        {t('booking.at', { start: booking.start, end: booking.end, date: dmy(booking.date) })}
      </Text>
      <Text mt={2} size="sm">
        {t('booking.where')}: {booking.agencyName ?? booking.agencyCode}
      </Text>
      <div aria-live="polite">
        {done && (
          <Alert color="green" variant="light" mt="sm" role="status">
            {done}
          </Alert>
        )}
        {problem && (
          <Alert color="red" variant="light" mt="sm" role="alert">
            {problem}
          </Alert>
        )}
      </div>
      {open && mode === 'view' && (
        <Group mt="sm" gap="sm">
          <Button variant="default" onClick={() => setMode('move')}>
            {t('booking.move')}
          </Button>
          <Button variant="default" color="red" onClick={() => setMode('cancel')}>
            {t('booking.cancel')}
          </Button>
        </Group>
      )}
      {open && mode === 'cancel' && (
        <Stack gap="xs" mt="sm">
          <Text>{t('booking.cancelConfirm', { code: booking.code })}</Text>
          <Group gap="sm">
            <Button color="red" loading={change.isPending} onClick={() => send({ action: 'cancel' })}>
              {t('booking.cancelYes')}
            </Button>
            <Button variant="default" onClick={() => setMode('view')} disabled={change.isPending}>
              {t('booking.cancelNo')}
            </Button>
          </Group>
        </Stack>
      )}
      {open && mode === 'move' && (
        <Stack gap="sm" mt="sm">
          <Text fw={600}>{t('booking.moveTitle')}</Text>
          <DayAndSlot min={today} date={date} onDate={setDate} loading={!!(date && slots.isPending)} day={slots.data} offered={offered} value={start} onChange={setStart} />
          <Group gap="sm">
            <Button
              loading={change.isPending}
              onClick={() => {
                if (!date) return setProblem(t('booking.chooseDate'));
                if (!start) return setProblem(t('booking.chooseSlot'));
                send({ action: 'move', date, start });
              }}
            >
              {t('booking.moveSend')}
            </Button>
            <Button variant="default" onClick={() => setMode('view')} disabled={change.isPending}>
              {t('booking.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
