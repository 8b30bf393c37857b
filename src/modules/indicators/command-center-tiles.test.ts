import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '#test/system.ts';
import { DEMO_BODY } from '#modules/cabinet/index.ts';
import { drainIndicators } from './project-dossier.ts';

let sys: TestSystem;
let hanoiAgency: string;
let hcmAgency: string;
const tokens: Record<string, string> = {};

/** Reads after the projection has taken every dossier change so far (it runs after commit). */
const get = async (user: string, url: string) => {
  await drainIndicators(sys.ctx.db);
  return sys.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[user]}` } });
};

beforeAll(async () => {
  sys = await createTestSystem();
  sys.clock.set(new Date('2026-03-10T09:00:00+07:00'));
  for (const u of ['lanhdao.hanoi', 'giamsat.quocgia', 'chuyenvien.hoankiem']) tokens[u] = await sys.login(u);
  const db = sys.ctx.db;
  [{ code: hanoiAgency }] = await db.query<{ code: string }>(`SELECT code FROM agencies WHERE province_code = '01' AND level = 'tinh' ORDER BY code LIMIT 1`);
  [{ code: hcmAgency }] = await db.query<{ code: string }>(`SELECT code FROM agencies WHERE province_code = '79' ORDER BY code LIMIT 1`);
  await db.query(
    `INSERT INTO cabinet_conclusions (id, body_code, number, year, seq, kind, source_type, source_id, title, text, file_id, sha256, issued_by, issued_at)
     VALUES ('kl-tile', $1, '99/TB-TILE', 2026, 99, 'conclusion', 'meeting', 'tile-meeting', 'Kết luận giao ban tháng 3', 'Nội dung', 'f', 'x', 'u', now())`,
    [DEMO_BODY],
  );
  const task = (id: string, agency: string, due: string, status = 'assigned') =>
    db.query(
      `INSERT INTO cabinet_tasks (id, body_code, conclusion_id, title, assignee_agency_code, due_date, status, created_at)
       VALUES ($1, $2, 'kl-tile', $3, $4, $5, $6, now())`,
      [id, DEMO_BODY, `Nhiệm vụ ${id}`, agency, due, status],
    );
  await task('t-overdue', hanoiAgency, '2026-03-09'); // past its due date, open
  await task('t-today', hanoiAgency, '2026-03-10', 'in_progress'); // due today: due soon, not overdue
  await task('t-week', hanoiAgency, '2026-03-17'); // due in 7 days: due soon
  await task('t-later', hanoiAgency, '2026-04-30'); // open, not due soon
  await task('t-done', hanoiAgency, '2026-03-01', 'done'); // done late: not counted
  await task('t-hcm', hcmAgency, '2026-03-02'); // another province
}, 900_000);
afterAll(async () => {
  await sys?.close();
});

describe('the command center’s tasks tile (issue 18 item 4)', () => {
  it('counts the tasks assigned to the unit’s agencies: open, due soon, overdue; the nation sees every province', async () => {
    const hanoi = await get('lanhdao.hanoi', '/api/v1/indicators/command-center?unit=01');
    expect(hanoi.statusCode, hanoi.body).toBe(200);
    expect(hanoi.json().tasks).toEqual({ open: 4, dueSoon: 2, overdue: 1, dueSoonUntil: '2026-03-17' });
    const nation = (await get('giamsat.quocgia', '/api/v1/indicators/command-center?unit=VN')).json();
    expect(nation.tasks).toMatchObject({ open: 5, overdue: 2 });
  });

  it('drills down from each figure to its tasks, within the viewer’s scope', async () => {
    const list = async (user: string, q: string) => {
      const res = await get(user, `/api/v1/indicators/tasks?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((t: { id: string }) => t.id);
    };
    expect(await list('lanhdao.hanoi', 'unit=01&show=overdue')).toEqual(['t-overdue']);
    expect(await list('lanhdao.hanoi', 'unit=01&show=due_soon')).toEqual(['t-today', 't-week']);
    expect(await list('lanhdao.hanoi', 'unit=01&show=open')).toEqual(['t-overdue', 't-today', 't-week', 't-later']);
    expect(await list('giamsat.quocgia', 'unit=VN&show=overdue')).toEqual(['t-hcm', 't-overdue']);
    const item = (await get('lanhdao.hanoi', '/api/v1/indicators/tasks?unit=01&show=overdue')).json().items[0];
    expect(item).toMatchObject({ conclusion: { number: '99/TB-TILE', title: 'Kết luận giao ban tháng 3' }, assignee: { code: hanoiAgency }, dueDate: '2026-03-09', overdue: true });
    const out = await get('lanhdao.hanoi', '/api/v1/indicators/tasks?unit=79&show=open');
    expect(out.statusCode).toBe(403);
    expect((await get('chuyenvien.hoankiem', '/api/v1/indicators/tasks?unit=01')).statusCode).toBe(403);
    const bad = await get('lanhdao.hanoi', '/api/v1/indicators/tasks?unit=01&show=all');
    expect(bad.statusCode).toBe(400);
  });
});
