import { useEffect } from 'react';

type EarlyClicks = { __motcuaClicks?: HTMLButtonElement[] };

/** Whether React adopted the prerendered markup (main.tsx): only then are the kept buttons the page's own. */
let adopted = false;

/** Called by main.tsx before the first render: hydration (true) or a fresh render (false). */
export function setEarlyClicksAdopted(value: boolean): void {
  adopted = value;
}

/**
 * The buttons of a prerendered page clicked before the app ran (its inline script kept them,
 * vite.config.ts scriptsAfterFirstPaint), clicked again once React runs the page: rendered
 * inside the page's Suspense boundary (app/layout.tsx), so this runs when the page itself is
 * hydrated, not only the shell. After a fresh render they are other elements: forgotten.
 */
export function ReplayEarlyClicks(): null {
  useEffect(() => {
    const w = window as EarlyClicks;
    const clicks = w.__motcuaClicks ?? [];
    if (!clicks.length && w.__motcuaClicks === undefined) return;
    w.__motcuaClicks = undefined;
    if (adopted) for (const button of clicks) if (button.isConnected) button.click();
  }, []);
  return null;
}
