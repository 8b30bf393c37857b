import { Badge, Stack, Text, TextInput, Title } from '@mantine/core';
import { type ReactNode, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, LoadError } from '../../ui/query-state.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';

/** Folded for matching: lower case, no diacritics, đ → d ("ho tich" finds "Hộ tịch"). */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** What the visitor typed in a browsing page's filter, and the folded text names are matched against (empty: show all). */
export function useNameFilter() {
  const [filter, setFilter] = useState('');
  const wanted = fold(useDeferredValue(filter).trim());
  return { filter, setFilter, wanted, matches: (name: string) => !wanted || fold(name).includes(wanted) };
}

/**
 * A page that browses the catalogue by one grouping (sectors, agencies): the heading (also the
 * document title), an intro, the search filter, the loading state, then the list.
 */
export function BrowsePage({
  title,
  intro,
  filterLabel,
  filter,
  query,
  children,
}: {
  title: string;
  intro: string;
  filterLabel: string;
  filter: ReturnType<typeof useNameFilter>;
  query: { isPending: boolean; isError: boolean; refetch: () => unknown };
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      <Text>{intro}</Text>
      <TextInput label={filterLabel} value={filter.filter} onChange={(e) => filter.setFilter(e.currentTarget.value)} maw={420} type="search" />
      {query.isPending && <Loading />}
      {query.isError && <LoadError onRetry={() => query.refetch()} />}
      {children}
    </Stack>
  );
}

/** How many procedures a sector or an agency has, beside its name. */
export function CountBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="blue.9" tt="none" style={{ flexShrink: 0 }}>
      {t('browse.count', { count })}
    </Badge>
  );
}
