import { Anchor, Group, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BrowsePage, CountBadge, useNameFilter } from '../modules/catalog/browse-page.tsx';
import { useSectors } from '../modules/catalog/catalog.api.ts';

/** Thủ tục theo lĩnh vực: every sector with its number of procedures, each opening its list. */
export default function SectorsPage() {
  const { t } = useTranslation();
  const sectors = useSectors();
  const filter = useNameFilter();
  const items = (sectors.data?.items ?? []).filter((s) => filter.matches(s.name));
  return (
    <BrowsePage title={t('browse.sectorsTitle')} intro={t('browse.sectorsIntro')} filterLabel={t('browse.filter')} filter={filter} query={sectors}>
      <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('browse.sectorsTitle')}>
        {items.map((s) => (
          <li key={s.name}>
            <Group gap="xs" wrap="nowrap" justify="space-between" className="browse-item">
              <Anchor component={Link} to={`/?linhVuc=${encodeURIComponent(s.name)}`} style={{ overflowWrap: 'anywhere' }}>
                {s.name}
              </Anchor>
              <CountBadge count={s.count} />
            </Group>
          </li>
        ))}
      </SimpleGrid>
    </BrowsePage>
  );
}
