import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, CommonErrors, type Locale } from '#platform/errors.ts';
import { validationMessage } from '#platform/validation-messages.ts';
import { IdempotentReplay, replay } from './idempotency.ts';
import type { FieldFailure } from './validator.ts';

// Vietnamese first: field messages of request validation (`details[].message`) in our own plain words.
z.config({ localeError: validationMessage });

/** A whole body the server cannot read, in the request's language. */
const bodyFailure = (locale: Locale, vi: string, en: string) => CommonErrors.VALIDATION_FAILED({ details: [{ field: 'body', message: locale === 'en' ? en : vi }] });

/** Fastify's own failures mapped onto the error vocabulary. */
const fastifyCodes: Record<string, (locale: Locale) => AppError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: (l) => bodyFailure(l, 'Nội dung JSON không đọc được', 'The JSON body cannot be read'),
  FST_ERR_CTP_EMPTY_JSON_BODY: (l) => bodyFailure(l, 'Thiếu nội dung (JSON rỗng)', 'The body is missing (empty JSON)'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => CommonErrors.PAYLOAD_TOO_LARGE(),
  FST_REQ_FILE_TOO_LARGE: () => CommonErrors.PAYLOAD_TOO_LARGE(),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => CommonErrors.UNSUPPORTED_MEDIA_TYPE(),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => CommonErrors.UNSUPPORTED_MEDIA_TYPE(),
  FST_ERR_VALIDATION: () => CommonErrors.VALIDATION_FAILED({ details: [] }),
};

const MALFORMED_MULTIPART = /^(Multipart: Boundary not found|Unexpected end of (multipart data|form)|Malformed part header|Part terminated early|Unexpected end of file)/;

/** Any failure as an AppError; field messages in `locale` (the request's language). */
/** PostgreSQL's unique_violation, serialization_failure and deadlock_detected (PGlite's too). */
const DATABASE_CONFLICTS = new Set(['23505', '40001', '40P01']);

export function toAppError(error: unknown, locale: Locale = 'vi'): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return CommonErrors.VALIDATION_FAILED({
      details: error.validation.map((v) => ({
        field: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: (locale === 'en' ? (v as Partial<FieldFailure>).messageEn : undefined) ?? v.message ?? 'invalid',
      })),
    });
  }
  const fe = error as FastifyError;
  // A multipart body the parser cannot read (busboy throws plain errors while the route reads it).
  if (!fe?.statusCode && error instanceof Error && MALFORMED_MULTIPART.test(error.message)) {
    return bodyFailure(locale, 'Nội dung multipart/form-data không đọc được', 'The multipart/form-data body cannot be read');
  }
  // The database refused a write that clashes with another (a unique key, or two transactions at
  // once): the transaction rolled back whole, so it is a conflict to report, not a server failure.
  // A use case should check first and say which (e.g. ID_NUMBER_TAKEN); this only keeps a missed
  // check from being a 500.
  if (DATABASE_CONFLICTS.has(String((error as { code?: unknown })?.code))) return CommonErrors.CONFLICT();
  if (fe?.statusCode === 429) return CommonErrors.RATE_LIMITED();
  if (fe?.code && fastifyCodes[fe.code]) return fastifyCodes[fe.code](locale);
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return CommonErrors.VALIDATION_FAILED({ details: [{ field: 'request', message: fe.message }] });
  }
  return CommonErrors.INTERNAL();
}

export function sendError(error: unknown, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof IdempotentReplay && req.idempotency) {
    // The same key committed while this request waited for it: its answer is this one's.
    const { hash, rt } = req.idempotency;
    req.idempotency = undefined;
    void rt.finish(false);
    try {
      return replay(reply, error.previous, hash);
    } catch (refusal) {
      error = refusal;
    }
  }
  const appError = toAppError(error, req.locale);
  const { status } = appError.spec;
  if (status >= 500 && appError.code !== 'UNAVAILABLE') req.log.error({ err: error }, 'unhandled error');
  // a database conflict that no use case checked for: worth a look (which constraint, which route)
  else if (appError.code === 'CONFLICT' && !(error instanceof AppError)) req.log.warn({ err: error }, 'database conflict answered 409');
  const body = {
    error: { code: appError.code, message: appError.message_(req.locale), ...appError.extra },
  };
  return reply.status(status).send(body);
}
