import { Card, Stack, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureComponent } from './catalog.api.ts';

/**
 * Thành phần hồ sơ: name, originals, copies, required. A table from the "sm" breakpoint up;
 * on a phone the same facts as a list, because four columns do not fit 360 px. Papers that
 * belong to a case ("Trường hợp …") come under its heading; where the catalogue does not say
 * how many originals and copies, the cells say so instead of showing a number.
 */
export function ComponentsTable({ components }: { components: ProcedureComponent[] }) {
  const { t } = useTranslation();
  if (components.length === 0) return <Text>{t('procedure.noComponents')}</Text>;
  const count = (c: ProcedureComponent, n: number) => (c.quantityUnknown ? '—' : n);
  const startsGroup = (i: number) => !!components[i].group && components[i].group !== components[i - 1]?.group;
  const anyUnknown = components.some((c) => c.quantityUnknown);
  return (
    <>
      {anyUnknown && (
        <Text size="sm" c="gray.8" mb="xs">
          {t('procedure.quantityUnknown')}
        </Text>
      )}
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
          {components.map((c, i) => (
            <Fragment key={c.code}>
              {startsGroup(i) && (
                <Table.Tr>
                  <Table.Th scope="colgroup" colSpan={4}>
                    {c.group}
                  </Table.Th>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.name}</Table.Td>
                <Table.Td ta="center">{count(c, c.original)}</Table.Td>
                <Table.Td ta="center">{count(c, c.copy)}</Table.Td>
                <Table.Td ta="center">{c.required ? t('procedure.yes') : t('procedure.no')}</Table.Td>
              </Table.Tr>
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
      <Stack hiddenFrom="sm" component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('procedure.componentsCaption')}>
        {components.map((c, i) => (
          <Fragment key={c.code}>
            {startsGroup(i) && (
              <Text component="li" fw={700} mt="xs">
                {c.group}
              </Text>
            )}
            <Card component="li" withBorder padding="sm">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {c.name}
              </Text>
              <Text size="sm" mt={4}>
                {c.quantityUnknown ? '' : `${t('procedure.original')}: ${c.original} · ${t('procedure.copy')}: ${c.copy} · `}
                {c.required ? t('procedure.requiredYes') : t('procedure.requiredNo')}
              </Text>
            </Card>
          </Fragment>
        ))}
      </Stack>
    </>
  );
}
