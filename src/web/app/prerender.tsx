import { QueryClient } from '@tanstack/react-query';
import i18next, { type i18n } from 'i18next';
import { StrictMode } from 'react';
import { prerender } from 'react-dom/static';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import viCore from '../i18n/vi.json?core';
import { App, PRERENDERED_PAGE_COMPONENTS } from './app.tsx';

/**
 * The citizen pages whose first screen is rendered at build time (vite.config.ts,
 * prerenderCitizenPages): the HTML the server sends for these addresses already holds the page
 * as a visitor who is not signed in first sees it (Vietnamese, and in English for a visitor who
 * chose it: the `motcua_lang` cookie, i18n/index.ts; data still loading), so the
 * largest text paints with the HTML instead of after the scripts; main.tsx then hydrates it.
 * Only pages whose first screen needs no data of the request (no code in the address, no query);
 * the list is PRERENDERED_PAGE_COMPONENTS in app.tsx.
 */
export const PRERENDERED_PAGES = Object.keys(PRERENDERED_PAGE_COMPONENTS);

/** The two languages a page is rendered in; one i18next each, so renders for both may run at once (the server's). */
export type PrerenderLanguage = 'vi' | 'en';
const dictionaries = { vi: async () => viCore, en: async () => (await import('../i18n/en.json?core')).default };
const instances = new Map<PrerenderLanguage, Promise<i18n>>();
function translator(language: PrerenderLanguage): Promise<i18n> {
  let ready = instances.get(language);
  if (!ready) {
    const instance = i18next.createInstance();
    ready = dictionaries[language]()
      .then((texts) =>
        instance.use(initReactI18next).init({
          lng: language,
          fallbackLng: 'vi',
          supportedLngs: ['vi', 'en'],
          resources: { [language]: { translation: texts }, ...(language === 'vi' ? {} : { vi: { translation: viCore } }) },
          interpolation: { escapeValue: false },
          returnNull: false,
        }),
      )
      .then(() => instance);
    instances.set(language, ready);
  }
  return ready;
}

/** One query's answer the page is rendered with: its key (as the page's hook asks) and its data. */
export type RenderedQuery = [queryKey: readonly unknown[], data: unknown];

/**
 * The HTML of one page's first screen (the inside of `<div id="root">`); never contains a script.
 * `queries`: answers known before rendering (the server's per-request pages, src/http/rendered-pages.ts);
 * the browser gets the same ones before it hydrates (main.tsx), so both render the same markup.
 */
export async function prerenderPage(location: string, queries: RenderedQuery[] = [], language: PrerenderLanguage = 'vi'): Promise<string> {
  const texts = await translator(language);
  // Nothing is fetched while rendering (queries start in effects): every query renders the state
  // the browser's first render has before the answers, so hydration finds the same markup.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  for (const [key, data] of queries) client.setQueryData(key, data);
  const { prelude } = await prerender(
    <StrictMode>
      <I18nextProvider i18n={texts}>
        <App location={location} client={client} />
      </I18nextProvider>
    </StrictMode>,
    // Every Suspense boundary inline, in place: no boundary outlined and revealed by a script.
    { progressiveChunkSize: Number.POSITIVE_INFINITY },
  );
  // React's streaming renderer marks when the shell painted (`$RT`, read by the scripts that reveal
  // streamed Suspense boundaries); a complete prerender streams nothing more, so it has no use.
  const html = (await new Response(prelude).text()).replaceAll('<script>requestAnimationFrame(function(){$RT=performance.now()});</script>', '');
  if (/<script/i.test(html)) throw new Error(`prerendering ${location} produced a script, which the CSP would refuse`);
  return html;
}
