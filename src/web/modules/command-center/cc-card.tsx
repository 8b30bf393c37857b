import { Group, Paper, type StyleProp, Table, Title } from '@mantine/core';
import type { MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A card of the command center: a landmark section named by its heading; with `controls` (a
 * grouping, an export) the heading and the controls share the top line.
 */
export function CcCard({ id, title, testId, mb = 'xs', controls, children }: { id: string; title: ReactNode; testId?: string; mb?: StyleProp<MantineSpacing>; controls?: ReactNode; children: ReactNode }) {
  const heading = (
    <Title order={2} size="h3" id={id} mb={controls ? undefined : mb}>
      {title}
    </Title>
  );
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md" radius="md" data-testid={testId}>
      {controls ? (
        <Group justify="space-between" align="end" mb="sm" wrap="wrap">
          {heading}
          {controls}
        </Group>
      ) : (
        heading
      )}
      {children}
    </Paper>
  );
}

/** A long table of a card: it scrolls inside its own focusable region (named `label`), its header row stays in view, its caption says what it counts. */
export function ScrollTable({ label, minWidth = 900, mah, testId, caption, children }: { label: string; minWidth?: number; mah: number; testId?: string; caption: ReactNode; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" mah={mah} tabIndex={0} role="region" aria-label={label}>
      <Table striped stickyHeader data-testid={testId}>
        <Table.Caption className="cc-caption">{caption}</Table.Caption>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
