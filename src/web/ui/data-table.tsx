import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A striped, bordered table with one row of column headers (`scope="col"`) that scrolls sideways
 * on a narrow screen instead of squeezing its columns. The rows are the children (`Table.Tr`).
 */
export function DataTable({ columns, minWidth = 640, children }: { columns: readonly ReactNode[]; minWidth?: number; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped withTableBorder>
        <ColumnHeaders columns={columns} />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A table's one row of column headers (`scope="col"`). */
export function ColumnHeaders({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => (
          // the header row never reorders: its position is its identity
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed column list
          <Table.Th key={i} scope="col">
            {c}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
