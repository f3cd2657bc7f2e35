/**
 * The queue and the search (issue 14): `GET /api/contacts`, one page with its total.
 *
 * Without `q` it is the queue: open contacts (or closed ones alone), acute first, then by the
 * promise, urgency and arrival (the order of `contact_open_queue_idx`). With `q` it is a search
 * over open and closed contacts, interpreted in this order: a reference (exact), an identity code,
 * a phone number (any formatting), else words: every word somewhere in the names (the person's,
 * the caller's), the note or the resident's message (one trigram index, migration 0014), newest
 * first; `match` says whether the words were a name.
 *
 * Privacy: the queue's preview of an identified contact is a read of the person's data, logged
 * once per viewing session (purpose `queue_preview`); every identified contact a search returns is
 * logged (action `search`, purpose `client_guidance`), as the deliberate look-up it is. Both are one
 * insert…select per page. The query text itself is never logged or stored.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ContactStatus, DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { notLoggedInSession, personKeySql } from '../../platform/access-log.js';
import { addDays, helsinkiDate } from '../../../domain/local-date.js';
import { parseHetu } from '../../../domain/hetu.js';
import { normalisePhone } from '../../../domain/personal-data.js';
import { loadCountyCodes } from './contacts.service.js';
import { REFERENCE_PATTERN } from './contacts.domain.js';
import { LIST_TOTAL_CAP, SEARCH_TOTAL_CAP, type QueueItem, type QueueResponse } from './contacts.schemas.js';

export interface QueuePageQuery {
  line?: string;
  region?: string;
  channel?: string;
  status?: ContactStatus[];
  mine?: boolean;
  overdue?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

export type SearchMatch = NonNullable<QueueItem['match']>;
export const PREVIEW_MAX_CHARS = 140;
/** The shortest word a text or name search accepts (a trigram needs three characters). */
export const SEARCH_MIN_CHARS = 3;
const MAX_WORDS = 8;
const OPEN = ['new', 'in_progress', 'waiting'] as const;

/**
 * The first non-empty line of the resident's words, trimmed, at most 140 characters (the 140th an
 * ellipsis when cut). Null when there are none.
 */
export function previewOf(message: string | null | undefined): string | null {
  if (!message) return null;
  const line = message.split(/\r\n|\r|\n/).map((l) => l.trim()).find((l) => l.length > 0);
  if (!line) return null;
  const chars = [...line];
  return chars.length <= PREVIEW_MAX_CHARS ? line : `${chars.slice(0, PREVIEW_MAX_CHARS - 1).join('').trimEnd()}…`;
}

type Interpretation =
  | { kind: 'queue' }
  | { kind: 'reference'; references: string[] }
  | { kind: 'hetu'; hetu: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'words'; patterns: string[]; tooShort: boolean };

