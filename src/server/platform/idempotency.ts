import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';
import { AppError } from './errors.js';

/**
 * Runs a mutation at most once per `Idempotency-Key`: the result is stored in the same
 * transaction as the effect, and a retry (same key, same request) gets the stored answer.
 * Without the header the mutation simply runs on `db` (it opens a transaction itself if it needs
 * one). Two concurrent first attempts: the unique key lets one commit; the other's transaction
 * rolls back and it returns the winner's answer.
 */
export async function idempotent<T>(
  db: Kysely<DB>,
  req: FastifyRequest,
  scope: string,
  work: (db: Kysely<DB>) => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  const raw = req.headers['idempotency-key'];
  const key = typeof raw === 'string' ? raw.trim() : undefined;
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw new AppError(400, 'validation_failed', undefined, [{ field: 'headers.idempotency-key', message: 'must be 1–200 characters' }]);
  }
  if (!key) return { ...(await work(db)), replayed: false };

  const fullScope = `${scope}:${req.user?.userId ?? 'public'}`;
  const hash = createHash('sha256').update(JSON.stringify({ url: req.url, body: req.body ?? null })).digest('hex');
  const stored = () => db.selectFrom('idempotent_request').select(['request_hash', 'status_code', 'response']).where('scope', '=', fullScope).where('key', '=', key).executeTakeFirst();
  const replay = (row: { request_hash: string; status_code: number; response: unknown }) => {
    if (row.request_hash !== hash) throw new AppError(422, 'idempotency_key_reused');
    return { status: row.status_code, body: row.response as T, replayed: true };
  };

  const existing = await stored();
  if (existing) return replay(existing);
  try {
    const result = await db.transaction().execute(async (trx: Transaction<DB>) => {
      const r = await work(trx);
      await trx.insertInto('idempotent_request').values({ scope: fullScope, key, request_hash: hash, status_code: r.status, response: JSON.stringify(r.body) }).execute();
      return r;
    });
    return { ...result, replayed: false };
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      const winner = await stored();
      if (winner) return replay(winner);
    }
    throw err;
  }
}

/** Sends an `idempotent` result: its status and body, and whether it was a replay (header `idempotent-replay`). */
export function sendIdempotent<T>(reply: FastifyReply, result: { status: number; body: T; replayed: boolean }) {
  return reply.code(result.status).header('idempotent-replay', String(result.replayed)).send(result.body);
}
