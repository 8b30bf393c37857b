import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from './metrics.ts';

describe('request-duration histogram', () => {
  it('writes /metrics exactly as prom-client’s Histogram does for the same observations', async () => {
    const theirs = new client.Registry();
    const ours = new client.Registry();
    const histogram = new client.Histogram({
      name: 'motcua_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [theirs],
    });
    const durations = new RequestDurations({ name: 'motcua_http_request_duration_seconds', help: 'HTTP request duration by route and status', registers: [ours] });
    const seen: [string, string, number, number][] = [
      ['GET', '/api/v1/ping', 200, 0.0004],
      ['GET', '/api/v1/procedures', 200, 0.012],
      ['POST', '/api/v1/dossiers', 201, 0.25],
      ['GET', '/api/v1/ping', 200, 0.005],
      ['GET', 'unmatched', 404, 0.0011],
      ['POST', '/api/v1/dossiers', 409, 3.7],
      ['GET', '/api/v1/procedures', 200, 0.1000001],
      ['GET', '/api/v1/procedures', 500, 2.5],
    ];
    for (const [method, route, status, seconds] of seen) {
      histogram.observe({ method, route, status: String(status) }, seconds);
      durations.observe(method, route, status, seconds);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('motcua_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/ping",status="200"} 2');
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
    durations.reset();
    histogram.reset();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
