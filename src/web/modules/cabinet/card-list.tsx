import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A list of cabinet cards (forms, meetings, documents), or what to say when there is none. */
export function CardList<T extends { id: string }>({ items, empty, gap = 'sm', children }: { items: T[]; empty: string; gap?: 'xs' | 'sm'; children: (item: T) => ReactNode }) {
  if (items.length === 0) return <Text className="empty-state">{empty}</Text>;
  return (
    <Stack gap={gap} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => (
        <li key={item.id}>{children(item)}</li>
      ))}
    </Stack>
  );
}
