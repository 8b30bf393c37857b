import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './vi.json' with { type: 'json' };

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'motcua.lang';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/**
 * Vietnamese is in the first bundle; English is a separate chunk fetched only when chosen
 * (i18next waits for it before switching, so no key ever shows untranslated).
 */
const translations: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, done) {
    if (language !== 'en') return done(null, vi as ResourceKey);
    import('./en.json').then(
      (m) => done(null, m.default as ResourceKey),
      (error: Error) => done(error, null),
    );
  },
};

/** Vietnamese first; the choice is kept in localStorage and mirrored on <html lang>. */
export function initI18n() {
  const lng = storedLanguage();
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {}
  });
  return i18next.use(translations).use(initReactI18next).init({
    lng,
    fallbackLng: 'vi',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'vi';
}

export { i18next };
