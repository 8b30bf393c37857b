import fs from 'node:fs';
import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../src/platform/clock.ts';
import { generateDossiers } from '../src/modules/indicators/synthetic-history.ts';
import {
  countsFromLogs,
  feedbackFromTable,
  index766Of,
  measuredOf,
  printed,
  printedIndex,
  type ProvinceCounts,
  readIndexTile,
  readReceivedMap,
  readTiles,
  type Tiles,
  pickTiles as pick,
  tilesOf,
} from './command-center-figures.ts';
import { type Portal, screenshot, signedIn, startPortal } from './harness.ts';

/**
 * Issue 16's "Done when", at a small scale so it runs with every test run (the 1 M run is
 * `npm run bench:command-center:1m`, same helpers): a generated history of a few thousand
 * dossiers over the 34 provinces beside the demo dossiers, then a provincial leader
 * (`lanhdao.hanoi`) and national oversight (`giamsat.quocgia`) open the command center in
 * Chromium; the tiles they see, the answer the page read them from and the national map of
 * received dossiers equal the figures recomputed with plain SQL from the dossier logs
 * (`dossier_actions`, `dossier_ratings`), not from the indicators' read model.
 */
let portal: Portal;
const COUNT = 3000;
beforeAll(async () => {
  portal = await startPortal();
  const sys = portal.system!;
  const now = sys.ctx.clock.now();
  // from the 1st of the month before: the current month holds a good share of the history
  const [y, m] = localDate(now).split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  const generated = await generateDossiers(sys.ctx.db, { count: COUNT, from, now, seed: 16 });
  expect(generated.generated).toBe(COUNT);
}, 600_000);
afterAll(async () => {
  await portal?.close();
});

interface Center {
  from: string;
  to: string;
  period: string;
  tiles: Tiles & { index766: number | null };
}

async function recompute(center: Center): Promise<ProvinceCounts[]> {
  const now = portal.system!.ctx.clock.now();
  return countsFromLogs(portal.system!.ctx.db, { today: localDate(now), from: center.from, to: center.to, now });
}

/**
 * The 766 index of a unit recounted from the logs (and the feedback table) against the tile, the
 * tile as printed, and every measured sub-indicator of `GET /api/v1/indicators/766`.
 */
async function checkIndex(request: APIRequestContext, page: import('playwright-core').Page, unit: string, center: Center, counts: ProvinceCounts[]) {
  const feedback = await feedbackFromTable(portal.system!.ctx.db, { from: center.from, to: center.to });
  const recount = index766Of(counts, feedback, unit);
  const res = await request.get(`${portal.baseUrl}/api/v1/indicators/766?unit=${unit}&period=${center.period}`);
  expect(res.status()).toBe(200);
  const api = measuredOf(await res.json());
  expect(api).toEqual({ ...recount, others: [] });
  expect(center.tiles.index766).toBe(recount.total);
  expect(await readIndexTile(page)).toBe(printedIndex(recount.total));
  // the history gives the dossier sub-indicators something to measure
  for (const id of ['2.1', '3.x', '4.1', '5.4']) expect(recount.indicators[id], id).not.toBeNull();
  return recount;
}

async function centerOf(request: APIRequestContext, unit: string): Promise<Center> {
  const res = await request.get(`${portal.baseUrl}/api/v1/indicators/command-center?unit=${unit}`);
  expect(res.status()).toBe(200);
  return res.json();
}

describe('command center figures recomputed from the dossier logs', () => {
  it("shows Hà Nội's leader the tiles the logs give for Hà Nội", async () => {
    const { context, page, request } = await signedIn(portal, 'lanhdao.hanoi');
    await page.goto(`${portal.baseUrl}/chi-dao-dieu-hanh`);
    const shown = await readTiles(page);
    const center = await centerOf(request, '01');
    const counts = await recompute(center);
    const hanoi = counts.find((r) => r.province === '01')!;
    expect(hanoi.received, 'the generated history reaches Hà Nội in the current month').toBeGreaterThan(20);
    const expected = tilesOf(counts, '01');
    expect(pick(center.tiles)).toEqual(expected);
    expect(shown).toEqual(printed(expected));
    const index = await checkIndex(request, page, '01', center, counts);
    expect(index.total).toBeGreaterThan(0);
    await screenshot(page, 'command-center-recompute-hanoi');
    await context.close();
  }, 300_000);

  it('shows national oversight the tiles of the nation and every province on the map as the logs give them', async () => {
    const { context, page, request } = await signedIn(portal, 'giamsat.quocgia');
    await page.goto(`${portal.baseUrl}/chi-dao-dieu-hanh`);
    const shown = await readTiles(page);
    const center = await centerOf(request, 'VN');
    const counts = await recompute(center);
    const expected = tilesOf(counts, 'VN');
    expect(expected.inProgress).toBeGreaterThan(0);
    expect(pick(center.tiles)).toEqual(expected);
    expect(shown).toEqual(printed(expected));
    await checkIndex(request, page, 'VN', center, counts);

    const map = await readReceivedMap(page);
    const names = await portal.system!.ctx.db.query<{ code: string; name: string }>('SELECT code, name FROM provinces');
    const fromLogs = new Map(names.map((p) => [p.name, new Intl.NumberFormat('vi-VN').format(counts.find((r) => r.province === p.code)?.received ?? 0)]));
    expect(map).toEqual(fromLogs);
    const file = await screenshot(page, 'command-center-recompute-national', { always: true });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    await context.close();
  }, 300_000);
});
