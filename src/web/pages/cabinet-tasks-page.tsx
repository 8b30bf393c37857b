import { Anchor, Badge, Button, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayText } from '../ui/day-input.tsx';
import { Link } from 'react-router';
import { formatTime, type Task, useTaskReport, useTasks } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { ActionError, Loading, LoadError } from '../ui/query-state.tsx';

/** `/hop/nhiem-vu`: the follow-up board of assigned tasks (secretariat, chair; the assignee agencies). */
const CabinetTasksPage = signedInPage('cabinet.tasksTitle', Board);
export default CabinetTasksPage;

function Board() {
  const { t } = useTranslation();
  const tasks = useTasks();
  return (
    <Stack gap="md" className="cabinet-page">
      <Anchor component={Link} to="/hop">
        ← {t('cabinet.back')}
      </Anchor>
      <Title order={1}>{t('cabinet.tasksTitle')}</Title>
      {tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <LoadError onRetry={() => tasks.refetch()} />
      ) : (
        <>
          <Text fw={600} data-testid="task-summary">
            {t('cabinet.summary', tasks.data.summary)}
          </Text>
          {tasks.data.items.length === 0 ? (
            <Text className="empty-state">{t('cabinet.tasksEmpty')}</Text>
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {tasks.data.items.map((task) => (
                <TaskCard key={task.id} task={task} />
              ))}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}

function TaskCard({ task }: { task: Task }) {
  const { t } = useTranslation();
  const report = useTaskReport(task.id);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<'in_progress' | 'done'>('in_progress');
  const [note, setNote] = useState('');
  const color = task.status === 'done' ? 'teal.9' : task.overdue ? 'red.9' : task.status === 'in_progress' ? 'blue.9' : 'gray.8';
  return (
    <li className="cabinet-card" data-overdue={task.overdue} data-testid="task-card">
      <Group justify="space-between" align="flex-start">
        <Text fw={700}>{task.title}</Text>
        <Group gap="xs">
          <Badge color={color}>{t(`cabinet.taskStatus.${task.status}`)}</Badge>
          {task.overdue && <Badge color="red.9">{t('cabinet.overdue')}</Badge>}
          {task.doneLate && <Badge color="red.9">{t('cabinet.doneLate')}</Badge>}
        </Group>
      </Group>
      <Text size="sm">{t('cabinet.assignee', { name: task.assignee.name })}</Text>
      <Text size="sm" c={task.overdue ? 'red.9' : undefined}>
        {t('cabinet.due', { date: dayText(task.dueDate) })}
        {task.conclusion ? ` · ${t('cabinet.from', { number: task.conclusion.number })}` : ''}
      </Text>
      {task.reports.length > 0 && (
        <Stack gap={2} mt="xs" component="ul" aria-label={t('cabinet.reports')} style={{ paddingLeft: 20, margin: 0 }}>
          {task.reports.map((r) => (
            <li key={r.at}>
              <Text size="sm">
                {formatTime(r.at)} — {r.by}: {r.note} ({t(`cabinet.taskStatus.${r.status}`)})
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {task.status !== 'done' &&
        (open ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (note.trim()) report.mutate({ status, note: note.trim() }, { onSuccess: () => setOpen(false) });
            }}
          >
            <Stack gap="xs" mt="sm">
              <Select
                label={t('cabinet.reportStatus')}
                value={status}
                onChange={(v) => setStatus((v as 'in_progress' | 'done') ?? 'in_progress')}
                data={[
                  { value: 'in_progress', label: t('cabinet.taskStatus.in_progress') },
                  { value: 'done', label: t('cabinet.taskStatus.done') },
                ]}
                allowDeselect={false}
              />
              <Textarea label={t('cabinet.reportNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} required autosize minRows={2} />
              <ActionError error={report.error} />
              <Button type="submit" loading={report.isPending}>
                {t('cabinet.sendReport')}
              </Button>
            </Stack>
          </form>
        ) : (
          <Button mt="sm" variant="default" onClick={() => setOpen(true)}>
            {t('cabinet.report')}
          </Button>
        ))}
    </li>
  );
}
