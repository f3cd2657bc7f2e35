/**
 * Client feedback (issue 16). A closed contact in a channel that asks for it (a chat's end, the web
 * form's receipt) gets a one-time invite: its token is derived from the contact under the
 * installation's secret (so the same token can be shown again, e.g. when a resident reloads the
 * chat) and only its hash is stored. The answer is stored with the channel, the line and the day:
 * no contact id, no invite id, no moment (created_at is the day), so nothing joins it back to a
 * contact or a person. The invite (which knows the contact) is deleted with the contact.
 */
import { createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { AppError } from '../../platform/errors.js';
import { tx } from '../../platform/tx.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { FEEDBACK_INVITE_DAYS } from '../../../domain/retention.js';
import type { FeedbackComments, FeedbackFigures, FeedbackInput } from './feedback.schemas.js';

type Db = Kysely<DB> | Transaction<DB>;


const tokenOf = (secret: string, contactId: string) => createHmac('sha256', secret).update(`opastin:feedback:${contactId}`).digest('base64url');
const hashOf = (secret: string, token: string) => createHmac('sha256', secret).update(`opastin:feedback-token:${token}`).digest('base64url');

/**
 * The contact's feedback token, creating its invite on first use; null when the county does not
 * ask for feedback or the feedback was already given.
 */
export async function issueFeedbackToken(db: Db, p: { countyId: string; contactId: string; secret: string; now: Date }): Promise<string | null> {
  const county = await db.selectFrom('county').select('feedback_enabled').where('id', '=', p.countyId).executeTakeFirst();
  if (!county?.feedback_enabled) return null;
  const token = tokenOf(p.secret, p.contactId);
  await db.insertInto('feedback_invite').values({
    county_id: p.countyId, contact_id: p.contactId, token_hash: hashOf(p.secret, token), expires_at: new Date(p.now.getTime() + FEEDBACK_INVITE_DAYS * 86_400_000),
    // the statistics count invites by created_at: the request's time, as every other figure, not the database's clock
    created_at: p.now, updated_at: p.now,
  }).onConflict((oc) => oc.column('contact_id').doNothing()).execute();
  const invite = await db.selectFrom('feedback_invite').select('used_at').where('contact_id', '=', p.contactId).executeTakeFirst();
  return invite && !invite.used_at ? token : null;
}

/** Stores a resident's feedback: once per invite, within its days. */
export async function giveFeedback(db: Kysely<DB>, secret: string, input: FeedbackInput, now: Date): Promise<void> {
  if (input.website && input.website.trim() !== '') throw new AppError(400, 'automated_submission');
  await tx(db, async (trx) => {
    const invite = await trx.selectFrom('feedback_invite as f').innerJoin('contact as c', 'c.id', 'f.contact_id')
      .select(['f.id', 'f.county_id', 'f.expires_at', 'f.used_at', 'c.channel', 'c.phone_line_id'])
      .where('f.token_hash', '=', hashOf(secret, input.token)).forUpdate('f').executeTakeFirst();
    if (!invite) throw new AppError(404, 'feedback_not_found');
    if (invite.used_at) throw new AppError(409, 'feedback_already_given');
    if (invite.expires_at <= now) throw new AppError(410, 'feedback_expired');
    await trx.updateTable('feedback_invite').set({ used_at: now }).where('id', '=', invite.id).execute();
    const day = helsinkiDate(now);
    await trx.insertInto('feedback').values({
      county_id: invite.county_id, channel: invite.channel, phone_line_id: invite.phone_line_id, given_on: day, lang: input.lang,
      score: input.score, text: input.text ? input.text : null, created_at: sql`${day}::date::timestamptz`, updated_at: sql`${day}::date::timestamptz`,
    }).execute();
  });
}

/** from inclusive, to exclusive (the statistics' PeriodRange) */
interface Range { from: string; to: string }

const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** The period's feedback figures beside the same dates a year earlier. */
export async function feedbackFigures(db: Db, countyId: string, period: Range, previous: Range): Promise<FeedbackFigures> {
  const rows = await sql<{ channel: string; line: string | null; score: number; n: number; with_text: number }>`
    select f.channel, l.code as line, f.score, count(*)::int as n, count(f.text)::int as with_text
    from feedback f left join phone_line l on l.id = f.phone_line_id
    where f.county_id = ${countyId} and f.given_on >= ${period.from}::date and f.given_on < ${period.to}::date
    group by 1, 2, 3`.execute(db);
  const prev = await sql<{ n: number; mean: number | null }>`
    select count(*)::int as n, avg(score)::float8 as mean from feedback
    where county_id = ${countyId} and given_on >= ${previous.from}::date and given_on < ${previous.to}::date`.execute(db);
  const invited = await sql<{ n: number }>`
    select count(*)::int as n from feedback_invite
    where county_id = ${countyId} and created_at >= ${period.from}::date::timestamptz and created_at < ${period.to}::date::timestamptz`.execute(db);
  const sum = (list: typeof rows.rows) => {
    const count = list.reduce((a, r) => a + r.n, 0);
    return { count, meanScore: count ? round2(list.reduce((a, r) => a + r.score * r.n, 0) / count) : null };
  };
  const group = <K extends string | null>(key: (r: (typeof rows.rows)[number]) => K) => {
    const m = new Map<K, typeof rows.rows>();
    for (const r of rows.rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return [...m.entries()].map(([k, list]) => ({ k, ...sum(list) })).sort((a, b) => b.count - a.count || String(a.k ?? '~').localeCompare(String(b.k ?? '~')));
  };
  const p = prev.rows[0]!;
  return {
    ...sum(rows.rows),
    previousYear: { count: Number(p.n), meanScore: round2(p.mean === null ? null : Number(p.mean)) },
    invited: Number(invited.rows[0]!.n),
    byScore: [1, 2, 3, 4, 5].map((score) => ({ score, count: rows.rows.filter((r) => r.score === score).reduce((a, r) => a + r.n, 0) })),
    byChannel: group((r) => r.channel).map(({ k, ...v }) => ({ channel: k, ...v })),
    byLine: group((r) => r.line).map(({ k, ...v }) => ({ line: k, ...v })),
    withText: rows.rows.reduce((a, r) => a + r.with_text, 0),
  };
}

/** The free texts of a period: month, channel, line, score, language and the text. Nothing else. */
export async function feedbackComments(db: Db, countyId: string, q: { from: string; to: string; channel?: string; line?: string; limit: number; offset: number }): Promise<FeedbackComments> {
  let base = db.selectFrom('feedback as f').leftJoin('phone_line as l', 'l.id', 'f.phone_line_id')
    .where('f.county_id', '=', countyId).where('f.given_on', '>=', q.from).where('f.given_on', '<=', q.to).where('f.text', 'is not', null);
  if (q.channel) base = base.where('f.channel', '=', q.channel);
  if (q.line) base = base.where('l.code', '=', q.line);
  const [rows, total] = await Promise.all([
    // newest month first; within a month in a fixed order that is not the order of giving (the id is random)
    base.select(['f.given_on', 'f.channel', 'l.code as line', 'f.score', 'f.lang', 'f.text'])
      .orderBy(sql`date_trunc('month', f.given_on)`, 'desc').orderBy('f.id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ month: String(r.given_on).slice(0, 7), channel: r.channel, line: r.line, score: r.score, lang: r.lang, text: r.text ?? '' })),
    total: Number(total.n),
  };
}
