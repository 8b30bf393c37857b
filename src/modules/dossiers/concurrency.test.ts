import { describe, expect, it } from 'vitest';
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
  });
});
