import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { AppError, CommonErrors, defineErrors, failureText } from './errors.ts';

describe('defineErrors', () => {
  it('gives one factory per code of the catalogue, typed by its keys, with {name} placeholders filled in', () => {
    const TestErrors = defineErrors({
      ERRORS_TEST_DEADLINE: { status: 409, vi: 'Đã quá hạn ({deadline})', en: 'The deadline has passed ({deadline})' },
    });
    const error = TestErrors.ERRORS_TEST_DEADLINE({ field: 'x' }, { deadline: '05/12/2026' });
    expect(error).toBeInstanceOf(AppError);
    expect(error.extra).toEqual({ field: 'x' });
    expect(error.spec.status).toBe(409);
    expect(error.message_('vi')).toBe('Đã quá hạn (05/12/2026)');
    expect(error.message_('en')).toBe('The deadline has passed (05/12/2026)');
    expect(TestErrors.ERRORS_TEST_DEADLINE().message_('vi')).toBe('Đã quá hạn ({deadline})');
    // @ts-expect-error: a code the catalogue does not declare is a type error.
    expect(TestErrors.ERRORS_TEST_OTHER).toBeUndefined();
  });

  it('refuses a code declared again with another meaning, and accepts it again with the same one', () => {
    expect(() => defineErrors({ NOT_FOUND: { status: 410, vi: 'Không tìm thấy', en: 'Not found' } })).toThrow(
      'error code NOT_FOUND declared twice with different meanings',
    );
    expect(() => defineErrors({ NOT_FOUND: { status: 404, vi: 'Không còn', en: 'Not found' } })).toThrow('declared twice');
    const again = defineErrors({ NOT_FOUND: { status: 404, vi: 'Không tìm thấy', en: 'Not found' } });
    expect(again.NOT_FOUND().spec).toEqual(CommonErrors.NOT_FOUND().spec);
  });

  it('refuses a status the HTTP layer does not answer with', () => {
    expect(() => defineErrors({ ERRORS_TEST_TEAPOT: { status: 418, vi: 'Ấm trà', en: 'Teapot' } })).toThrow(
      'error code ERRORS_TEST_TEAPOT has status 418',
    );
    expect(new AppError('ERRORS_TEST_TEAPOT').spec).toEqual(CommonErrors.INTERNAL().spec);
  });
});

describe('failureText', () => {
  it("says why a call to another node failed: Node's fetch hides the refused connection in its cause", async () => {
    // A port that was just free and is closed again: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const error = await fetch(`http://127.0.0.1:${port}/api/v1/exchange/inbound`).catch((e: unknown) => e);
    expect((error as Error).message).toBe('fetch failed');
    expect(failureText(error)).toMatch(new RegExp(`^fetch failed: .*ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
    expect(failureText(new Error('503 busy'))).toBe('503 busy');
    expect(failureText('plain')).toBe('plain');
  });
});
