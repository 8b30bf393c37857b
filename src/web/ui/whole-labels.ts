/**
 * Styles that never cut a label. Mantine ends a badge's label too long for its column with "…"
 * and keeps a button one line high, cutting a long label on a phone; these keep the whole text.
 */

/** A badge ("Trong hạn", "01 · Đã đến") keeps its width: the column widens instead. */
export const WHOLE_BADGE = {
  root: { overflow: 'visible', height: 'auto', minHeight: 22, flexShrink: 0 },
  label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'nowrap' },
} as const;

/** A button whose label wraps onto more lines and grows in height (a procedure's name, a long link). */
export function wrappingButton(align: 'left' | 'center' = 'left', minHeight = 40) {
  return {
    root: { height: 'auto', minHeight, paddingBlock: 8 },
    label: { whiteSpace: 'normal', textAlign: align, lineHeight: 1.3 },
  } as const;
}
