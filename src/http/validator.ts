import type { FastifySchemaCompiler } from 'fastify';
import { type $ZodType, safeParse } from 'zod/v4/core';
import { englishMessage } from '#platform/validation-messages.ts';

/** fastify-type-provider-zod's mark on its validation failures (`hasZodFastifySchemaValidationErrors`). */
const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/** A failed field check: the library's shape, plus the words in English (`messageEn`). */
export interface FieldFailure {
  instancePath: string;
  message: string;
  messageEn: string;
}

/**
 * fastify-type-provider-zod's request validator, with each failure's words in both locales: the
 * Vietnamese of the process-wide error map (`message`) and the English one (`messageEn`); the
 * error answer picks the request's (http/errors.ts). The input is kept on the issue only for
 * choosing the words ("missing" or "wrong type"), never sent back.
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data, { reportInput: true });
    if (!result.error) return { value: result.data };
    const failures = result.error.issues.map((issue) => ({
      [ZOD_VALIDATION_ERROR]: true,
      keyword: issue.code,
      instancePath: `/${issue.path.join('/')}`,
      schemaPath: `#/${issue.path.join('/')}/${issue.code}`,
      message: issue.message,
      messageEn: englishMessage(issue),
      params: {},
    }));
    return { error: failures as unknown as Error };
  };
