import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useLegacyUnits } from '../modules/places/places.api.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

/**
 * Xã, phường mới (/xa-phuong-moi): a citizen who knows only the commune or ward of their old
 * papers (before the 2025 reorganisation) finds the one it is part of now, in which province.
 * The name asked lives in the address (?ten=), so a link opens the same answer.
 */
export default function LegacyUnitsPage() {
  const { t } = useTranslation();
  usePageTitle(t('places.legacy.title'));
  const [params, setParams] = useSearchParams();
  const asked = params.get('ten') ?? '';
  const [input, setInput] = useState(asked);
  const found = useLegacyUnits(asked);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams(input.trim() ? { ten: input.trim() } : {});
  };
  return (
    <Stack gap="md">
      <Title order={1}>{t('places.legacy.title')}</Title>
      <Text>{t('places.legacy.intro')}</Text>
      <form onSubmit={search} aria-label={t('places.legacy.title')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="search"
            label={t('places.legacy.name')}
            description={t('places.legacy.example')}
            value={input}
            maxLength={100}
            onChange={(e) => setInput(e.currentTarget.value)}
            style={{ flex: '1 1 16rem' }}
          />
          <Button type="submit">{t('places.legacy.search')}</Button>
        </Group>
      </form>
      {asked &&
        (found.isPending ? (
          <Loading />
        ) : found.isError ? (
          <LoadError onRetry={() => found.refetch()} />
        ) : (
          <section aria-labelledby="ket-qua">
            <Title order={2} size="h4" id="ket-qua" mb="xs" role="status">
              {found.data.items.length === 0 ? t('places.legacy.none', { name: asked }) : t('places.legacy.count', { count: found.data.items.length, name: asked })}
            </Title>
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {found.data.items.map((m) => (
                <Paper component="li" key={`${m.oldName}|${m.province.code}|${m.commune?.code ?? m.newCommuneName}|${m.note ?? ''}`} withBorder p="sm" radius="md">
                  <Text fw={700}>
                    {m.oldName} ({m.province.name})
                  </Text>
                  <Text>{t('places.legacy.now', { commune: m.commune?.name ?? m.newCommuneName, province: m.province.name })}</Text>
                  {m.note && (
                    <Text size="sm" c="gray.8">
                      {m.note}
                    </Text>
                  )}
                </Paper>
              ))}
            </Stack>
          </section>
        ))}
    </Stack>
  );
}
