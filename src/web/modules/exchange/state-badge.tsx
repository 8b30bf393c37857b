import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { WRAPPING_BADGE } from '../../ui/whole-labels.ts';

const COLORS = { good: 'green', waiting: 'yellow', bad: 'red', none: 'gray' } as const;

/**
 * A state in words on a light background (the colour only repeats what the words say): the text
 * stays near-black for contrast, as in status-label.tsx; it wraps in a narrow column.
 */
export function StateBadge({ tone, children, testId }: { tone: keyof typeof COLORS; children: ReactNode; testId?: string }) {
  return (
    <Badge variant="light" color={COLORS[tone]} c="dark.9" styles={WRAPPING_BADGE} data-tone={tone} data-testid={testId}>
      {children}
    </Badge>
  );
}
