import { List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled part of an information page: paragraphs, then an optional list. */
export interface InfoSection {
  id: string;
  heading: string;
  paragraphs?: ReactNode[];
  items?: ReactNode[];
  after?: ReactNode[];
}

/** An information page (help, privacy notice, accessibility): a title, a lead and titled sections. */
export function InfoPage({ title, lead, sections, updated }: { title: string; lead: ReactNode; sections: InfoSection[]; updated?: string }) {
  return (
    <Stack gap="md" className="info-page">
      <Title order={1}>{title}</Title>
      <Text size="lg">{lead}</Text>
      {sections.map((s) => (
        <Paper key={s.id} component="section" aria-labelledby={s.id} withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
          <Title order={2} size="h3" id={s.id} mb="xs">
            {s.heading}
          </Title>
          <Stack gap="xs">
            {s.paragraphs?.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
              <Text key={i}>{p}</Text>
            ))}
            {s.items && (
              <List spacing={6}>
                {s.items.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
                  <List.Item key={i}>{item}</List.Item>
                ))}
              </List>
            )}
            {s.after?.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
              <Text key={i}>{p}</Text>
            ))}
          </Stack>
        </Paper>
      ))}
      {updated ? (
        <Text size="sm" c="gray.8">
          {updated}
        </Text>
      ) : null}
    </Stack>
  );
}
