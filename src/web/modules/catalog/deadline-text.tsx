import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Deadline } from './catalog.api.ts';
import { deadlineText } from './catalog.format.ts';

/**
 * The statutory processing time in words. Where the catalogue gives no number to count with,
 * its published wording is shown instead (never a guessed value).
 */
export function DeadlineText({ deadline, withNote = false }: { deadline: Deadline; withNote?: boolean }) {
  const { t } = useTranslation();
  const known = deadline.unit === 'same_day' || deadline.value != null;
  return (
    <>
      <Text component="span">{known || !deadline.note ? deadlineText(t, deadline) : deadline.note}</Text>
      {withNote && known && deadline.note ? (
        <Text size="sm" c="gray.8" mt={4}>
          {deadline.note}
        </Text>
      ) : null}
    </>
  );
}
