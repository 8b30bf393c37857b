import { describe, expect, it } from 'vitest';
import { ROLES, SYSTEM_ROLES } from '../src/platform/actor.ts';
import en from '../src/web/i18n/en.json' with { type: 'json' };
import vi from '../src/web/i18n/vi.json' with { type: 'json' };

/** Issue 11 item 12: the administration never shows a role's code ("citizen") instead of its name, in either language. */
describe('role names in the administration', () => {
  for (const [lang, strings] of [
    ['vi', vi],
    ['en', en],
  ] as const) {
    it(`names every role in ${lang}`, () => {
      const names = (strings as { admin: { roles: Record<string, string> } }).admin.roles;
      for (const role of [...ROLES, ...SYSTEM_ROLES]) {
        expect(names[role], `${lang} admin.roles.${role}`).toBeTruthy();
        expect(names[role], `${lang} admin.roles.${role}`).not.toBe(role);
      }
    });
  }
  it('writes the Vietnamese names in Vietnamese (NFC, with diacritics)', () => {
    expect(vi.admin.roles.citizen).toBe('Công dân, tổ chức');
    for (const name of Object.values(vi.admin.roles)) expect(name).toBe(name.normalize('NFC'));
  });
});
