import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '#platform/audit.ts';
import { drainIndicators } from '#modules/indicators/index.ts';
import { actOk, APPLICANT, auth, type DossierView, fileProcedure, fileWorld, setNow, submit, type Username, workingDayAt } from '#test/factories.ts';

const PROC = '1.004873';

interface Item {
  id: string;
  code: string | null;
  reference: string | null;
  procedureName: string;
  applicantName: string;
  status: string;
  statusCode: number;
  submittedAt: string;
  dueAt: string | null;
  timeliness: string | null;
  assignee: { id: string; name: string | null } | null;
  agencyCode: string;
}
interface Listing {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
}

async function list(user: Username | null, query: Record<string, string | number> = {}) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers${qs ? `?${qs}` : ''}`, headers: auth(w, user) });
}
async function listOk(user: Username, query: Record<string, string | number> = {}): Promise<Listing> {
  const res = await list(user, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const ids = (l: Listing) => l.items.map((i) => i.id);
/** Its counts come from the indicators, projected after commit: read after they took every change. */
const overview = async (user: Username | null, code: string) =>
  drainIndicators(w.sys.ctx.db).then(() => w.sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${encodeURIComponent(code)}/overview`, headers: auth(w, user) }));

// The Hoàn Kiếm dossiers of the scenario, by what happens to them.
let incoming: DossierView; // submitted online, not yet received
let assigned: DossierView; // received, with the specialist
let approved: DossierView; // result ready, before the due day
let waiting: DossierView; // awaiting a supplement
let binh: DossierView; // another applicant, received only
let badinh: DossierView; // at Phường Ba Đình

