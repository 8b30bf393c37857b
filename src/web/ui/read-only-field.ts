/**
 * Props for a Mantine text input that shows a value the citizen cannot change here (e.g. the
 * name and number of their own account): the native `readonly` (screen readers say "chỉ đọc" /
 * "read only"), `aria-readonly`, a grey filled look with a dashed border (`.field-readonly`,
 * app.css) so it does not look like a box to type in, and a description saying where the value
 * comes from (read out with the field through `aria-describedby`).
 */
export function readOnlyField(readOnly: boolean, why: string) {
  if (!readOnly) return { readOnly: false };
  return { readOnly: true, 'aria-readonly': true, variant: 'filled', classNames: { input: 'field-readonly' }, description: why } as const;
}
