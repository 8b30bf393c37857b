import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProcedureComponent } from './catalog.api.ts';

/** Thành phần hồ sơ: name, originals, copies, required. Narrow enough for a 360 px screen. */
export function ComponentsTable({ components }: { components: ProcedureComponent[] }) {
  const { t } = useTranslation();
  if (components.length === 0) return <Text>{t('procedure.noComponents')}</Text>;
  return (
    <Table striped withTableBorder verticalSpacing="xs" horizontalSpacing="xs" fz="sm" layout="fixed">
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('procedure.componentsCaption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('procedure.componentName')}</Table.Th>
          <Table.Th scope="col" w={64} ta="center">
            {t('procedure.original')}
          </Table.Th>
          <Table.Th scope="col" w={64} ta="center">
            {t('procedure.copy')}
          </Table.Th>
          <Table.Th scope="col" w={72} ta="center">
            {t('procedure.required')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {components.map((c) => (
          <Table.Tr key={c.code}>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.name}</Table.Td>
            <Table.Td ta="center">{c.original}</Table.Td>
            <Table.Td ta="center">{c.copy}</Table.Td>
            <Table.Td ta="center">{c.required ? t('procedure.yes') : t('procedure.no')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
