/** What was typed into the prerendered page's named fields before the app rendered it afresh, by field name. */
const typed = new Map<string, string>();

type Field = HTMLInputElement | HTMLTextAreaElement;
const isField = (node: unknown): node is Field =>
  typeof node === 'object' && node !== null && 'name' in node && 'value' in node && 'defaultValue' in node && typeof node.name === 'string' && node.name !== '';

/**
 * Called by main.tsx when React renders the page afresh instead of adopting the prerendered
 * markup (a visitor signed in, another language, "who is signed in" not answered in time): that
 * markup, fields included, is then replaced, and what the visitor had typed into it went with it
 * (a code typed into /tra-cuu, a user name into /dang-nhap, then "Vui lòng nhập…" on sending).
 * Keeps what each named field of `root` holds now and what is typed into it until it is gone.
 */
export function keepEarlyInput(root: ParentNode & EventTarget): void {
  const fields = new Set([...root.querySelectorAll('input[name], textarea[name]')].filter(isField));
  const read = (field: Field) => {
    if (field.value !== field.defaultValue) typed.set(field.name, field.value);
    else typed.delete(field.name);
  };
  for (const field of fields) read(field);
  // the prerendered fields only: the app's own, once rendered, have their own state
  root.addEventListener('input', (event) => fields.has(event.target as Field) && read(event.target as Field), true);
}

/**
 * What was typed into the prerendered field `name` before the app rendered the page afresh, once
 * (a later visit of the page starts empty); else what `form` shows (the markup adopted), else ''.
 */
export function earlyInput(name: string, form: HTMLFormElement | null): string {
  const kept = typed.get(name);
  typed.delete(name);
  if (kept !== undefined) return kept;
  const shown = form ? new FormData(form).get(name) : null;
  return typeof shown === 'string' ? shown : '';
}
