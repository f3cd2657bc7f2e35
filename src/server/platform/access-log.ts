import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccessAction, AccessSubjectType, DB } from './schema.js';
import type { SessionUser } from './auth/sessions.js';

export interface AccessEntry {
  actor: Pick<SessionUser, 'userId' | 'username' | 'countyId'> | { system: string; countyId?: string | null };
  subjectType: AccessSubjectType;
  subjectId: string;
  action: AccessAction;
  purpose: string;
  details?: Record<string, unknown>;
}

/**
 * Writes one access-log row. Call it with the same transaction that reads or changes the
 * person's data, so the read and its log row commit (or fail) together.
 */
export async function logAccess(trx: Kysely<DB> | Transaction<DB>, entry: AccessEntry): Promise<void> {
  const actor = entry.actor;
  await trx
    .insertInto('access_log')
    .values({
      county_id: actor.countyId ?? null,
      actor_user_id: 'userId' in actor ? actor.userId : null,
      actor_label: 'userId' in actor ? actor.username : `system:${actor.system}`,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      action: entry.action,
      purpose: entry.purpose,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

export interface AccessLogRow {
  seq: number;
  at: string;
  actorUserId: string | null;
  actor: string;
  subjectType: AccessSubjectType;
  subjectId: string;
  action: AccessAction;
  purpose: string;
}

export async function accessLogForSubject(db: Kysely<DB>, countyId: string, subjectType: AccessSubjectType, subjectId: string, limit = 500): Promise<AccessLogRow[]> {
  const rows = await db
    .selectFrom('access_log')
    .select(['seq', 'created_at', 'actor_user_id', 'actor_label', 'subject_type', 'subject_id', 'action', 'purpose'])
    .where('county_id', '=', countyId)
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.created_at.toISOString(),
    actorUserId: r.actor_user_id,
    actor: r.actor_label,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    action: r.action,
    purpose: r.purpose,
  }));
}

/** Recomputes the hash chain in the database; returns the first row whose hash or link is wrong. */
export async function verifyAccessLogChain(db: Kysely<DB>): Promise<{ ok: boolean; rows: number; firstBrokenSeq: number | null }> {
  const result = await sql<{ rows: number; first_broken: number | null }>`
    with chain as (
      select seq, hash, prev_hash,
             lag(hash) over (order by seq) as expected_prev,
             lag(seq) over (order by seq) as prev_seq,
             access_log_row_hash(prev_hash, a) as recomputed
      from access_log a
    )
    select count(*)::int as rows,
           min(seq) filter (where hash <> recomputed
                              or prev_hash <> coalesce(expected_prev, 'genesis')
                              or seq <> coalesce(prev_seq, 0) + 1)::int as first_broken
    from chain`.execute(db);
  const row = result.rows[0]!;
  return { ok: row.first_broken === null, rows: row.rows, firstBrokenSeq: row.first_broken };
}
