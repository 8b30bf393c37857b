import net from 'node:net';
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
