import { sql, type Kysely } from 'kysely';
import type { ContactStatus, DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { logAccess } from '../../platform/access-log.js';
import { tx } from '../../platform/tx.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { REPEAT_CONTACT_THRESHOLD } from './contacts.domain.js';

export interface QueueFilters {
  line?: string;
  region?: string;
  channel?: string;
  status?: ContactStatus[];
  mine?: boolean;
  overdue?: boolean;
  limit: number;
}

/**
 * The queue holds no personal data: reference, channel, line, reason, urgency, promise, status,
 * who handles it. Ordered by the promise (overdue first), then urgency, then arrival.
 */
export async function queue(db: Kysely<DB>, user: SessionUser, f: QueueFilters, now: Date) {
  if (f.status && f.status.length > 1 && f.status.includes('closed')) {
    throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.status', message: 'Closed contacts are listed on their own; ask for status=closed alone.' }]);
  }
  const today = helsinkiDate(now);
  let q = db.selectFrom('contact as c')
    .leftJoin('phone_line as l', 'l.id', 'c.phone_line_id')
    .leftJoin('region as r', 'r.id', 'c.region_id')
    .leftJoin('app_user as u', 'u.id', 'c.assigned_user_id')
    .select(['c.id', 'c.reference', 'c.channel', 'c.status', 'c.waiting_reason', 'c.urgency', 'c.received_at', 'c.respond_by', 'c.anonymous',
      'c.main_reason', 'c.service_area', 'c.contactor', 'l.code as line', 'r.code as region', 'c.assigned_user_id', 'u.display_name as assigned_name',
      sql<boolean>`c.caller_number is not null or c.person_phone is not null`.as('has_callback_number')])
    .where('c.county_id', '=', user.countyId)
    .where('c.status', 'in', f.status?.length ? f.status : ['new', 'in_progress', 'waiting']);
  if (f.line) q = q.where('l.code', '=', f.line);
  if (f.region) q = q.where('r.code', '=', f.region);
  if (f.channel) q = q.where('c.channel', '=', f.channel);
  if (f.mine) q = q.where('c.assigned_user_id', '=', user.userId);
  if (f.overdue) q = q.where('c.respond_by', '<', today);
  // Closed contacts are history: the most recently closed first (its own index); open ones by promise.
  const closedOnly = f.status?.length === 1 && f.status[0] === 'closed';
  const ordered = closedOnly
    ? q.orderBy('c.closed_at', 'desc')
    : q.orderBy('c.respond_by').orderBy(sql`case c.urgency when 'emergency' then 0 when 'urgent' then 1 else 2 end`).orderBy('c.received_at');
  const rows = await ordered.limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id, reference: r.reference, channel: r.channel, status: r.status, waitingReason: r.waiting_reason, urgency: r.urgency,
    receivedAt: r.received_at.toISOString(), respondBy: r.respond_by, overdue: r.respond_by < today, dueToday: r.respond_by === today,
    anonymous: r.anonymous, mainReason: r.main_reason, serviceArea: r.service_area, contactor: r.contactor, line: r.line, region: r.region,
    assignedTo: r.assigned_user_id ? { id: r.assigned_user_id, name: r.assigned_name ?? '' } : null, hasCallbackNumber: r.has_callback_number,
  }));
}

