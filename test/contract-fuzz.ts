import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import type { App } from '#platform/context.ts';

/**
 * Contract fuzzing: requests generated with fast-check from the OpenAPI document the server
 * serves (/api/docs/json) — every operation, path and query parameters, bodies that follow the
 * schema or break it (random JSON, NUL bytes, deep nesting, wrong types, malformed multipart),
 * with and without a session and an Idempotency-Key. Two properties: no answer is ≥ 500, and
 * every answer is one the document declares for that operation — its status is listed and its
 * body matches the status's schema (JSON checked with Ajv, binary answers by media type).
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
  example?: unknown;
};

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  multipart: boolean;
  /** The body is raw bytes of this media type (a tus PATCH: application/offset+octet-stream). */
  octets?: string;
  /** Declared answers: status → media type → schema. */
  responses: Record<string, Record<string, Schema | undefined>>;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface FuzzFinding {
  request: FuzzRequest;
  status: number;
  /** What is wrong: a 5xx, a status the document does not declare, or a body off its schema. */
  problem: string;
  body: string;
}

/** Values worth trying anywhere a string goes. */
const NASTY = [
  '\u0000',
  'a\u0000b',
  '%00',
  "' OR 1=1 --",
  '../../etc/passwd',
  '💥',
  'Nguyễn Văn A',
  ' ',
  '',
  'x'.repeat(5000),
  '\uD800',
  '2026-02-30',
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  '{"a":1}',
  '<script>alert(1)</script>',
];

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** JSON text nested `depth` levels deep (arrays and objects alternately). */
function deeplyNested(depth: number): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    open.push(i % 2 === 0 ? '[' : '{"a":');
    close.push(i % 2 === 0 ? ']' : '}');
  }
  return `${open.join('')}"x"${close.reverse().join('')}`;
}

function stringFor(schema: Schema, known: string[]): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [nastyString];
  if (schema.pattern) {
    try {
      options.push(fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, (schema.maxLength ?? 200) + 2)));
    } catch {}
  }
  if (schema.format === 'date-time') options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  if (schema.format === 'date') options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  if (known.length > 0) options.push(fc.constantFrom(...known));
  if (typeof schema.example === 'string') options.push(fc.constant(schema.example));
  options.push(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) }));
  return fc.oneof(...options);
}

/** Values that follow `schema` most of the time and break it some of the time. */
function fromSchema(schema: Schema | undefined, known: string[], depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString, fc.constant(null));
  if (!schema || depth > 5) return wrong;
  const right = (() => {
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fromSchema(s, known, depth + 1)));
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'string':
        return stringFor(schema, known);
      case 'integer':
        return fc.oneof(
          fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 }),
          fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER),
        );
      case 'number':
        return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(fromSchema(schema.items, known, depth + 1), { maxLength: 4 });
      case 'object': {
        const props = Object.entries(schema.properties ?? {});
        if (props.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
        const required = new Set(schema.required ?? []);
        const shape = Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, known, depth + 1)]));
        return fc.record(shape, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

export function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
      const octets = Object.keys(content ?? {}).find((type) => type.startsWith('application/') && type.endsWith('octet-stream'));
      const summary = `${op.summary ?? ''} ${op.description ?? ''}`;
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema,
        octets,
        multipart: /multipart|tải tệp|upload/i.test(summary) || path === '/api/v1/public/verify',
        responses: Object.fromEntries(
          Object.entries((op.responses as Record<string, { content?: Record<string, { schema?: Schema }> }> | undefined) ?? {}).map(
            ([status, r]) => [status, Object.fromEntries(Object.entries(r.content ?? {}).map(([type, c]) => [type, c.schema]))],
          ),
        ),
      });
    }
  }
  return ops;
}

const BOUNDARY = '----motcua-fuzz';

/** Multipart bodies, well-formed and not. */
const multipartBody: fc.Arbitrary<{ payload: Buffer; contentType: string }> = fc.oneof(
  fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('file', 'other', ''), fc.string({ maxLength: 20 })).map(([bytes, field, name]) => ({
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
  })),
  fc.constantFrom(
    { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc`) },
    { contentType: 'multipart/form-data', payload: Buffer.from('no boundary at all') },
    { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: Buffer.from('garbage without any boundary') },
    { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: Buffer.from(`--${BOUNDARY}--\r\n`) },
    {
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\nvalue\r\n--${BOUNDARY}--\r\n`),
    },
    { contentType: 'multipart/form-data; boundary=', payload: Buffer.from('--\r\n') },
    { contentType: `multipart/mixed; boundary=${BOUNDARY}`, payload: Buffer.from(`--${BOUNDARY}--\r\n`) },
  ),
);

