import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgencyBookings } from '../modules/appointments/appointments.api.ts';
import { RequireSignIn } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { todayInVietnam } from '../../modules/dossiers/applicant-rules.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

/** Lịch hẹn hôm nay (`/can-bo/lich-hen`): the desk's bookings of the day, by slot. */
export default function DeskBookingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('booking.deskTitle'));
  return (
    <RequireSignIn>
      <DeskBookings />
    </RequireSignIn>
  );
}

function DeskBookings() {
  const { t } = useTranslation();
  const me = useMe();
  const agency = me.data?.agencies[0];
  const today = todayInVietnam();
  const list = useAgencyBookings(agency?.code, today);
  return (
    <Stack gap="md">
      <Title order={1}>{t('booking.deskTitle')}</Title>
      <Text>{t('booking.deskIntro', { agency: agency?.name ?? '', date: today.split('-').reverse().join('/') })}</Text>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text className="empty-state" p="md">
          {t('booking.deskEmpty')}
        </Text>
      ) : (
        <Table striped withTableBorder data-testid="desk-bookings">
          <Table.Caption>{t('booking.deskCaption', { count: list.data.items.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('booking.time')}</Table.Th>
              <Table.Th scope="col">{t('booking.code')}</Table.Th>
              <Table.Th scope="col">{t('booking.who')}</Table.Th>
              <Table.Th scope="col">{t('booking.procedure')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  {b.start}–{b.end}
                </Table.Td>
                <Table.Td className="dossier-code">{b.code}</Table.Td>
                <Table.Td>
                  {b.fullName} · {b.phone}
                </Table.Td>
                <Table.Td>{b.procedureCode}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
