import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { logAccess, logRead } from '../../platform/access-log.js';
import { insertContactEvent } from '../contacts/public.js';
import { addDays, helsinkiDate } from '../../../domain/local-date.js';
import { LIST_TOTAL_CAP } from '../contacts/contacts.schemas.js';
import { isOverdue } from '../../../domain/referral.js';
import {
  answerProblems, attemptsSinceReached, batteryProblems, closeError, flagsOf, followUpDateError, guidanceSignals, levelChangeError, nextOutreachDay,
  MEETING_ANSWERS_TRIGGERS_DAYS, REPEAT_PROPOSAL_DAYS,
  type Answer, type BatteryQuestion, type CaseOutcome, type GuidanceLevel, type OutreachResult,
} from '../../../domain/guidance.js';
import type { z } from 'zod';
import type {
  assessmentInputSchema, batteryInputSchema, caseLevelSchema, caseListQuerySchema, followUpInputSchema, followUpListQuerySchema, levelChangeSchema,
  meetingInputSchema, meetingRecordSchema, outreachInputSchema, planInputSchema, anchoredInputSchema, closeCaseSchema, followUpDoneSchema,
  Battery, ContactGuidance, FollowUp, GuidanceCase, GuidanceOverview, PersonPage, CaseListItem,
} from './guidance.schemas.js';

/**
 * Guidance levels 2 and 3 (issue 17; contract guidance.schemas.ts, rules src/domain/guidance.ts).
 * The feature owns question_battery, guidance_case and what hangs on a case (assessments, plans,
 * follow-ups, outreach attempts, meetings); the contact's `guidance_level` and `guidance_case_id`
 * are written here too, as the level is this feature's rule.
 */
type Db = Kysely<DB> | Transaction<DB>;
const DAY = 86_400_000;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

// ——— batteries ———

interface BatteryRow { id: string; code: string; version: number; area: string; title: { fi: string; sv: string; en: string }; questions: BatteryQuestion[]; created_at: Date; current: boolean; answered: number }

async function batteryRows(db: Db, countyId: string, opts: { all?: boolean; id?: string }): Promise<BatteryRow[]> {
  const r = await sql<BatteryRow>`
    select b.id, b.code, b.version, b.area, b.title, b.questions, b.created_at,
      b.version = (select max(x.version) from question_battery x where x.county_id = b.county_id and x.code = b.code) as current,
      (select count(*) from guidance_assessment a where a.battery_id = b.id)::int as answered
    from question_battery b
    where b.county_id = ${countyId}::uuid ${opts.id ? sql`and b.id = ${opts.id}::uuid` : sql``}
    order by b.code, b.version desc`.execute(db);
  return r.rows.filter((b) => opts.all || opts.id || b.current);
}
const batteryOut = (b: BatteryRow): Battery => ({
  id: b.id, code: b.code, version: b.version, area: b.area as Battery['area'], title: b.title, questions: b.questions as Battery['questions'],
  current: b.current, createdAt: new Date(b.created_at).toISOString(), answered: Number(b.answered),
});

export async function listBatteries(db: Db, countyId: string, all: boolean) {
  const items = (await batteryRows(db, countyId, { all })).map(batteryOut);
  return { items, total: items.length };
}

export async function getBattery(db: Db, countyId: string, id: string): Promise<Battery> {
  const [b] = await batteryRows(db, countyId, { id });
  if (!b) throw new AppError(404, 'not_found');
  return batteryOut(b);
}

