/**
 * Badge styles that never cut the label ("Trong hạn", "01 · Đã đến"): Mantine's badge ends a
 * label too long for its column with "…"; this one keeps its width and the column widens instead.
 */
export const WHOLE_BADGE = {
  root: { overflow: 'visible', height: 'auto', minHeight: 22, flexShrink: 0 },
  label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'nowrap' },
} as const;
