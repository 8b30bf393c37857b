import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/VisuallyHidden.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Group.css';
import '@mantine/core/styles/Stack.css';
import '@mantine/core/styles/Container.css';
import '@mantine/core/styles/Text.css';
import '@mantine/core/styles/Title.css';
import '@mantine/core/styles/Anchor.css';
import '@mantine/core/styles/Button.css';
import '@mantine/core/styles/Loader.css';
import '@mantine/core/styles/Alert.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/PasswordInput.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/Card.css';
import '@mantine/core/styles/Badge.css';
import '@mantine/core/styles/Table.css';
import '@mantine/core/styles/List.css';
import '@mantine/core/styles/Breadcrumbs.css';
import '@mantine/core/styles/Pagination.css';
import './app/app.css';
import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App, queryClient, renderedPageComponent } from './app/app.tsx';
import { loadMe } from './modules/identity/identity.api.ts';
import { i18next, initI18n } from './i18n/index.ts';
import { setEarlyClicksAdopted } from './ui/early-clicks.ts';
import { keepEarlyInput } from './ui/early-input.ts';

/** The language the server rendered the page in (the visitor's cookie, src/http/app.ts), read before the app sets its own. */
const servedLanguage = document.documentElement.lang;
/** The page came prerendered (app/prerender.tsx) for this address, query included: its first screen is already on screen. */
const prerendered = document.getElementById('root')?.dataset.prerendered === location.pathname + location.search;
// A page the server rendered for this request came with the answers it was rendered with
// (src/http/rendered-pages.ts): the first render here starts from the same ones, so it matches.
// A page rendered for the signed-in visitor (the submission form) carries who that is: the
// markup holds their header, so it is adopted only while that answer stands.
let renderedFor: unknown;
if (prerendered) {
  const data = document.getElementById('motcua-data')?.textContent;
  if (data) {
    for (const [key, value] of JSON.parse(data) as [unknown[], unknown][]) {
      queryClient.setQueryData(key, value);
      if (key.length === 1 && key[0] === 'me') renderedFor = queryClient.getQueryData(['me']);
    }
  }
}

/**
 * How long the first screen may wait for "who is signed in" (a slow server must not keep the app
 * away). A prerendered page shows already: the app waits longer for the answer, to adopt that
 * markup (which holds for a visitor known to be signed out) rather than render it afresh.
 */
const ME_WAIT_MS = prerendered ? 10_000 : 1500;
const meOrTimeout = Promise.race([loadMe(queryClient), new Promise((resolve) => setTimeout(resolve, ME_WAIT_MS))]);

/**
 * The server sent this page's first screen already rendered (app/prerender.tsx) for a visitor
 * who is not signed in, or for the signed-in visitor it names (the submission form), in the
 * visitor's language (Vietnamese, or English by their cookie), online: React adopts that markup
 * (hydration) when the visitor and the language are those; otherwise it renders afresh and the
 * prerendered screen shows until then.
 */
function canHydrate(): boolean {
  return (
    prerendered &&
    i18next.language === servedLanguage &&
    // known, and the one the markup was rendered for: an answer arriving during hydration would change the header under it
    queryClient.getQueryState(['me'])?.status === 'success' &&
    queryClient.getQueryData(['me']) === (renderedFor === undefined ? null : renderedFor) &&
    navigator.onLine
  );
}

// The prerendered page's own code too: hydrated in one pass with the shell, no part of it left
// waiting while the shell's queries answer (an answer would then differ from the markup).
const pageCode = prerendered ? renderedPageComponent(location.pathname)?.preload().catch(() => undefined) : undefined;

void Promise.all([initI18n(), meOrTimeout, pageCode]).then(() => {
  const container = document.getElementById('root')!;
  const hydrate = canHydrate();
  setEarlyClicksAdopted(hydrate);
  // Rendered afresh, the prerendered fields are replaced: what was typed into them is kept for the page.
  if (prerendered && !hydrate) keepEarlyInput(container);
  const app = (
    <StrictMode>
      <App />
    </StrictMode>
  );
  // As a transition, React builds the first screen in slices of a few milliseconds instead of
  // one long task, so a slow phone still answers a tap meanwhile (the static shell shows until then).
  startTransition(() => {
    if (hydrate) hydrateRoot(container, app);
    else createRoot(container).render(app);
  });
});
