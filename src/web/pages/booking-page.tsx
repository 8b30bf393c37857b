import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Radio.css';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { normalizePhone, PHONE_PATTERN, todayInVietnam } from '../../modules/dossiers/applicant-rules.ts';
import { DayAndSlot } from '../modules/appointments/slot-choice.tsx';
import { type Booking, useBook, useSlots } from '../modules/appointments/appointments.api.ts';
import { useProcedure } from '../modules/catalog/catalog.api.ts';
import { isProvincial, procedureName, receivingKinds } from '../modules/catalog/catalog.format.ts';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { type AgencyChoice, WhereToSubmit } from '../modules/places/where-to-submit.tsx';
import { ApiError } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';

/** Đặt lịch hẹn nộp hồ sơ tại quầy (`/dat-lich/:procedureCode`): desk → day → slot → booking code. */
const BookingPage = signedInPage('booking.title', BookingForm);
export default BookingPage;

function BookingForm() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const procedure = useProcedure(code);
  const home = me.data?.residence;
  const [place, setPlace] = useState<AgencyChoice>(() => ({ provinceCode: home?.provinceCode ?? '', communeCode: home?.communeCode ?? '', agency: null }));
  const [date, setDate] = useState('');
  const [start, setStart] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const [booked, setBooked] = useState<Booking | null>(null);
  const slots = useSlots(place.agency?.code, date);
  const book = useBook();
  const today = todayInVietnam();

  if (procedure.isPending) return <Loading />;
  if (procedure.isError) return <LoadError onRetry={() => procedure.refetch()} />;
  const name = procedureName(procedure.data, i18n.language);

  if (booked) {
    return (
      <Stack gap="md">
        <Title order={1}>{t('booking.doneTitle')}</Title>
        <Alert color="green" variant="light" role="status">
          <Text>
            {t('booking.code')}: <strong className="dossier-code" data-testid="booking-code">{booked.code}</strong>
          </Text>
          <Text mt={4}>{t('booking.done', { date: booked.date.split('-').reverse().join('/'), start: booked.start, end: booked.end, agency: place.agency?.name ?? '' })}</Text>
          <Text mt={4} size="sm">{t('booking.reminder')}</Text>
        </Alert>
        <Anchor component={Link} to={`/lich-hen?ma=${encodeURIComponent(booked.code)}`}>
          {t('booking.manageLink')}
        </Anchor>
        <Anchor component={Link} to={`/thu-tuc/${encodeURIComponent(code)}`}>
          {t('citizen.submit.backToProcedure')}
        </Anchor>
      </Stack>
    );
  }

  function send() {
    const problems = !place.agency ? t('citizen.validation.chooseAgency') : !date ? t('booking.chooseDate') : !start ? t('booking.chooseSlot') : !PHONE_PATTERN.test(normalizePhone(phone)) ? t('citizen.validation.phone') : null;
    setError(problems);
    if (problems || !place.agency) return;
    book.mutate(
      { body: { agencyCode: place.agency.code, procedureCode: code, date, start, phone: normalizePhone(phone) }, idempotencyKey: key },
      {
        onSuccess: setBooked,
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'OFFLINE') setError(t('booking.offline'));
          else if (e instanceof ApiError && ['SLOT_FULL', 'SLOT_IN_PAST', 'SLOT_NOT_OFFERED', 'ALREADY_BOOKED'].includes(e.code)) {
            setError(t(`booking.errors.${e.code}`));
            void slots.refetch();
          } else setError(t('booking.failed'));
        },
      },
    );
  }

  const offered = (slots.data?.slots ?? []).filter((s) => !s.past);
  return (
    <Stack gap="md" className="citizen-form">
      <div>
        <Anchor component={Link} to={`/thu-tuc/${encodeURIComponent(code)}`}>
          {t('citizen.submit.backToProcedure')}
        </Anchor>
        <Title order={1} mt="xs">
          {t('booking.title')}
        </Title>
        <Text mt={4}>
          {name} <Text span c="gray.8">({code})</Text>
        </Text>
        <Text mt={4} size="sm">{t('booking.intro')}</Text>
        <Anchor component={Link} to="/lich-hen" size="sm">
          {t('booking.manageTitle')}
        </Anchor>
      </div>
      <Paper component="section" aria-labelledby="noi-hen" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <WhereToSubmit
          headingId="noi-hen"
          agencyKinds={receivingKinds(procedure.data)}
          provincial={isProvincial(procedure.data)}
          choice={place}
          onChoose={(c) => {
            setPlace(c);
            setStart('');
          }}
        />
      </Paper>
      <Section id="gio-hen" title={t('booking.when')}>
        <Stack gap="md">
          <DayAndSlot min={today} date={date} onDate={setDate} loading={!!(place.agency && date && slots.isPending)} day={slots.data} offered={offered} value={start} onChange={setStart} />
          <TextInput
            id="booking-phone"
            type="tel"
            autoComplete="tel"
            maxLength={20}
            label={t('citizen.submit.phone')}
            description={t('citizen.submit.phoneHint')}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
        </Stack>
      </Section>
      <div aria-live="assertive">
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
      </div>
      <Group>
        <Button size="md" onClick={send} loading={book.isPending}>
          {t('booking.send')}
        </Button>
      </Group>
    </Stack>
  );
}
