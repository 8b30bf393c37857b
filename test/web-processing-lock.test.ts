import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdLockWhileShown, lockClaim, type ProcessingLock } from '../src/web/modules/workspace/workspace.api.ts';

const ID = 'dossier-1';
const LOCK = `/api/v1/dossiers/${ID}/lock`;
const mine: ProcessingLock = {
  holder: { id: 'u1', name: 'Nguyễn Văn An' },
  since: '2026-12-07T09:00:00+07:00',
  expiresAt: '2026-12-07T09:05:00+07:00',
  mine: true,
  canTakeOver: false,
};

/** The server, as the page's fetch sees it: every request, and what the lock and dossier routes answer. */
let requests: { method: string; url: string; body?: string }[];
let lockAnswer: () => Response;
beforeEach(() => {
  requests = [];
  lockAnswer = () => Response.json(mine);
  vi.stubGlobal('document', { documentElement: { lang: 'vi' } });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    requests.push({ method: init.method ?? 'GET', url, ...(typeof init.body === 'string' ? { body: init.body } : {}) });
    return init.method === 'POST' ? lockAnswer() : new Response(null, { status: 204 });
  });
});
afterEach(() => vi.unstubAllGlobals());

const shown = (persisted: boolean) => Object.assign(new Event('pageshow'), { persisted });
/** Lets whatever an event started run (its fetches are answered at once): to see that nothing was asked. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The processing page with its lock claimed: the lock query and the dossier query observed, as the page's hooks do. */
async function openPage() {
  const queryClient = new QueryClient();
  const claim = new QueryObserver(queryClient, { ...lockClaim(ID, queryClient), retry: false });
  let dossierReads = 0;
  const dossier = new QueryObserver(queryClient, { queryKey: ['workspace', 'dossier', ID], queryFn: async () => ++dossierReads });
  const stop = [claim.subscribe(() => undefined), dossier.subscribe(() => undefined)];
  const win = new EventTarget();
  const cleanup = holdLockWhileShown(win, queryClient, ID);
  await vi.waitFor(() => expect(claim.getCurrentResult().isSuccess).toBe(true));
  return { win, claim, dossierReads: () => dossierReads, close: () => [cleanup(), ...stop.map((s) => s())] };
}

describe('the processing lock across the back-forward cache (workspace.api.ts holdLockWhileShown)', () => {
  it('is released when the page is hidden and claimed again, as on opening, when Back shows the page from the cache', async () => {
    const page = await openPage();
    expect(requests).toEqual([{ method: 'POST', url: LOCK, body: '{}' }]);

    page.win.dispatchEvent(new Event('pagehide'));
    expect(requests.at(-1)).toEqual({ method: 'DELETE', url: LOCK });

    // a page shown the ordinary way (first load) claims nothing more
    page.win.dispatchEvent(shown(false));
    await settled();
    expect(requests).toHaveLength(2);
    const readsBefore = page.dossierReads();

    // Back: the page comes out of the cache as it was, the lock released meanwhile
    page.win.dispatchEvent(shown(true));
    await vi.waitFor(() => expect(page.dossierReads()).toBe(readsBefore + 1));
    expect(requests.slice(2)).toEqual([{ method: 'POST', url: LOCK, body: '{}' }]);
    expect(page.claim.getCurrentResult().data?.mine).toBe(true);

    // leaving the page for good releases it once more
    page.close();
    expect(requests.at(-1)).toEqual({ method: 'DELETE', url: LOCK });
  });

  it('says another officer holds the lock when one took it while the page was in the cache', async () => {
    const page = await openPage();
    page.win.dispatchEvent(new Event('pagehide'));
    lockAnswer = () => Response.json({ error: { code: 'DOSSIER_LOCKED', message: 'Hồ sơ đang được xử lý bởi Trần Thị Bình' } }, { status: 409 });
    const readsBefore = page.dossierReads();

    page.win.dispatchEvent(shown(true));
    // the claim fails (useDossierLock no longer counts the lock as mine) and the dossier, whose `lock` names the holder, is read again
    await vi.waitFor(() => expect(page.claim.getCurrentResult().isError).toBe(true));
    await vi.waitFor(() => expect(page.dossierReads()).toBe(readsBefore + 1));
    expect(page.claim.getCurrentResult().isSuccess).toBe(false);
    // once: the refused claim asks for the dossier, the page does not ask again
    await settled();
    expect(page.dossierReads()).toBe(readsBefore + 1);
    page.close();
  });
});