/** Escapes LIKE's wildcards so that a word matches as typed. */
const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Reads the query text: reference candidates, then an identity code, a phone number or words. */
export function interpret(q: string | undefined): Exclude<Interpretation, { kind: 'queue' | 'reference' }> & { references: string[] } | { kind: 'queue' } {
  if (q === undefined) return { kind: 'queue' };
  const raw = q.trim();
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  // a reference is "K7Q-4MX2" (REFERENCE_PATTERN): typed in any case, with spaces, or without its
  // dash; only a string of that shape is looked up as one, so a name or a word costs no extra query
  const dashed = /^[A-Z0-9]{7}$/.test(compact) ? `${compact.slice(0, 3)}-${compact.slice(3)}` : compact;
  const references = REFERENCE_PATTERN.test(dashed) ? [dashed] : [];
  // neither can be a reference (no reference is 11 characters long, none has 0 or 1): no look-up for one
  const hetu = parseHetu(compact);
  if (hetu.valid) return { kind: 'hetu', hetu: hetu.hetu, references: [] };
  const phone = /^[+0-9\s\-()]+$/.test(raw) ? normalisePhone(raw) : null;
  if (phone) return { kind: 'phone', phone, references: [] };
  const words = [...new Set(raw.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
  // a trigram needs three characters: shorter words alone would read every row
  return { kind: 'words', patterns: words.map(likeWord), tooShort: !words.some((w) => [...w].length >= SEARCH_MIN_CHARS), references };
}

type ContactQuery = SelectQueryBuilder<DB, 'contact', object>;
type Eb = ExpressionBuilder<DB, 'contact'>;

const identified = (eb: Eb) => eb.and([eb('contact.anonymous', '=', false), eb('contact.personal_data_erased_at', 'is', null)]);

/**
 * The searchable text of a contact: the person's and the caller's names, the note and the
 * resident's message, lower-cased. The expression and the predicate of `contact_search_idx`
 * (migration 0014), text for text: the planner uses the index only for the same expression.
 * Names exist only on identified contacts whose data are not erased (database constraints), so a
 * match in them needs no further condition.
 */
export const CONTACT_SEARCH_DOCUMENT = sql<string>`lower(coalesce(contact.person_name, '') || ' ' || coalesce(contact.caller_name, '') || ' ' || coalesce(contact.note, '') || ' ' || coalesce(contact.resident_message, ''))`;
export const CONTACT_SEARCH_PREDICATE = sql<SqlBool>`(contact.person_name is not null or contact.caller_name is not null or contact.note is not null or contact.resident_message is not null)`;

/** Every word somewhere in the contact's searchable text (one trigram index scan). */
function wordsMatch(eb: Eb, patterns: string[]): Expression<SqlBool> {
  return eb.and([CONTACT_SEARCH_PREDICATE, ...patterns.map((p) => eb(CONTACT_SEARCH_DOCUMENT, 'like', p))]);
}

/** For the page's rows: every word in the person's name or every word in the caller's name. */
function nameMatch(eb: Eb, patterns: string[]): Expression<SqlBool> {
  const all = (column: 'person_name' | 'caller_name') => eb.and([
    eb(`contact.${column}`, 'is not', null),
    ...patterns.map((p) => eb(sql`lower(contact.${sql.ref(column)})`, 'like', p)),
  ]);
  return eb.and([identified(eb), eb.or([all('person_name'), all('caller_name')])]);
}

/**
 * The windows a word search widens through when more than SEARCH_TOTAL_CAP contacts match: the
 * newest matches are in the last month for a common word, so only those rows are read (the day
 * received is the first column of the search index); a page the window cannot fill is asked again
 * of the next. The order is by the day received first, so a window's matches are exactly the
 * newest of all matches and a full page from it is the page over all of them.
 */
const SEARCH_WINDOW_DAYS = [31, 366] as const;

/**
 * One page of the queue or of a search, with its total (counted up to LIST_TOTAL_CAP; a search and
 * the closed contacts up to SEARCH_TOTAL_CAP) and the
 * access-log rows of what it shows of people's data.
 */
export async function queuePage(db: Kysely<DB>, user: SessionUser, f: QueuePageQuery, now: Date): Promise<QueueResponse> {
  const it = interpret(f.q);
  const searching = it.kind !== 'queue';
  if (!searching && f.status && f.status.length > 1 && f.status.includes('closed')) {
    throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.status', message: 'Closed contacts are listed on their own; ask for status=closed alone.', code: 'invalid' }]);
  }
  const codes = await loadCountyCodes(db, user.countyId);
  const lineId = f.line ? codes.lines.get(f.line)?.id ?? [...codes.lineCodeById].find(([, code]) => code === f.line)?.[0] : undefined;
  const regionId = f.region ? codes.regions.get(f.region) : undefined;
  const unknown = [
    ...(f.line && !lineId ? [{ field: 'querystring.line', message: `Unknown phone line "${f.line}".`, code: 'unknown_code' as const }] : []),
    ...(f.region && !regionId ? [{ field: 'querystring.region', message: `Unknown region "${f.region}".`, code: 'unknown_code' as const }] : []),
  ];
  if (unknown.length) throw new AppError(400, 'unknown_code', undefined, unknown);

  const today = helsinkiDate(now);
  const closedOnly = !searching && f.status?.length === 1 && f.status[0] === 'closed';
  // the filters every page and its count share
  const filtered = (): ContactQuery => {
    let q: ContactQuery = db.selectFrom('contact').where('contact.county_id', '=', user.countyId);
    // statuses as literals: the planner can then prove a partial index (open or closed) usable for
    // a prepared statement's cached plan too. A search covers every status unless asked.
    const statuses = f.status?.length ? f.status : searching ? null : OPEN;
    if (statuses) q = q.where('contact.status', 'in', statuses.map((s) => sql.lit(s)));
    if (lineId) q = q.where('contact.phone_line_id', '=', lineId);
    if (regionId) q = q.where('contact.region_id', '=', regionId);
    if (f.channel) q = q.where('contact.channel', '=', f.channel);
    if (f.mine) q = q.where('contact.assigned_user_id', '=', user.userId);
    // overdue: the promised day passed and the person has not been reached (a claim is not a reach)
    if (f.overdue) q = q.where('contact.respond_by', '<', today).where('contact.reached_at', 'is', null).where('contact.status', '<>', sql.lit('closed'));
    return q;
  };

  const cap = searching || closedOnly ? SEARCH_TOTAL_CAP : LIST_TOTAL_CAP;
  const whereOf = (kind: Interpretation): ((q: ContactQuery) => ContactQuery) => {
    if (kind.kind === 'reference') return (q) => q.where('contact.reference', 'in', kind.references);
    // an identity code or a phone number finds identified contacts only: an anonymous one holds none
    if (kind.kind === 'hetu') return (q) => q.where('contact.person_hetu', '=', kind.hetu).where(identified);
    if (kind.kind === 'phone') {
      return (q) => q.where((eb) => eb.or([
        eb('contact.person_phone', '=', kind.phone), eb('contact.caller_phone', '=', kind.phone), eb('contact.caller_number', '=', kind.phone),
      ])).where(identified);
    }
    if (kind.kind === 'words') return (q) => q.where((eb) => wordsMatch(eb, kind.patterns));
    return (q) => q;
  };
  // the total: counted over at most cap + 1 rows, so a broad filter or a common word stays cheap
  const countOf = async (kind: Interpretation) => {
    const counted = await db.selectFrom(whereOf(kind)(filtered()).select(sql.lit(1).as('one')).limit(cap + 1).as('t'))
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(counted.n);
  };
  // one page; `since` keeps a search to the contacts received on or after that day (its window)
  const pageOf = async (kind: Interpretation, since?: string) => {
    let base = whereOf(kind)(filtered());
    if (since) base = base.where('contact.received_on', '>=', since);
    const selected = base.select((eb) => [
      'contact.id', 'contact.reference', 'contact.channel', 'contact.status', 'contact.waiting_reason', 'contact.urgency', 'contact.received_at', 'contact.respond_by',
      'contact.closed_at', 'contact.anonymous', 'contact.main_reason', 'contact.service_area', 'contact.contactor', 'contact.phone_line_id', 'contact.region_id',
      'contact.assigned_user_id', 'contact.legal_deadline', 'contact.legal_basis', 'contact.notification_kind', 'contact.reached_at', 'contact.urgency_rank',
      'contact.acute', 'contact.acute_reasons', 'contact.acute_trigger_words', 'contact.received_on', 'contact.guidance_level',
      sql<boolean>`contact.caller_number is not null or contact.person_phone is not null`.as('has_callback_number'),
      sql<boolean>`contact.anonymous = false and contact.personal_data_erased_at is null`.as('identified'),
      // enough of the message for its first line; the rest never leaves the database
      sql<string | null>`left(ltrim(contact.resident_message, chr(32) || chr(9) || chr(10) || chr(13)), 600)`.as('message_head'),
      ...(searching ? [sql<string | null>`case when contact.anonymous = false and contact.personal_data_erased_at is null then contact.person_name end`.as('person_name')] : []),
      // a word search's row matched in a name (0) or only in the note or message (1)
      (kind.kind === 'words' ? sql<number>`case when ${nameMatch(eb, kind.patterns)} then 0 else 1 end` : sql<number>`0`).as('match_rank'),
    ]);
    // a search: newest first, by the day received first (the search index's first column)
    const ordered = searching
      ? selected.orderBy('contact.received_on', 'desc').orderBy('contact.received_at', 'desc').orderBy('contact.id', 'desc')
      : closedOnly
        ? selected.orderBy('contact.closed_at', 'desc').orderBy('contact.id')
        : selected.orderBy('contact.acute', 'desc').orderBy('contact.respond_by').orderBy('contact.urgency_rank').orderBy('contact.received_at').orderBy('contact.id');
    const page = ordered.limit(f.limit).offset(f.offset);
    const joined = db.selectFrom(page.as('c')).leftJoin('app_user as u', 'u.id', 'c.assigned_user_id').selectAll('c').select('u.display_name as assigned_name');
    return (searching
      ? joined.orderBy('c.received_on', 'desc').orderBy('c.received_at', 'desc').orderBy('c.id', 'desc')
      : closedOnly
        ? joined.orderBy('c.closed_at', 'desc').orderBy('c.id')
        : joined.orderBy('c.acute', 'desc').orderBy('c.respond_by').orderBy('c.urgency_rank').orderBy('c.received_at').orderBy('c.id')).execute();
  };
  const run = async (kind: Interpretation) => {
    if (kind.kind !== 'words') {
      const [rows, count] = await Promise.all([pageOf(kind), countOf(kind)]);
      return { rows, count };
    }
    // a word search: count first. Up to the cap, the page reads the matches the count just read;
    // past it, the word is common and the newest window that fills the page is read instead.
    const count = await countOf(kind);
    if (count > cap) {
      for (const days of SEARCH_WINDOW_DAYS) {
        const rows = await pageOf(kind, addDays(today, -days));
        if (rows.length === f.limit) return { rows, count };
      }
    }
    return { rows: await pageOf(kind), count };
  };

  let result: Awaited<ReturnType<typeof run>> | null = null;
  let matched: SearchMatch | null = null;
  if (it.kind !== 'queue' && it.references.length) {
    const byReference = await run({ kind: 'reference', references: it.references });
    if (byReference.count > 0) { result = byReference; matched = 'reference'; }
  }
  if (!result) {
    if (it.kind === 'queue') result = await run(it);
    else if (it.kind === 'hetu' || it.kind === 'phone') { result = await run(it); matched = it.kind; }
    else if (it.kind === 'words') {
      if (it.tooShort) {
        throw new AppError(400, 'validation_failed', undefined, [{
          field: 'querystring.q', code: 'invalid',
          message: `Search with at least ${SEARCH_MIN_CHARS} characters in one word, or a whole reference, phone number or identity code.`,
        }]);
      }
      result = await run(it);
    }
    else throw new Error('unreachable');
  }
  const { rows, count } = result;
  const matchOf = (rank: number): SearchMatch | null => (!searching ? null : matched ?? (Number(rank) === 0 ? 'name' : 'text'));

  const items: QueueItem[] = rows.map((r) => ({
    id: r.id, reference: r.reference, channel: r.channel, status: r.status, waitingReason: r.waiting_reason, urgency: r.urgency,
    receivedAt: r.received_at.toISOString(), respondBy: r.respond_by,
    overdue: r.status !== 'closed' && !r.reached_at && r.respond_by < today, dueToday: r.status !== 'closed' && !r.reached_at && r.respond_by === today,
    reached: r.reached_at !== null, urgencyAssessmentDue: r.notification_kind === 'child_welfare' && r.status !== 'closed' && r.reached_at === null && r.assigned_user_id === null,
    anonymous: r.anonymous, mainReason: r.main_reason, serviceArea: r.service_area, contactor: r.contactor,
    line: r.phone_line_id ? codes.lineCodeById.get(r.phone_line_id) ?? null : null, region: r.region_id ? codes.regionCodeById.get(r.region_id) ?? null : null,
    assignedTo: r.assigned_user_id ? { id: r.assigned_user_id, name: r.assigned_name ?? '' } : null, hasCallbackNumber: r.has_callback_number, guidanceLevel: r.guidance_level as 1 | 2 | 3,
    legalDeadline: r.legal_deadline, legalBasis: r.legal_basis, notificationKind: r.notification_kind,
    preview: previewOf(r.message_head),
    personName: searching ? ((r as { person_name?: string | null }).person_name ?? null) : null,
    match: matchOf(r.match_rank),
    acute: r.acute, acuteReasons: r.acute_reasons, acuteTriggerWords: r.acute_trigger_words,
  }));

  // the access log: what this page shows of identified people, in one statement
  if (searching) {
    const ids = rows.filter((r) => r.identified).map((r) => r.id);
    if (ids.length) await logShown(db, user, ids, 'search', 'client_guidance', now, false);
  } else {
    const ids = rows.filter((r) => r.identified && previewOf(r.message_head) !== null).map((r) => r.id);
    if (ids.length) await logShown(db, user, ids, 'read', 'queue_preview', now, true);
  }

  return {
    items, total: Math.min(count, cap), totalCapped: count > cap, offset: f.offset, limit: f.limit, serverTime: now.toISOString(),
  };
}

/**
 * Logs the contacts a page showed, one row each with the person key: a read (the preview) once per
 * viewing session, a search every time. Identified, not erased contacts of the user's county only.
 */
async function logShown(db: Kysely<DB>, user: SessionUser, ids: string[], action: 'read' | 'search', purpose: string, now: Date, oncePerSession: boolean): Promise<void> {
  await sql`insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose, created_at, person_key)
    select c.county_id, ${user.userId}::uuid, ${user.username}, 'contact', c.id::text, ${action}, ${purpose}, ${now}::timestamptz, ${personKeySql(sql`c.person_hetu`)}
    from contact c
    where c.id = any(${ids}::uuid[]) and c.county_id = ${user.countyId}::uuid and c.anonymous = false and c.personal_data_erased_at is null
      ${oncePerSession ? sql`and ${notLoggedInSession(user.userId, 'contact', sql`c.id::text`, purpose, now)}` : sql``}
    order by c.id`.execute(db);
}
