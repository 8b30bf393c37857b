import { MantineProvider } from '@mantine/core';
import i18next from 'i18next';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import vi from '../src/web/i18n/vi.json' with { type: 'json' };
import { DeclaredInfo } from '../src/web/modules/workspace/declared-info.tsx';
import type { DossierDetail } from '../src/web/modules/workspace/workspace.api.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'vi', resources: { vi: { translation: vi } }, interpolation: { escapeValue: false } });
});

const dossier = { fields: { childFullName: 'Nguyễn Minh Châu', childBirthDate: '2026-03-02' } } as unknown as DossierDetail;
const FORM = {
  type: 'object',
  properties: { childFullName: { type: 'string', title: 'Họ, chữ đệm, tên của trẻ' }, childBirthDate: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' } },
};
const html = (schema: Record<string, unknown> | null | undefined) =>
  renderToString(createElement(I18nextProvider, { i18n }, createElement(MantineProvider, null, createElement(DeclaredInfo, { d: dossier, schema }))));

describe('what was declared, on the officer’s dossier page (DeclaredInfo)', () => {
  it('shows nothing while the procedure’s form loads: not the code names and raw days for a moment', () => {
    const markup = html(undefined);
    expect(markup).not.toContain('childBirthDate');
    expect(markup).not.toContain('2026-03-02');
    expect(markup).not.toContain('Nguyễn Minh Châu');
  });

  it('shows each value under its label, a day as dd/mm/yyyy, once the form is known', () => {
    const markup = html(FORM);
    expect(markup).toContain('Ngày, tháng, năm sinh');
    expect(markup).toContain('02/03/2026');
    expect(markup).not.toContain('2026-03-02');
  });

  it('without a form (none, or not readable), shows the values under their names', () => {
    const markup = html(null);
    expect(markup).toContain('childBirthDate');
    expect(markup).toContain('Nguyễn Minh Châu');
  });
});
