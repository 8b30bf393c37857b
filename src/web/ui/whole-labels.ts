/**
 * Styles that never cut a label. Mantine ends a badge's label too long for its column with "…"
 * and keeps a button one line high, cutting a long label on a phone; these keep the whole text.
 */

/** A badge ("Trong hạn", "01 · Đã đến") keeps its width: the column widens instead. */
export const WHOLE_BADGE = {
  root: { overflow: 'visible', height: 'auto', minHeight: 22, flexShrink: 0 },
  label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'nowrap' },
} as const;

/**
 * A badge in a narrow column ("Submitted late" in a table at 360 px): its label wraps onto more
 * lines, between words, instead of ending in "…"; in the text's own case (capitals are wider).
 */
export const WRAPPING_BADGE = {
  root: { overflow: 'visible', height: 'auto', minHeight: 22, maxWidth: '100%', paddingBlock: 2, textTransform: 'none' },
  label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'normal', lineHeight: 1.3, textAlign: 'center' },
} as const;

/** A button whose label wraps onto more lines and grows in height (a procedure's name, a long link). */
export function wrappingButton(align: 'left' | 'center' = 'left', minHeight = 40) {
  return {
    root: { height: 'auto', minHeight, paddingBlock: 8 },
    label: { whiteSpace: 'normal', textAlign: align, lineHeight: 1.3 },
  } as const;
}
