import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BrowsePage, CountBadge, useNameFilter } from '../modules/catalog/browse-page.tsx';
import { useAgencies } from '../modules/catalog/catalog.api.ts';

/** Thủ tục theo cơ quan thực hiện: agencies under the ministry that announced their procedures. */
export default function AgenciesPage() {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const filter = useNameFilter();
  const { wanted } = filter;
  const groups = new Map<string, { issuingBody: string | null; name: string; count: number }[]>();
  for (const a of agencies.data?.items ?? []) {
    if (!filter.matches(a.name)) continue;
    const key = a.issuingBody ?? '';
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return (
    <BrowsePage title={t('browse.agenciesTitle')} intro={t('browse.agenciesIntro')} filterLabel={t('browse.filterAgencies')} filter={filter} query={agencies}>
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
                <CountBadge count={a.count} />
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
    </BrowsePage>
  );
}
