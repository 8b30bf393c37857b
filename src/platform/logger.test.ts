import { describe, expect, it } from 'vitest';
import { createLogger, DeferredChildLogger, requestLogger } from './logger.ts';

/** A logger writing its lines into an array (parsed JSON). */
function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('request logger (made on first use)', () => {
  it('makes no pino child for a request that logs nothing at an enabled level', () => {
    const { logger, lines } = capture('warn');
    let children = 0;
    const counting = Object.assign(Object.create(logger), {
      child: (...args: Parameters<typeof logger.child>) => {
        children++;
        return logger.child(...args);
      },
    });
    const log = requestLogger(counting, { reqId: 'req-1' }, {});
    log.info({ url: '/api/v1/ping' }, 'request');
    log.debug('detail');
    expect(children).toBe(0);
    expect(lines).toEqual([]);
    log.warn('slow');
    log.error({ session: { token: 'bí mật' } }, 'failed');
    expect(children).toBe(1);
    expect(lines.map((l) => [l.reqId, l.msg, (l.session as { token?: string } | undefined)?.token])).toEqual([
      ['req-1', 'slow', undefined],
      ['req-1', 'failed', '[redacted]'],
    ]);
  });

  it('writes what pino’s own child writes: bindings, level, redaction, its own children', () => {
    const { logger, lines } = capture('info');
    const log = requestLogger(logger, { reqId: 'req-2' }, {});
    expect(log).toBeInstanceOf(DeferredChildLogger);
    expect(log.level).toBe('info');
    expect(log.isLevelEnabled('debug')).toBe(false);
    log.info({ method: 'GET', url: '/api/v1/procedures', statusCode: 200, ms: 3 }, 'request');
    log.child({ job: 'x' }).warn({ user: { password: 'MotCua@2026' } }, 'nested');
    const direct = capture('info');
    direct.logger.child({ reqId: 'req-2' }).info({ method: 'GET', url: '/api/v1/procedures', statusCode: 200, ms: 3 }, 'request');
    const { time: _a, ...ours } = lines[0];
    const { time: _b, ...pinos } = direct.lines[0];
    expect(ours).toEqual(pinos);
    expect(lines[1]).toMatchObject({ reqId: 'req-2', job: 'x', user: { password: '[redacted]' }, msg: 'nested', level: 40 });
    log.level = 'debug';
    log.debug('now on');
    expect(lines[2]).toMatchObject({ reqId: 'req-2', msg: 'now on', level: 20 });
  });

  it('gives a route with its own level or serialisers pino’s child at once', () => {
    const { logger } = capture('info');
    const log = requestLogger(logger, { reqId: 'req-3' }, { level: 'debug' });
    expect(log).not.toBeInstanceOf(DeferredChildLogger);
    expect(log.level).toBe('debug');
  });
});
