import { describe, expect, it } from 'vitest';
import { verifyAudit } from '#platform/audit.ts';
import { parseDossierCode } from './dossier-code.ts';
import { act, procedure, setNow, submit, type World, worldPerFile } from '#test/factories.ts';

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
});