/** A new version of a battery (or version 1 of a new code). The earlier versions stay as they were. */
export async function createBatteryVersion(db: Kysely<DB>, user: SessionUser, input: z.infer<typeof batteryInputSchema>): Promise<Battery> {
  const problems = batteryProblems(input.questions as BatteryQuestion[]);
  if (problems.length) throw new AppError(400, 'validation_failed', undefined, problems.map((p) => ({ field: p.field, code: 'invalid', message: p.message })));
  const id = await db.transaction().execute(async (trx) => {
    // one writer per county and code at a time: versions are gapless
    await sql`select pg_advisory_xact_lock(hashtext(${`battery:${user.countyId}:${input.code}`}))`.execute(trx);
    const last = await trx.selectFrom('question_battery').select((eb) => eb.fn.max('version').as('v')).where('county_id', '=', user.countyId).where('code', '=', input.code).executeTakeFirst();
    const row = await trx.insertInto('question_battery').values({
      county_id: user.countyId, code: input.code, version: Number(last?.v ?? 0) + 1, area: input.area, title: JSON.stringify(input.title),
      questions: JSON.stringify(input.questions), created_by_user_id: user.userId,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
  return getBattery(db, user.countyId, id);
}

// ——— the person of a contact ———

interface ContactRow { id: string; county_id: string; anonymous: boolean; personal_data_erased_at: Date | null; person_hetu: string | null; person_phone: string | null; person_name: string | null; person_birth_date: string | null; guidance_level: number; guidance_case_id: string | null; received_on: string; triggers: string[]; status: string }

async function contactRow(db: Db, countyId: string, id: string, lock = false): Promise<ContactRow> {
  let q = db.selectFrom('contact').select(['id', 'county_id', 'anonymous', 'personal_data_erased_at', 'person_hetu', 'person_phone', 'person_name', 'person_birth_date', 'guidance_level', 'guidance_case_id', 'received_on', 'triggers', 'status'])
    .where('id', '=', id).where('county_id', '=', countyId);
  if (lock) q = q.forUpdate();
  const c = await q.executeTakeFirst();
  if (!c) throw new AppError(404, 'not_found');
  return c as ContactRow;
}
const identified = (c: ContactRow) => !c.anonymous && c.personal_data_erased_at === null && (c.person_hetu !== null || c.person_phone !== null);
/**
 * The SQL condition "contact x is this person": the identity code; without one, the phone number
 * and the name (a shared family phone or a shelter's line is not one person: the names must agree,
 * case aside, or both be missing).
 */
const samePerson = (c: ContactRow, alias: string) => c.person_hetu !== null
  ? sql`${sql.ref(`${alias}.person_hetu`)} = ${c.person_hetu}`
  : sql`${sql.ref(`${alias}.person_hetu`)} is null and ${sql.ref(`${alias}.person_phone`)} = ${c.person_phone}
      and lower(coalesce(${sql.ref(`${alias}.person_name`)}, '')) = lower(${c.person_name ?? ''})`;

/** The person's open case (by their first contact's identity), if any. */
async function personOpenCase(db: Db, c: ContactRow): Promise<{ id: string; level: number; responsible_user_id: string | null; responsible_name: string | null } | null> {
  if (!identified(c)) return null;
  const r = await sql<{ id: string; level: number; responsible_user_id: string | null; responsible_name: string | null }>`
    select g.id, g.level, g.responsible_user_id, u.display_name as responsible_name
    from guidance_case g join contact f on f.id = g.contact_id left join app_user u on u.id = g.responsible_user_id
    where g.county_id = ${c.county_id}::uuid and g.status = 'open' and ${samePerson(c, 'f')}
    order by g.opened_at limit 1`.execute(db);
  return r.rows[0] ?? null;
}

const FAILED_REFERRAL_OUTCOMES = ['could_not_contact', 'no_capacity', 'returned_wrong_service'];

/** The facts the proposal reads, for a contact (and its case, when it has one). */
async function signalsFor(db: Db, c: ContactRow, caseId: string | null, level: GuidanceLevel, now: Date) {
  const since = addDays(c.received_on, -REPEAT_PROPOSAL_DAYS + 1);
  const person = identified(c);
  const r = await sql<{ in_window: number; marked: string[]; not_reached: number; failed: number; flags: { trigger: string | null }[][]; recent_meeting: boolean }>`
    select
      ${person ? sql`(select count(*) from contact x where x.county_id = ${c.county_id}::uuid and ${samePerson(c, 'x')} and x.received_on between ${since}::date and ${c.received_on}::date)::int` : sql`1`} as in_window,
      array(select distinct t from contact x, unnest(x.triggers) t where x.id = ${c.id}::uuid ${caseId ? sql`or x.guidance_case_id = ${caseId}::uuid` : sql``}) as marked,
      ${caseId ? sql`(select count(*) from follow_up f where f.case_id = ${caseId}::uuid and f.result = 'not_reached')::int` : sql`0`} as not_reached,
      ${person ? sql`(select count(*) from referral r join contact x on x.id = r.contact_id where x.county_id = ${c.county_id}::uuid and ${samePerson(c, 'x')}
          and x.received_on >= ${since}::date and (r.status = 'returned' or r.outcome in (${sql.join(FAILED_REFERRAL_OUTCOMES)})))::int` : sql`0`} as failed,
      ${caseId ? sql`array(select a.flags from guidance_assessment a where a.case_id = ${caseId}::uuid)` : sql`array[]::jsonb[]`} as flags,
      ${caseId ? sql`exists (select 1 from guidance_meeting m where m.case_id = ${caseId}::uuid and m.status in ('proposed', 'held') and m.created_at > ${new Date(now.getTime() - MEETING_ANSWERS_TRIGGERS_DAYS * DAY)}::timestamptz)` : sql`false`} as recent_meeting`.execute(db);
  const f = r.rows[0]!;
  const fromAssessments = f.flags.flat().map((x) => x.trigger).filter((t): t is string => !!t);
  const s = guidanceSignals({
    level, contactsInWindow: Number(f.in_window), marked: f.marked, followUpsNotReached: Number(f.not_reached), referralsFailed: Number(f.failed),
    fromAssessments, recentMeeting: f.recent_meeting,
  });
  return { ...s, contactsInWindow: Number(f.in_window) };
}

async function hasRecordingConsent(db: Db, contactId: string): Promise<boolean> {
  const r = await db.selectFrom('consent').select('id').where('contact_id', '=', contactId).where('purpose', '=', 'recording').where('withdrawn_at', 'is', null).limit(1).executeTakeFirst();
  return !!r;
}

export async function contactGuidance(db: Kysely<DB>, user: SessionUser, contactId: string, now: Date): Promise<ContactGuidance> {
  const c = await contactRow(db, user.countyId, contactId);
  const open = c.guidance_case_id ? null : await personOpenCase(db, c);
  return {
    level: c.guidance_level as GuidanceLevel, caseId: c.guidance_case_id,
    signals: await signalsFor(db, c, c.guidance_case_id, c.guidance_level as GuidanceLevel, now),
    personOpenCase: open ? { id: open.id, level: open.level as GuidanceLevel, responsible: open.responsible_user_id ? { id: open.responsible_user_id, name: open.responsible_name ?? '' } : null } : null,
    identified: identified(c), recordingConsent: await hasRecordingConsent(db, contactId),
  };
}

async function requireColleague(db: Db, countyId: string, userId: string, field: string): Promise<void> {
  const u = await db.selectFrom('app_user').select('id').where('id', '=', userId).where('county_id', '=', countyId).where('active', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('user_role as r').select('r.id').whereRef('r.user_id', '=', 'app_user.id').where('r.role', 'in', ['guidance_worker', 'supervisor'])))
    .executeTakeFirst();
  if (!u) throw new AppError(400, 'validation_failed', undefined, [{ field, code: 'unknown_code', message: 'No such active guidance worker in this county.' }]);
}

/**
 * Raises a contact to level 2 or 3: opens a case for its identified person, or joins the person's
 * open case (whose level follows when raised). The person must know their guidance is recorded:
 * a live recording consent on the contact, or one given with this request.
 */
export async function changeContactLevel(db: Kysely<DB>, user: SessionUser, contactId: string, input: z.infer<typeof levelChangeSchema>, now: Date) {
  return db.transaction().execute(async (trx) => {
    const c = await contactRow(trx, user.countyId, contactId, true);
    if (!identified(c)) throw new AppError(409, 'not_identified');
    if (input.responsibleUserId) await requireColleague(trx, user.countyId, input.responsibleUserId, 'body.responsibleUserId');
    // one person, one open case: serialise raises of the same person
    await sql`select pg_advisory_xact_lock(hashtext(${`guidance:${user.countyId}:${c.person_hetu ?? c.person_phone}`}))`.execute(trx);
    // the case this contact is in (if still open), else the person's open case; locked, so a close or
    // a level change of it waits for this raise, and a case closed meanwhile is not joined
    const own = c.guidance_case_id ? await caseRow(trx, user.countyId, c.guidance_case_id, true) : null;
    let open: CaseRow | null = own?.status === 'open' ? own : null;
    if (!open) {
      const p = await personOpenCase(trx, c);
      const locked = p ? await caseRow(trx, user.countyId, p.id, true) : null;
      open = locked?.status === 'open' ? locked : null;
    }
    // a contact of a closed case counts from level 1 again; this route only raises (the case's own route lowers 3 → 2)
    const from = (own?.status === 'open' ? c.guidance_level : 1) as GuidanceLevel;
    const current = Math.max(from, open && open.id === c.guidance_case_id ? open.level : 1) as GuidanceLevel;
    if (input.level <= current) throw new AppError(409, 'level_unchanged');
    if (!(await hasRecordingConsent(trx, contactId))) {
      if (!input.consent) throw new AppError(409, 'consent_required');
      await trx.insertInto('consent').values({ contact_id: contactId, given_by: input.consent.givenBy, method: input.consent.method, purpose: 'recording', target: 'asiakasohjaus', given_at: now, recorded_by_user_id: user.userId }).execute();
      await insertContactEvent(trx, contactId, now, user, 'consent_given', { purpose: 'recording', method: input.consent.method });
    }
    let caseId: string;
    let joined = false;
    let level: GuidanceLevel;
    if (open) {
      caseId = open.id;
      joined = c.guidance_case_id !== open.id;
      level = Math.max(input.level, open.level) as GuidanceLevel;
      if (level > open.level) {
        await trx.updateTable('guidance_case').set({
          level, intensive_since: level === 3 ? now : null, responsible_user_id: input.responsibleUserId ?? open.responsible_user_id ?? user.userId,
        }).where('id', '=', open.id).execute();
      }
    } else {
      level = input.level;
      const row = await trx.insertInto('guidance_case').values({
        county_id: user.countyId, contact_id: contactId, level, responsible_user_id: input.responsibleUserId ?? user.userId,
        opened_by_user_id: user.userId, opened_at: now, intensive_since: level === 3 ? now : null,
      }).returning('id').executeTakeFirstOrThrow();
      caseId = row.id;
    }
    await trx.updateTable('contact').set({ guidance_case_id: caseId }).where('id', '=', contactId).execute();
    // every contact of the case carries the case's level (this one, and the others when it rose)
    const changed = await sql<{ id: string; from: number }>`update contact x set guidance_level = ${level}
      from contact o where o.id = x.id and x.guidance_case_id = ${caseId}::uuid and x.guidance_level <> ${level}
      returning x.id, o.guidance_level as from`.execute(trx);
    for (const x of changed.rows) {
      const was = x.id === contactId ? from : x.from;
      if (was !== level) await insertContactEvent(trx, x.id, now, user, 'level_changed', { level, from: was, caseId, ...(input.reason ? { reason: input.reason } : {}) });
    }
    if (from !== level && !changed.rows.some((x) => x.id === contactId)) await insertContactEvent(trx, contactId, now, user, 'level_changed', { level, from, caseId, ...(input.reason ? { reason: input.reason } : {}) });
    await logAccess(trx, { actor: user, subjectType: 'contact', subjectId: contactId, action: 'update', purpose: 'client_guidance', details: { caseId, level }, at: now });
    return { level, caseId, joined };
  });
}

interface CaseRow { id: string; county_id: string; contact_id: string; level: number; status: 'open' | 'closed'; responsible_user_id: string | null; anchored_on: string | null; personal_data_erased_at: Date | null }

async function caseRow(db: Db, countyId: string, id: string, lock = false): Promise<CaseRow> {
  let q = db.selectFrom('guidance_case').select(['id', 'county_id', 'contact_id', 'level', 'status', 'responsible_user_id', 'anchored_on', 'personal_data_erased_at'])
    .where('id', '=', id).where('county_id', '=', countyId);
  if (lock) q = q.forUpdate();
  const g = await q.executeTakeFirst();
  if (!g) throw new AppError(404, 'not_found');
  return g as CaseRow;
}
async function openCase(trx: Transaction<DB>, user: SessionUser, id: string): Promise<CaseRow> {
  const g = await caseRow(trx, user.countyId, id, true);
  if (g.status !== 'open') throw new AppError(409, 'case_closed');
  return g;
}
/** Every write on a case is access-logged against its first contact (the person's key comes from it). */
const logCaseWrite = (trx: Db, user: SessionUser, g: CaseRow, what: string, now: Date, action: 'create' | 'update' = 'update') =>
  logAccess(trx, { actor: user, subjectType: 'contact', subjectId: g.contact_id, action, purpose: 'client_guidance', details: { caseId: g.id, what }, at: now });

/** The case's level: 2 → 3 (intensive, a responsible worker) or 3 → 2; every contact of the case follows. */
export async function changeCaseLevel(db: Kysely<DB>, user: SessionUser, id: string, input: z.infer<typeof caseLevelSchema>, now: Date) {
  return db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    const err = levelChangeError(g.level as GuidanceLevel, input.level);
    if (err) throw new AppError(409, err);
    if (input.responsibleUserId) await requireColleague(trx, user.countyId, input.responsibleUserId, 'body.responsibleUserId');
    await trx.updateTable('guidance_case').set({
      level: input.level, intensive_since: input.level === 3 ? now : null,
      responsible_user_id: input.responsibleUserId ?? g.responsible_user_id ?? user.userId,
    }).where('id', '=', id).execute();
    const contacts = await trx.updateTable('contact').set({ guidance_level: input.level }).where('guidance_case_id', '=', id).returning('id').execute();
    for (const c of contacts) await insertContactEvent(trx, c.id, now, user, 'level_changed', { level: input.level, from: g.level, caseId: id, ...(input.reason ? { reason: input.reason } : {}) });
    await logCaseWrite(trx, user, g, 'level', now);
    return { level: input.level as GuidanceLevel, caseId: id, joined: false };
  });
}

export async function setResponsible(db: Kysely<DB>, user: SessionUser, id: string, userId: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    await requireColleague(trx, user.countyId, userId, 'body.userId');
    await trx.updateTable('guidance_case').set({ responsible_user_id: userId }).where('id', '=', id).execute();
    await logCaseWrite(trx, user, g, 'responsible', now);
  });
}

