import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { toAppError } from './errors.ts';

const db = new PGlite();
afterAll(() => db.close());

/** The error the database itself throws for `sql` (run after `setup`). */
async function refusal(setup: string, sql: string): Promise<unknown> {
  await db.exec(setup);
  try {
    await db.exec(sql);
  } catch (error) {
    return error;
  }
  throw new Error('the database accepted it');
}

describe('toAppError: what a failure answers', () => {
  it('answers a unique key the database refused as 409 CONFLICT, not a 500', async () => {
    const error = await refusal('CREATE TABLE t (n text UNIQUE); INSERT INTO t VALUES (1)', 'INSERT INTO t VALUES (1)');
    const answer = toAppError(error);
    expect(answer.code).toBe('CONFLICT');
    expect(answer.spec.status).toBe(409);
    expect(answer.message_('vi')).toBe('Dữ liệu đã bị thay đổi, vui lòng thử lại');
  });

  it('still answers any other database failure as a 500', async () => {
    const error = await refusal('CREATE TABLE u (n int NOT NULL)', 'INSERT INTO u VALUES (NULL)');
    expect(toAppError(error).spec.status).toBe(500);
    expect(toAppError(new Error('boom')).code).toBe('INTERNAL');
  });
});
