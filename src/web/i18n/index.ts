import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { importAgain } from '../ui/import-again.ts';
import viCore from './vi.json?core';

const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'motcua.lang';

/**
 * The choice also goes to the server as a cookie, so that it sends the next page already in that
 * language (its words and <html lang>: src/http/app.ts pageLanguage) instead of Vietnamese until
 * the app has run.
 */
const COOKIE = 'motcua_lang';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (value) return value === 'en' ? 'en' : 'vi';
  } catch {}
  // storage refused or cleared: the cookie the choice was also kept in
  return /(?:^|;\s*)motcua_lang=en(?:;|$)/.test(document.cookie) ? 'en' : 'vi';
}

function keepLanguage(language: string) {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {}
  // a year, the whole site, not sent from other sites' pages (Lax)
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from many phones' browsers (Safari before 18.4)
  document.cookie = `${COOKIE}=${asLanguage(language)}; path=/; max-age=31536000; samesite=lax`;
}

const asLanguage = (language: string): Language => (language === 'en' ? 'en' : 'vi');

/**
 * Each dictionary comes in two parts (areas.ts): the core, and the staff areas fetched with the
 * first staff page. The Vietnamese core is in the first bundle; English is fetched only when chosen.
 */
const coreOf: Record<Language, () => Promise<ResourceKey>> = {
  vi: async () => viCore as ResourceKey,
  en: () => import('./en.json?core').then((m) => m.default as ResourceKey),
};
const officeOf: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  vi: () => import('./vi.json?office'),
  en: () => import('./en.json?office'),
};

/** Set by the first staff page: from then on every language is loaded with its staff areas. */
let officeWanted = false;
const officeLoads = new Map<Language, Promise<ResourceKey>>();
function officeTexts(language: Language): Promise<ResourceKey> {
  let load = officeLoads.get(language);
  if (!load) {
    const loadPart = officeOf[language];
    load = loadPart()
      .catch((error) => importAgain(loadPart, error))
      .then((m) => m.default as ResourceKey);
    // Retried once at once; a download that fails twice (offline) is asked again next time, not remembered.
    load.catch(() => officeLoads.delete(language));
    officeLoads.set(language, load);
  }
  return load;
}

/** i18next waits for a language's texts before switching to it, so no key ever shows untranslated. */
const translations: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, done) {
    const lng = asLanguage(language);
    Promise.all([coreOf[lng](), officeWanted ? officeTexts(lng) : undefined]).then(
      ([core, office]) => done(null, office ? { ...(core as object), ...(office as object) } : core),
      (error: Error) => done(error, null),
    );
  },
};

/**
 * The staff areas of the dictionary in the current language (and, later, in any language chosen).
 * Awaited by every staff page before it renders (ui/lazy-page.ts); rejects when the chunk cannot
 * be fetched, so the page's error boundary offers "Tải lại".
 */
export async function loadOfficeTexts(): Promise<void> {
  officeWanted = true;
  const lng = asLanguage(i18next.language);
  // After a load of the language already under way (it may have started without the staff areas
  // and would replace them, shallowly, when it ends); for a loaded language this resolves at once.
  const [texts] = await Promise.all([officeTexts(lng), i18next.loadLanguages(lng)]);
  i18next.addResourceBundle(lng, 'translation', texts, true, true);
}

/** Vietnamese first; the choice is kept in localStorage and a cookie, and mirrored on <html lang>. */
export function initI18n() {
  const lng = storedLanguage();
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    keepLanguage(language);
  });
  return i18next.use(translations).use(initReactI18next).init({
    lng,
    fallbackLng: 'vi',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export { i18next };
