import { Alert, Anchor, Button, Group, Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DayInput } from '../../ui/day-input.tsx';
import { apiFetch, errorText } from '../../ui/http.ts';
import { AgencySelect, useAgency } from '../places/agency-select.tsx';
import { type Dispatch, useBody } from './cabinet.api.ts';
import { ConclusionDispatch } from './conclusion-dispatch.tsx';
import { readerLink } from './document-links.tsx';

/** The conclusions issued on a form or a meeting: each opens in the reader, with where its dispatch stands. */
export function ConclusionLinks({ conclusions, back }: { conclusions: { id: string; number: string; title: string; dispatch: Dispatch | null }[]; back: string }) {
  const { t } = useTranslation();
  return conclusions.map((c) => (
    <Stack key={c.id} gap="xs">
      <Anchor component={Link} className="cabinet-card" to={readerLink(`/api/v1/cabinet/conclusions/${c.id}/document`, c.number, back)} data-testid="conclusion-link">
        {t('cabinet.openPdf', { number: c.number })} — {c.title}
      </Anchor>
      <ConclusionDispatch dispatch={c.dispatch} />
    </Stack>
  ));
}

/**
 * The secretariat issues the conclusion of a closed form or an ended meeting: title, text, one
 * task (agency and due date), other recipients over the interconnection axis. Signed on the server.
 */
export function IssueConclusion({ source, bodyCode }: { source: { type: 'opinion_form' | 'meeting'; id: string }; bodyCode: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // the assignee is picked by name among the agencies of the body's province first (nobody knows the codes)
  const body = useBody(bodyCode);
  const seat = useAgency(body.data?.agencyCode);
  const [kind, setKind] = useState<'conclusion' | 'resolution'>('conclusion');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [task, setTask] = useState({ title: '', agency: '', due: '' });
  const [recipients, setRecipients] = useState('');
  const issue = useMutation({
    mutationFn: () =>
      apiFetch('/api/v1/cabinet/conclusions', {
        method: 'POST',
        body: {
          source,
          kind,
          title,
          text,
          tasks: task.title && task.agency && task.due ? [{ title: task.title, assigneeAgencyCode: task.agency, dueDate: task.due }] : [],
          recipients: recipients
            .split(/[\s,;]+/)
            .map((x) => x.trim())
            .filter(Boolean),
        },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['cabinet'] }),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        issue.mutate();
      }}
      data-testid="issue-conclusion"
    >
      <Stack gap="xs">
        <Radio.Group label={t('cabinet.conclusionKind')} value={kind} onChange={(v) => setKind(v === 'resolution' ? 'resolution' : 'conclusion')}>
          <Group mt={4}>
            <Radio value="conclusion" label={t('cabinet.kind.conclusion')} />
            <Radio value="resolution" label={t('cabinet.kind.resolution')} />
          </Group>
        </Radio.Group>
        <TextInput label={t('cabinet.conclusionTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
        <Textarea label={t('cabinet.conclusionText')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} required />
        <TextInput label={t('cabinet.taskTitle')} value={task.title} onChange={(e) => setTask({ ...task, title: e.currentTarget.value })} />
        <AgencySelect label={t('cabinet.taskAgency')} value={task.agency} onChange={(agency) => setTask({ ...task, agency })} provinceCode={seat.data?.provinceCode} />
        <DayInput label={t('cabinet.taskDue')} value={task.due} onChange={(due) => setTask({ ...task, due })} />
        <TextInput label={t('cabinet.dispatch.recipients')} description={t('cabinet.dispatch.recipientsHint')} value={recipients} onChange={(e) => setRecipients(e.currentTarget.value)} />
        {issue.isError && (
          <Alert color="red.9" role="alert">
            {errorText(issue.error)}
          </Alert>
        )}
        <Button type="submit" loading={issue.isPending}>
          {t('cabinet.issue')}
        </Button>
      </Stack>
    </form>
  );
}
