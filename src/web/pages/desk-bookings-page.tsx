import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Overlay.css';
import { Alert, Button, Card, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { todayInVietnam } from '../../modules/dossiers/applicant-rules.ts';
import { type Booking, useAgencyBookings, useChangeBooking, useMarkAttendance } from '../modules/appointments/appointments.api.ts';
import { officerAgencies, useOfficer } from '../modules/workspace/use-officer.ts';
import { workspacePage, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import { ApiError } from '../ui/http.ts';
import { Loaded } from '../ui/query-state.tsx';
import { ColumnHeaders } from '../ui/data-table.tsx';
import { DayInput } from '../ui/day-input.tsx';

const DESK_ROLES = ['desk_officer', 'leader'];
/** The two outcomes the desk marks on a booking, each a toggle button in the booking's row. */
const ATTENDANCE = [
  { status: 'arrived', label: 'booking.arrived' },
  { status: 'no_show', label: 'booking.noShow' },
] as const;

/**
 * Lịch hẹn (`/can-bo/lich-hen`): the desk's bookings of a day (today unless `?ngay=`), by slot,
 * each marked "Đã đến" or "Không đến" on its day, or cancelled before its time with a reason the
 * citizen receives (notice and e-mail). For the agency's desk officers and leaders.
 */
const DeskBookingsPage = workspacePage('booking.deskTitle', DeskBookings);
export default DeskBookingsPage;

function DeskBookings() {
  const { t } = useTranslation();
  const { user, grants } = useOfficer();
  const [params, setParams] = useSearchParams();
  const agencies = officerAgencies(user, grants, DESK_ROLES);
  const agency = agencies.find((a) => a.code === params.get('agency')) ?? agencies[0];
  const today = todayInVietnam();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(params.get('ngay') ?? '') ? (params.get('ngay') as string) : today;
  const list = useAgencyBookings(agency?.code, day);
  const mark = useMarkAttendance();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const dmy = day.split('-').reverse().join('/');
  const change = useChangeBooking();
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const cancel = () => {
    if (!cancelling) return;
    if (reason.trim().length < 5) return setReasonError(t('booking.deskCancelReasonShort'));
    change.mutate(
      { code: cancelling.code, action: 'cancel', reason: reason.trim() },
      {
        onSuccess: (done) => {
          setCancelling(null);
          setSaid({ ok: true, text: t('booking.deskCancelled', { code: done.code }) });
          void list.refetch();
        },
        onError: (e) => {
          setCancelling(null);
          setSaid({ ok: false, text: e instanceof ApiError && ['BOOKING_CLOSED', 'BOOKING_CANCELLED'].includes(e.code) ? t(`booking.errors.${e.code}`) : t('booking.failed') });
        },
      },
    );
  };

  const startCancel = (b: Booking) => {
    setReason('');
    setReasonError(null);
    setCancelling(b);
  };

  const markAs = (b: Booking, outcome: 'arrived' | 'no_show') => {
    setSaid(null);
    mark.mutate(
      { code: b.code, outcome },
      {
        onSuccess: (done) => setSaid({ ok: true, text: t('booking.marked', { code: done.code, status: t(`booking.status.${done.status}`) }) }),
        onError: (e) =>
          setSaid({ ok: false, text: e instanceof ApiError && ['ATTENDANCE_TOO_EARLY', 'BOOKING_CANCELLED'].includes(e.code) ? t(`booking.errors.${e.code}`) : t('booking.markFailed') }),
      },
    );
  };

  return (
    <Stack gap="md">
      <WorkspaceNav />
      <Title order={1}>{day === today ? t('booking.deskTitle') : `${t('workspace.nav.bookings')} ${dmy}`}</Title>
      {!agency ? (
        <Text>{t('workspace.notOfficer')}</Text>
      ) : (
        <>
          <Group align="flex-end" gap="sm" wrap="wrap">
            {agencies.length > 1 && (
              <NativeSelect
                label={t('workspace.registerBook.agency')}
                value={agency.code}
                onChange={(e) => setParams({ agency: e.currentTarget.value, ngay: day })}
                data={agencies.map((a) => ({ value: a.code, label: a.name }))}
              />
            )}
            <DayInput label={t('booking.deskDate')} value={day} onChange={(ngay) => ngay && setParams({ agency: agency.code, ngay })} />
          </Group>
          <Text>{t('booking.deskIntro', { agency: agency.name, date: dmy })}</Text>
          <div aria-live="polite">
            {said && (
              <Alert color={said.ok ? 'green' : 'red'} variant="light" role={said.ok ? 'status' : 'alert'}>
                {said.text}
              </Alert>
            )}
          </div>
          <Loaded query={list} empty={{ when: (data) => data.items.length === 0, text: t('booking.deskEmpty') }}>
            {(data) => (
              <>
                <Table.ScrollContainer minWidth={640} visibleFrom="sm">
                  <Table striped withTableBorder data-testid="desk-bookings">
                    <Table.Caption>{t('booking.deskCaption', { count: data.items.length })}</Table.Caption>
                    <ColumnHeaders columns={[t('booking.time'), t('booking.code'), t('booking.who'), t('booking.procedure'), t('booking.deskStatus'), t('booking.deskActions')]} />
                    <Table.Tbody>
                      {data.items.map((b) => (
                        <Table.Tr key={b.id}>
                          <Table.Td>
                            {b.start}–{b.end}
                          </Table.Td>
                          <Table.Td className="dossier-code">{b.code}</Table.Td>
                          <Table.Td>
                            {b.fullName} · {b.phone}
                          </Table.Td>
                          <Table.Td>{b.procedureName ?? b.procedureCode}</Table.Td>
                          <Table.Td>{t(`booking.status.${b.status}`)}</Table.Td>
                          <Table.Td>
                            <BookingButtons b={b} today={today} busy={mark.isPending} onMark={markAs} onCancel={startCancel} wrap="nowrap" />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {/* A phone (under 48em): one card a booking, the buttons wrapping under it; nothing scrolls sideways. */}
                <Stack
                  component="ul"
                  gap="sm"
                  hiddenFrom="sm"
                  data-testid="desk-bookings-cards"
                  aria-label={t('booking.deskCaption', { count: data.items.length })}
                  style={{ listStyle: 'none', padding: 0, margin: 0 }}
                >
                  {data.items.map((b) => (
                    <Card key={b.id} component="li" withBorder padding="sm" radius="md">
                      <Text fw={700}>
                        {b.start}–{b.end} · <span className="dossier-code">{b.code}</span>
                      </Text>
                      <Text size="sm">
                        {b.fullName} · {b.phone}
                      </Text>
                      <Text size="sm">{b.procedureName ?? b.procedureCode}</Text>
                      <Text size="sm" mb="xs">
                        {t('booking.deskStatus')}: {t(`booking.status.${b.status}`)}
                      </Text>
                      <BookingButtons b={b} today={today} busy={mark.isPending} onMark={markAs} onCancel={startCancel} wrap="wrap" />
                    </Card>
                  ))}
                </Stack>
              </>
            )}
          </Loaded>
          <Modal opened={!!cancelling} onClose={() => setCancelling(null)} title={t('booking.deskCancelTitle', { code: cancelling?.code ?? '' })}
            closeButtonProps={{ 'aria-label': t('booking.close') }}
          >
            <Stack gap="sm">
              <Text>
                {cancelling && t('booking.deskCancelWho', { name: cancelling.fullName, start: cancelling.start, end: cancelling.end, date: cancelling.date.split('-').reverse().join('/') })}
              </Text>
              <Textarea
                label={t('booking.deskCancelReason')}
                description={t('booking.deskCancelReasonHint')}
                descriptionProps={{ c: 'gray.7' }}
                required
                minLength={5}
                maxLength={500}
                autosize
                minRows={2}
                value={reason}
                error={reasonError}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setReasonError(null);
                }}
              />
              <Group gap="sm">
                <Button color="red" loading={change.isPending} onClick={cancel}>
                  {t('booking.deskCancelYes')}
                </Button>
                <Button variant="default" onClick={() => setCancelling(null)} disabled={change.isPending}>
                  {t('booking.cancelNo')}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </>
      )}
    </Stack>
  );
}

/**
 * A booking's buttons, in its table row or on its card: "Đã đến" / "Không đến" (toggles, the
 * pressed one is the status), and "Hủy lịch" while it is booked and not past. Each names the
 * booking's code for a screen reader.
 */
function BookingButtons({
  b,
  today,
  busy,
  onMark,
  onCancel,
  wrap,
}: {
  b: Booking;
  today: string;
  busy: boolean;
  onMark: (b: Booking, outcome: 'arrived' | 'no_show') => void;
  onCancel: (b: Booking) => void;
  wrap: 'wrap' | 'nowrap';
}) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap={wrap}>
      {ATTENDANCE.map(({ status, label }) => (
        <Button
          key={status}
          size="compact-sm"
          variant={b.status === status ? 'filled' : 'default'}
          aria-pressed={b.status === status}
          aria-label={`${t(label)} – ${b.code}`}
          disabled={busy}
          onClick={() => onMark(b, status)}
        >
          {t(label)}
        </Button>
      ))}
      {b.status === 'booked' && b.date >= today && (
        <Button size="compact-sm" variant="default" color="red" aria-label={`${t('booking.deskCancel')} – ${b.code}`} onClick={() => onCancel(b)}>
          {t('booking.deskCancel')}
        </Button>
      )}
    </Group>
  );
}
