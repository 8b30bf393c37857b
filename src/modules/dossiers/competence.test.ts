import { describe, expect, it } from 'vitest';
import type { TestSystem } from '#test/system.ts';
import { APPLICANT, auth, procedure, setNow, submit, type Username, type World, worldPerFile } from '#test/factories.ts';

/**
 * Issue 11 item 5: where a dossier goes is data on the procedure version (`rules.competence`).
 * Chứng thực (2.000815) is done by any competent authority the requester chooses (NĐ 23/2015
 * Art. 5): a Ba Đình resident served at Hoàn Kiếm stays at Hoàn Kiếm. Residence procedures
 * (1.004873) go to the applicant's commune. The desk sees it before confirming.
 */
const BA_DINH_RESIDENT = { ...APPLICANT, address: { communeCode: '00004', detail: 'Số 2 phố Đội Cấn' } };

let sys: TestSystem;
let w: World;

worldPerFile((s, world) => {
  [sys, w] = [s, world];
});

const preview = (user: Username | null, query: Record<string, string>) =>
  sys.app.inject({ method: 'GET', url: `/api/v1/reception/preview?${new URLSearchParams(query)}`, headers: auth(w, user) });

describe('competence as data on the procedure version', () => {
  it('keeps a chứng thực at the desk the requester chose; hands a residence procedure to the commune of residence', async () => {
    setNow(w, '2026-03-09T09:00:00+07:00');
    const certification = await procedure(w, '2.000815');
    const marital = await procedure(w, '1.004873');

    const certified = await submit(w, { user: 'motcua.hoankiem', procedure: certification, body: { applicant: BA_DINH_RESIDENT } });
    expect(certified.competentAgency.code).toBe(w.agency.hoankiem);
    expect(certified.currentAgency.code).toBe(w.agency.hoankiem);

    const residence = await submit(w, { user: 'motcua.hoankiem', procedure: marital, body: { applicant: BA_DINH_RESIDENT } });
    expect(residence.competentAgency.code).toBe(w.agency.badinh);
  });

  it('previews the holding agency and why, before the desk confirms — nothing written', async () => {
    const base = { receivingAgency: w.agency.hoankiem, communeCode: '00004' };
    const stays = await preview('motcua.hoankiem', { ...base, procedureCode: '2.000815' });
    expect(stays.statusCode, stays.body).toBe(200);
    expect(stays.json()).toMatchObject({
      competence: 'any_authority',
      handOver: false,
      receivingAgency: { code: w.agency.hoankiem },
      holdingAgency: { code: w.agency.hoankiem },
    });
    expect(stays.json().reason).toContain('NĐ 23/2015');

    const moves = await preview('motcua.hoankiem', { ...base, procedureCode: '1.004873' });
    expect(moves.statusCode).toBe(200);
    expect(moves.json()).toMatchObject({ competence: 'residence', handOver: true, holdingAgency: { code: w.agency.badinh } });
    expect(moves.json().reason).toContain(moves.json().holdingAgency.name);
    expect(moves.json().holdingAgency.name).toMatch(/Ba Đình/);

    const local = await preview('motcua.hoankiem', { ...base, communeCode: APPLICANT.address.communeCode, procedureCode: '1.004873' });
    expect(local.json()).toMatchObject({ handOver: false, holdingAgency: { code: w.agency.hoankiem } });

    // scope and bad input: 403 for another desk, citizens and anonymous; 400 naming the field
    expect((await preview('motcua.badinh', { ...base, procedureCode: '2.000815' })).statusCode).toBe(403);
    expect((await preview('congdan', { ...base, procedureCode: '2.000815' })).statusCode).toBe(403);
    expect((await preview(null, { ...base, procedureCode: '2.000815' })).statusCode).toBe(401);
    const unknown = await preview('motcua.hoankiem', { ...base, procedureCode: '9.999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('procedureCode');
    const badCommune = await preview('motcua.hoankiem', { ...base, communeCode: 'abc', procedureCode: '2.000815' });
    expect(badCommune.statusCode).toBe(400);
    expect(badCommune.body).toContain('communeCode');
  });

  it('shows the holding agency in the queue', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/api/v1/dossiers?queue=incoming', headers: auth(w, 'motcua.hoankiem') });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { holdingAgency: { code: string; name: string }; procedureCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.holdingAgency.name.length).toBeGreaterThan(0);
    expect(items.find((i) => i.procedureCode === '2.000815')?.holdingAgency.code).toBe(w.agency.hoankiem);
  });
});
