import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime } from '../modules/dossiers/dossier-format.ts';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { noticeHref, useInbox, useMarkRead } from '../modules/notifications/notifications.api.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';

/** Thông báo: the signed-in user's in-app notices (a citizen's dossier news, an officer's due and overdue steps, a member's invitations, a password changed), newest first, unread ones marked. */
const InboxPage = signedInPage('inbox.title', InboxBody);
export default InboxPage;

function InboxBody() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1}>{t('inbox.title')}</Title>
      <Inbox />
    </Stack>
  );
}

function Inbox() {
  const { t } = useTranslation();
  const inbox = useInbox();
  const markRead = useMarkRead();
  if (inbox.isPending) return <Loading />;
  if (inbox.isError) return <LoadError onRetry={() => inbox.refetch()} />;
  if (inbox.data.items.length === 0) return <Text className="empty-state" p="md">{t('inbox.empty')}</Text>;
  return (
    <>
      <Text role="status">{t('inbox.summary', { count: inbox.data.items.length, unread: inbox.data.unreadCount })}</Text>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {inbox.data.items.map((n) => {
          const href = noticeHref(n);
          return (
            <Card component="li" key={n.id} withBorder padding="md" radius="md" data-testid="notice">
              <Stack gap={6}>
                <Group gap="xs" wrap="wrap">
                  <Text fw={700} component="h2" size="md" m={0} lang={n.lang}>
                    {n.title}
                  </Text>
                  {!n.readAt && (
                    <Badge color="red.9" variant="filled" tt="none">
                      {t('inbox.new')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="gray.8">
                  {dateTime(n.createdAt)}
                </Text>
                <Text lang={n.lang}>{n.body}</Text>
                <Group gap="sm" wrap="wrap">
                  {href && (
                    <Anchor component={Link} to={href} onClick={() => !n.readAt && markRead.mutate(n.id)}>
                      {href.startsWith('/lich-hen') ? t('inbox.openBookings') : t('inbox.open')}
                    </Anchor>
                  )}
                  {!n.readAt && (
                    <Button size="compact-sm" variant="default" onClick={() => markRead.mutate(n.id)} loading={markRead.isPending && markRead.variables === n.id}>
                      {t('inbox.markRead')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Card>
          );
        })}
      </Stack>
    </>
  );
}
