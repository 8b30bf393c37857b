import { describe, expect, it } from 'vitest';
import { earlyInput, keepEarlyInput } from '../src/web/ui/early-input.ts';

/** A prerendered field as the page's markup holds it: its name, its default (the markup's) and current value. */
const field = (name: string, value = '') => ({ name, value, defaultValue: '' });

/** The page's root with `fields` in it; `type` is the visitor typing into one of them (an input event from it). */
function page(fields: ReturnType<typeof field>[]) {
  const root = Object.assign(new EventTarget(), { querySelectorAll: () => fields }) as unknown as ParentNode & EventTarget;
  const type = (f: ReturnType<typeof field>, value: string) => {
    f.value = value;
    const event = new Event('input');
    Object.defineProperty(event, 'target', { value: f });
    root.dispatchEvent(event);
  };
  return { root, type };
}

describe('what is typed into a prerendered page before the app renders it afresh (ui/early-input.ts)', () => {
  it('keeps the typed code and phone digits of /tra-cuu for the page the app renders in its place, once', () => {
    const [code, phone] = [field('ma', '  hs-7k3m9q2xab '), field('sdt')];
    const { root, type } = page([code, phone]);
    keepEarlyInput(root);
    type(phone, '56'); // typed on while the app builds its own page
    type(phone, '5678');
    // the markup is replaced: the app's page (its own, empty form) reads what was typed
    expect(earlyInput('ma', null)).toBe('  hs-7k3m9q2xab ');
    expect(earlyInput('sdt', null)).toBe('5678');
    // once: the same page opened again later starts empty
    expect(earlyInput('ma', null)).toBe('');
  });

  it('keeps nothing of a field left as the markup wrote it, or cleared again', () => {
    const [username, password] = [field('username'), field('password')];
    const { root, type } = page([username, password]);
    keepEarlyInput(root);
    type(password, 'x');
    type(password, '');
    expect(earlyInput('username', null)).toBe('');
    expect(earlyInput('password', null)).toBe('');
  });

  it('ignores the app’s own fields, rendered after it (they have their state)', () => {
    const { root, type } = page([field('username')]);
    keepEarlyInput(root);
    type(field('username'), 'motcua.hoankiem');
    expect(earlyInput('username', null)).toBe('');
  });
});
