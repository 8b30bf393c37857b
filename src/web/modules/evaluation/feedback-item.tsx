import { Alert, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime, shortDate } from '../dossiers/dossier-format.ts';
import type { Feedback } from './evaluation.api.ts';

/** Mantine's green alert title is 3.8:1 on its background: titles take the text colour (WCAG AA). */
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/**
 * One phản ánh, kiến nghị: subject, reference, when, the content, then the answer or the answer's
 * due date. `details` (the officer's view: who sent it, the dossier) goes under the date; `children`
 * (the officer's answer form) at the end.
 */
export function FeedbackItem({ f, details, children }: { f: Feedback; details?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" component="article" data-testid="feedback-item">
      <Group justify="space-between" gap="xs">
        <Text fw={700} component="h3" size="md" m={0}>
          {f.subject}
        </Text>
        <Text size="sm">{f.reference}</Text>
      </Group>
      {'agency' in f && <Text size="sm">{f.agency.name}</Text>}
      <Text size="sm" c="gray.8">
        {dateTime(f.receivedAt)}
      </Text>
      {details}
      <Text mt={4} style={{ whiteSpace: 'pre-line' }}>
        {f.content}
      </Text>
      {f.answer ? (
        <Alert color="green" mt="xs" styles={readableTitle} title={t('evaluation.feedback.answer', { at: f.answeredAt ? dateTime(f.answeredAt) : '' })}>
          <span style={{ whiteSpace: 'pre-line' }}>{f.answer}</span>
        </Alert>
      ) : (
        'answerDueDate' in f && (
          <Text size="sm" mt={4} c={f.overdue ? 'red.9' : 'gray.8'} fw={f.overdue ? 700 : undefined}>
            {f.overdue ? t('evaluation.feedback.overdue', { date: shortDate(f.answerDueDate) }) : t('evaluation.feedback.due', { date: shortDate(f.answerDueDate) })}
          </Text>
        )
      )}
      {children}
    </Paper>
  );
}
