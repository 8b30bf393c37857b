import { MantineProvider } from '@mantine/core';
import i18next from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../src/web/i18n/en.json' with { type: 'json' };
import vi from '../src/web/i18n/vi.json' with { type: 'json' };
import { FilePicker, fileSize } from '../src/web/ui/file-picker.tsx';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'vi', resources: { vi: { translation: vi }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

/** The markup the server (or the prerender) sends for one file control, in `lang`. */
async function html(props: Partial<Parameters<typeof FilePicker>[0]>, lang = 'vi'): Promise<string> {
  await i18n.changeLanguage(lang);
  const picker: ReactNode = createElement(FilePicker, { label: 'Tệp kết quả', accept: '.pdf', onChange: () => undefined, ...props });
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(MantineProvider, null, picker)));
}

/** The element whose id is `id`, as text. */
const byId = (markup: string, id: string) => new RegExp(`<[^>]* id="${id}"[^>]*>(.*?)</`).exec(markup)?.[1];

describe('the shared file control (ui/file-picker.tsx)', () => {
  it('shows and says only the screen language: a button "Chọn tệp…" and "Chưa chọn tệp", the browser input not displayed', async () => {
    const markup = await html({ hint: 'Tệp PDF, tối đa 20 MB.' });
    const input = /<input[^>]*type="file"[^>]*>/.exec(markup)?.[0] ?? '';
    expect(input).toContain('display:none');
    expect(input).toContain('accept=".pdf"');
    const button = /<button[^>]*>/.exec(markup)?.[0] ?? '';
    expect(markup).toContain('Chọn tệp…</');
    // Named "Chọn tệp… Tệp kết quả", described by the chosen file's line and the hint.
    const [self, label] = /aria-labelledby="([^"]+)"/.exec(button)?.[1].split(' ') ?? [];
    expect(button).toContain(`id="${self}"`);
    expect(byId(markup, label)).toContain('Tệp kết quả');
    const described = /aria-describedby="([^"]+)"/.exec(button)?.[1].split(' ') ?? [];
    expect(described.map((id) => byId(markup, id))).toEqual(['Chưa chọn tệp', 'Tệp PDF, tối đa 20 MB.']);
    expect(markup).not.toMatch(/Choose|No file/);
  });

  it('names the chosen file and its size, offers another, and shows an error beside the button', async () => {
    const markup = await html({ chosen: { name: 'ket-qua.pdf', size: 1536 }, error: 'Tệp không đúng định dạng.' });
    expect(markup).toContain('Chọn tệp khác…');
    expect(markup).toContain('Đã chọn: ket-qua.pdf (1,5 KB)');
    const button = /<button[^>]*>/.exec(markup)?.[0] ?? '';
    expect(button).toContain('aria-invalid="true"');
    const errorId = /aria-describedby="([^"]+)"/.exec(button)?.[1].split(' ').at(-1) ?? '';
    expect(byId(markup, errorId)).toBe('Tệp không đúng định dạng.');
    expect(markup).toMatch(new RegExp(`id="${errorId}"[^>]*role="alert"|role="alert"[^>]*id="${errorId}"`));
  });

  it('speaks English on an English screen', async () => {
    const markup = await html({}, 'en');
    expect(markup).toContain('Choose a file…');
    expect(markup).toContain('No file chosen');
  });

  it('writes sizes the way the language does', () => {
    expect(fileSize(512, 'vi')).toBe('512 B');
    expect(fileSize(1536, 'vi')).toBe('1,5 KB');
    expect(fileSize(3 * 1024 * 1024, 'en')).toBe('3 MB');
  });
});