// ——— the five steps ———

export async function addAssessment(db: Kysely<DB>, user: SessionUser, id: string, input: z.infer<typeof assessmentInputSchema>, now: Date) {
  return db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    const [b] = await batteryRows(trx, user.countyId, { id: input.batteryId });
    if (!b) throw new AppError(404, 'not_found', 'No such question battery.');
    if (!b.current) throw new AppError(409, 'battery_superseded');
    const answers = input.answers as Record<string, Answer>;
    const problems = answerProblems(b.questions, answers);
    if (problems.length) throw new AppError(400, 'validation_failed', undefined, problems.map((p): FieldError => ({ field: p.field, code: p.code as FieldError['code'], message: p.message })));
    const flags = flagsOf(b.questions, answers);
    // null and empty answers are not stored: only what the person said
    const stored = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
    const row = await trx.insertInto('guidance_assessment').values({
      case_id: id, contact_id: g.contact_id, battery_id: b.id, answers: JSON.stringify(stored), flags: JSON.stringify(flags), created_by_user_id: user.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await logCaseWrite(trx, user, g, 'assessment', now, 'create');
    return { id: row.id, flags };
  });
}

export async function savePlan(db: Kysely<DB>, user: SessionUser, id: string, input: z.infer<typeof planInputSchema>, now: Date) {
  if (input.goals.length === 0) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.goals', code: 'required', message: 'A plan needs at least one goal, in the person\'s words.' }]);
  return db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    const last = await trx.selectFrom('guidance_plan').select((eb) => eb.fn.max('version').as('v')).where('case_id', '=', id).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const steps = input.steps.map((s) => ({ text: s.text, service: s.service ?? null, owner: s.owner, dueOn: s.dueOn ?? null, done: s.done }));
    await trx.insertInto('guidance_plan').values({
      case_id: id, version, goals: JSON.stringify(input.goals), steps: JSON.stringify(steps), agreed_with_person: input.agreedWithPerson, created_by_user_id: user.userId,
    }).execute();
    await logCaseWrite(trx, user, g, 'plan', now);
    return { version };
  });
}

