import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The fixture's "<before> <after>" in a process of its own (nothing loaded React there before). */
function storesAround(mode: 'ours' | 'plain'): [number, number] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'rendered-pages.fixture.ts'), mode], { encoding: 'utf8' });
  const [before, after] = out.trim().split('\n').at(-1)!.split(' ').map(Number);
  return [before, after];
}

describe("React's server renderer, loaded as the rendered pages load it", () => {
  it('leaves no AsyncLocalStorage enabled for every promise of every request after a render (a plain load does)', () => {
    const [before, after] = storesAround('ours');
    expect(after).toBe(before);
    // the check itself can see one: loaded plainly, React's request store is on every resource from then on
    const [plainBefore, plainAfter] = storesAround('plain');
    expect(plainAfter).toBe(plainBefore + 1);
  });
});
