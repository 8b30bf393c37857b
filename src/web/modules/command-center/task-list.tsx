import { Anchor, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, LoadError } from '../../ui/query-state.tsx';
import { type TaskShow, useUnitTasks } from './command-center.api.ts';
import { ColumnHeaders } from '../../ui/data-table.tsx';

const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The tasks behind a figure of the tasks tile, in a dialog, with the way to the follow-up board. */
export function TaskList({ unit, show, onClose }: { unit: string | undefined; show: TaskShow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const list = useUnitTasks(unit, show);
  return (
    <Modal opened={!!show} onClose={onClose} title={show ? t(`commandCenter.tasks.${show}`) : ''} size="xl" closeButtonProps={{ 'aria-label': t('commandCenter.close') }}>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError message={list.error.message} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('commandCenter.tasks.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="task-list">
            <ColumnHeaders columns={[t('commandCenter.tasks.task'), t('commandCenter.tasks.conclusion'), t('commandCenter.tasks.assignee'), t('commandCenter.tasks.due'), t('commandCenter.tasks.status')]} />
            <Table.Tbody>
              {list.data.items.map((task) => (
                <Table.Tr key={task.id}>
                  <Table.Td>{task.title}</Table.Td>
                  <Table.Td>
                    {task.conclusion.number} — {task.conclusion.title}
                  </Table.Td>
                  <Table.Td>{task.assignee.name}</Table.Td>
                  <Table.Td>{day(task.dueDate)}</Table.Td>
                  <Table.Td>
                    {t(`commandCenter.tasks.statuses.${task.status}`, { defaultValue: task.status })}
                    {task.overdue && <Text component="span" c="red.9" fw={600}>{` · ${t('commandCenter.overdueBadge')}`}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Anchor component={Link} to="/hop/nhiem-vu" mt="sm" display="inline-block">
        {t('commandCenter.tasks.board')}
      </Anchor>
    </Modal>
  );
}
