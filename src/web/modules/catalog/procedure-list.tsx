import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProcedureSummary } from './catalog.api.ts';
import { levelText, procedureName } from './catalog.format.ts';
import { DeadlineText } from './deadline-text.tsx';

/** Search results: one card per procedure, the name links to its page. */
export function ProcedureList({ items }: { items: ProcedureSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((p) => (
        <Card component="li" key={p.code} withBorder padding="md" radius="md">
          <Anchor component={Link} to={`/thu-tuc/${p.code}`} fw={600} size="lg" lang={i18n.language === 'en' && p.nameEn ? 'en' : 'vi'}>
            {procedureName(p, i18n.language)}
          </Anchor>
          <Group gap="xs" mt={6} wrap="wrap">
            <Text size="sm" c="gray.8">
              {t('procedure.code')}: {p.code}
            </Text>
            <Badge variant="outline" color="blue.9" size="sm" tt="none">
              {levelText(t, p.level)}
            </Badge>
          </Group>
          <Group gap={6} mt={4} wrap="wrap">
            <Text size="sm" c="gray.8">
              {t('procedure.deadline')}:
            </Text>
            <Text size="sm" component="div">
              <DeadlineText deadline={p.deadline} />
            </Text>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