/** The contact view. Reading an identified contact writes an access-log row in the same transaction. */
export async function contactView(db: Kysely<DB>, user: SessionUser, id: string, purpose: string, now: Date) {
  return tx(db, async (trx) => {
    const c = await trx.selectFrom('contact as c')
      .leftJoin('phone_line as l', 'l.id', 'c.phone_line_id')
      .leftJoin('region as r', 'r.id', 'c.region_id')
      .leftJoin('municipality as m', 'm.id', 'c.municipality_id')
      .leftJoin('app_user as u', 'u.id', 'c.assigned_user_id')
      .selectAll('c')
      .select(['l.code as line', 'r.code as region', 'm.code as municipality', 'u.display_name as assigned_name'])
      .where('c.id', '=', id).where('c.county_id', '=', user.countyId)
      .executeTakeFirst();
    if (!c) throw new AppError(404, 'not_found');
    const [events, consents, initiations, attempts] = await Promise.all([
      trx.selectFrom('contact_event as e').leftJoin('app_user as u', 'u.id', 'e.actor_user_id').select(['e.id', 'e.at', 'e.kind', 'e.details', 'u.display_name']).where('e.contact_id', '=', id).orderBy('e.at').orderBy('e.created_at').execute(),
      trx.selectFrom('consent').selectAll().where('contact_id', '=', id).orderBy('given_at').execute(),
      trx.selectFrom('initiation as i').innerJoin('receiving_unit as ru', 'ru.id', 'i.receiving_unit_id').select(['i.id', 'i.initiated_on', 'i.concerns', 'ru.code as unit', 'i.urgent', 'i.highest_care_allowance', 'i.age_at_initiation', 'i.legal_deadline']).where('i.contact_id', '=', id).execute(),
      trx.selectFrom('callback_attempt').select(['at', 'result']).where('contact_id', '=', id).orderBy('at').execute(),
    ]);
    const repeat = c.repeat_contacts_30d;
    const hasPersonalData = !c.anonymous && c.personal_data_erased_at === null;
    if (hasPersonalData) await logAccess(trx, { actor: user, subjectType: 'contact', subjectId: id, action: 'read', purpose });
    const today = helsinkiDate(now);
    return {
      id: c.id, reference: c.reference, channel: c.channel, line: c.line, serviceArea: c.service_area, region: c.region, municipality: c.municipality,
      contactor: c.contactor, anonymous: c.anonymous, mainReason: c.main_reason, additionalReasons: c.additional_reasons, note: c.note,
      urgency: c.urgency, receivedAt: c.received_at.toISOString(), receivedOn: c.received_on, respondBy: c.respond_by, overdue: c.status !== 'closed' && c.respond_by < today,
      status: c.status, waitingReason: c.waiting_reason, assignedTo: c.assigned_user_id ? { id: c.assigned_user_id, name: c.assigned_name ?? '' } : null,
      outcome: c.outcome, closedAt: c.closed_at?.toISOString() ?? null, handlingSeconds: c.handling_seconds, ledToClientRelationship: c.led_to_client_relationship,
      triggers: c.triggers, repeatContacts30d: repeat, repeatTrigger: repeat >= REPEAT_CONTACT_THRESHOLD,
      callbackAttemptsAllowed: c.callback_attempts_allowed, callerNumber: c.caller_number,
      person: hasPersonalData ? {
        name: c.person_name, phone: c.person_phone, hetu: c.person_hetu, birthDate: c.person_birth_date, address: c.person_address, email: c.person_email, callbackWindow: c.callback_window,
      } : null,
      personalDataErasedAt: c.personal_data_erased_at?.toISOString() ?? null,
      timeline: events.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, actor: e.display_name, details: e.details })),
      consents: consents.map((x) => ({ id: x.id, givenBy: x.given_by, method: x.method, purpose: x.purpose, target: x.target, givenAt: x.given_at.toISOString(), withdrawnAt: x.withdrawn_at?.toISOString() ?? null })),
      initiations: initiations.map((i) => ({ id: i.id, initiatedOn: i.initiated_on, concerns: i.concerns, unit: i.unit, urgent: i.urgent, highestCareAllowance: i.highest_care_allowance, ageAtInitiation: i.age_at_initiation, legalDeadline: i.legal_deadline })),
      callbackAttempts: attempts.map((a) => ({ at: a.at.toISOString(), result: a.result })),
    };
  });
}

/** The supervisor's live view: open contacts by line and status, promises due today, overdue, callbacks, who handles what. */
export async function supervisorOverview(db: Kysely<DB>, countyId: string, now: Date) {
  const today = helsinkiDate(now);
  const [byLine, totals, byWorker] = await Promise.all([
    db.selectFrom('contact as c').leftJoin('phone_line as l', 'l.id', 'c.phone_line_id')
      .select(['l.code as line', 'c.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('c.county_id', '=', countyId).where('c.status', '<>', 'closed').groupBy(['l.code', 'c.status']).execute(),
    db.selectFrom('contact').select([
      sql<number>`count(*) filter (where respond_by = ${today})::int`.as('due_today'),
      sql<number>`count(*) filter (where respond_by < ${today})::int`.as('overdue'),
      sql<number>`count(*) filter (where channel = 'callback' or waiting_reason = 'callback_attempt')::int`.as('callbacks_waiting'),
      sql<number>`count(*)::int`.as('open'),
    ]).where('county_id', '=', countyId).where('status', '<>', 'closed').executeTakeFirstOrThrow(),
    db.selectFrom('contact as c').innerJoin('app_user as u', 'u.id', 'c.assigned_user_id')
      .select(['u.id', 'u.display_name', sql<number>`count(*) filter (where c.status = 'in_progress')::int`.as('in_progress'), sql<number>`count(*) filter (where c.status = 'waiting')::int`.as('waiting')])
      .where('c.county_id', '=', countyId).where('c.status', 'in', ['in_progress', 'waiting']).groupBy(['u.id', 'u.display_name']).orderBy('u.display_name').execute(),
  ]);
  return {
    today,
    open: totals.open, dueToday: totals.due_today, overdue: totals.overdue, callbacksWaiting: totals.callbacks_waiting,
    byLine: byLine.map((r) => ({ line: r.line, status: r.status, count: Number(r.n) })),
    byWorker: byWorker.map((w) => ({ id: w.id, name: w.display_name, inProgress: w.in_progress, waiting: w.waiting })),
  };
}
