/** A small fetch wrapper: JSON in and out, problem+json turned into ApiError, CSRF token on mutations. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string; code?: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface ApiInit {
  method?: string;
  body?: unknown;
  lang?: string;
  /** Sent as Idempotency-Key: a retry of the same submission (double click, network error) has no second effect. */
  idempotencyKey?: string;
}

/**
 * One request. `T` is the route's response as the server declares it: `z.infer` of the server's
 * own schema, imported with `import type` (e.g. `api<QueueResponse>('/api/contacts')`, types from
 * contacts.schemas.ts), never a hand-written copy, so that a server-side rename fails the
 * typecheck. The server validates every response against that schema before sending it
 * (fastify-type-provider-zod's serializer), so the browser does not parse it again: no zod in the
 * bundles, and an acute alert is never lost to a client-side parse.
 */
export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.lang) headers['accept-language'] = init.lang;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network', title: '' });
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const problem = (body ?? { status: res.status, code: 'internal', title: res.statusText }) as Problem;
    throw new ApiError(problem);
  }
  return body as T;
}

/** The sentence to show for a failed request: the server's title and detail, else the fallback. */
export function problemMessage(err: unknown, fallback: string): string {
  if (!(err instanceof ApiError) || !err.problem.title) return fallback;
  return [err.problem.title, err.problem.detail].filter(Boolean).join(' ');
}

/**
 * Field errors keyed by the field's path without its location: `body.person.hetu` → `person.hetu`,
 * so a form can show each message beside its own field, in the reader's language when the server
 * gave a stable `code` (`translate` returns undefined for a code it does not know).
 */
export function fieldErrors(err: unknown, translate: (code: string) => string | undefined = () => undefined): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of err.problem.errors ?? []) {
    out[e.field.replace(/^(body|querystring|params|headers)\.?/, '')] ??= (e.code && translate(e.code)) || e.message;
  }
  return out;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
