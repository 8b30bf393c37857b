import { beforeAll, describe, expect, it } from 'vitest';
import { fileFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';
import { signNodePayload } from '#modules/exchange/index.ts';
import { aggregatesRepository } from './aggregates.repository.ts';
import { drainIndicators } from './project-dossier.ts';
import { METRICS } from './contributions.ts';
import { partsOf, pushAggregates, snapshotUnits } from './push-aggregates.ts';
import { rebuildIndicators } from './rebuild.ts';
import { generateDossiers } from './synthetic-history.ts';

/**
 * Aggregates across installations (issue 16 item 6): Hà Nội (province 01) and Hồ Chí Minh (79)
 * are two installations, each with its own database and its own dossiers; the national node
 * holds none of their dossiers. Linked over real HTTP, each sends its signed aggregates to the
 * national node, whose command center then shows both provinces with the figures each
 * installation computes from its own dossier logs; re-sending changes nothing; forged, foreign
 * and misdirected parts are refused.
 */
const { nodes, callers, at } = fileFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, hcm: { MOTCUA_PROVINCES: '79' }, quocgia: { MOTCUA_NODE_ROLE: 'national' } });
type Node = keyof typeof nodes;
const FROM = '2026-09-01';

/** What the national supervisor (who has a demo account at every node) reads at `node`. */
const get = async (node: Node, url: string) => {
  await drainIndicators(nodes[node].ctx.db); // the projection runs after commit: read after it has taken every change
  const res = await callers[node].call('giamsat.quocgia', 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
/** Noon of tomorrow in Vietnam on every node: minutes from any due instant (17:00), so open-overdue figures cannot move mid-test. */
const NOON = new Date(`${new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10)}T12:00:00+07:00`);
const today = () => NOON.toISOString().slice(0, 10);
const stats = (node: Node, unit: string, groupBy = 'none') =>
  get(node, `/api/v1/statistics/tthc?unit=${unit}&from=${FROM}&to=${today()}&groupBy=${groupBy}`);
/** The figures that travel (the average is a ratio of two travelling sums, compared too). */
const figures = (row: Record<string, unknown>) => {
  const { key: _k, name: _n, ...rest } = row;
  return rest;
};
const post = (sys: TestSystem, body: unknown) => sys.app.inject({ method: 'POST', url: '/api/v1/indicators/aggregates', payload: body as object });
const push = async (sys: TestSystem) => {
  await drainIndicators(sys.ctx.db);
  const r = await pushAggregates(sys.ctx);
  expect(r.failed).toBe(false);
  return r;
};

beforeAll(async () => {
  at(NOON.toISOString());
  for (const s of Object.values(nodes)) await s.exchange!.refreshRegistry(); // as the nodes see each other at noon
  // each installation holds its own province's dossiers (the test template holds none); the national node none of them
  const now = nodes.hanoi.clock.now();
  await generateDossiers(nodes.hanoi.ctx.db, { count: 120, from: FROM, now, seed: 1, provinces: ['01'], rebuild: true });
  await generateDossiers(nodes.hcm.ctx.db, { count: 80, from: FROM, now, seed: 2, provinces: ['79'], rebuild: true });
}, 600_000);

describe('aggregates across installations', () => {
  it('the national command center shows each province with the figures its installation computes', async () => {
    expect((await stats('quocgia', 'VN')).total.received).toBe(0);
    // (the nodes' own 5-minute job may have sent the same snapshot first: then this push is skipped)
    await push(nodes.hanoi);
    await push(nodes.hcm);
    const hn = (await stats('hanoi', '01')).total;
    const hc = (await stats('hcm', '79')).total;
    // (a generated dossier received after the clock's instant is not counted yet: at most a few)
    expect(hn.received).toBeGreaterThan(110);
    expect(hc.received).toBeGreaterThan(70);
    expect(hn.pendingInTime + hn.pendingOverdue).toBeGreaterThan(0);
    const national = await stats('quocgia', 'VN', 'unit');
    const row = (code: string) => national.rows.find((r: { key: string }) => r.key === code);
    expect(figures(row('01'))).toEqual(figures(hn));
    expect(figures(row('79'))).toEqual(figures(hc));
    expect(national.total.received).toBe(hn.received + hc.received);
    expect(national.total.pendingOverdue).toBe(hn.pendingOverdue + hc.pendingOverdue);
    expect(national.total.resolvedLate).toBe(hn.resolvedLate + hc.resolvedLate);
    // below the province too: a commune and its People's Committee, as Hà Nội computes them
    const communes = (await stats('hanoi', '01', 'unit')).rows.filter((r: { received: number }) => r.received > 0);
    expect(communes.length).toBeGreaterThan(0);
    const commune = communes[0];
    expect(figures((await stats('quocgia', commune.key)).total)).toEqual(figures(commune));
    // the command center's tiles and map read the same aggregates
    const center = await get('quocgia', '/api/v1/indicators/command-center?unit=VN');
    const hnCenter = await get('hanoi', '/api/v1/indicators/command-center?unit=01');
    const hcCenter = await get('hcm', '/api/v1/indicators/command-center?unit=79');
    expect(center.tiles.inProgress).toBe(hnCenter.tiles.inProgress + hcCenter.tiles.inProgress);
    expect(center.tiles.overdue).toBe(hnCenter.tiles.overdue + hcCenter.tiles.overdue);
    expect(center.trend).toEqual(
      hnCenter.trend.map((d: Record<string, number>, i: number) => {
        const o = hcCenter.trend[i];
        return { day: d.day, receivedOnline: d.receivedOnline + o.receivedOnline, receivedOther: d.receivedOther + o.receivedOther, resolvedOnTime: d.resolvedOnTime + o.resolvedOnTime, resolvedLate: d.resolvedLate + o.resolvedLate };
      }),
    );
    // overdue by responsible agency: from the open counts each installation sent (same order, top 20)
    type Late = { agencyCode: string; count: number };
    const merged = [...hnCenter.overdueByAgency, ...hcCenter.overdueByAgency] as Late[];
    merged.sort((a, b) => b.count - a.count || (a.agencyCode < b.agencyCode ? -1 : 1));
    expect(merged.length).toBeGreaterThan(0);
    expect(center.overdueByAgency).toEqual(merged.slice(0, 20));
    const map = await get('quocgia', '/api/v1/indicators/map?unit=VN&indicator=onTimeRate');
    const hnMap = await get('hanoi', '/api/v1/indicators/map?unit=VN&indicator=onTimeRate');
    const item = (m: { items: { code: string; value: number | null }[] }, code: string) => m.items.find((i) => i.code === code)!.value;
    expect(item(map, '01')).toBe(item(hnMap, '01'));
    expect(item(map, '79')).not.toBeNull();
    expect(item(map, '48')).toBeNull(); // Đà Nẵng sent nothing: missing, not zero
    const sources = await get('quocgia', '/api/v1/indicators/aggregates/sources');
    expect(sources.items.map((s: { node: string; provinces: string[] }) => [s.node, s.provinces])).toEqual([
      ['hanoi', ['01']],
      ['hcm', ['79']],
    ]);
  });

  it('says where the dossiers behind a national figure are, instead of an empty list', async () => {
    const list = (node: Node, unit: string) =>
      get(node, `/api/v1/statistics/tthc/dossiers?unit=${unit}&figure=received&from=${FROM}&to=${today()}`);
    // at the national node: the figure counts Hà Nội's dossiers, the list cannot show them — it names the province holding them
    const national = await list('quocgia', '01');
    expect(national.items).toEqual([]);
    expect(national.elsewhere).toEqual([{ code: '01', name: 'Thành phố Hà Nội' }]);
    expect((await list('quocgia', 'VN')).elsewhere.map((p: { code: string }) => p.code)).toEqual(['01', '79']);
    // a province that sent nothing: an empty list, no province named
    expect((await list('quocgia', '48')).elsewhere).toEqual([]);
    // at Hà Nội's own installation the dossiers are listed, nothing held elsewhere
    const local = await list('hanoi', '01');
    expect(local.items.length).toBeGreaterThan(0);
    expect(local.elsewhere).toEqual([]);
  });

  it('is idempotent: nothing is sent again while unchanged, and the same parts sent again add nothing', async () => {
    const before = await stats('quocgia', 'VN', 'unit');
    expect(await push(nodes.hanoi)).toMatchObject({ skipped: true, parts: 0 });
    // the same snapshot sent again (a lost acknowledgement): the national node replaces, never adds
    await nodes.hanoi.ctx.db.exec('DELETE FROM indicator_pushes');
    await push(nodes.hanoi);
    const again = await buildPart(nodes.hanoi, ['01']);
    for (let i = 0; i < 2; i++) {
      const res = await post(nodes.quocgia, again);
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await stats('quocgia', 'VN', 'unit')).toEqual(before);
    // incremental and rebuilt agree at the national node too
    const daily = await nodes.quocgia.ctx.db.query('SELECT unit, day::text, metric, value::int FROM indicator_daily ORDER BY 1, 2, 3');
    const totals = await nodes.quocgia.ctx.db.query('SELECT unit, day::text, totals::text FROM indicator_totals ORDER BY 1, 2');
    await rebuildIndicators(nodes.quocgia.ctx.db);
    expect(await nodes.quocgia.ctx.db.query('SELECT unit, day::text, metric, value::int FROM indicator_daily ORDER BY 1, 2, 3')).toEqual(daily);
    expect(await nodes.quocgia.ctx.db.query('SELECT unit, day::text, totals::text FROM indicator_totals ORDER BY 1, 2')).toEqual(totals);
  });

  it('follows new dossiers, and an older snapshot arriving late changes nothing', async () => {
    const old = await buildPart(nodes.hanoi, ['01']);
    const received = (await stats('hanoi', '01')).total.received;
    await generateDossiers(nodes.hanoi.ctx.db, { count: 15, from: FROM, now: nodes.hanoi.clock.now(), seed: 3, provinces: ['01'], numberFrom: 5000, rebuild: true });
    await push(nodes.hanoi);
    const hn = (await stats('hanoi', '01')).total;
    expect(hn.received).toBeGreaterThan(received);
    const row01 = async () => (await stats('quocgia', 'VN', 'unit')).rows.find((r: { key: string }) => r.key === '01');
    expect(figures(await row01())).toEqual(figures(hn));
    const late = await post(nodes.quocgia, old);
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ applied: 0 });
    expect(late.json().stale).toBeGreaterThan(0);
    expect(figures(await row01())).toEqual(figures(hn));
  });

  it('drops a unit the installation no longer lists, and takes it back when it does', async () => {
    const communes = (await stats('hanoi', '01', 'unit')).rows.filter((r: { received: number }) => r.received > 0);
    const commune = communes[0];
    expect(figures((await stats('quocgia', commune.key)).total)).toEqual(figures(commune));
    const province = (await stats('quocgia', '01')).total;
    const res = await post(nodes.quocgia, await buildPart(nodes.hanoi, ['01'], undefined, commune.key));
    expect(res.statusCode, res.body).toBe(200);
    const gone = (await stats('quocgia', commune.key)).total;
    expect(gone.received).toBe(0);
    expect(gone.pendingInTime + gone.pendingOverdue).toBe(0);
    expect((await stats('quocgia', '01')).total).toEqual(province); // the province itself was sent
    // the installation sends its whole state again: the commune is back
    await nodes.hanoi.ctx.db.exec('DELETE FROM indicator_pushes');
    await push(nodes.hanoi);
    expect(figures((await stats('quocgia', commune.key)).total)).toEqual(figures(commune));
  });

  it('refuses a tampered part, a province the node does not serve, an unsigned part; a local node takes none', async () => {
    const part = await buildPart(nodes.hanoi, ['01']);
    const tampered = structuredClone(part);
    tampered.units[0].days[0][1][0] += 1000;
    const res = await post(nodes.quocgia, tampered);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'AGGREGATES_REFUSED', problem: 'SIGNATURE_INVALID' });
    // Hồ Chí Minh's installation speaking for Hà Nội's units
    const foreign = await buildPart(nodes.hcm, ['79'], '00004');
    const refused = await post(nodes.quocgia, foreign);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.problem).toBe('UNIT_NOT_SERVED');
    const { signature: _s, certificates: _c, ...unsigned } = part;
    expect((await post(nodes.quocgia, unsigned)).json().error.problem).toBe('UNSIGNED');
    expect((await post(nodes.quocgia, { ...part, nodeId: 'hcm' })).json().error.problem).toBe('SIGNER_NOT_NODE');
    const local = await post(nodes.hanoi, part);
    expect(local.statusCode).toBe(404);
    expect(local.json().error.code).toBe('AGGREGATES_NOT_NATIONAL');
    expect((await post(nodes.quocgia, { ...part, units: [] })).statusCode).toBe(400);
    // the sources are for national oversight only
    const citizen = await nodes.quocgia.app.inject({ method: 'GET', url: '/api/v1/indicators/aggregates/sources' });
    expect(citizen.statusCode).toBe(401);
  });
});

/** One signed part of a node's current aggregates, as pushAggregates sends it (optionally with one extra unit code slipped in, or a unit left out). */
async function buildPart(sys: TestSystem, provinces: string[], extraUnit?: string, leaveOut?: string) {
  const { daily, open } = await sys.ctx.db.transaction(async (tx) => ({
    daily: await aggregatesRepository.ownDaily(tx, provinces),
    open: await aggregatesRepository.ownOpen(tx, provinces),
  }));
  const units = snapshotUnits(daily, open);
  if (extraUnit) units.push({ unit: extraUnit, days: [['2026-10-01', METRICS.map((_, i) => (i === 0 ? 1 : 0))]], open: [] });
  const [first] = partsOf(
    units.filter((u) => u.unit !== leaveOut),
    1_000_000,
  );
  const value = {
    nodeId: sys.ctx.config.MOTCUA_NODE_ID,
    generation: sys.clock.now().toISOString(),
    part: 1,
    parts: 1,
    metrics: [...METRICS],
    units: first,
    allUnits: first.map((u) => u.unit),
  };
  return { ...value, ...(await signNodePayload(sys.ctx, value)) };
}
