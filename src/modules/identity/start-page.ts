import type { Sql } from '#platform/db.ts';
import { safeReturnTo } from './eid-settings.ts';

/** Another module's say on where a user starts: a path of the web app, or null when it has none. */
export type StartPage = (tx: Sql, userId: string) => Promise<string | null>;

const startPages: StartPage[] = [];

/**
 * A module that knows better than the home page where some users start registers here at start
 * (identity knows no other module): e-Cabinet sends a member of a collective body to /hop.
 * Registering the same one twice has no effect.
 */
export function registerStartPage(page: StartPage): void {
  if (!startPages.includes(page)) startPages.push(page);
}

/** Where `userId` starts when no page asked for the sign-in: the first registered answer, else home. */
export async function startPageOf(tx: Sql, userId: string): Promise<string> {
  for (const page of startPages) {
    const at = await page(tx, userId);
    if (at) return safeReturnTo(at);
  }
  return '/';
}

/**
 * Where a sign-in lands — the one rule of the app's sign-in (the login answer's `startAt`) and of
 * the login form sent without the app (`POST /dang-nhap`): the page that asked for it (`next`,
 * same-site paths only), else the user's start page.
 */
export async function landingAfterSignIn(tx: Sql, userId: string, next: string | undefined): Promise<string> {
  return next ? safeReturnTo(next) : startPageOf(tx, userId);
}
