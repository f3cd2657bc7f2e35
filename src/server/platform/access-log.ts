import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AccessAction, AccessSubjectType, DB } from './schema.js';
import type { SessionUser } from './auth/sessions.js';
import { loadConfig, type Config } from './config.js';
import { parseHetu } from '../../domain/hetu.js';

/**
 * A viewing session (ADR 0012): a read is not logged again when the same user read the same
 * subject for the same purpose within this many minutes of their last LOGGED read of it. An open
 * contact view polled every 5 seconds writes 4 rows an hour instead of 720. Creates, updates,
 * exports, prints and deletes are always logged.
 */
export const ACCESS_LOG_SESSION_MINUTES = 15;

// ---------------------------------------------------------------------------------------------
// Keys, kept outside the database
// ---------------------------------------------------------------------------------------------

export interface AccessLogKeys {
  /** HMAC-SHA-256 key of the person hash */
  personKey: Buffer;
  /** the HMAC's inner and outer padded keys, so the database computes the same HMAC from sha256() */
  ipad: Buffer;
  opad: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the checkpoint signing key: printed with each checkpoint, to keep with it */
  publicKeyPem: string;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function keysFrom(personKey: Buffer, privateKey: KeyObject): AccessLogKeys {
  const block = personKey.length > 64 ? createHash('sha256').update(personKey).digest() : personKey;
  const padded = Buffer.concat([block, Buffer.alloc(64 - block.length)]);
  const publicKey = createPublicKey(privateKey);
  return {
    personKey,
    ipad: Buffer.from(padded.map((b) => b ^ 0x36)),
    opad: Buffer.from(padded.map((b) => b ^ 0x5c)),
    privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The access log's keys: from ACCESS_LOG_PERSON_KEY / ACCESS_LOG_SIGNING_KEY; on the embedded
 * database without them, generated once into the data folder (access-log-person.key,
 * access-log-signing-key.pem, mode 0600); otherwise (a PostgreSQL server, or the in-memory test
 * database) derived from SESSION_SECRET, so they stay the same across restarts.
 */
export function resolveAccessLogKeys(config: Config): AccessLogKeys {
  const dataDir = config.database.kind === 'embedded' && config.database.dataDir !== 'memory' ? config.database.dataDir : null;
  const fromFile = (name: string, create: () => string): string => {
    const file = path.join(dataDir!, name);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir!, { recursive: true });
      try {
        fs.writeFileSync(file, create(), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    return fs.readFileSync(file, 'utf8').trim();
  };
  const derive = (label: string) => createHmac('sha256', config.sessionSecret).update(`opastin:${label}`).digest();
  const personKey = config.accessLog.personKey
    ? Buffer.from(config.accessLog.personKey, 'utf8')
    : dataDir ? Buffer.from(fromFile('access-log-person.key', () => randomBytes(32).toString('hex')), 'utf8') : derive('access-log-person-key');
  const pem = config.accessLog.signingKeyPem
    ?? (dataDir ? fromFile('access-log-signing-key.pem', () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) : null);
  const privateKey = pem
    ? createPrivateKey(pem.replace(/\\n/g, '\n'))
    : createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, derive('access-log-signing-key')]), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('ACCESS_LOG_SIGNING_KEY must be an Ed25519 private key.');
  return keysFrom(personKey, privateKey);
}

let configured: AccessLogKeys | null = null;
/** Set once at start-up (buildApp, the admin CLI). */
export function configureAccessLog(keys: AccessLogKeys): void { configured = keys; }
export function accessLogKeys(): AccessLogKeys {
  configured ??= resolveAccessLogKeys(loadConfig());
  return configured;
}

/** The person key of an identity code (normalised to upper case), or null when it is not one. */
export function personKeyOf(hetu: string, keys = accessLogKeys()): string | null {
  const parsed = parseHetu(hetu);
  if (!parsed.valid) return null;
  return createHmac('sha256', keys.personKey).update(parsed.hetu, 'utf8').digest('hex');
}

/** The same HMAC computed by the database from an identity-code expression (null stays null). */
export function personKeySql(hetu: RawBuilder<unknown>, keys = accessLogKeys()): RawBuilder<string | null> {
  return sql<string | null>`encode(sha256(${keys.opad}::bytea || sha256(${keys.ipad}::bytea || convert_to(${hetu}, 'UTF8'))), 'hex')`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The identity code of the person a subject concerns, as a SQL expression (null when none). */
function subjectHetuSql(subjectType: AccessSubjectType, subjectId: string): RawBuilder<unknown> {
  if (subjectType === 'person') {
    const p = parseHetu(subjectId);
    return p.valid ? sql`${p.hetu}::text` : sql`null::text`;
  }
  if (!UUID_RE.test(subjectId)) return sql`null::text`;
  switch (subjectType) {
    case 'contact': return sql`(select person_hetu from contact where id = ${subjectId}::uuid)`;
    case 'referral': return sql`(select coalesce(s.person_hetu, c.person_hetu) from referral r join contact c on c.id = r.contact_id
      left join referral_snapshot s on s.referral_id = r.id where r.id = ${subjectId}::uuid)`;
    case 'consultation': return sql`(select c.person_hetu from consultation k join contact c on c.id = k.contact_id where k.id = ${subjectId}::uuid)`;
    default: return sql`null::text`;
  }
}

/**
 * "Not yet logged in this viewing session": no read row of this user, subject and purpose within
 * ACCESS_LOG_SESSION_MINUTES before `at`. Backed by access_log_actor_subject_idx.
 *
 * Written as a scalar subquery, not `not exists`: the planner turns a correlated `not exists` (a
 * page of subjects) into an anti join that may read every row the user logged in the session and
 * filter them by subject (it did, 25 ms at 40 000 rows, misled by the estimate for the newest
 * rows); a scalar subquery runs per subject as one index look-up by user, type and subject.
 */
export function notLoggedInSession(userId: string, subjectType: AccessSubjectType, subjectId: RawBuilder<unknown>, purpose: string, at: Date): RawBuilder<boolean> {
  return sql<boolean>`(select 1 from access_log p where p.actor_user_id = ${userId}::uuid and p.subject_type = ${subjectType}
    and p.subject_id = ${subjectId} and p.created_at > ${at}::timestamptz - make_interval(mins => ${ACCESS_LOG_SESSION_MINUTES}) and p.created_at <= ${at}::timestamptz
    and p.action = 'read' and p.purpose = ${purpose} limit 1) is null`;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export interface AccessEntry {
  actor: Pick<SessionUser, 'userId' | 'username' | 'countyId'> | { system: string; countyId?: string | null };
  subjectType: AccessSubjectType;
  subjectId: string;
  action: AccessAction;
  purpose: string;
  details?: Record<string, unknown>;
  /** the person key, when the caller knows it (a person search); else derived from the subject */
  personKey?: string | null;
  /** the time of the access (the app's clock); the database's clock when absent */
  at?: Date;
}

async function insertEntry(trx: Kysely<DB> | Transaction<DB>, entry: AccessEntry, session: boolean): Promise<boolean> {
  const actor = entry.actor;
  const userId = 'userId' in actor ? actor.userId : null;
  const at = entry.at ?? new Date();
  const personKey = entry.personKey !== undefined ? sql`${entry.personKey}::text` : personKeySql(subjectHetuSql(entry.subjectType, entry.subjectId));
  const guard = session && userId ? sql`where ${notLoggedInSession(userId, entry.subjectType, sql`${entry.subjectId}::text`, entry.purpose, at)}` : sql``;
  const result = await sql<{ seq: number }>`insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose, details, created_at, person_key)
    select ${actor.countyId ?? null}::uuid, ${userId}::uuid, ${'userId' in actor ? actor.username : `system:${actor.system}`}, ${entry.subjectType}, ${entry.subjectId},
           ${entry.action}, ${entry.purpose}, ${entry.details ? JSON.stringify(entry.details) : null}::jsonb, coalesce(${entry.at ?? null}::timestamptz, now()), ${personKey}
    ${guard}
    returning seq`.execute(trx);
  return result.rows.length > 0;
}

/**
 * Writes one access-log row. Call it with the same transaction that reads or changes the
 * person's data, so the read and its log row commit (or fail) together. The row carries the
 * person key of the subject's person (contact, referral, consultation, person).
 */
export async function logAccess(trx: Kysely<DB> | Transaction<DB>, entry: AccessEntry): Promise<void> {
  await insertEntry(trx, entry, false);
}

/**
 * Logs a read once per viewing session (ACCESS_LOG_SESSION_MINUTES); returns whether a row was
 * written. Two concurrent first reads may both log (each checks before the other commits): an
 * extra row, never a missing one.
 */
export async function logRead(trx: Kysely<DB> | Transaction<DB>, entry: Omit<AccessEntry, 'action'> & { at: Date }): Promise<boolean> {
  return insertEntry(trx, { ...entry, action: 'read' }, true);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Signed checkpoints: the chain anchored outside the table
// ---------------------------------------------------------------------------------------------

/** One signed checkpoint, as exported (a JSON line to keep outside the database). */
export interface AccessLogCheckpoint {
  scope: 'global';
  seq: number;
  hash: string;
  rows: number;
  at: string;
  signature: string;
  publicKey: string;
}

const payloadOf = (c: Pick<AccessLogCheckpoint, 'scope' | 'seq' | 'hash' | 'rows' | 'at'>) =>
  JSON.stringify({ v: 1, scope: c.scope, seq: c.seq, hash: c.hash, rows: c.rows, at: c.at });

/** Signs the chain's head (last seq, its hash, the row count, the time) and stores the checkpoint. */
export async function createAccessLogCheckpoint(db: Kysely<DB>, now: Date, keys = accessLogKeys()): Promise<AccessLogCheckpoint> {
  const head = await sql<{ seq: number | null; hash: string | null; rows: number }>`
    select (select seq from access_log order by seq desc limit 1)::bigint as seq,
           (select hash from access_log order by seq desc limit 1) as hash,
           (select count(*) from access_log)::bigint as rows`.execute(db);
  const h = head.rows[0]!;
  const body = { scope: 'global' as const, seq: Number(h.seq ?? 0), hash: h.hash ?? 'genesis', rows: Number(h.rows), at: now.toISOString() };
  const payload = payloadOf(body);
  const signature = sign(null, Buffer.from(payload, 'utf8'), keys.privateKey).toString('base64');
  await db.insertInto('access_log_checkpoint').values({
    scope: 'global', seq: body.seq, hash: body.hash, row_count: body.rows, signed_at: now, payload, signature, public_key: keys.publicKeyPem,
  }).execute();
  return { ...body, signature, publicKey: keys.publicKeyPem };
}

export async function latestAccessLogCheckpoint(db: Kysely<DB>): Promise<AccessLogCheckpoint | null> {
  const r = await db.selectFrom('access_log_checkpoint').selectAll().orderBy('seq', 'desc').orderBy('signed_at', 'desc').limit(1).executeTakeFirst();
  return r ? { scope: r.scope, seq: Number(r.seq), hash: r.hash, rows: Number(r.row_count), at: r.signed_at.toISOString(), signature: r.signature, publicKey: r.public_key } : null;
}

export type CheckpointProblem = 'bad_signature' | 'rows_missing' | 'hash_differs' | 'row_count_differs';
export interface AccessLogVerification {
  ok: boolean;
  rows: number;
  firstBrokenSeq: number | null;
  checkpoints: number;
  problems: { seq: number; at: string; source: 'stored' | 'given'; problem: CheckpointProblem }[];
}

/**
 * Verifies the chain, and the table against every stored checkpoint and the given ones (from an
 * operator's file): each signature with this installation's public key (a forged or altered
 * checkpoint fails), the row at the checkpoint's seq still there (deleting the newest rows shows)
 * with the signed hash (a row edited and every later hash recomputed shows), and the row count.
 */
export async function verifyAccessLog(db: Kysely<DB>, given: AccessLogCheckpoint[] = [], keys = accessLogKeys()): Promise<AccessLogVerification> {
  const chain = await verifyAccessLogChain(db);
  const stored = (await db.selectFrom('access_log_checkpoint').selectAll().orderBy('seq').execute()).map((r) => ({
    source: 'stored' as const, scope: r.scope, seq: Number(r.seq), hash: r.hash, rows: Number(r.row_count), at: r.signed_at.toISOString(), signature: r.signature, publicKey: r.public_key, payload: r.payload,
  }));
  const all = [...stored, ...given.map((g) => ({ ...g, source: 'given' as const, payload: payloadOf(g) }))];
  const problems: AccessLogVerification['problems'] = [];
  const seqs = [...new Set(all.map((c) => c.seq).filter((s) => s > 0))];
  const found = new Map<number, { hash: string; upto: number }>();
  if (seqs.length) {
    const rows = await sql<{ seq: number; hash: string; upto: number }>`
      select a.seq::bigint as seq, a.hash, (select count(*) from access_log b where b.seq <= a.seq)::bigint as upto
      from access_log a where a.seq = any(${seqs}::bigint[])`.execute(db);
    for (const r of rows.rows) found.set(Number(r.seq), { hash: r.hash, upto: Number(r.upto) });
  }
  for (const c of all) {
    const problem = (p: CheckpointProblem) => problems.push({ seq: c.seq, at: c.at, source: c.source, problem: p });
    let signed = false;
    try {
      signed = c.payload === payloadOf(c) && verify(null, Buffer.from(c.payload, 'utf8'), keys.publicKey, Buffer.from(c.signature, 'base64'));
    } catch {
      signed = false;
    }
    if (!signed) { problem('bad_signature'); continue; }
    if (c.seq === 0) continue;
    const row = found.get(c.seq);
    if (!row) problem('rows_missing');
    else if (row.hash !== c.hash) problem('hash_differs');
    else if (row.upto !== c.rows) problem('row_count_differs');
  }
  return { ok: chain.ok && problems.length === 0, rows: chain.rows, firstBrokenSeq: chain.firstBrokenSeq, checkpoints: all.length, problems };
}

/** Parses checkpoint lines (JSON, one a line) as exported by `access-log checkpoint`. */
export function parseCheckpointLines(text: string): AccessLogCheckpoint[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line, i) => {
    const v = JSON.parse(line) as Partial<AccessLogCheckpoint>;
    if (v.scope !== 'global' || typeof v.seq !== 'number' || typeof v.hash !== 'string' || typeof v.rows !== 'number' || typeof v.at !== 'string' || typeof v.signature !== 'string') {
      throw new Error(`Line ${i + 1} is not an access-log checkpoint.`);
    }
    return { scope: 'global', seq: v.seq, hash: v.hash, rows: v.rows, at: v.at, signature: v.signature, publicKey: v.publicKey ?? '' };
  });
}