function dateProblem(field: string, dueOn: string, now: Date) {
  const e = followUpDateError(dueOn, helsinkiDate(now));
  if (e) throw new AppError(400, 'validation_failed', undefined, [{ field, code: e, message: e === 'date_in_past' ? 'The day has passed: a follow-up is booked for today or later.' : 'At most a year ahead.' }]);
}

export async function addFollowUp(db: Kysely<DB>, user: SessionUser, id: string, input: z.infer<typeof followUpInputSchema>, now: Date) {
  dateProblem('body.dueOn', input.dueOn, now);
  return db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    if (input.assignedUserId) await requireColleague(trx, user.countyId, input.assignedUserId, 'body.assignedUserId');
    const row = await trx.insertInto('follow_up').values({
      county_id: user.countyId, case_id: id, kind: 'follow_up', due_on: input.dueOn, purpose: input.purpose,
      assigned_user_id: input.assignedUserId ?? g.responsible_user_id ?? user.userId, created_by_user_id: user.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await logCaseWrite(trx, user, g, 'follow_up', now, 'create');
    return { id: row.id };
  });
}

/**
 * A follow-up done. Not reached: "ei luovuteta" — the next outreach is booked by itself
 * OUTREACH_NEXT_WORKING_DAYS working days later for the responsible worker, and the miss is
 * logged as an outreach attempt by phone.
 */
export async function doneFollowUp(db: Kysely<DB>, user: SessionUser, followUpId: string, input: z.infer<typeof followUpDoneSchema>, now: Date) {
  return db.transaction().execute(async (trx) => {
    // the case first, then the follow-up: the same order as closing the case (no deadlock)
    const which = await trx.selectFrom('follow_up').select('case_id').where('id', '=', followUpId).where('county_id', '=', user.countyId).executeTakeFirst();
    if (!which) throw new AppError(404, 'not_found');
    const g = await caseRow(trx, user.countyId, which.case_id, true);
    const f = await trx.selectFrom('follow_up').select(['id', 'case_id', 'done_at', 'cancelled_at']).where('id', '=', followUpId).forUpdate().executeTakeFirstOrThrow();
    if (f.done_at || f.cancelled_at) throw new AppError(409, 'follow_up_done');
    await trx.updateTable('follow_up').set({ done_at: now, done_by_user_id: user.userId, result: input.result, note: input.note ?? null }).where('id', '=', followUpId).execute();
    let nextOutreach: { id: string; dueOn: string } | null = null;
    if (g.status === 'open') {
      await trx.insertInto('outreach_attempt').values({ case_id: g.id, at: now, method: 'phone', result: input.result === 'reached' ? 'reached' : 'no_answer', note: null, by_user_id: user.userId }).execute();
      if (input.result === 'not_reached') {
        const dueOn = nextOutreachDay(helsinkiDate(now));
        const row = await trx.insertInto('follow_up').values({
          county_id: user.countyId, case_id: g.id, kind: 'outreach', due_on: dueOn, purpose: null,
          assigned_user_id: g.responsible_user_id ?? user.userId, created_by_user_id: user.userId,
        }).returning('id').executeTakeFirstOrThrow();
        nextOutreach = { id: row.id, dueOn };
      }
    }
    await logCaseWrite(trx, user, g, 'follow_up_done', now);
    return { id: followUpId, nextOutreach };
  });
}

export async function addOutreach(db: Kysely<DB>, user: SessionUser, id: string, input: z.infer<typeof outreachInputSchema>, now: Date) {
  return db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    const row = await trx.insertInto('outreach_attempt').values({ case_id: id, at: now, method: input.method, result: input.result, note: input.note ?? null, by_user_id: user.userId }).returning('id').executeTakeFirstOrThrow();
    const results = await trx.selectFrom('outreach_attempt').select('result').where('case_id', '=', id).orderBy('at').orderBy('created_at').execute();
    await logCaseWrite(trx, user, g, 'outreach', now, 'create');
    return { id: row.id, attemptsSinceReached: attemptsSinceReached(results.map((r) => r.result as OutreachResult)) };
  });
}

