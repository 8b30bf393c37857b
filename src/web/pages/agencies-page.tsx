import { Anchor, Badge, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgencies } from '../modules/catalog/catalog.api.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { fold } from './sectors-page.tsx';

/** Thủ tục theo cơ quan thực hiện: agencies under the ministry that announced their procedures. */
export default function AgenciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('browse.agenciesTitle'));
  const agencies = useAgencies();
  const [filter, setFilter] = useState('');
  const wanted = fold(useDeferredValue(filter).trim());
  const groups = new Map<string, { issuingBody: string | null; name: string; count: number }[]>();
  for (const a of agencies.data?.items ?? []) {
    if (wanted && !fold(a.name).includes(wanted)) continue;
    const key = a.issuingBody ?? '';
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return (
    <Stack gap="md">
      <Title order={1}>{t('browse.agenciesTitle')}</Title>
      <Text>{t('browse.agenciesIntro')}</Text>
      <TextInput label={t('browse.filterAgencies')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw={420} type="search" />
      {agencies.isPending && <Loading />}
      {agencies.isError && <LoadError onRetry={() => agencies.refetch()} />}
      {/* One collapsed group per ministry (471 agencies do not fit a phone screen); a filter opens them. */}
      {[...groups].map(([body, items], i) => (
        <Paper key={`${body}-${wanted !== ''}`} component="details" open={wanted !== '' || undefined} withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
          <summary className="browse-summary">
            <Title order={2} size="h4" id={`bo-nganh-${i}`} component="span" style={{ display: 'inline' }}>
              {body || t('browse.otherBody')}
            </Title>{' '}
            <Text component="span" c="gray.8" size="sm">
              ({t('browse.count', { count: items.reduce((n, a) => n + a.count, 0) })})
            </Text>
          </summary>
          <Stack component="ul" gap={6} p={0} mt="xs" m={0} style={{ listStyle: 'none' }} aria-labelledby={`bo-nganh-${i}`}>
            {items.map((a) => (
              <Group component="li" key={a.name} gap="xs" wrap="nowrap" justify="space-between">
                <Anchor
                  component={Link}
                  to={`/?${new URLSearchParams({ ...(a.issuingBody ? { boNganh: a.issuingBody } : {}), coQuan: a.name }).toString()}`}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {a.name}
                </Anchor>
                <Badge variant="outline" color="blue.9" tt="none" style={{ flexShrink: 0 }}>
                  {t('browse.count', { count: a.count })}
                </Badge>
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
