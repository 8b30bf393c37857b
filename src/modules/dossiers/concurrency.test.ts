import { describe, expect, it } from 'vitest';
import { verifyAudit } from '#platform/audit.ts';
import { parseDossierCode } from './dossier-code.ts';
import { act, procedure, read, setNow, submit, type World, worldPerFile } from '#test/factories.ts';

let w: World;

worldPerFile((_sys, world) => {
  w = world;
});

describe('scenario 10: daily code sequence under concurrency', () => {
  it('gives 100 concurrent receptions at one agency 100 distinct consecutive numbers', async () => {
    setNow(w, '2026-03-16T08:30:00+07:00');
    const proc = await procedure(w, '1.004873');
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await submit(w, { procedure: proc })).id);
    const answers = await Promise.all(ids.map((id) => act(w, 'motcua.hoankiem', id, { action: 'receive' })));
    expect(answers.map((a) => a.statusCode)).toEqual(ids.map(() => 200));
    const parsed = answers.map((a) => parseDossierCode(a.json().code)!);
    expect(new Set(parsed.map((p) => p.agencyCode))).toEqual(new Set([w.agency.hoankiem]));
    expect(new Set(parsed.map((p) => p.date))).toEqual(new Set(['2026-03-16']));
    expect(parsed.map((p) => p.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // each reception's audit row records its code (sealed before the draw, or written after it
    // when more receptions than its choices went first), and every chain verifies
    const audited = await w.sys.ctx.db.query<{ subject_id: string; code: string }>(
      "SELECT subject_id, data->>'code' AS code FROM audit_log WHERE action = 'dossier.receive' AND subject_id = ANY($1::text[])",
      [ids],
    );
    expect(new Map(audited.map((r) => [r.subject_id, r.code]))).toEqual(new Map(ids.map((id, i) => [id, answers[i].json().code])));
    expect((await verifyAudit(w.sys.ctx.db)).problems).toEqual([]);
  });

  it('gives 40 concurrent keyed receptions (code filled in by the database, platform lateText) consecutive numbers, answers as read back, replays the same answer', async () => {
    setNow(w, '2026-03-17T08:30:00+07:00');
    const proc = await procedure(w, '1.004873');
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await submit(w, { procedure: proc })).id);
    const receive = (id: string) => act(w, 'motcua.hoankiem', id, { action: 'receive' }, { 'idempotency-key': `nhan-${id}` });
    const answers = await Promise.all(ids.map(receive));
    expect(answers.map((a) => a.statusCode)).toEqual(ids.map(() => 200));
    expect(answers.some((a) => a.body.includes('motcua-late-'))).toBe(false);
    const codes = answers.map((a) => a.json().code as string);
    expect(codes.map((c) => parseDossierCode(c)!.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const [i, id] of ids.entries()) {
      const answer = answers[i].json();
      // the code everywhere the answer shows it: the dossier and its log entry
      expect(answer.history.at(-1)).toMatchObject({ action: 'receive' });
      expect(answers[i].body.split(codes[i]).length - 1, answers[i].body).toBeGreaterThanOrEqual(1);
      const { readCount: _a, ...readBack } = (await read(w, 'motcua.hoankiem', id)).json();
      const { readCount: _b, ...answered } = answer;
      expect(answered).toEqual(readBack);
      const replay = await receive(id);
      expect([replay.headers['idempotent-replayed'], replay.json()]).toEqual(['true', answer]);
    }
    const stored = await w.sys.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM idempotency_keys WHERE response::text LIKE '%motcua-late-%'");
    expect(stored[0].n).toBe(0);
    const audited = await w.sys.ctx.db.query<{ subject_id: string; code: string }>(
      "SELECT subject_id, data->>'code' AS code FROM audit_log WHERE action = 'dossier.receive' AND subject_id = ANY($1::text[])",
      [ids],
    );
    expect(new Map(audited.map((r) => [r.subject_id, r.code]))).toEqual(new Map(ids.map((id, i) => [id, codes[i]])));
    const events = await w.sys.ctx.db.query<{ code: string }>(
      "SELECT payload->>'code' AS code FROM outbox WHERE topic = 'dossier.status_changed' AND payload->>'action' = 'receive' AND payload->>'dossierId' = ANY($1::text[])",
      [ids],
    );
    expect(events.map((e) => e.code).sort()).toEqual([...codes].sort());
    expect((await verifyAudit(w.sys.ctx.db)).problems).toEqual([]);
  });
});
