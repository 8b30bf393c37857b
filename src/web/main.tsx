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
import { createRoot } from 'react-dom/client';
import { App, queryClient } from './app/app.tsx';
import { loadMe } from './modules/identity/identity.api.ts';
import { initI18n } from './i18n/index.ts';

/** How long the first screen may wait for "who is signed in" (a slow server must not keep the app away). */
const ME_WAIT_MS = 1500;
const meOrTimeout = Promise.race([loadMe(queryClient), new Promise((resolve) => setTimeout(resolve, ME_WAIT_MS))]);

void Promise.all([initI18n(), meOrTimeout]).then(() => {
  const root = createRoot(document.getElementById('root')!);
  // As a transition, React builds the first screen in slices of a few milliseconds instead of
  // one long task, so a slow phone still answers a tap meanwhile (the static shell shows until then).
  startTransition(() => {
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
});
