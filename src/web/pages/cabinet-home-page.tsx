import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FormSummary, formatTime, type MeetingSummary, useCabinetMe, useManagedBodies, useMyForms, useMyMeetings } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';
import { CardList } from '../modules/cabinet/card-list.tsx';

/** `/hop`: the member's work — forms to answer with their deadlines, meetings, the task board. */
const CabinetHomePage = signedInPage('cabinet.homeTitle', CabinetHome);
export default CabinetHomePage;

function CabinetHome() {
  const { t } = useTranslation();
  const me = useCabinetMe();
  const forms = useMyForms();
  const meetings = useMyMeetings();
  const managed = useManagedBodies();
  return (
    <Stack gap="md" className="cabinet-page">
      <Title order={1}>{t('cabinet.homeTitle')}</Title>
      {me.data?.bodies.map((b) => (
        <Text key={b.code}>{t('cabinet.homeIntro', { body: b.name, title: b.title })}</Text>
      ))}
      {me.data && me.data.bodies.length === 0 && <Text>{t('cabinet.notMember')}</Text>}
      <div className="cabinet-columns">
        <Section id="phieu" title={t('cabinet.forms')}>
          {forms.isPending ? <Loading /> : forms.isError ? <LoadError onRetry={() => forms.refetch()} /> : <FormList items={forms.data.items} staffOf={new Set(me.data?.bodies.filter((b) => b.role === 'secretariat').map((b) => b.code))} />}
        </Section>
        <Stack gap="md">
          <Section id="phien-hop" title={t('cabinet.meetings')}>
            {meetings.isPending ? <Loading /> : meetings.isError ? <LoadError onRetry={() => meetings.refetch()} /> : <MeetingList items={meetings.data.items} />}
          </Section>
          {me.data?.bodies.some((b) => b.role === 'secretariat') && (
            <>
              <Anchor component={Link} to="/hop/phieu/moi" className="cabinet-card" data-testid="new-form-link">
                {t('cabinet.newForm.link')}
              </Anchor>
              <Anchor component={Link} to="/hop/phien-hop/moi" className="cabinet-card" data-testid="new-meeting-link">
                {t('cabinet.newMeeting.link')}
              </Anchor>
            </>
          )}
          <Anchor component={Link} to="/hop/nhiem-vu" className="cabinet-card">
            {t('cabinet.tasksLink')}
          </Anchor>
          {managed.data?.items.map((b) => (
            <Anchor key={b.code} component={Link} to={`/hop/tap-the/${b.code}`} className="cabinet-card" data-testid="manage-body-link">
              {t('cabinet.admin.manageLink', { body: b.name })}
            </Anchor>
          ))}
          {managed.data?.canCreate && (
            <Anchor component={Link} to="/hop/tao-tap-the" className="cabinet-card" data-testid="new-body-link">
              {t('cabinet.newBody.link')}
            </Anchor>
          )}
        </Stack>
      </div>
    </Stack>
  );
}

/** `staffOf`: the bodies whose secretariat I am — their forms are not mine to answer, so no "not answered" on them. */
function FormList({ items, staffOf }: { items: FormSummary[]; staffOf: Set<string> }) {
  const { t } = useTranslation();
  return (
    <CardList items={items} empty={t('cabinet.formsEmpty')}>
      {(f) => (
        <Link to={`/hop/phieu/${f.id}`} className="cabinet-card" data-overdue={f.status === 'sent' && !f.answered && f.overdue && !staffOf.has(f.bodyCode)} data-testid="form-card">
          <Text fw={700}>{f.subject}</Text>
          <Group gap="xs" mt={4}>
            <Badge color={f.status === 'closed' ? 'gray.9' : 'blue.9'}>
              {t(`cabinet.status.${f.status}`)}
            </Badge>
            {f.outcome && (
              <Badge color={f.outcome === 'adopted' ? 'teal.9' : 'red.9'}>
                {t(`cabinet.outcome.${f.outcome}`)}
              </Badge>
            )}
            {f.status === 'sent' && !staffOf.has(f.bodyCode) && (
              <Badge color={f.answered ? 'teal.9' : 'red.9'} variant="outline">
                {f.answered ? t('cabinet.answered') : t('cabinet.notAnswered')}
              </Badge>
            )}
          </Group>
          {f.status !== 'closed' && (
            <Text size="sm" mt={4} c={f.overdue ? 'red.9' : undefined}>
              {t('cabinet.deadline', { time: formatTime(f.deadlineAt) })}
              {f.overdue ? ` — ${t('cabinet.overdue')}` : ''}
            </Text>
          )}
        </Link>
      )}
    </CardList>
  );
}

function MeetingList({ items }: { items: MeetingSummary[] }) {
  const { t } = useTranslation();
  return (
    <CardList items={items} empty={t('cabinet.meetingsEmpty')}>
      {(m) => (
        <Link to={`/hop/phien-hop/${m.id}`} className="cabinet-card" data-testid="meeting-card">
          <Text fw={700}>{m.title}</Text>
          <Text size="sm">{t('cabinet.meetingWhen', { time: formatTime(m.startsAt), location: m.location })}</Text>
          <Badge mt={4} color={m.status === 'in_progress' ? 'red.9' : 'blue.9'}>
            {t(`cabinet.status.${m.status}`)}
          </Badge>
        </Link>
      )}
    </CardList>
  );
}