/** A JSON body: by the schema, random JSON, deeply nested, with NUL bytes, or not JSON at all. */
function jsonBody(schema: Schema | undefined, known: string[]): fc.Arbitrary<{ payload: string; contentType: string }> {
  const json = (value: unknown) => ({ payload: JSON.stringify(value) ?? 'null', contentType: 'application/json' });
  return fc.oneof(
    { weight: 8, arbitrary: fromSchema(schema, known).map(json) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 200_000 }).map((d) => ({ payload: deeplyNested(d), contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '\u0000', '[1,2', 'null', '""', '{"__proto__":{"x":1}}').map((p) => ({ payload: p, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/json; charset=latin1').map((contentType) => ({ payload: 'a=1&b=%00', contentType })) },
  );
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '?'));
  }
}

export interface FuzzContext {
  /** Bearer tokens to pick from (anonymous is always among the choices). */
  tokens: string[];
  /** Identifiers that exist (dossier ids and codes, file ids, agency and procedure codes…). */
  known: string[];
}

function requestArbitrary(ops: Operation[], fuzz: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const auth = fc.option(fc.constantFrom(...fuzz.tokens), { nil: undefined, freq: 4 });
  const idempotencyKey = fc.option(fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 250 })), { nil: undefined, freq: 2 });
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fuzz.known) },
    { weight: 3, arbitrary: nastyString.map(encodeSegment) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%zz', '..', '%2e%2e', '%C0%AF', '%FF') },
  );
  return fc.constantFrom(...ops).chain((op) => {
    const pathParams = fc.record(
      Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, segment] as const)),
    ) as fc.Arbitrary<Record<string, string>>;
    const queryEntries = fc.array(
      fc.tuple(
        fc.oneof(
          { weight: 5, arbitrary: op.parameters.some((p) => p.in === 'query') ? fc.constantFrom(...op.parameters.filter((p) => p.in === 'query')) : fc.constant(null) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        fc.string({ maxLength: 10 }),
      ).chain(([param, otherName]) =>
        (param ? fromSchema(param.schema, fuzz.known) : nastyString).map((value) => [param?.name ?? otherName, typeof value === 'string' ? value : JSON.stringify(value)] as const),
      ),
      { maxLength: 4 },
    );
    // Header parameters (the tus headers): each present or not, printable ASCII as HTTP allows.
    const headerParams = fc.tuple(
      ...op.parameters
        .filter((p) => p.in === 'header')
        .map((p) => fc.option(fromSchema(p.schema, fuzz.known).map((v) => [p.name, (typeof v === 'string' ? v : JSON.stringify(v) ?? '').replace(/[^\x20-\x7e]/g, '_')] as const), { freq: 4 })),
    );
    const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
    const octets = op.octets;
    const body = octets
      ? fc.oneof(
          { weight: 4, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ payload: Buffer.from(bytes), contentType: octets })) },
          { weight: 1, arbitrary: jsonBody(undefined, fuzz.known) },
        )
      : op.multipart
        ? fc.oneof({ weight: 4, arbitrary: multipartBody }, { weight: 1, arbitrary: jsonBody(undefined, fuzz.known) })
        : hasBody
          ? jsonBody(op.body, fuzz.known)
          : fc.constant(null);
    return fc.record({ pathParams, queryEntries, headerParams, body, auth, idempotencyKey, lang: fc.constantFrom('vi', 'en', 'fr;q=0.\u0000', undefined) }).map((r) => {
      const query = r.queryEntries
        .map(([k, v]) => {
          try {
            return `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
          } catch {
            return `${k.length}=%00`;
          }
        })
        .join('&');
      const headers: Record<string, string> = {};
      for (const entry of r.headerParams) if (entry) headers[entry[0]] = entry[1];
      if (r.auth) headers.authorization = `Bearer ${r.auth}`;
      if (r.idempotencyKey) headers['idempotency-key'] = r.idempotencyKey.replace(/[^\x20-\x7e]/g, '_') || 'k';
      if (r.lang) headers['accept-language'] = r.lang.replace(/[^\x20-\x7e]/g, '');
      const request: FuzzRequest = { method: op.method, url: `${fillPath(op.path, r.pathParams)}${query ? `?${query}` : ''}`, headers };
      if (r.body) {
        headers['content-type'] = r.body.contentType;
        request.payload = r.body.payload;
      }
      return request;
    });
  });
}

/** Checks answers against the operation's declared responses (Ajv, compiled once per schema). */
export function responseChecker() {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
  const compiled = new Map<Schema, ValidateFunction>();
  const validator = (schema: Schema): ValidateFunction => {
    const known = compiled.get(schema);
    if (known) return known;
    const v = ajv.compile(schema);
    compiled.set(schema, v);
    return v;
  };
  /** Null when the answer is one the document declares; otherwise what is wrong with it. */
  return (op: Operation, status: number, contentType: string, body: string): string | null => {
    let declared = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`];
    // A body too large or of another media type is refused before the route (any route taking a
    // body): the answer is the error body all the same.
    if (!declared && (status === 413 || status === 415)) declared = op.responses['400'];
    if (!declared) {
      // A path parameter such as '..' can leave the route: the answer is then not this operation's.
      if (status === 404 && body.includes('"ROUTE_NOT_FOUND"')) return null;
      return `status ${status} not declared (declared: ${Object.keys(op.responses).join(', ') || 'none'})`;
    }
    if (status === 204 || (status >= 300 && status < 400)) return body.length === 0 ? null : `status ${status} with a body`;
    const types = Object.keys(declared);
    if (types.length === 0) return body.length === 0 ? null : `status ${status} declares no body`;
    const type = types.find((t) => contentType.startsWith(t));
    if (!type) return `content-type ${contentType || 'none'} not among ${types.join(', ')}`;
    const schema = declared[type];
    if (!schema) return null;
    // Plain text (a tus protocol answer, an empty 201): the text itself against its schema.
    if (type.startsWith('text/')) {
      const validate = validator(schema);
      return validate(body) ? null : `text body off schema: ${ajv.errorsText(validate.errors)}`;
    }
    if (type !== 'application/json') return null;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return 'body is not JSON';
    }
    const validate = validator(schema);
    return validate(value) ? null : `body off schema: ${ajv.errorsText(validate.errors)}`;
  };
}

/**
 * Whether one answer is what the document declares for `METHOD /path/{param}`: null when it is,
 * otherwise what is wrong with it (the same check as the fuzz's).
 */
export function checkAnswer(
  doc: Parameters<typeof operationsOf>[0],
  operation: string,
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
): string | null {
  const op = operationsOf(doc).find((o) => `${o.method} ${o.path}` === operation);
  if (!op) return `${operation} is not in the document`;
  return responseChecker()(op, res.statusCode, String(res.headers['content-type'] ?? ''), res.body);
}

/** Runs `runs` generated requests against `app`; answers ≥ 500 or off the document are the findings. */
export async function fuzzContract(app: App, fuzz: FuzzContext, options: { runs: number; seed?: number }) {
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  const ops = operationsOf(doc);
  const check = responseChecker();
  const findings: FuzzFinding[] = [];
  const statuses = new Map<number, number>();
  let checked = 0;
  const sample = fc.sample(
    fc.constantFrom(...ops).chain((op) => requestArbitrary([op], fuzz).map((request) => ({ op, request }))),
    { numRuns: options.runs, seed: options.seed ?? 13 },
  );
  for (const { op, request } of sample) {
    const res = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      payload: request.payload,
    });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    const found = (problem: string) => findings.push({ request, status: res.statusCode, problem, body: res.body.slice(0, 300) });
    if (res.statusCode >= 500) {
      found('5xx');
      continue;
    }
    // Operations still without their error body are not described yet (the document test lists them).
    if (!op.responses['400']) continue;
    checked++;
    const problem = check(op, res.statusCode, String(res.headers['content-type'] ?? ''), res.body);
    if (problem) found(problem);
  }
  return { operations: ops.length, requests: sample.length, checkedAgainstSchema: checked, statuses: Object.fromEntries(statuses), findings };
}
