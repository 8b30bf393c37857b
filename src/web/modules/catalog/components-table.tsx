import { Card, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProcedureComponent } from './catalog.api.ts';

/**
 * Thành phần hồ sơ: name, originals, copies, required. A table from the "sm" breakpoint up;
 * on a phone the same facts as a list, because four columns do not fit 360 px.
 */
export function ComponentsTable({ components }: { components: ProcedureComponent[] }) {
  const { t } = useTranslation();
  if (components.length === 0) return <Text>{t('procedure.noComponents')}</Text>;
  return (
    <>
      <Table visibleFrom="sm" striped withTableBorder verticalSpacing="xs" horizontalSpacing="sm">
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left', color: 'var(--mantine-color-gray-8)' }}>{t('procedure.componentsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('procedure.componentName')}</Table.Th>
            <Table.Th scope="col" w={96} ta="center">
              {t('procedure.original')}
            </Table.Th>
            <Table.Th scope="col" w={96} ta="center">
              {t('procedure.copy')}
            </Table.Th>
            <Table.Th scope="col" w={96} ta="center">
              {t('procedure.required')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {components.map((c) => (
            <Table.Tr key={c.code}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td ta="center">{c.original}</Table.Td>
              <Table.Td ta="center">{c.copy}</Table.Td>
              <Table.Td ta="center">{c.required ? t('procedure.yes') : t('procedure.no')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack hiddenFrom="sm" component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('procedure.componentsCaption')}>
        {components.map((c) => (
          <Card component="li" key={c.code} withBorder padding="sm">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {c.name}
            </Text>
            <Text size="sm" mt={4}>
              {t('procedure.original')}: {c.original} · {t('procedure.copy')}: {c.copy} ·{' '}
              {c.required ? t('procedure.requiredYes') : t('procedure.requiredNo')}
            </Text>
          </Card>
        ))}
      </Stack>
    </>
  );
}
