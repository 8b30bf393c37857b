import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestSystem } from '#test/system.ts';

/** Opens a TCP connection to `port` and sends nothing; resolves `closed` when the server ends it. */
async function silentClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {}); // a reset from the server is the expected end
  return { closed };
}

describe('closing the server', () => {
  it('ends a connection that never sent a request (a browser’s preconnect) and one kept alive, and answers a request under way', async () => {
    const sys = await createTestSystem();
    const address = await sys.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    // Node's own limit on such a connection (60 s) made as long as a test can run: without the
    // fix, closing waits for it and the test fails on its timeout.
    sys.app.server.headersTimeout = 3_600_000;
    sys.app.server.requestTimeout = 0;
    const silent = await silentClient(port);
    const kept = await fetch(`${address}/api/v1/ping`); // undici keeps the connection alive
    expect(kept.status).toBe(200);
    await kept.text();
    // a request whose headers are still coming in when the close begins is answered, not cut:
    // 503 in the project's error shape, in Vietnamese (requests that complete while the server
    // closes are shed; a proxy tries another process)
    const slow = new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => socket.write('\r\n'), 300); // the headers end once the close is under way
    });
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([sys.close(), silent.closed]);
    const answer = await slow;
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'UNAVAILABLE', message: 'Dịch vụ tạm thời không sẵn sàng' },
    });
  });
});
