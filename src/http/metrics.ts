import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import client from 'prom-client';
import { CommonErrors } from '#platform/errors.ts';

/** Prometheus metrics at /metrics: process defaults and an HTTP latency histogram per route; not public. */
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface Cell {
  labels: { method: string; route: string; status: string };
  /** Observations per bucket (not cumulative), in BUCKETS order; above the last one only in count. */
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * The request-duration histogram, written exactly as prom-client's Histogram writes it (same
 * lines, labels and order: a test compares the two), but observed without allocating: one cell
 * per method, route and status, found through three small maps. prom-client's `observe` built a
 * label object, a closure and a hash string for every request (2 µs of a /api/v1/ping, issue 13).
 */
export class RequestDurations {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #cells = new Map<string, Map<string, Map<number, Cell>>>();
  readonly #order: Cell[] = [];

  constructor(options: { name: string; help: string; registers: client.Registry[] }) {
    this.name = options.name;
    this.help = options.help;
    for (const r of options.registers) r.registerMetric(this as unknown as client.Metric);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    let byMethod = this.#cells.get(route);
    if (!byMethod) this.#cells.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    let cell = byStatus.get(status);
    if (!cell) {
      cell = { labels: { method, route, status: String(status) }, buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      byStatus.set(status, cell);
      this.#order.push(cell);
    }
    const bound = BUCKETS.findIndex((upper) => seconds <= upper);
    if (bound >= 0) cell.buckets[bound] += 1;
    cell.sum += seconds;
    cell.count += 1;
  }

  /** What prom-client's registry formats: cumulative buckets, +Inf, sum, count per label set. */
  async getForPromString() {
    const name = this.name;
    const values = this.#order.flatMap((cell) => {
      let acc = 0;
      return [
        ...BUCKETS.map((upper, i) => {
          acc += cell.buckets[i];
          return { labels: { le: upper as number | string }, sharedLabels: cell.labels, value: acc, metricName: `${name}_bucket`, exemplar: null };
        }),
        { labels: { le: '+Inf' as number | string }, sharedLabels: cell.labels, value: cell.count, metricName: `${name}_bucket`, exemplar: null },
        { labels: {}, sharedLabels: cell.labels, value: cell.sum, metricName: `${name}_sum`, exemplar: undefined },
        { labels: {}, sharedLabels: cell.labels, value: cell.count, metricName: `${name}_count`, exemplar: undefined },
      ];
    });
    return { name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  async get() {
    const data = await this.getForPromString();
    return { ...data, values: data.values.map(({ labels, sharedLabels, ...rest }) => ({ ...rest, labels: { ...labels, ...sharedLabels } })) };
  }

  reset(): void {
    this.#cells.clear();
    this.#order.length = 0;
  }
}

const httpDuration = new RequestDurations({
  name: 'motcua_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  registers: [registry],
});

/**
 * Who may read /metrics: with MOTCUA_METRICS_TOKEN, a request bearing it; without, only a
 * direct connection from this machine (the socket's peer is loopback and no proxy forwarded it).
 */
function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '::1' || peer.startsWith('127.') || peer.startsWith('::ffff:127.');
  return loopback && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

export const metricsPlugin = fp(async (app: FastifyInstance, options: { token?: string }) => {
  app.addHook('onResponse', (req, reply, done) => {
    httpDuration.observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(req, options.token)) throw CommonErrors.ROUTE_NOT_FOUND();
    reply.type(registry.contentType).header('cache-control', 'no-store');
    return registry.metrics();
  });
});
