import { ConfigError } from './config.ts';
import { DatabaseOpenError } from '#platform/db.ts';
import { SchemaTooNewError } from '#platform/migrate.ts';

/**
 * How `npm start` ends when it cannot run: 2 with its own message for what an operator can fix
 * (a setting, the database, a schema newer than the code), 1 with the stack for anything else.
 */
export function startupFailure(error: unknown): { code: 1 | 2; message: unknown } {
  const known = error instanceof ConfigError || error instanceof DatabaseOpenError || error instanceof SchemaTooNewError;
  return known ? { code: 2, message: (error as Error).message } : { code: 1, message: error };
}
