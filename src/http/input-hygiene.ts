import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationFailed } from '#platform/errors.ts';

/**
 * Input no route can use, refused with 400 before any route sees it (issue 13, D6):
 * a NUL character anywhere in the path, the query or a JSON body (PostgreSQL text cannot hold
 * one), and JSON nested deeper than MAX_JSON_DEPTH (it would overflow the stack of whatever
 * walks it next: hashing, validation, logging).
 */
const MAX_JSON_DEPTH = 64;

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received (the idempotency hash is taken over it). */
    rawJson?: string;
  }
}

/** Whether JSON text nests deeper than `max` (strings skipped), without parsing it. */
function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/** The path of the first string holding a NUL character (iterative: no recursion on input). */
function findNul(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\u0000')) return path;
        stack.push([item, `${path}.${k}`]);
      }
    }
  }
  return null;
}

export function registerInputHygiene(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(validationFailed([{ field: 'body', message: `JSON lồng quá ${MAX_JSON_DEPTH} cấp / nested deeper than ${MAX_JSON_DEPTH}` }]), undefined);
    }
    req.rawJson = text;
    parseJson(req, text, done);
  });
  // The path parameters and the query are decoded from the URL, and only '%00' decodes to NUL:
  // the URL check covers them (a NUL there was always reported as 'url'). A callback hook, not
  // async: nothing to wait for, so no promise per request.
  app.addHook('preValidation', (req: FastifyRequest, _reply, done) => {
    const where = (req.url.includes('%00') || req.url.includes('\u0000') ? 'url' : null) ?? findNul(req.body, 'body');
    done(where ? validationFailed([{ field: where, message: 'chứa ký tự NUL / contains a NUL character' }]) : undefined);
  });
}
