import { Anchor, Badge, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSectors } from '../modules/catalog/catalog.api.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

/** Folded for matching: lower case, no diacritics, đ → d ("ho tich" finds "Hộ tịch"). */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** Thủ tục theo lĩnh vực: every sector with its number of procedures, each opening its list. */
export default function SectorsPage() {
  const { t } = useTranslation();
  usePageTitle(t('browse.sectorsTitle'));
  const sectors = useSectors();
  const [filter, setFilter] = useState('');
  const wanted = fold(useDeferredValue(filter).trim());
  const items = (sectors.data?.items ?? []).filter((s) => !wanted || fold(s.name).includes(wanted));
  return (
    <Stack gap="md">
      <Title order={1}>{t('browse.sectorsTitle')}</Title>
      <Text>{t('browse.sectorsIntro')}</Text>
      <TextInput label={t('browse.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw={420} type="search" />
      {sectors.isPending && <Loading />}
      {sectors.isError && <LoadError onRetry={() => sectors.refetch()} />}
      <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('browse.sectorsTitle')}>
        {items.map((s) => (
          <li key={s.name}>
            <Group gap="xs" wrap="nowrap" justify="space-between" className="browse-item">
              <Anchor component={Link} to={`/?linhVuc=${encodeURIComponent(s.name)}`} style={{ overflowWrap: 'anywhere' }}>
                {s.name}
              </Anchor>
              <Badge variant="outline" color="blue.9" tt="none" style={{ flexShrink: 0 }}>
                {t('browse.count', { count: s.count })}
              </Badge>
            </Group>
          </li>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
