import net from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll } from 'vitest';
import { streamName } from '#modules/exchange/transport.ts';
import { signedInCallers } from './factories.ts';
import { createTestSystem, type TestSystem } from './system.ts';

/** A TCP port free on this machine now (known before a node boots: its public URL names it). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/**
 * One installation of a federation in this test process: its own database, its jobs (the
 * exchange's delivery among them), listening on `port`, linked over real HTTP to `peers`
 * (node id → port, MOTCUA_PEERS).
 */
export async function startNode(id: string, port: number, env: Record<string, string>, peers: Record<string, number>): Promise<TestSystem> {
  const sys = await createTestSystem({
    startJobs: true,
    env: {
      MOTCUA_NODE_ID: id,
      MOTCUA_PUBLIC_URL: `http://127.0.0.1:${port}`,
      MOTCUA_PEERS: Object.entries(peers)
        .map(([p, n]) => `${p}=http://127.0.0.1:${n}`)
        .join(','),
      ...env,
    },
  });
  await sys.app.listen({ port, host: '127.0.0.1' });
  return sys;
}

/** Installations started together by `startFederation`, by node id. */
export interface Federation<Id extends string> {
  nodes: Record<Id, TestSystem>;
  /** Until `check` holds, every node delivering its exchange outbox (after-commit events, then the envelopes). */
  until<T>(check: () => Promise<T | null | undefined | false>, what: string, tries?: number): Promise<T>;
  /** Every node drains its exchange outbox, three rounds (an answer to an answer arrives too). */
  settle(): Promise<void>;
  /** Closes every node; over NATS, also removes this federation's stream from the shared broker. */
  close(): Promise<void>;
}

/**
 * Installations of one federation in this test process (node id → its environment), each with
 * its own database and jobs: linked to each other over real HTTP (every node a peer of every
 * other), or with `nats` over NATS JetStream only (no HTTP link, no listening port). Each node's
 * agency registry is refreshed twice, so that each also knows what the others learnt in the first round.
 */
export async function startFederation<const Id extends string>(
  envs: Record<Id, Record<string, string>>,
  options: { nats?: { url: string; federation: string } } = {},
): Promise<Federation<Id>> {
  const ids = Object.keys(envs) as Id[];
  const { nats } = options;
  const ports = nats ? [] : await Promise.all(ids.map(() => freePort()));
  const peersOf = (id: Id) => Object.fromEntries(ids.flatMap((other, i) => (other === id ? [] : [[other, ports[i]]])));
  const started = await Promise.all(
    ids.map((id, i) =>
      nats
        ? createTestSystem({ startJobs: true, env: { MOTCUA_NODE_ID: id, NATS_URL: nats.url, MOTCUA_FEDERATION: nats.federation, ...envs[id] } })
        : startNode(id, ports[i], envs[id], peersOf(id)),
    ),
  );
  for (let round = 0; round < 2; round++) for (const s of started) await s.exchange!.refreshRegistry();
  return {
    nodes: Object.fromEntries(ids.map((id, i) => [id, started[i]])) as Record<Id, TestSystem>,
    async until(check, what, tries = 300) {
      for (let i = 0; i < tries; i++) {
        const v = await check();
        if (v) return v;
        for (const s of started) {
          s.exchange!.poke();
          await s.exchange!.drain(5_000);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const outboxes = await Promise.all(started.map((s) => s.ctx.db.query('SELECT message_id, target_node, attempts, last_error, delivered_at FROM exchange_outbox')));
      throw new Error(`timed out waiting for ${what}; outboxes: ${JSON.stringify(outboxes)}`);
    },
    async settle() {
      for (let round = 0; round < 3; round++) for (const s of started) await s.exchange!.drain();
    },
    async close() {
      await Promise.all(started.map((s) => s.close()));
      if (!nats) return;
      const nc = await connect({ servers: nats.url });
      await (await jetstreamManager(nc)).streams.delete(streamName(nats.federation)).catch(() => false);
      await nc.close();
    },
  };
}

/** A federation for a whole test file (`fileFederation`): its nodes, once started, and demo users signed in at each. */
export interface FileFederation<Id extends string> extends Pick<Federation<Id>, 'until' | 'settle'> {
  /** The started nodes by id (filled before the file's own `beforeAll` runs). */
  nodes: Record<Id, TestSystem>;
  /** Demo users speaking at each node (`signedInCallers`). */
  callers: Record<Id, ReturnType<typeof signedInCallers>>;
  /** Every node's clock to `iso`; every caller signs in again (a session ends with its day). */
  at(iso: string): void;
}

/**
 * `startFederation` for a whole test file: started before the file's tests, closed after them.
 * `tries` bounds each `until` (rounds of delivery, 100 ms apart) unless the call names its own.
 */
export function fileFederation<const Id extends string>(
  envs: Record<Id, Record<string, string>>,
  options: Parameters<typeof startFederation>[1] & { tries?: number } = {},
): FileFederation<Id> {
  const ids = Object.keys(envs) as Id[];
  const nodes = {} as Record<Id, TestSystem>;
  const callers = Object.fromEntries(ids.map((id) => [id, signedInCallers(() => nodes[id])])) as FileFederation<Id>['callers'];
  let fed: Federation<Id> | undefined;
  beforeAll(async () => {
    fed = await startFederation(envs, options);
    Object.assign(nodes, fed.nodes);
  }, 600_000);
  afterAll(() => fed?.close());
  return {
    nodes,
    callers,
    until: (check, what, tries = options.tries) => fed!.until(check, what, tries),
    settle: () => fed!.settle(),
    at(iso) {
      for (const id of ids) callers[id].at(iso);
    },
  };
}
