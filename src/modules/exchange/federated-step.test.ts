import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startFederation } from '#test/nodes.ts';
import type { TestSystem } from '#test/system.ts';
import { actOk, auth, buildWorld, procedure, submit, type World } from '#test/factories.ts';
import { ensureDemoAccount } from '#modules/identity/index.ts';

/**
 * A federated liên thông step (issue 15 item 7), two installations on one machine over real HTTP:
 * Hà Nội (province 01) leads a birth registration (group 1.003412: commune People's Committee →
 * {commune police, social insurance}); Bảo hiểm xã hội Thành phố Hà Nội (000.00.04.H01) is hosted
 * by the social insurance's own installation `bhxh`. Its step travels there as a signed envelope
 * with the dossier and its files, is worked in that node's queue with the real complete_step, and
 * its completion (with the result file) comes back and closes the step at the lead dossier.
 */
const BHXH = '000.00.04.H01';
let hanoi: TestSystem;
let bhxh: TestSystem;
let w: World;
let officer: string;

let fed: Federation<'hanoi' | 'bhxh'>;
const until = <T>(check: () => Promise<T | null | undefined | false>, what: string) => fed.until(check, what);

beforeAll(async () => {
  fed = await startFederation({ hanoi: { MOTCUA_PROVINCES: '01' }, bhxh: { MOTCUA_HOSTED_AGENCIES: BHXH } });
  ({ hanoi, bhxh } = fed.nodes);
  await bhxh.ctx.db.transaction((tx) =>
    ensureDemoAccount(tx, { username: 'chuyenvien.bhxh', fullName: 'Đặng Thu Hà', role: 'specialist', agencyCode: BHXH, provinceCode: '01' }),
  );
  officer = await bhxh.login('chuyenvien.bhxh');
  w = await buildWorld(hanoi);
}, 600_000);
afterAll(() => fed?.close());

