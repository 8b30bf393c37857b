import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WHOLE_BADGE } from '../../ui/whole-labels.ts';
import type { Dispatch } from './cabinet.api.ts';

/** Where a conclusion's signed edXML stands at each recipient agency (secretariat and chair). */
export function ConclusionDispatch({ dispatch }: { dispatch: Dispatch | null }) {
  const { t } = useTranslation();
  if (!dispatch) return null;
  return (
    <Stack gap={4} data-testid="conclusion-dispatch">
      <Text size="sm" fw={600}>
        {t('cabinet.dispatch.title')}
      </Text>
      <ul className="cabinet-dispatch">
        {dispatch.recipients.map((r) => (
          <li key={r.agency}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm">{r.name}</Text>
              <Badge color={r.statusCode === '02' ? 'red.9' : r.statusCode ? 'teal.9' : 'gray.8'} variant="filled" data-status={r.statusCode ?? 'sending'} styles={WHOLE_BADGE}>
                {r.statusCode ? `${r.statusCode} · ${t(`exchange.status.${r.statusCode}`, { defaultValue: r.statusCode })}` : t('exchange.status.sending')}
              </Badge>
            </Group>
          </li>
        ))}
        {dispatch.unreached.map((u) => (
          <li key={u.agency}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm">{u.agency}</Text>
              <Badge color="red.9" variant="filled" styles={WHOLE_BADGE}>
                {t(`cabinet.dispatch.${u.reason}`)}
              </Badge>
            </Group>
          </li>
        ))}
      </ul>
    </Stack>
  );
}
