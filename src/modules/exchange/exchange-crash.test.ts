import { describe, expect, inject, it } from 'vitest';
import { runExchangeCrash } from '../../../scripts/exchange-crash-test.ts';

/**
 * npm test's share of the crash test (issue 15): two installations as real processes linked over
 * HTTP, SIGKILL of the receiver with 30 envelopes in flight and of the sender with 30 statuses in
 * flight → every envelope stored once, every status delivered. `.ci/run` runs 1,000 over NATS.
 */
describe('exchange survives SIGKILL', () => {
  it('30 envelopes and 30 acceptances across two processes, each killed once', async () => {
    const template = inject('dbTemplate');
    // On PostgreSQL the processes would need databases of their own: the PGlite pass covers it.
    const lines: string[] = [];
    const failures = await runExchangeCrash({ n: 30, transport: 'http', templateFile: template.kind === 'pglite' ? template.file : undefined, log: (l) => lines.push(l) });
    expect(failures, lines.join('\n')).toEqual([]);
    expect(lines.join('\n')).toMatch(/30 envelopes stored exactly once, 30 × 01 and 30 × 03 delivered/);
  }, 900_000);
});
