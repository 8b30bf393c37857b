import '../modules/dossiers/dossiers.css';
import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime, shortDate, timelinessText } from '../modules/dossiers/dossier-format.ts';
import { StatusBadge } from '../modules/dossiers/status-badge.tsx';
import { useMyDossiers } from '../modules/dossiers/dossiers.api.ts';
import { useServerDrafts } from '../modules/dossiers/draft.ts';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { Loading, LoadError } from '../ui/query-state.tsx';

/** Hồ sơ của tôi: every dossier the signed-in citizen submitted or is named in, newest first. */
const MyDossiersPage = signedInPage('citizen.mine.title', MyDossiers);
export default MyDossiersPage;

function MyDossiers() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1}>{t('citizen.mine.title')}</Title>
      <Anchor component={Link} to="/lich-hen" w="fit-content">
        {t('booking.manageTitle')}
      </Anchor>
      <MyDrafts />
      <MyDossierList />
    </Stack>
  );
}

/** Bản nháp: unfinished online submissions kept on the server, to continue here or on another device. */
function MyDrafts() {
  const { t } = useTranslation();
  const drafts = useServerDrafts();
  if (!drafts.data || drafts.data.items.length === 0) return null;
  return (
    <section aria-labelledby="ban-nhap">
      <Title order={2} size="h3" id="ban-nhap" mb="xs">
        {t('citizen.mine.drafts')}
      </Title>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {drafts.data.items.map((d) => (
          <Card component="li" key={d.procedureCode} withBorder padding="md" radius="md" data-testid="draft">
            <Stack gap={4}>
              <Text fw={600}>{d.procedureName ?? d.procedureCode}</Text>
              <Text size="sm">{t('citizen.mine.draftSaved', { time: dateTime(d.updatedAt) })}</Text>
              <Anchor component={Link} to={`/nop-ho-so/${encodeURIComponent(d.procedureCode)}`}>
                {t('citizen.mine.continueDraft')}
                <span className="visually-hidden">: {d.procedureName ?? d.procedureCode}</span>
              </Anchor>
            </Stack>
          </Card>
        ))}
      </Stack>
    </section>
  );
}

function MyDossierList() {
  const { t } = useTranslation();
  const list = useMyDossiers();
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError onRetry={() => list.refetch()} />;
  if (list.data.items.length === 0) {
    return (
      <Stack className="empty-state" p="md" gap="xs">
        <Text>{t('citizen.mine.empty')}</Text>
        <Anchor component={Link} to="/">
          {t('citizen.mine.findProcedure')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <>
      <Text role="status">{t('citizen.mine.count', { count: list.data.total })}</Text>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {list.data.items.map((d) => (
          <Card component="li" key={d.id} withBorder padding="md" radius="md">
            <Stack gap={6}>
              <Anchor component={Link} to={`/ho-so-cua-toi/${encodeURIComponent(d.id)}`} fw={600}>
                {d.procedureName}
              </Anchor>
              <Group gap="xs" wrap="wrap">
                <Text size="sm">{t('citizen.detail.code')}:</Text>
                {d.code ? (
                  <Text size="sm" className="dossier-code">
                    {d.code}
                  </Text>
                ) : (
                  <Text size="sm" fs="italic">
                    {t('citizen.awaitingReception')}
                  </Text>
                )}
              </Group>
              {d.reference && (
                <Text size="sm">
                  {t('citizen.detail.reference')}: <span className="dossier-code">{d.reference}</span>
                </Text>
              )}
              <Group gap="xs" wrap="wrap">
                <StatusBadge status={d.status} label={d.statusLabel} />
              </Group>
              <Text size="sm">
                {t('citizen.detail.submittedAt')}: {shortDate(d.submittedAt)}
                {' · '}
                {t('citizen.detail.dueAt')}: {d.dueAt ? shortDate(d.dueAt) : t('citizen.detail.noDueYet')}
              </Text>
              <Text size="sm">
                {t('citizen.detail.timeliness')}: {timelinessText(t, d.timeliness)}
              </Text>
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}
