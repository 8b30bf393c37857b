import { z } from 'zod';

/**
 * The pieces every module contract (`src/modules/<m>/<m>.contract.ts`) is built from: the one
 * error body, the usual error statuses of a route, and binary answers (PDF, spreadsheets).
 * Fastify validates requests and serialises answers with these zod schemas, and
 * @fastify/swagger publishes them at /api/docs — see docs/ARCHITECTURE.md "How to add a route".
 */

/** `?page=` (from 1) and `?pageSize=` (1–100, 20 by default) of a long list: spread into its query. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

/** One page of a list: its `items`, how many there are in all, which page and its size: spread into the answer. */
export function pageOf<T extends z.ZodType>(item: T) {
  return { items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };
}

/** `details` of a 400: one entry per refused field. */
export const ErrorDetail = z.object({ field: z.string(), message: z.string() });

/**
 * Every 4xx/5xx answer: `{ error: { code, message, … } }` (api.md §1). `code` is stable (the
 * error table), `message` is in the request's locale; some errors add fields (`details`,
 * `status`, `allowedActions`, …), which pass through.
 */
export const ErrorBody = z
  .object({
    error: z.looseObject({
      code: z.string().meta({ description: 'mã lỗi ổn định / stable error code' }),
      message: z.string().meta({ description: 'thông điệp theo ngôn ngữ yêu cầu / message in the request locale' }),
      details: z.array(ErrorDetail).optional(),
    }),
  })
  .meta({ description: 'lỗi / error (api.md §1)' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 503;

/**
 * The error answers of a route, each with the shared error body. Every route may answer 400
 * (validation) and 429 (rate limit, idempotency); name the others it can give:
 * 401 signed-in routes, 403 role, 404 objects (and what the caller may not see), 409 state.
 */
export function errors<const S extends ErrorStatus[]>(...statuses: S): Record<400 | 429 | S[number], typeof ErrorBody> {
  const out = { 400: ErrorBody, 429: ErrorBody } as Record<number, typeof ErrorBody>;
  for (const status of statuses) out[status] = ErrorBody;
  return out as Record<400 | 429 | S[number], typeof ErrorBody>;
}

/** Error statuses by kind of route, so routes read alike. */
export const publicErrors = errors(404);
export const signedInErrors = errors(401, 403, 404);
/** Signed-in writes: also 409 (state, lock) and 422 (an Idempotency-Key reused). */
export const mutationErrors = errors(401, 403, 404, 409, 422);

/** A binary answer (its bytes, not JSON) of the given media type. */
export function binary(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: z.string().meta({ format: 'binary' }) } } };
}
export const pdf = (description: string) => binary('application/pdf', description);
export const xlsx = (description: string) => binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description);

/** An answer without a body (204, or a redirect: `302: noBody('chuyển hướng / redirect')`). */
export const noBody = (description: string) => z.null().meta({ description });
export const noContent = noBody('không có nội dung / no content');

/** Calendar dates and instants as the API writes them. */
export const IsoDate = z.string().meta({ format: 'date', description: 'YYYY-MM-DD' });
export const IsoDateTime = z.string().meta({ format: 'date-time' });

/**
 * OpenAPI 3.0 writes a nullable enum as `{ nullable: true, enum: [...] }`, and its `enum` must
 * then list `null` itself, or a validator refuses the null the server answers (`timeliness`,
 * `onlineSubmission.reason`…). The document's last pass (`transformObject`) adds it everywhere.
 */
export function nullInNullableEnums<T>(node: T): T {
  if (Array.isArray(node)) {
    for (const item of node) nullInNullableEnums(item);
  } else if (node && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    for (const value of Object.values(schema)) nullInNullableEnums(value);
  }
  return node;
}