export async function proposeMeeting(db: Kysely<DB>, user: SessionUser, id: string, input: z.infer<typeof meetingInputSchema>, now: Date) {
  if (input.plannedOn) dateProblem('body.plannedOn', input.plannedOn, now);
  return db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    const row = await trx.insertInto('guidance_meeting').values({
      case_id: id, reasons: [...new Set(input.reasons)], planned_on: input.plannedOn ?? null,
      participants: JSON.stringify(input.participants.map((p) => ({ name: p.name, organisation: p.organisation, role: p.role ?? null }))), proposed_by_user_id: user.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await logCaseWrite(trx, user, g, 'meeting', now, 'create');
    return { id: row.id };
  });
}

async function openMeeting(trx: Transaction<DB>, user: SessionUser, meetingId: string) {
  const which = await trx.selectFrom('guidance_meeting as m').innerJoin('guidance_case as g', 'g.id', 'm.case_id')
    .select('m.case_id').where('m.id', '=', meetingId).where('g.county_id', '=', user.countyId).executeTakeFirst();
  if (!which) throw new AppError(404, 'not_found');
  // the case first, then the meeting: the same order as closing the case
  const g = await caseRow(trx, user.countyId, which.case_id, true);
  const m = await trx.selectFrom('guidance_meeting').select('status').where('id', '=', meetingId).forUpdate().executeTakeFirstOrThrow();
  if (m.status !== 'proposed') throw new AppError(409, 'meeting_not_open');
  return g;
}

export async function recordMeeting(db: Kysely<DB>, user: SessionUser, meetingId: string, input: z.infer<typeof meetingRecordSchema>, now: Date) {
  if (input.heldOn > helsinkiDate(now)) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.heldOn', code: 'future_time', message: 'A meeting is recorded once it has been held.' }]);
  await db.transaction().execute(async (trx) => {
    const g = await openMeeting(trx, user, meetingId);
    await trx.updateTable('guidance_meeting').set({
      status: 'held', held_on: input.heldOn, decisions: input.decisions, recorded_by_user_id: user.userId,
      participants: JSON.stringify(input.participants.map((p) => ({ name: p.name, organisation: p.organisation, role: p.role ?? null }))),
    }).where('id', '=', meetingId).execute();
    await logCaseWrite(trx, user, g, 'meeting_held', now);
  });
}

export async function cancelMeeting(db: Kysely<DB>, user: SessionUser, meetingId: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const g = await openMeeting(trx, user, meetingId);
    await trx.updateTable('guidance_meeting').set({ status: 'cancelled' }).where('id', '=', meetingId).execute();
    await logCaseWrite(trx, user, g, 'meeting_cancelled', now);
  });
}

export async function markAnchored(db: Kysely<DB>, user: SessionUser, id: string, input: z.infer<typeof anchoredInputSchema>, now: Date) {
  if (input.startedOn > helsinkiDate(now)) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.startedOn', code: 'future_time', message: 'The person is anchored once the service has started.' }]);
  await db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    if (input.referralId) {
      const r = await trx.selectFrom('referral as r').innerJoin('contact as c', 'c.id', 'r.contact_id').select('r.id')
        .where('r.id', '=', input.referralId).where('c.county_id', '=', user.countyId).where('c.guidance_case_id', '=', id).executeTakeFirst();
      if (!r) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.referralId', code: 'unknown_code', message: 'Not a referral of this case\'s contacts.' }]);
    }
    await trx.updateTable('guidance_case').set({ anchored_on: input.startedOn, anchored_service: input.service }).where('id', '=', id).execute();
    await logCaseWrite(trx, user, g, 'anchored', now);
  });
}

export async function closeCase(db: Kysely<DB>, user: SessionUser, id: string, input: z.infer<typeof closeCaseSchema>, now: Date) {
  await db.transaction().execute(async (trx) => {
    const g = await openCase(trx, user, id);
    const results = await trx.selectFrom('outreach_attempt').select('result').where('case_id', '=', id).orderBy('at').orderBy('created_at').execute();
    const err = closeError(input.outcome as CaseOutcome, { anchoredOn: g.anchored_on, attemptsSinceReached: attemptsSinceReached(results.map((r) => r.result as OutreachResult)) });
    if (err) throw new AppError(409, err);
    await trx.updateTable('guidance_case').set({ status: 'closed', closed_at: now, outcome: input.outcome, close_note: input.note ?? null }).where('id', '=', id).execute();
    // nothing left booked on a closed case: open follow-ups are cancelled, kept (an overdue one still counts as missed)
    await trx.updateTable('follow_up').set({ cancelled_at: now }).where('case_id', '=', id).where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();
    await trx.updateTable('guidance_meeting').set({ status: 'cancelled' }).where('case_id', '=', id).where('status', '=', 'proposed').execute();
    await logCaseWrite(trx, user, g, 'closed', now);
  });
}

// ——— reading ———

interface FollowUpRow {
  id: string; case_id: string; reference: string; level: number; kind: 'follow_up' | 'outreach'; due_on: string; purpose: string | null;
  assigned_user_id: string | null; assigned_name: string | null; done_at: Date | string | null; result: 'reached' | 'not_reached' | null; note: string | null;
  cancelled_at: Date | string | null;
}
const followUpSelect = sql`f.id, f.case_id, c.reference, g.level, f.kind, f.due_on::text as due_on, f.purpose, f.assigned_user_id, u.display_name as assigned_name, f.done_at, f.result, f.note, f.cancelled_at`;
const followUpFrom = sql`follow_up f join guidance_case g on g.id = f.case_id join contact c on c.id = g.contact_id left join app_user u on u.id = f.assigned_user_id`;
function followUpOut(f: FollowUpRow, today: string): FollowUp {
  const doneDay = f.done_at ? helsinkiDate(new Date(f.done_at)) : null;
  return {
    id: f.id, caseId: f.case_id, reference: f.reference, level: f.level as GuidanceLevel, kind: f.kind, dueOn: f.due_on, purpose: f.purpose,
    assignedTo: f.assigned_user_id ? { id: f.assigned_user_id, name: f.assigned_name ?? '' } : null,
    overdue: !f.done_at && !f.cancelled_at && f.due_on < today, doneAt: iso(f.done_at), result: f.result, note: f.note, doneOnTime: doneDay ? doneDay <= f.due_on : null,
    cancelledAt: iso(f.cancelled_at),
  };
}

