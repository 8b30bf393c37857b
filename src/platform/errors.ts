/**
 * One error vocabulary. Each module declares its failures in a message catalogue beside its code,
 * `<m>.errors.json` (code → HTTP status, one Vietnamese and one English message), and gives it a
 * typed face with `defineErrors` in `<m>.errors.ts`. Every declared code lands in `errorTable`,
 * the single code → HTTP status table the HTTP layer reads.
 */
import commonCatalogue from './common.errors.json' with { type: 'json' };

export type Locale = 'vi' | 'en';

/** The HTTP statuses an error may answer with. */
const errorStatuses = [400, 401, 403, 404, 409, 410, 413, 415, 422, 423, 429, 500, 503] as const;

export interface ErrorSpec {
  status: (typeof errorStatuses)[number];
  vi: string;
  en: string;
}

/** One row of a catalogue as JSON gives it: the status is only a number until `defineErrors` checks it. */
export interface CatalogueEntry {
  status: number;
  vi: string;
  en: string;
}

function isErrorStatus(status: number): status is ErrorSpec['status'] {
  return (errorStatuses as readonly number[]).includes(status);
}

const errorTable = new Map<string, ErrorSpec>();

export class AppError extends Error {
  constructor(
    readonly code: string,
    /** Extra fields returned in the error body (e.g. `status`, `allowedActions`, `details`). */
    readonly extra: Record<string, unknown> = {},
    /** Values substituted for {name} placeholders in the message. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  get spec(): ErrorSpec {
    return errorTable.get(this.code) ?? errorTable.get('INTERNAL')!;
  }

  message_(locale: Locale): string {
    return this.spec[locale].replace(/\{(\w+)\}/g, (_, k: string) => String(this.params[k] ?? `{${k}}`));
  }
}

type ErrorFactory = (extra?: Record<string, unknown>, params?: Record<string, string | number>) => AppError;

/** Registers a catalogue's codes in the error table and returns one factory per code. */
export function defineErrors<const T extends Record<string, CatalogueEntry>>(catalogue: T): { [K in keyof T]: ErrorFactory } {
  const factories = {} as { [K in keyof T]: ErrorFactory };
  for (const [code, { status, vi, en }] of Object.entries(catalogue)) {
    if (!isErrorStatus(status)) throw new Error(`error code ${code} has status ${status}, not one of ${errorStatuses.join(', ')}`);
    const spec: ErrorSpec = { status, vi, en };
    const existing = errorTable.get(code);
    if (existing && (existing.status !== spec.status || existing.vi !== spec.vi)) {
      throw new Error(`error code ${code} declared twice with different meanings`);
    }
    errorTable.set(code, spec);
    factories[code as keyof T] = (extra, params) => new AppError(code, extra, params);
  }
  return factories;
}

/** The platform's own failures, shared by every module. */
export const CommonErrors = defineErrors(commonCatalogue);

/** A field-level validation failure, in the shape of the 400 body's `details`. */
export function validationFailed(details: { field: string; message: string }[]): AppError {
  return CommonErrors.VALIDATION_FAILED({ details });
}

/**
 * What a failed call to another node says, for the people who read it on the status screens. Node's
 * fetch fails with the bare "fetch failed" and keeps the reason (refused connection, unknown host,
 * timeout) in `cause`: that reason is what an administrator can act on.
 */
export function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  if (!cause) return error.message;
  return `${error.message}: ${code && !cause.message.includes(code) ? `${code} ` : ''}${cause.message}`;
}
