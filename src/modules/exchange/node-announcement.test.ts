import { sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { createAgencyCertificate, createRootCertificate, trustAnchors } from '#modules/signatures/index.ts';
import { acceptAnnouncement, announcementBytes, type SignedAnnouncement, signedSelfAnnouncement, verifyAnnouncement } from './node-announcement.ts';
import { resolveAgency } from './registry.ts';

/**
 * Signed registry announcements: one installation (node `hanoi`) receives the announcements of a
 * national node `quocgia` signed with a node certificate from the CA it trusts, and refuses
 * unsigned, tampered, foreign-CA, wrong-signer and replayed ones.
 */
let sys: TestSystem;
const VPCP = '000.00.00.G22';
beforeAll(async () => {
  sys = await createTestSystem({ env: { MOTCUA_NODE_ID: 'hanoi', MOTCUA_PROVINCES: '01' } });
}, 120_000);
afterAll(async () => {
  await sys?.close();
});

/** An announcement of another node, signed by this installation's CA (the federation's trusted CA in the test). */
const announceAs = (nodeId: string, role: 'local' | 'national', at = new Date()) =>
  sys.ctx.db.transaction((tx) =>
    signedSelfAnnouncement({ config: { ...sys.ctx.config, MOTCUA_NODE_ID: nodeId, MOTCUA_NODE_ROLE: role, MOTCUA_PROVINCES: role === 'national' ? [] : ['79'] }, clock: { now: () => at } as never }, tx),
  );
const refusals = () => sys.ctx.db.query<{ problem: string; fromAgency: string }>('SELECT problem, from_agency AS "fromAgency" FROM exchange_refusals ORDER BY id');
const hostOfVpcp = async () => (await resolveAgency(sys.ctx, sys.ctx.db, VPCP))?.node ?? null;

describe('signed registry announcements', () => {
  it('this node’s own announcement (GET /api/v1/exchange/node) is signed and verifies against its anchors', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/api/v1/exchange/node' });
    expect(res.statusCode).toBe(200);
    const a = res.json() as SignedAnnouncement;
    expect(a).toMatchObject({ nodeId: 'hanoi', provinces: ['01'] });
    expect(a.certificates[0]).toContain('BEGIN CERTIFICATE');
    const anchors = await trustAnchors(sys.ctx, sys.ctx.db);
    expect(verifyAnnouncement(a, { anchors, at: new Date() }).nodeId).toBe('hanoi');
    // one byte of the signed content changed: no longer valid
    expect(() => verifyAnnouncement({ ...a, provinces: ['01', '79'] }, { anchors, at: new Date() })).toThrow(/does not match its signature/);
  });

  it('refuses an unsigned announcement, records it, and the registry stays empty', async () => {
    const { signature: _s, certificates: _c, signedAt: _t, ...plain } = await announceAs('quocgia', 'national');
    expect(await acceptAnnouncement(sys.ctx, plain, 'http')).toEqual({ accepted: false, problem: 'UNSIGNED' });
    expect(await hostOfVpcp()).toBeNull();
    expect(await refusals()).toContainEqual({ problem: 'ANNOUNCEMENT_UNSIGNED', fromAgency: 'node:quocgia' });
  });

  it('refuses a tampered announcement (an agency added after signing)', async () => {
    const a = await announceAs('quocgia', 'national');
    const tampered = { ...a, agencies: [...a.agencies, { code: '000.00.00.H01', name: 'UBND Thành phố Hà Nội' }] };
    expect(await acceptAnnouncement(sys.ctx, tampered, 'nats')).toEqual({ accepted: false, problem: 'SIGNATURE_INVALID' });
    expect(await hostOfVpcp()).toBeNull();
  });

  it('refuses a node certificate from a CA it does not trust, and one node announcing in another’s name', async () => {
    const now = new Date();
    const root = await createRootCertificate({ now, name: 'CA lạ' });
    const leaf = await createAgencyCertificate({ now, agency: { code: 'node:quocgia', name: 'Nút liên thông quocgia' }, issuer: root });
    const genuine = await announceAs('quocgia', 'national');
    const body = { ...genuine, certificates: [leaf.certificatePem, root.certificatePem] };
    body.signature = sign('sha256', announcementBytes(body), leaf.privateKey).toString('base64');
    expect(await acceptAnnouncement(sys.ctx, body, 'http')).toEqual({ accepted: false, problem: 'UNTRUSTED_CERTIFICATE' });
    // the hcm node's own (trusted) certificate used to announce as quocgia
    const hcm = await announceAs('hcm', 'local');
    const impostor = { ...genuine, certificates: hcm.certificates };
    expect(await acceptAnnouncement(sys.ctx, impostor, 'http')).toEqual({ accepted: false, problem: 'SIGNER_NOT_NODE' });
    expect(await hostOfVpcp()).toBeNull();
    const problems = (await refusals()).map((r) => r.problem);
    expect(problems).toEqual(expect.arrayContaining(['ANNOUNCEMENT_UNTRUSTED_CERTIFICATE', 'ANNOUNCEMENT_SIGNER_NOT_NODE']));
  });

  it('accepts a genuine announcement (VPCP is then addressed to node quocgia) and ignores an older one replayed later', async () => {
    const older = await announceAs('quocgia', 'national', new Date(Date.now() - 60_000));
    const newer = await announceAs('quocgia', 'national');
    expect(await acceptAnnouncement(sys.ctx, newer, 'http', 'http://127.0.0.1:29999')).toEqual({ accepted: true });
    expect(await hostOfVpcp()).toBe('quocgia');
    // the same announcement again (the 15-s poll) is fine
    expect((await acceptAnnouncement(sys.ctx, newer, 'http', 'http://127.0.0.1:29999')).accepted).toBe(true);
    // a replay of an older announcement (e.g. that still listed other agencies) is not taken
    expect(await acceptAnnouncement(sys.ctx, { ...older }, 'nats')).toEqual({ accepted: false, problem: 'STALE' });
    const [node] = await sys.ctx.db.query<{ announcedAt: Date; url: string }>('SELECT announced_at AS "announcedAt", url FROM exchange_nodes WHERE node_id = $1', ['quocgia']);
    expect(new Date(node.announcedAt).toISOString()).toBe(newer.signedAt);
    expect(node.url).toBe('http://127.0.0.1:29999');
    // an hcm node announcing province 79 is trusted for it
    expect((await acceptAnnouncement(sys.ctx, await announceAs('hcm', 'local'), 'nats')).accepted).toBe(true);
  });
});