const get = (sys: TestSystem, url: string, token?: string) => sys.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('a liên thông step worked on another installation', () => {
  let dossierId: string;
  let code: string;
  let stepEnvelope: string;

  it('the registry sends Hà Nội social insurance to node bhxh; everything else of Hà Nội stays home', async () => {
    const agencies = (await get(hanoi, `/api/v1/exchange/agencies?q=${encodeURIComponent('Bảo hiểm xã hội Thành phố Hà Nội')}`, w.token['motcua.hoankiem'])).json();
    expect(agencies.items).toContainEqual(expect.objectContaining({ code: BHXH, node: 'bhxh' }));
    const node = (await get(bhxh, '/api/v1/exchange/node')).json();
    expect(node).toMatchObject({ nodeId: 'bhxh', provinces: [], agencies: [{ code: BHXH, name: expect.stringContaining('Bảo hiểm xã hội') }] });
  });

  it('the step opened at the other node travels signed with the dossier and its files, and shows in that node’s queue', async () => {
    const d = await submit(w, { procedure: await procedure(w, '1.003412') });
    dossierId = d.id;
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'dispatch' });
    const opened = await actOk(w, 'chuyenvien.hoankiem', d.id, { action: 'complete_step', step: 1, note: 'Đã đăng ký khai sinh' });
    code = opened.code as string;
    const step3 = (opened.steps as unknown as { step: number | null; toAgency: { code: string } }[]).find((s) => s.step === 3);
    expect(step3?.toAgency.code).toBe(BHXH);

    const queue = await until(async () => {
      const res = await get(bhxh, '/api/v1/dossiers?queue=agency', officer);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.find((i: { id: string }) => i.id === dossierId);
    }, 'the step in bhxh’s queue');
    expect(queue.code).toBe(code);
    // The copy carries the applicant's files (stored at bhxh) and the lead's log.
    const copy = (await get(bhxh, `/api/v1/dossiers/${dossierId}`, officer)).json();
    expect(copy.code).toBe(code);
    expect(copy.documents.length).toBeGreaterThan(0);
    const original = (await hanoi.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossierId}`, headers: auth(w, 'chuyenvien.hoankiem') })).json();
    expect(copy.documents.length).toBe(original.documents.length);
    expect(copy.history.map((h: { action: string }) => h.action)).toEqual(original.history.map((h: { action: string }) => h.action));
    expect(copy.allowedActions).toContain('complete_step');
    // The lead sees the arrival (01) of its step envelope.
    const [{ documentId, envelope }] = await hanoi.ctx.db.query<{ documentId: string; envelope: string }>(
      `SELECT document_id AS "documentId", envelope FROM exchange_documents WHERE document_type = 'Hồ sơ liên thông'`,
    );
    stepEnvelope = envelope;
    expect(documentId).toBe(`004.00.50.H01,${documentId.split(',')[1]},${code}/LT-B3`);
    await until(async () => (await hanoi.ctx.db.query(`SELECT 1 FROM exchange_statuses WHERE document_id = $1 AND status_code = '01'`, [documentId])).length > 0, '01 at the lead');
  });

  it('a redelivered step envelope changes nothing; a tampered one is refused', async () => {
    const again = await bhxh.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: stepEnvelope });
    expect(again.statusCode, again.body).toBeLessThan(300);
    expect(again.json().outcome).toBe('duplicate');
    const [{ n }] = await bhxh.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers WHERE id = $1', [dossierId]);
    expect(n).toBe(1);
    const tampered = stepEnvelope.replace(`${code}:`, `${code} (sửa):`);
    expect(tampered).not.toBe(stepEnvelope);
    const res = await bhxh.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: tampered });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('EXCHANGE_ENVELOPE_REFUSED');
  });

  it('the other node completes the step with the real action; the completion and its file close the step at the lead', async () => {
    const body = Buffer.concat([
      Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="the-bhyt.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
      Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n%the-bhyt\n'),
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const up = await bhxh.app.inject({ method: 'POST', url: '/api/v1/files', headers: { authorization: `Bearer ${officer}`, 'content-type': 'multipart/form-data; boundary=b' }, payload: body });
    expect(up.statusCode, up.body).toBe(201);
    const done = await bhxh.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/actions`,
      headers: { authorization: `Bearer ${officer}` },
      payload: { action: 'complete_step', step: 3, note: 'Đã cấp thẻ BHYT cho trẻ', resultFileId: up.json().fileId },
    });
    expect(done.statusCode, done.body).toBe(200);
    // On the copy, completing opens nothing and does not return the dossier (the lead decides).
    expect(done.json().steps.filter((s: { step: number | null }) => s.step != null).length).toBe(3);

    const lead = await until(async () => {
      const res = await hanoi.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossierId}`, headers: auth(w, 'chuyenvien.hoankiem') });
      const view = res.json();
      const s3 = view.steps.find((s: { step: number | null }) => s.step === 3);
      return s3?.finishedAt ? view : null;
    }, 'the completion at the lead');
    const s3 = lead.steps.find((s: { step: number | null }) => s.step === 3);
    expect(s3.resultNote).toBe('Đã cấp thẻ BHYT cho trẻ');
    expect(s3.resultFileId).toBeTruthy();
    const entry = lead.history.find((h: { action: string; by: string | null }) => h.action === 'complete_step' && h.by === 'Đặng Thu Hà');
    expect(entry).toBeTruthy();
    expect(lead.documents.some((d: { componentCode: string }) => d.componentCode === 'KQ_BUOC_3')).toBe(true);
  });

  it('the completion is applied once under redelivery, and either node answers public tracking for the one code', async () => {
    const [{ envelope }] = await bhxh.ctx.db.query<{ envelope: string }>(`SELECT envelope FROM exchange_documents WHERE document_type = 'Kết quả bước liên thông'`);
    const before = await hanoi.ctx.db.query('SELECT seq FROM dossier_actions WHERE dossier_id = $1', [dossierId]);
    const again = await hanoi.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: envelope });
    expect(again.json().outcome).toBe('duplicate');
    expect(await hanoi.ctx.db.query('SELECT seq FROM dossier_actions WHERE dossier_id = $1', [dossierId])).toHaveLength(before.length);
    for (const s of [hanoi, bhxh]) {
      const t = await get(s, `/api/v1/public/tracking/${encodeURIComponent(code)}`);
      expect(t.statusCode, t.body).toBe(200);
      expect(t.json().code).toBe(code);
    }
  });
  it('the copy follows its lead: the returned step, then the lead’s next action, reach the other node; a redelivered update changes nothing', async () => {
    const leadView = async () => (await hanoi.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossierId}`, headers: auth(w, 'chuyenvien.hoankiem') })).json();
    const copyView = async () => (await get(bhxh, `/api/v1/dossiers/${dossierId}`, officer)).json();
    const log = (v: { history: { action: string; by: string | null }[] }) => v.history.map((h) => `${h.action} · ${h.by}`);
    const steps = (v: { steps: { step: number | null; finishedAt: string | null; resultNote: string | null }[] }) =>
      v.steps.filter((s) => s.step != null).map((s) => [s.step, s.finishedAt, s.resultNote]);
    // The update for the lead's last action, stored at the copy's node (and applied in the same transaction).
    const updated = async () => {
      const [{ seq }] = await hanoi.ctx.db.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM dossier_actions WHERE dossier_id = $1', [dossierId]);
      await until(
        async () => (await bhxh.ctx.db.query(`SELECT 1 FROM exchange_documents WHERE NOT outgoing AND code_number = $1 AND code_notation = $2`, [code, `CN-${seq}`])).length > 0,
        `the copy update CN-${seq} at bhxh`,
      );
    };
    // The completion as the lead applied it (by the federation, named after the officer) replaces the copy's own.
    const lead1 = await leadView();
    await updated();
    const copy1 = await copyView();
    expect(log(copy1)).toEqual(log(lead1));
    expect(steps(copy1)).toEqual(steps(lead1));
    expect(copy1.documents.map((d: { componentCode: string }) => d.componentCode).sort()).toEqual(lead1.documents.map((d: { componentCode: string }) => d.componentCode).sort());

    // The lead's next action (the police step completes; every step done, the dossier returns to its lead).
    const police = await hanoi.login('congan.hoankiem');
    const done = await hanoi.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/actions`,
      headers: { authorization: `Bearer ${police}` },
      payload: { action: 'complete_step', step: 2, note: 'Đã đăng ký thường trú cho trẻ' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const lead2 = await leadView();
    expect(log(lead2).length).toBeGreaterThan(log(lead1).length);
    await updated();
    const copy2 = await copyView();
    expect(log(copy2)).toEqual(log(lead2));
    expect(copy2.status).toBe(lead2.status);
    expect(steps(copy2)).toEqual(steps(lead2));
    // One tracking page: both nodes answer the same status and timeline for the code.
    const track = async (sys: TestSystem) => {
      const t = (await get(sys, `/api/v1/public/tracking/${encodeURIComponent(code)}`)).json();
      return { status: t.status, history: t.history, steps: t.steps.map((x: { toAgency: string; finishedAt: string | null }) => [x.toAgency, x.finishedAt]) };
    };
    expect(await track(bhxh)).toEqual(await track(hanoi));

    // The updates were stored once each at the copy; a redelivered one is a duplicate and changes nothing.
    const [first] = await hanoi.ctx.db.query<{ envelope: string }>(
      `SELECT envelope FROM exchange_documents WHERE document_type = 'Cập nhật hồ sơ liên thông' ORDER BY code_notation LIMIT 1`,
    );
    const again = await bhxh.app.inject({ method: 'POST', url: '/api/v1/exchange/inbound', headers: { 'content-type': 'application/xml' }, payload: first.envelope });
    expect(again.json().outcome).toBe('duplicate');
    expect(log(await copyView())).toEqual(log(lead2));
  });
});