export async function listFollowUps(db: Kysely<DB>, user: SessionUser, q: z.infer<typeof followUpListQuerySchema>, now: Date) {
  const today = helsinkiDate(now);
  const where = sql.join([
    sql`f.county_id = ${user.countyId}::uuid`, sql`f.done_at is null`, sql`f.cancelled_at is null`, sql`g.status = 'open'`,
    ...(q.mine ? [sql`f.assigned_user_id = ${user.userId}::uuid`] : []),
    ...(q.due === 'today' ? [sql`f.due_on <= ${today}::date`] : q.due === 'overdue' ? [sql`f.due_on < ${today}::date`] : q.due === 'upcoming' ? [sql`f.due_on > ${today}::date`] : []),
  ], sql` and `);
  const [rows, count] = await Promise.all([
    sql<FollowUpRow>`select ${followUpSelect} from ${followUpFrom} where ${where} order by f.due_on, f.created_at, f.id limit ${q.limit} offset ${q.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from (select 1 from ${followUpFrom} where ${where} limit ${LIST_TOTAL_CAP + 1}) x`.execute(db),
  ]);
  const counted = Number(count.rows[0]!.n);
  const total = Math.min(counted, LIST_TOTAL_CAP);
  // a follow-up's purpose is words about the person: shown in one's own list; the county-wide list shows when and whose
  const items = rows.rows.map((f) => followUpOut(f, today)).map((f) => (f.assignedTo?.id === user.userId ? f : { ...f, purpose: null }));
  return { items, total, totalCapped: counted > LIST_TOTAL_CAP, offset: q.offset, limit: q.limit, today };
}

/** A case's attention conditions as SQL over `g` (open cases). */
function attentionSql(kind: 'overdue' | 'no_next_step' | 'silent' | 'meeting', today: string, now: Date) {
  switch (kind) {
    case 'overdue': return sql`exists (select 1 from follow_up f where f.case_id = g.id and f.done_at is null and f.cancelled_at is null and f.due_on < ${today}::date)`;
    case 'no_next_step': return sql`not exists (select 1 from follow_up f where f.case_id = g.id and f.done_at is null and f.cancelled_at is null)`;
    // the last attempt to reach the person (a follow-up or an outreach) did not reach them
    case 'silent': return sql`(select o.result from outreach_attempt o where o.case_id = g.id order by o.at desc, o.created_at desc limit 1) in ('no_answer', 'message_left')`;
    // level 3, and no meeting proposed or held lately: the triggers of the case ask for one
    case 'meeting': return sql`g.level = 3 and not exists (select 1 from guidance_meeting m where m.case_id = g.id and m.status in ('proposed', 'held')
      and m.created_at > ${new Date(now.getTime() - MEETING_ANSWERS_TRIGGERS_DAYS * DAY)}::timestamptz)`;
  }
}

interface CaseListRow { id: string; reference: string; level: number; status: 'open' | 'closed'; responsible_user_id: string | null; responsible_name: string | null; opened_at: Date; next_follow_up: string | null; overdue: number; silent: boolean; anchored_on: string | null; outcome: string | null }

export async function listCases(db: Kysely<DB>, user: SessionUser, q: z.infer<typeof caseListQuerySchema>, now: Date) {
  const today = helsinkiDate(now);
  const where = sql.join([
    sql`g.county_id = ${user.countyId}::uuid`, sql`g.status = ${q.status}`,
    ...(q.mine ? [sql`g.responsible_user_id = ${user.userId}::uuid`] : []),
    ...(q.level ? [sql`g.level = ${q.level}`] : []),
    ...(q.attention ? [attentionSql(q.attention, today, now)] : []),
  ], sql` and `);
  const [rows, count] = await Promise.all([
    sql<CaseListRow>`select g.id, c.reference, g.level, g.status, g.responsible_user_id, u.display_name as responsible_name, g.opened_at,
        (select min(f.due_on)::text from follow_up f where f.case_id = g.id and f.done_at is null and f.cancelled_at is null) as next_follow_up,
        (select count(*) from follow_up f where f.case_id = g.id and f.done_at is null and f.cancelled_at is null and f.due_on < ${today}::date)::int as overdue,
        coalesce(${attentionSql('silent', today, now)}, false) as silent, g.anchored_on::text as anchored_on, g.outcome
      from guidance_case g join contact c on c.id = g.contact_id left join app_user u on u.id = g.responsible_user_id
      where ${where} order by g.level desc, next_follow_up nulls first, g.opened_at, g.id limit ${q.limit} offset ${q.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from (select 1 from guidance_case g where ${where} limit ${LIST_TOTAL_CAP + 1}) x`.execute(db),
  ]);
  const counted = Number(count.rows[0]!.n);
  const total = Math.min(counted, LIST_TOTAL_CAP);
  const items: CaseListItem[] = rows.rows.map((r) => ({
    id: r.id, reference: r.reference, level: r.level as GuidanceLevel, status: r.status,
    responsible: r.responsible_user_id ? { id: r.responsible_user_id, name: r.responsible_name ?? '' } : null, openedAt: new Date(r.opened_at).toISOString(),
    nextFollowUp: r.next_follow_up, overdueFollowUps: Number(r.overdue), silent: r.silent, anchoredOn: r.anchored_on, outcome: r.outcome as CaseListItem['outcome'],
  }));
  return { items, total, totalCapped: counted > LIST_TOTAL_CAP, offset: q.offset, limit: q.limit };
}

export async function overview(db: Kysely<DB>, user: SessionUser, now: Date): Promise<GuidanceOverview> {
  const today = helsinkiDate(now);
  const r = await sql<{ l2: number; l3: number; overdue: number; no_next: number; silent: number; meeting: number }>`
    select count(*) filter (where g.level = 2)::int as l2, count(*) filter (where g.level = 3)::int as l3,
      count(*) filter (where ${attentionSql('overdue', today, now)})::int as overdue,
      count(*) filter (where ${attentionSql('no_next_step', today, now)})::int as no_next,
      count(*) filter (where coalesce(${attentionSql('silent', today, now)}, false))::int as silent,
      count(*) filter (where ${attentionSql('meeting', today, now)})::int as meeting
    from guidance_case g where g.county_id = ${user.countyId}::uuid and g.status = 'open'`.execute(db);
  const x = r.rows[0]!;
  return { open: { level2: Number(x.l2), level3: Number(x.l3) }, overdueFollowUps: Number(x.overdue), noNextStep: Number(x.no_next), silent: Number(x.silent), meetingsProposed: Number(x.meeting) };
}

