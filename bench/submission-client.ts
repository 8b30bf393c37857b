// The load generator of bench/submission, in its own process: submits then receives COUNT
// dossiers at CONCURRENCY over HTTP and prints one JSON line {perSecond, p95, cpuMs}.
// Input (JSON in the environment variable BENCH_INPUT): {url, headers, body, count, concurrency}.
// HTTP/1.1 written by hand on CONCURRENCY kept-alive sockets (one request string per write, the
// answer framed by its Content-Length), not node:http nor fetch: on a machine the server shares,
// every millisecond of CPU the generator spends is one the server does not get (node:http cost
// ~1 ms of CPU per request here, fetch ~2 ms; more than the raw baseline's whole dossier).
// The requests are those node:http sent: same headers (Host and Connection included), same bodies.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { load } from './lib.ts';

const { url, headers, body, count, concurrency } = JSON.parse(process.env.BENCH_INPUT ?? '{}');
const base = new URL(url);
const fixedHeaders = Object.entries({ ...headers, 'content-type': 'application/json' })
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');
const hostHeaders = `Host: ${base.host}\r\nConnection: keep-alive\r\n`;

const HEADER_END = Buffer.from('\r\n\r\n');

/** One kept-alive connection carrying one request at a time. */
class Connection {
  private readonly socket: net.Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve: (answer: { status: number; text: string }) => void; reject: (error: Error) => void } | null = null;

  constructor() {
    this.socket = net.connect({ host: base.hostname, port: Number(base.port), noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('connection closed')));
  }

  request(path: string, json: string, key: string): Promise<{ status: number; text: string }> {
    const head = `POST ${path} HTTP/1.1\r\n${fixedHeaders}idempotency-key: ${key}\r\ncontent-length: ${Buffer.byteLength(json)}\r\n${hostHeaders}\r\n`;
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(head + json);
    });
  }

  /** Frames the answer: status line, headers up to the blank line, then Content-Length bytes. */
  private receive(chunk: Buffer) {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buffered.toString('latin1', 0, end);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`answer without content-length: ${head}`));
    const bodyEnd = end + 4 + Number(length[1]);
    if (this.buffered.length < bodyEnd) return;
    const text = this.buffered.toString('utf8', end + 4, bodyEnd);
    this.buffered = this.buffered.subarray(bodyEnd);
    const pending = this.pending;
    this.pending = null;
    pending?.resolve({ status: Number(head.slice(9, 12)), text });
  }

  private fail(error: Error) {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  close() {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }
}

const idle = Array.from({ length: concurrency }, () => new Connection());
const all = [...idle];

let retried = 0;

/**
 * One request; a 409 CONFLICT ("Dữ liệu đã bị thay đổi, vui lòng thử lại": nothing was written)
 * is tried again with the same key, as a client would. A reception whose agency's counter moved
 * on by more than the numbers its audit row was sealed for answers so (act-on-dossier.ts,
 * CODE_CHOICES): seen only when the machine is so loaded that one request waits while dozens of
 * the same agency's receptions commit.
 */
async function post(path: string, json: string): Promise<any> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    // load() never runs more than `concurrency` tasks, each one request at a time: one is idle
    const connection = idle.pop()!;
    try {
      const { status, text } = await connection.request(path, json, key);
      if (status === 409 && attempt < 3 && text.includes('"CONFLICT"')) {
        retried++;
        continue;
      }
      if (status >= 300) throw new Error(`${path}: ${status} ${text}`);
      return JSON.parse(text);
    } finally {
      idle.push(connection);
    }
  }
}

const submission = JSON.stringify(body);
const receive = JSON.stringify({ action: 'receive' });
const cpu0 = process.cpuUsage();
const result = await load(count, concurrency, async () => {
  const dossier = await post('/api/v1/dossiers', submission);
  const received = await post(`/api/v1/dossiers/${dossier.id}/actions`, receive);
  if (!received.code) throw new Error('received without a code');
});
const cpu = process.cpuUsage(cpu0);
for (const connection of all) connection.close();
console.log(JSON.stringify({ perSecond: result.perSecond, p95: result.p95, cpuMs: (cpu.user + cpu.system) / 1000, retried }));
