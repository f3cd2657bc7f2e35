import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.js';

/**
 * Input hygiene at the edge (issue 13): text that no field may hold is refused before any route
 * sees it. A NUL (U+0000) cannot be stored in PostgreSQL text (22021), and a lone surrogate
 * (U+D800–U+DFFF without its pair) is not a character at all: it cannot be encoded as UTF-8 and
 * breaks jsonb (22P02). Both are refused with 400 naming the first such field (`body.person.name`,
 * `query.q`, `params.id`, `headers.idempotency-key`), in every route at once, before validation.
 */

// a NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function forbiddenCharacter(s: string): 'nul' | 'lone_surrogate' | null {
  const m = FORBIDDEN.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'nul' : 'lone_surrogate';
}

const MESSAGES = {
  nul: 'Contains a NUL character (U+0000), which no text may hold.',
  lone_surrogate: 'Contains a lone surrogate (an unpaired U+D800–U+DFFF), which is not a character.',
} as const;

const MAX_DEPTH = 64;

/** The first string (or property name) in `value` holding a forbidden character, as a field error. */
export function findForbiddenText(value: unknown, path: string, depth = 0): FieldError | null {
  if (typeof value === 'string') {
    const kind = forbiddenCharacter(value);
    return kind ? { field: path, message: MESSAGES[kind], code: 'invalid_character' } : null;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenText(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const kind = forbiddenCharacter(key);
    // the key itself is not echoed: it is what cannot be shown
    if (kind) return { field: path, message: `A property name ${MESSAGES[kind].charAt(0).toLowerCase()}${MESSAGES[kind].slice(1)}`, code: 'invalid_character' };
    const found = findForbiddenText(v, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export function checkRequestText(req: Pick<FastifyRequest, 'headers' | 'params' | 'query' | 'body'>, residentText = false): FieldError | null {
  return findForbiddenText(req.params, 'params')
    ?? findForbiddenText(req.query, 'query')
    ?? findForbiddenText(req.headers, 'headers')
    ?? (residentText ? null : findForbiddenText(req.body, 'body'));
}

/** One hook for every route: runs after authentication and body parsing, before the schema's validation. */
export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const found = checkRequestText(req, req.routeOptions.config.residentText === true);
    if (found) throw new AppError(400, 'validation_failed', undefined, [found]);
  });
}