/** The whole case (access-logged once per viewing session against its first contact). */
export async function caseView(db: Kysely<DB>, user: SessionUser, id: string, now: Date): Promise<GuidanceCase> {
  const g = await db.selectFrom('guidance_case as g').innerJoin('contact as c', 'c.id', 'g.contact_id')
    .leftJoin('app_user as r', 'r.id', 'g.responsible_user_id').leftJoin('app_user as o', 'o.id', 'g.opened_by_user_id')
    .select(['g.id', 'g.level', 'g.status', 'g.contact_id', 'c.reference', 'c.person_name', 'c.person_birth_date', 'c.anonymous', 'c.personal_data_erased_at as contact_erased',
      'g.responsible_user_id', 'r.display_name as responsible_name', 'g.opened_at', 'o.display_name as opened_by', 'g.intensive_since', 'g.anchored_on', 'g.anchored_service',
      'g.closed_at', 'g.outcome', 'g.close_note'])
    .where('g.id', '=', id).where('g.county_id', '=', user.countyId).executeTakeFirst();
  if (!g) throw new AppError(404, 'not_found');
  const today = helsinkiDate(now);
  const [contacts, levels, assessments, plan, followUps, outreach, meetings] = await Promise.all([
    db.selectFrom('contact').select(['id', 'reference', 'received_at', 'channel', 'status', 'main_reason']).where('guidance_case_id', '=', id).orderBy('received_at').execute(),
    db.selectFrom('contact_event as e').innerJoin('contact as c', 'c.id', 'e.contact_id').leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
      .select(['e.at', 'e.details', 'u.display_name']).where('c.guidance_case_id', '=', id).where('e.kind', '=', 'level_changed').orderBy('e.at').execute(),
    db.selectFrom('guidance_assessment as a').innerJoin('question_battery as b', 'b.id', 'a.battery_id').leftJoin('app_user as u', 'u.id', 'a.created_by_user_id')
      .select(['a.id', 'a.answers', 'a.flags', 'a.created_at', 'u.display_name', 'b.id as battery_id', 'b.code', 'b.version', 'b.title', 'b.questions'])
      .where('a.case_id', '=', id).orderBy('a.created_at').execute(),
    db.selectFrom('guidance_plan as p').leftJoin('app_user as u', 'u.id', 'p.created_by_user_id').select(['p.version', 'p.goals', 'p.steps', 'p.agreed_with_person', 'p.created_at', 'u.display_name'])
      .where('p.case_id', '=', id).orderBy('p.version', 'desc').limit(1).executeTakeFirst(),
    sql<FollowUpRow>`select ${followUpSelect} from ${followUpFrom} where f.case_id = ${id}::uuid order by f.due_on, f.created_at`.execute(db),
    db.selectFrom('outreach_attempt as o').leftJoin('app_user as u', 'u.id', 'o.by_user_id').select(['o.id', 'o.at', 'o.method', 'o.result', 'o.note', 'u.display_name'])
      .where('o.case_id', '=', id).orderBy('o.at').orderBy('o.created_at').execute(),
    db.selectFrom('guidance_meeting').select(['id', 'status', 'reasons', 'planned_on', 'held_on', 'participants', 'decisions', 'created_at']).where('case_id', '=', id).orderBy('created_at').execute(),
  ]);
  const first = await contactRow(db, user.countyId, g.contact_id);
  const signals = await signalsFor(db, first, id, g.level as GuidanceLevel, now);
  await logRead(db, { actor: user, subjectType: 'contact', subjectId: g.contact_id, purpose: 'guidance_case', details: { caseId: id }, at: now });
  const fus = followUps.rows.map((f) => followUpOut(f, today));
  const erased = g.anonymous || g.contact_erased !== null;
  return {
    id: g.id, level: g.level as GuidanceLevel, status: g.status, contactId: g.contact_id, reference: g.reference,
    person: erased ? null : { name: g.person_name, birthDate: g.person_birth_date },
    responsible: g.responsible_user_id ? { id: g.responsible_user_id, name: g.responsible_name ?? '' } : null,
    openedAt: new Date(g.opened_at).toISOString(), openedBy: g.opened_by, intensiveSince: iso(g.intensive_since),
    contacts: contacts.map((c) => ({ id: c.id, reference: c.reference, receivedAt: new Date(c.received_at).toISOString(), channel: c.channel, status: c.status, mainReason: c.main_reason })),
    levels: levels.map((e) => {
      const d = e.details as { level?: number; from?: number; reason?: string };
      return { at: new Date(e.at).toISOString(), from: (d.from ?? 1) as GuidanceLevel, to: (d.level ?? 1) as GuidanceLevel, by: e.display_name, reason: d.reason ?? null };
    }),
    assessments: assessments.map((a) => ({
      id: a.id, battery: { id: a.battery_id, code: a.code, version: a.version, title: a.title, questions: a.questions as GuidanceCase['assessments'][number]['battery']['questions'] },
      answers: a.answers, flags: a.flags as GuidanceCase['assessments'][number]['flags'], by: a.display_name, at: new Date(a.created_at).toISOString(),
    })),
    plan: plan ? {
      version: plan.version, goals: plan.goals as NonNullable<GuidanceCase['plan']>['goals'], steps: plan.steps as NonNullable<GuidanceCase['plan']>['steps'],
      agreedWithPerson: plan.agreed_with_person, by: plan.display_name, at: new Date(plan.created_at).toISOString(),
    } : null,
    followUps: fus,
    outreach: outreach.map((o) => ({ id: o.id, at: new Date(o.at).toISOString(), method: o.method as GuidanceCase['outreach'][number]['method'], result: o.result, note: o.note, by: o.display_name })),
    attemptsSinceReached: attemptsSinceReached(outreach.map((o) => o.result)),
    meetings: meetings.map((m) => ({
      id: m.id, status: m.status, reasons: m.reasons as GuidanceCase['meetings'][number]['reasons'], plannedOn: m.planned_on, heldOn: m.held_on,
      participants: m.participants as GuidanceCase['meetings'][number]['participants'], decisions: m.decisions, at: new Date(m.created_at).toISOString(),
    })),
    signals,
    anchoredOn: g.anchored_on, anchoredService: g.anchored_service, closedAt: iso(g.closed_at), outcome: g.outcome as GuidanceCase['outcome'], closeNote: g.close_note,
    nextFollowUp: fus.filter((f) => !f.doneAt && !f.cancelledAt).map((f) => f.dueOn).sort()[0] ?? null,
  };
}

