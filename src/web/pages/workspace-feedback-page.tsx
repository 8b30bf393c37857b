import { Button, Pagination, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feedback } from '#modules/evaluation/evaluation.contract.ts';
import { useAgencyFeedback, useAnswerFeedback } from '../modules/evaluation/evaluation.api.ts';
import { FeedbackItem } from '../modules/evaluation/feedback-item.tsx';
import { useOfficer } from '../modules/workspace/use-officer.ts';
import { workspacePage, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import '../modules/workspace/workspace.css';
import { ApiError } from '../ui/http.ts';
import { Loaded } from '../ui/query-state.tsx';

/** Who answers (the server's rule, evaluation/policy.ts): the agency's leaders and desk officers. */
const ANSWER_ROLES = ['leader', 'desk_officer'];

/**
 * /can-bo/phan-anh — Phản ánh, kiến nghị: what citizens sent to the officer's agencies, unanswered
 * first by their answer date (overdue ones marked), each answered once by a leader or desk officer
 * of the agency; the answer reaches the citizen's "Phản ánh của tôi" and, if they agreed, the public list.
 */
const WorkspaceFeedbackPage = workspacePage('workspace.feedback.title', FeedbackDesk);
export default WorkspaceFeedbackPage;

function FeedbackDesk() {
  const { t } = useTranslation();
  const { grants } = useOfficer();
  const [page, setPage] = useState(1);
  const list = useAgencyFeedback(page);
  const mayAnswer = (f: Feedback) => grants.some((g) => ANSWER_ROLES.includes(g.role) && g.agencyCode === f.agencyCode);
  return (
    <Stack gap="md">
      <WorkspaceNav />
      <Title order={1}>{t('workspace.feedback.title')}</Title>
      <Text>{t('workspace.feedback.intro')}</Text>
      <Loaded query={list} empty={{ when: (data) => data.items.length === 0, text: t('workspace.feedback.none') }}>
        {(data) => (
          <>
            <Text role="status">{t('workspace.feedback.count', { count: data.total })}</Text>
            <Stack gap="sm">
              {data.items.map((f) => (
                <FeedbackItem
                  key={f.reference}
                  f={f}
                  details={
                    <Text size="sm">
                      {t('workspace.feedback.from', { name: f.authorName })}
                      {f.dossierCode && ` · ${t('workspace.feedback.dossier', { code: f.dossierCode })}`}
                      {f.publish && ` · ${t('workspace.feedback.public')}`}
                    </Text>
                  }
                >
                  {!f.answer && mayAnswer(f) && <AnswerForm reference={f.reference} />}
                </FeedbackItem>
              ))}
            </Stack>
            {data.total > data.pageSize && (
              <Pagination
                total={Math.ceil(data.total / data.pageSize)}
                value={page}
                onChange={setPage}
                getControlProps={(c) => ({ 'aria-label': t('evaluation.feedback.page', { page: c }) })}
              />
            )}
          </>
        )}
      </Loaded>
    </Stack>
  );
}

function AnswerForm({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const answer = useAnswerFeedback();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [key] = useState(() => crypto.randomUUID());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length < 10) {
      setProblem(t('workspace.feedback.tooShort'));
      return;
    }
    setProblem(undefined);
    answer.mutate({ reference, answer: text, key });
  };
  const failed = answer.error instanceof ApiError ? answer.error.message : answer.error ? t('workspace.feedback.failed') : undefined;
  return (
    <form onSubmit={submit} aria-label={t('workspace.feedback.answerFor', { reference })}>
      <Stack gap="xs" mt="sm">
        <Textarea
          label={t('workspace.feedback.answerLabel')}
          description={t('workspace.feedback.answerHint')}
          required
          autosize
          minRows={3}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={problem ?? failed}
        />
        <div>
          <Button type="submit" loading={answer.isPending}>
            {t('workspace.feedback.send')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
