import '@mantine/core/styles/SimpleGrid.css';
import { Anchor, Box, Button, Group, Pagination, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { type FormEvent, useDeferredValue, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PAGE_SIZE, usePopularProcedures, useProcedureSearch } from '../modules/catalog/catalog.api.ts';
import { ProcedureList } from '../modules/catalog/procedure-list.tsx';
import { useQueryUpdate } from '../ui/address-query.ts';
import { OwnAddress } from '../ui/own-address.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { wrappingButton } from '../ui/whole-labels.ts';

/** A long label wraps on a narrow phone ("Thủ tục theo cơ quan thực hiện" at 320 px) instead of running out of its button. */
const WRAPPING = wrappingButton('left', 42);

/**
 * Trang chủ: search the catalogue (accent-insensitive on the server), page through results;
 * without a query, the most used procedures and the ways to browse (by sector, by agency).
 * `?linhVuc=` and `?boNganh=&coQuan=` list one sector's or one agency's procedures.
 */
export default function HomePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sector = params.get('linhVuc') || undefined;
  const issuingBody = params.get('boNganh') || undefined;
  const agency = params.get('coQuan') || undefined;
  const listing = q !== '' || !!sector || !!agency;
  const search = useProcedureSearch(q, page, { sector, issuingBody, agency }, listing);
  const popular = usePopularProcedures(!listing);
  // The list is built in slices at low priority when results arrive, not in one long task.
  const result = useDeferredValue(search.data);
  const popularItems = useDeferredValue(popular.data?.items);
  usePageTitle(q ? `${t('home.resultsHeading')}: ${q}` : undefined);

  // The field is the browser's own (uncontrolled): the page comes prerendered, and letters typed
  // before the app takes it over stay where they are. It follows the address only when the address
  // changes by other means (Back, a link), never to what this page itself asked for.
  // A search asked while an earlier one is still rendering is not undone by it (ui/own-address.ts).
  const field = useRef<HTMLInputElement>(null);
  const [own] = useState(() => new OwnAddress(q));
  // After every render (not only when q changes): a quick Back may undo a search before it showed.
  useEffect(() => {
    if (own.isOwn(q)) return;
    if (field.current) field.current.value = q;
  });

  // Typing refines the current history entry; submitting makes a new one (Back returns to it).
  const setQuery = useQueryUpdate();
  const apply = (value: string, replace: boolean) => {
    if (value.trim() === q && page === 1) return;
    own.asked(value.trim());
    setQuery({ q: value.trim(), page: undefined }, { replace });
  };
  const applyLater = useDebouncedCallback((value: string) => apply(value, true), 300);

  function submit(event: FormEvent) {
    event.preventDefault();
    applyLater.cancel();
    apply(field.current?.value ?? '', false);
  }

  const total = result?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="lg">
      <Box className="hero" p={{ base: 'md', sm: 'xl' }}>
        <Title order={1}>{t('home.heroTitle')}</Title>
        <Text mt="xs">{t('home.heroText')}</Text>
        <search>
          {/* action and name: before the app has started (the page comes prerendered), Enter
              still searches, by loading /?q=… */}
          <form onSubmit={submit} action="/" method="get">
          <Text component="label" htmlFor="tim-kiem" display="block" fw={600} mt="md" mb={4}>
            {t('home.searchLabel')}
          </Text>
          {/* On a phone the field takes the whole line (its example readable) and the button goes below. */}
          <Group gap="xs" wrap="wrap">
            <TextInput
              id="tim-kiem"
              name="q"
              type="search"
              style={{ flex: '1 1 16rem', minWidth: 0 }}
              placeholder={t('home.searchPlaceholder')}
              ref={field}
              defaultValue={q}
              onChange={(event) => applyLater(event.currentTarget.value)}
              size="md"
            />
            <Button type="submit" size="md">
              {t('home.searchButton')}
            </Button>
          </Group>
          </form>
        </search>
      </Box>

      {!listing && (
        <>
          {/* Browsing first: the most used procedures arrive after the page has painted (its first
              screen is in the HTML, app/prerender.tsx) and grow below, moving nothing on screen. */}
          <section aria-labelledby="tra-cuu-theo">
            <Title order={2} id="tra-cuu-theo" size="h3" mb="sm">
              {t('home.browseHeading')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Button component={Link} to="/linh-vuc" variant="light" size="md" justify="flex-start" fullWidth styles={WRAPPING}>
                {t('home.bySector')}
              </Button>
              <Button component={Link} to="/co-quan" variant="light" size="md" justify="flex-start" fullWidth styles={WRAPPING}>
                {t('home.byAgency')}
              </Button>
            </SimpleGrid>
          </section>
          <section aria-labelledby="thuong-dung">
            <Title order={2} id="thuong-dung" size="h3" mb="sm">
              {t('home.popularHeading')}
            </Title>
            {!popularItems && popular.isPending && <Loading />}
            {popular.isError && <LoadError onRetry={() => popular.refetch()} />}
            {popularItems && <ProcedureList items={popularItems} />}
          </section>
        </>
      )}

      {listing && (
      <section aria-labelledby="ket-qua">
        <Title order={2} id="ket-qua" size="h3">
          {q ? t('home.resultsHeading') : sector ? t('home.sectorHeading', { name: sector }) : t('home.agencyHeading', { name: agency })}
        </Title>
        {(sector || agency) && (
          <Anchor component={Link} to="/" size="sm">
            {t('home.clearFilter')}
          </Anchor>
        )}
        <Text role="status" aria-live="polite" mt={4} mb="sm">
          {result ? t('home.resultCount', { count: total }) : ''}
        </Text>
        {!result && search.isPending && <Loading />}
        {search.isError && <LoadError onRetry={() => search.refetch()} />}
        {result && total === 0 && (
          <Box className="empty-state" p="md">
            <Text fw={600}>{t('home.empty', { q })}</Text>
            <Text>{t('home.emptyHint')}</Text>
          </Box>
        )}
        {result && total > 0 && <ProcedureList items={result.items} />}
        {pages > 1 && (
          <Box component="nav" aria-label={t('home.pagination')} mt="md">
            <Pagination
              total={pages}
              value={page}
              onChange={(value) => setQuery({ page: String(value) })}
              getItemProps={(value) => ({ 'aria-label': t('home.page', { page: value }) })}
              getControlProps={(control) =>
                control === 'previous'
                  ? { 'aria-label': t('home.previousPage') }
                  : control === 'next'
                    ? { 'aria-label': t('home.nextPage') }
                    : {}
              }
              siblings={1}
              boundaries={1}
            />
          </Box>
        )}
      </section>
      )}
    </Stack>
  );
}