/**
 * One person across contacts (issue 17 § 4): the person's contacts (same identity code; without
 * one, same phone number), cases, open follow-ups and referrals with their state. Logged on every
 * read (purpose `person_page`, the contacts listed in details). As consent allows: a referral's
 * outcome is shown only while the consent to forward it on its contact is live; contacts where
 * this person only called about someone else are not theirs and are not shown.
 */
export async function personPage(db: Kysely<DB>, user: SessionUser, contactId: string, now: Date): Promise<PersonPage> {
  const c = await contactRow(db, user.countyId, contactId);
  if (!identified(c)) throw new AppError(404, 'not_identified');
  const today = helsinkiDate(now);
  const contacts = await sql<{ id: string; reference: string; received_at: Date; channel: string; status: string; guidance_level: number; main_reason: string | null; outcome: string | null; notification_kind: 'social_welfare' | 'child_welfare' | null; guidance_case_id: string | null }>`
    select x.id, x.reference, x.received_at, x.channel, x.status, x.guidance_level, x.main_reason, x.outcome, x.notification_kind, x.guidance_case_id
    from contact x where x.county_id = ${user.countyId}::uuid and x.personal_data_erased_at is null and not x.anonymous and ${samePerson(c, 'x')}
    order by x.received_at desc, x.id limit 200`.execute(db);
  const ids = contacts.rows.map((x) => x.id);
  const caseIds = [...new Set(contacts.rows.map((x) => x.guidance_case_id).filter((x): x is string => !!x))];
  const [cases, followUps, referrals] = await Promise.all([
    caseIds.length ? db.selectFrom('guidance_case as g').leftJoin('app_user as u', 'u.id', 'g.responsible_user_id')
      .select((eb) => ['g.id', 'g.level', 'g.status', 'g.responsible_user_id', 'u.display_name', 'g.opened_at', 'g.anchored_on', 'g.anchored_service', 'g.outcome',
        eb.selectFrom('follow_up as f').select(sql<string>`min(f.due_on)::text`.as('d')).whereRef('f.case_id', '=', 'g.id').where('f.done_at', 'is', null).where('f.cancelled_at', 'is', null).as('next')])
      .where('g.id', 'in', caseIds).orderBy('g.opened_at', 'desc').execute() : Promise.resolve([]),
    caseIds.length ? sql<FollowUpRow>`select ${followUpSelect} from ${followUpFrom} where f.case_id = any(${caseIds}::uuid[]) and f.done_at is null and f.cancelled_at is null order by f.due_on`.execute(db).then((r) => r.rows) : Promise.resolve([]),
    ids.length ? db.selectFrom('referral as r').innerJoin('contact as x', 'x.id', 'r.contact_id').leftJoin('receiving_unit as ru', 'ru.id', 'r.receiving_unit_id')
      .select((eb) => ['r.id', 'r.contact_id', 'x.reference', 'r.kind', 'ru.code as unit', 'r.external_name', 'r.status', 'r.sent_at', 'r.outcome', 'r.accept_by', 'r.contact_by',
        eb.exists(eb.selectFrom('consent as k').select('k.id').whereRef('k.contact_id', '=', 'r.contact_id').where('k.withdrawn_at', 'is not', null)
          .where((w) => w.not(w.exists(w.selectFrom('consent as k2').select('k2.id').whereRef('k2.contact_id', '=', 'r.contact_id').where('k2.withdrawn_at', 'is', null).where('k2.purpose', '=', 'forward_to_unit'))))).as('withdrawn')])
      .where('r.contact_id', 'in', ids).orderBy('r.sent_at', 'desc').execute() : Promise.resolve([]),
  ]);
  await logAccess(db, { actor: user, subjectType: 'contact', subjectId: contactId, action: 'read', purpose: 'person_page', details: { contacts: ids }, at: now });
  let hiddenOutcomes = 0;
  return {
    person: { name: c.person_name, birthDate: c.person_birth_date, hetu: c.person_hetu, phone: c.person_phone },
    matchedBy: c.person_hetu !== null ? 'hetu' : 'phone',
    contacts: contacts.rows.map((x) => ({
      id: x.id, reference: x.reference, receivedAt: new Date(x.received_at).toISOString(), channel: x.channel, status: x.status, level: x.guidance_level as GuidanceLevel,
      mainReason: x.main_reason, outcome: x.outcome, notificationKind: x.notification_kind,
    })),
    cases: cases.map((g) => ({
      id: g.id, level: g.level as GuidanceLevel, status: g.status, responsible: g.responsible_user_id ? { id: g.responsible_user_id, name: g.display_name ?? '' } : null,
      openedAt: new Date(g.opened_at).toISOString(), nextFollowUp: g.next ?? null, anchoredOn: g.anchored_on, anchoredService: g.anchored_service, outcome: g.outcome as CaseOutcome | null,
    })),
    openFollowUps: followUps.map((f) => followUpOut(f, today)),
    referrals: referrals.map((r) => {
      const hidden = !!r.withdrawn && r.outcome !== null;
      if (hidden) hiddenOutcomes += 1;
      return {
        id: r.id, contactId: r.contact_id, reference: r.reference, kind: r.kind, unit: r.unit, external: r.external_name, status: r.status,
        sentAt: new Date(r.sent_at).toISOString(), overdue: isOverdue({ status: r.status, acceptBy: r.accept_by, contactBy: r.contact_by }, today),
        outcome: r.withdrawn ? null : r.outcome, outcomeHidden: hidden,
      };
    }),
    hidden: { referralOutcomes: hiddenOutcomes },
  };
}
