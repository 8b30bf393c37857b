import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Deadline } from './catalog.api.ts';
import { deadlineText } from './catalog.format.ts';

/** The statutory processing time in words, marked when the value is not verified. */
export function DeadlineText({ deadline }: { deadline: Deadline }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} component="span" wrap="wrap">
      <Text component="span">{deadlineText(t, deadline)}</Text>
      {deadline.verified === false && deadline.value != null && (
        <Badge component="span" color="#a0410d" variant="outline" size="sm" tt="none">
          {t('procedure.unverified')}
        </Badge>
      )}
    </Group>
  );
}
