import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card of a page: a landmark named by its heading (screen readers list it). */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
      <Title order={2} id={id} size="h3" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