const w = fileWorld();
const proc = fileProcedure(w, PROC);
beforeAll(async () => {
  setNow(w, '2026-03-09T09:00:00+07:00');
  incoming = await submit(w, { procedure: proc });
  setNow(w, '2026-03-09T09:10:00+07:00');
  assigned = await submit(w, { procedure: proc });
  await actOk(w, 'motcua.hoankiem', assigned.id, { action: 'receive' });
  assigned = await actOk(w, 'lanhdao.hoankiem', assigned.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
  setNow(w, '2026-03-09T09:20:00+07:00');
  approved = await submit(w, { procedure: proc });
  await actOk(w, 'motcua.hoankiem', approved.id, { action: 'receive' });
  await actOk(w, 'lanhdao.hoankiem', approved.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
  approved = await actOk(w, 'lanhdao.hoankiem', approved.id, { action: 'approve' });
  setNow(w, '2026-03-09T09:30:00+07:00');
  waiting = await submit(w, { procedure: proc });
  await actOk(w, 'motcua.hoankiem', waiting.id, { action: 'receive' });
  await actOk(w, 'lanhdao.hoankiem', waiting.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
  waiting = await actOk(w, 'chuyenvien.hoankiem', waiting.id, { action: 'request_supplement', reason: 'Thiếu tờ khai' });
  setNow(w, '2026-03-09T09:40:00+07:00');
  binh = await submit(w, {
    user: 'motcua.hoankiem',
    procedure: proc,
    body: { applicant: { ...APPLICANT, fullName: 'Trần Văn Bình', idNumber: '001090054321' } },
  });
  binh = await actOk(w, 'motcua.hoankiem', binh.id, { action: 'receive' });
  setNow(w, '2026-03-09T09:50:00+07:00');
  badinh = await submit(w, {
    procedure: proc,
    body: { receivingAgency: w.agency.badinh, applicant: { ...APPLICANT, address: { communeCode: '00004', detail: 'Số 2 phố Đội Cấn' } } },
  });
  setNow(w, '2026-03-09T10:00:00+07:00');
});

describe('GET /api/v1/dossiers: who may list', () => {
  it('answers 401 to the anonymous and 403 WORKSPACE_FORBIDDEN to a citizen and the administrator', async () => {
    expect((await list(null)).statusCode).toBe(401);
    for (const user of ['congdan', 'admin'] as const) {
      const res = await list(user);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('WORKSPACE_FORBIDDEN');
    }
  });

  it('shows the Ba Đình desk none of Hoàn Kiếm’s dossiers, in any queue or search', async () => {
    const hoankiem = [incoming, assigned, approved, waiting, binh].map((d) => d.id);
    for (const queue of ['incoming', 'agency', 'mine', 'due_soon', 'overdue', 'waiting', 'done']) {
      const l = await listOk('motcua.badinh', { queue, pageSize: 100 });
      expect(ids(l).filter((id) => hoankiem.includes(id)), queue).toEqual([]);
    }
    expect((await listOk('motcua.badinh', { queue: 'incoming' })).items.map((i) => i.id)).toEqual([badinh.id]);
    expect((await listOk('motcua.badinh', { queue: 'agency', q: assigned.code! })).total).toBe(0);
    expect((await listOk('motcua.badinh', { queue: 'agency', q: 'Bình' })).total).toBe(0);
    const res = await list('motcua.badinh', { agency: w.agency.hoankiem });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AGENCY_NOT_IN_SCOPE');
  });

  it('lets the provincial leader list every agency of the province, and filter by one', async () => {
    const all = await listOk('lanhdao.hanoi', { queue: 'incoming' });
    expect(ids(all).sort()).toEqual([incoming.id, badinh.id].sort());
    const one = await listOk('lanhdao.hanoi', { queue: 'incoming', agency: w.agency.badinh });
    expect(ids(one)).toEqual([badinh.id]);
  });

  it('refuses bad input with 400 VALIDATION_FAILED', async () => {
    for (const query of <Record<string, string | number>[]>[{ queue: 'everything' }, { pageSize: 1000 }, { page: 0 }, { sort: 'name' }, { order: 'up' }]) {
      const res = await list('motcua.hoankiem', query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('the queues', () => {
  it('puts each dossier in its queues, with the counts of every queue', async () => {
    const l = await listOk('motcua.hoankiem', { queue: 'incoming' });
    expect(ids(l)).toEqual([incoming.id]);
    expect(l.items[0]).toMatchObject({ code: null, status: 'SUBMITTED', statusCode: 1, applicantName: APPLICANT.fullName, dueAt: null });
    expect(l.items[0].procedureName).toBe('Cấp Giấy xác nhận tình trạng hôn nhân');
    expect(l.counts).toEqual({ incoming: 1, agency: 4, mine: 0, due_soon: 0, overdue: 0, waiting: 1, to_issue: 0, done: 1, all: 5 });

    expect(ids(await listOk('motcua.hoankiem', { queue: 'agency' })).sort()).toEqual(
      [assigned.id, approved.id, waiting.id, binh.id].sort(),
    );
    expect(ids(await listOk('motcua.hoankiem', { queue: 'waiting' }))).toEqual([waiting.id]);
    expect(ids(await listOk('motcua.hoankiem', { queue: 'done' }))).toEqual([approved.id]);
    expect((await listOk('motcua.hoankiem', { queue: 'mine' })).total).toBe(0);
  });

  it('names each dossier by its mã tra cứu (HS-…) before reception gives it a code, and keeps it after', async () => {
    // two online submissions awaiting reception (the provincial leader sees both communes'): without the reference their lines would be alike
    const l = await listOk('lanhdao.hanoi', { queue: 'incoming' });
    expect(l.items.map((i) => [i.id, i.code, i.reference])).toEqual([
      [incoming.id, null, incoming.reference],
      [badinh.id, null, badinh.reference],
    ]);
    expect(incoming.reference).toMatch(/^HS-[0-9A-Z]{10}$/);
    expect(badinh.reference).not.toBe(incoming.reference);
    // what the desk reads on its line is what its search finds
    expect((await listOk('motcua.hoankiem', { queue: 'incoming', q: incoming.reference! })).items[0]).toMatchObject({ id: incoming.id, reference: incoming.reference });
    // once received, the line carries both
    const received = (await listOk('motcua.hoankiem', { queue: 'agency' })).items.find((i) => i.id === assigned.id)!;
    expect(received).toMatchObject({ code: assigned.code, reference: assigned.reference });
  });

  it('gives the specialist what is assigned to him, with the assignee named', async () => {
    const mine = await listOk('chuyenvien.hoankiem', { queue: 'mine' });
    expect(ids(mine).sort()).toEqual([assigned.id, approved.id, waiting.id].sort());
    const row = mine.items.find((i) => i.id === assigned.id)!;
    expect(row.assignee?.name).toBe('Lê Thu Hà');
    expect(row).toMatchObject({ status: 'IN_PROCESSING', statusCode: 4, timeliness: 'trong_han', agencyCode: w.agency.hoankiem });
    expect(mine.counts.mine).toBe(3);
  });

  it('finds by part of the code and by the applicant’s name without diacritics or case', async () => {
    expect(ids(await listOk('motcua.hoankiem', { queue: 'agency', q: assigned.code!.slice(-9) }))).toEqual([assigned.id]);
    // the mã tra cứu the applicant was given online (HS-…), before and after the dossier has a code, in any case
    expect(incoming.reference).toMatch(/^HS-/);
    expect(ids(await listOk('motcua.hoankiem', { queue: 'all', q: incoming.reference!.toLowerCase() }))).toEqual([incoming.id]);
    expect(ids(await listOk('motcua.hoankiem', { queue: 'agency', q: assigned.reference! }))).toEqual([assigned.id]);
    expect(ids(await listOk('motcua.hoankiem', { queue: 'agency', q: 'tran van binh' }))).toEqual([binh.id]);
    expect(ids(await listOk('motcua.hoankiem', { queue: 'agency', q: 'TRẦN VĂN' }))).toEqual([binh.id]);
    const counted = await listOk('motcua.hoankiem', { queue: 'incoming', q: 'binh' });
    expect(counted.total).toBe(0);
    expect(counted.counts.agency).toBe(1);
    // LIKE wildcards typed in the box match themselves
    expect((await listOk('motcua.hoankiem', { queue: 'agency', q: '%' })).total).toBe(0);
  });

  it('pages and sorts', async () => {
    const asc = await listOk('motcua.hoankiem', { queue: 'agency', sort: 'submittedAt', order: 'asc', pageSize: 2 });
    expect(asc).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    const asc2 = await listOk('motcua.hoankiem', { queue: 'agency', sort: 'submittedAt', order: 'asc', pageSize: 2, page: 2 });
    const all = [...ids(asc), ...ids(asc2)];
    expect(all).toEqual([assigned.id, approved.id, waiting.id, binh.id]);
    const desc = await listOk('motcua.hoankiem', { queue: 'agency', sort: 'submittedAt', order: 'desc', pageSize: 100 });
    expect(ids(desc)).toEqual([...all].reverse());
    const beyond = await listOk('motcua.hoankiem', { queue: 'agency', pageSize: 2, page: 3 });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(4);
    const byReceived = await listOk('motcua.hoankiem', { queue: 'agency', sort: 'receivedAt', order: 'desc' });
    expect(ids(byReceived)[0]).toBe(binh.id);
  });

  it('moves a dossier to due soon within one working day of its appointment, then to overdue', async () => {
    const due = new Date(assigned.dueAt!);
    // the working day before the due date, in the morning
    const dayBefore = new Date(due.getTime() - 86_400_000);
    while ([0, 6].includes(new Date(dayBefore.getTime() + 7 * 3_600_000).getUTCDay())) dayBefore.setTime(dayBefore.getTime() - 86_400_000);
    setNow(w, dayBefore.toISOString());
    const soon = await listOk('motcua.hoankiem', { queue: 'due_soon' });
    expect(ids(soon)).toContain(assigned.id);
    expect(ids(soon)).not.toContain(waiting.id); // the clock waits for the applicant
    expect(ids(soon)).not.toContain(approved.id);
    expect((await listOk('motcua.hoankiem', { queue: 'overdue' })).total).toBe(0);

    setNow(w, new Date(due.getTime() + 3_600_000).toISOString());
    const late = await listOk('motcua.hoankiem', { queue: 'overdue' });
    expect(ids(late)).toContain(assigned.id);
    expect(late.items.find((i) => i.id === assigned.id)?.timeliness).toBe('qua_han');
    expect(ids(await listOk('motcua.hoankiem', { queue: 'due_soon' }))).not.toContain(assigned.id);
    setNow(w, '2026-03-09T10:00:00+07:00');
  });

  it('logs the listing: each listed dossier’s applicant sees who listed it, and the audit chains stay whole', async () => {
    await listOk('motcua.hoankiem', { queue: 'incoming' });
    const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/me/dossiers/${incoming.id}/access-log`, headers: auth(w, 'congdan') });
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json().items as { who: string; what: string; agency: { code: string } | null }[];
    expect(entries).toContainEqual(expect.objectContaining({ who: 'Trần Minh Anh', what: 'list:incoming', agency: expect.objectContaining({ code: w.agency.hoankiem }) }));
    // nothing listed, nothing logged
    const before = entries.length;
    await listOk('motcua.hoankiem', { queue: 'incoming', q: 'không có ai tên này' });
    const after = await w.sys.app.inject({ method: 'GET', url: `/api/v1/me/dossiers/${incoming.id}/access-log`, headers: auth(w, 'congdan') });
    expect(after.json().items).toHaveLength(before);
    const [audit] = await w.sys.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'dossier.list' AND subject_id = 'incoming'",
    );
    expect(audit.n).toBeGreaterThanOrEqual(1);
    expect((await verifyAudit(w.sys.ctx.db)).problems).toEqual([]);
  });
});

describe('GET /api/v1/agencies/:code/overview', () => {
  it('gives the agency leader counts by status, the on-time rate and the overdue list with who holds each', async () => {
    setNow(w, new Date(new Date(assigned.dueAt!).getTime() + 3_600_000).toISOString());
    const res = await overview('lanhdao.hoankiem', w.agency.hoankiem);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.agency.code).toBe(w.agency.hoankiem);
    const count = (s: string) => o.byStatus.find((b: { status: string }) => b.status === s).count;
    expect(o.byStatus).toHaveLength(10);
    expect([count('SUBMITTED'), count('RECEIVED'), count('IN_PROCESSING'), count('AWAITING_SUPPLEMENT'), count('RESULT_READY')]).toEqual([1, 1, 1, 1, 1]);
    expect(o.total).toBe(5);
    // approved the day it was received: before the due day
    expect(o.finished).toEqual({ total: 1, truocHan: 1, dungHan: 0, quaHan: 0, onTimeRate: 1 });
    const late = o.overdue.find((d: { id: string }) => d.id === assigned.id);
    expect(late).toMatchObject({ code: assigned.code, responsible: { name: 'Lê Thu Hà' }, statusCode: 4 });
    expect(late.applicantName).toBeUndefined();
    expect(o.overdueCount).toBe(o.overdue.length);
    setNow(w, '2026-03-09T10:00:00+07:00');
  });

  it('counts a result after the due instant as late', async () => {
    const d = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const inProc = await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    const due = new Date(inProc.dueAt!).getTime();
    setNow(w, new Date(due + 60_000).toISOString());
    // overdue: approved only once the (late) apology with a new appointment is sent (the office's
    // opening on the next working day); decided after that one too
    const newDueAt = await workingDayAt(w, inProc.dueAt!, 1, '07:30');
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'extend', reason: 'Cần xác minh', newDueAt });
    setNow(w, new Date(new Date(newDueAt).getTime() + 30 * 60_000).toISOString());
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve' });
    const o = (await overview('lanhdao.hoankiem', w.agency.hoankiem)).json();
    expect(o.finished).toMatchObject({ total: 2, truocHan: 1, quaHan: 1, onTimeRate: 0.5 });
    setNow(w, '2026-03-09T10:00:00+07:00');
  });

  it('is for the agency’s leaders and the provincial leadership only', async () => {
    expect((await overview('lanhdao.hanoi', w.agency.hoankiem)).statusCode).toBe(200);
    expect((await overview('lanhdao.hanoi', w.agency.badinh)).json().byStatus.find((b: { status: string }) => b.status === 'SUBMITTED').count).toBe(1);
    for (const user of ['motcua.hoankiem', 'chuyenvien.hoankiem', 'congdan', 'admin', 'motcua.badinh'] as const) {
      const res = await overview(user, w.agency.hoankiem);
      expect(res.statusCode, user).toBe(403);
      expect(res.json().error.code).toBe('OVERVIEW_NOT_ALLOWED');
    }
    expect((await overview('lanhdao.hoankiem', w.agency.badinh)).statusCode).toBe(403);
    expect((await overview(null, w.agency.hoankiem)).statusCode).toBe(401);
    const unknown = await overview('lanhdao.hoankiem', 'KHONG-CO');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('AGENCY_NOT_FOUND');
  });
});

describe('GET /api/v1/dossiers/:id/files/:fileId', () => {
  it('serves an attachment as a download (never inline) to the dossier’s readers only, and logs the read', async () => {
    const view = (await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${assigned.id}`, headers: auth(w, 'chuyenvien.hoankiem') })).json();
    const fileId = view.documents[0].fileId as string;
    const url = `/api/v1/dossiers/${assigned.id}/files/${fileId}`;
    const ok = await w.sys.app.inject({ method: 'GET', url, headers: auth(w, 'chuyenvien.hoankiem') });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(String(ok.headers['content-disposition'])).toMatch(/^attachment; /);
    expect(ok.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await w.sys.app.inject({ method: 'GET', url, headers: auth(w, 'motcua.badinh') })).statusCode).toBe(404);
    expect((await w.sys.app.inject({ method: 'GET', url, headers: auth(w, null) })).statusCode).toBe(401);
    const other = (await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${binh.id}`, headers: auth(w, 'motcua.hoankiem') })).json();
    const wrong = await w.sys.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${assigned.id}/files/${other.documents[0].fileId}`,
      headers: auth(w, 'motcua.hoankiem'),
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('ATTACHMENT_NOT_FOUND');
    const log = (await w.sys.app.inject({ method: 'GET', url: `/api/v1/me/dossiers/${assigned.id}/access-log`, headers: auth(w, 'congdan') })).json();
    expect(log.items).toContainEqual(expect.objectContaining({ who: 'Lê Thu Hà', what: `file:${fileId}` }));
  });
});

describe('GET /api/v1/agencies/:code/specialists', () => {
  it('lists the agency’s specialists to its leaders and specialists only', async () => {
    const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${w.agency.hoankiem}/specialists`, headers: auth(w, 'lanhdao.hoankiem') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([{ id: expect.any(String), username: 'chuyenvien.hoankiem', fullName: 'Lê Thu Hà' }]);
    for (const user of ['motcua.badinh', 'congdan', 'motcua.hoankiem'] as const) {
      const other = await w.sys.app.inject({ method: 'GET', url: `/api/v1/agencies/${w.agency.hoankiem}/specialists`, headers: auth(w, user) });
      expect(other.statusCode, user).toBe(403);
    }
  });
});

describe('GET /api/v1/agencies/:code/live', () => {
  it("streams the agency's transitions to its own officers; 404 for everyone else", async () => {
    const url = `/api/v1/agencies/${w.agency.hoankiem}/live`;
    // Refused before any stream starts: another agency's officer, the applicant, an unknown agency.
    for (const [user, path] of [
      ['motcua.badinh', url],
      ['congdan', url],
      ['lanhdao.hanoi', url],
      ['motcua.hoankiem', '/api/v1/agencies/KHONG-CO/live'],
    ] as const) {
      const res = await w.sys.app.inject({ method: 'GET', url: path, headers: auth(w, user) });
      expect(res.statusCode, `${user} ${path}`).toBe(404);
      expect(res.json().error.code).toBe('AGENCY_NOT_FOUND');
    }
    expect((await w.sys.app.inject({ method: 'GET', url })).statusCode).toBe(401);

    const address = await w.sys.app.listen({ port: 0, host: '127.0.0.1' });
    const abort = new AbortController();
    const res = await fetch(`${address}${url}`, { headers: { authorization: `Bearer ${w.token['chuyenvien.hoankiem']}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    let text = '';
    const reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
      } catch {
        // aborted
      }
    })();
    const events = () =>
      text
        .split('\n\n')
        .filter((b) => b.includes('\ndata: '))
        .map((b) => Object.fromEntries(b.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)])));
    const d = await submit(w, { user: 'motcua.hoankiem', procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    const deadline = Date.now() + 10_000;
    while (events().filter((e) => JSON.parse(e.data).dossierId === d.id).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    await reading;
    const mine = events().filter((e) => JSON.parse(e.data).dossierId === d.id);
    expect(mine.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
      [`agency:${w.agency.hoankiem}`, { dossierId: d.id, status: 'SUBMITTED', action: 'submit' }],
      [`agency:${w.agency.hoankiem}`, { dossierId: d.id, status: 'RECEIVED', action: 'receive' }],
    ]);
    // no personal data in the stream
    expect(text).not.toContain(APPLICANT.idNumber);
  });
});

describe('GET /api/v1/dossiers/:id: the history officers read', () => {
  it('names the specialist an assignment went to and keeps an approval’s note — for officers, not the applicant', async () => {
    const d = await submit(w, { procedure: proc });
    await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
    await actOk(w, 'lanhdao.hoankiem', d.id, { action: 'approve', note: 'Đủ điều kiện cấp giấy xác nhận.' });
    type Entry = { action: string; assigneeName?: string; note?: string };
    const history = async (user: Username) => {
      const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: auth(w, user) });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { history: Entry[] }).history;
    };
    const officer = await history('motcua.hoankiem');
    expect(officer.find((h) => h.action === 'assign')?.assigneeName).toBe('Lê Thu Hà');
    expect(officer.find((h) => h.action === 'approve')?.note).toBe('Đủ điều kiện cấp giấy xác nhận.');
    expect(officer.find((h) => h.action === 'receive')?.note).toBeUndefined();
    const applicant = await history('congdan');
    expect(applicant.filter((h) => h.assigneeName !== undefined || h.note !== undefined)).toEqual([]);
  });
});
