import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { logAccess, logRead } from '../../platform/access-log.js';
import { personAccess } from '../../../domain/referral-access.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { LIST_TOTAL_CAP } from '../contacts/contacts.schemas.js';
import { isOverdue, OPEN_REFERRAL_STATUSES, type ReferralStatus } from '../../../domain/referral.js';
import { receivingUnitByCode } from '../organisation/public.js';
import { isGuidance, requireReadable } from './referrals.service.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** A timeline step without its free text (notes and reasons may describe the person). */
const withoutNotes = (details: unknown): Record<string, unknown> => {
  const { note: _note, reason: _reason, ...rest } = (details ?? {}) as Record<string, unknown>;
  return rest;
};

/**
 * One referral with the person's details as shared when it was sent (the snapshot, never the live
 * contact) and its history (the steps on the contact's timeline). The receiving unit sees the
 * person only while the referral is with it (domain/referral-access.ts); otherwise the referral
 * comes without personal data and with the reason, and nothing is logged as a read of the person.
 * A read of the person's data is access-logged in the same transaction, once per viewing session.
 */
export async function referralView(db: Kysely<DB>, user: SessionUser, id: string, purpose: 'referral_handling' | 'fhir_export', now: Date) {
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('referral as r')
      .innerJoin('contact as c', 'c.id', 'r.contact_id')
      .leftJoin('receiving_unit as u', 'u.id', 'r.receiving_unit_id')
      .leftJoin('consent as x', 'x.id', 'r.consent_id')
      .leftJoin('referral_snapshot as p', 'p.referral_id', 'r.id')
      .leftJoin('app_user as s', 's.id', 'r.sent_by_user_id')
      .leftJoin('app_user as h', 'h.id', 'r.handler_user_id')
      .leftJoin('service as es', 'es.id', 'r.external_service_id')
      .selectAll('r')
      .select([
        'c.reference', 'p.person_name', 'p.person_phone', 'p.person_hetu', 'p.person_birth_date', 'p.person_address', 'p.person_email', 'p.callback_window', 'p.language',
        'p.taken_at as snapshot_taken_at', 'p.erased_at as snapshot_erased_at', 'p.resident_message',
        'c.acute_reasons', 'c.acute_trigger_words', 'c.triggers',
        'u.code as unit_code', 'u.name_fi as unit_fi', 'u.name_sv as unit_sv', 'u.name_en as unit_en', 'u.service_area as unit_area', 'u.in_opastin as unit_in_opastin', 'u.phone as unit_phone', 'u.email as unit_email',
        'x.given_by', 'x.method as consent_method', 'x.purpose as consent_purpose', 'x.target as consent_target', 'x.given_at', 'x.withdrawn_at',
        's.display_name as sent_by', 'h.display_name as handler', 'es.ptv_id as external_ptv_id', 'es.name_fi as external_service_name',
      ])
      .where('r.id', '=', id).where('r.county_id', '=', user.countyId)
      .executeTakeFirst();
    if (!r) throw new AppError(404, 'not_found');
    requireReadable(user, r);
    const events = await trx.selectFrom('contact_event as e').leftJoin('app_user as a', 'a.id', 'e.actor_user_id')
      .select(['e.id', 'e.at', 'e.kind', 'e.details', 'a.display_name'])
      .where('e.contact_id', '=', r.contact_id).where(sql<boolean>`e.details->>'referralId' = ${id}`)
      .orderBy('e.at').orderBy('e.created_at').execute();
    const access = personAccess({
      status: r.status, completedAt: r.completed_at, acceptedAt: r.accepted_at, consentWithdrawnAt: r.withdrawn_at,
      erased: r.personal_data_erased_at !== null || r.snapshot_taken_at === null || r.snapshot_erased_at !== null,
    }, isGuidance(user) ? 'guidance' : 'unit', now);
    const hasPerson = access.available;
    if (hasPerson && purpose === 'fhir_export') await logAccess(trx, { actor: user, subjectType: 'referral', subjectId: id, action: 'export', purpose, at: now });
    else if (hasPerson) await logRead(trx, { actor: user, subjectType: 'referral', subjectId: id, purpose, at: now });
    // without access, the worker's words about the person go with the person's details
    const words = <T>(v: T): T | null => (hasPerson ? v : null);
    const today = helsinkiDate(now);
    return {
      id: r.id, contactId: r.contact_id, contactReference: r.reference, kind: r.kind, assessment: r.assessment,
      unit: r.unit_code ? { code: r.unit_code, name: { fi: r.unit_fi!, sv: r.unit_sv!, en: r.unit_en! }, serviceArea: r.unit_area!, inOpastin: r.unit_in_opastin!, phone: r.unit_phone ?? null, email: r.unit_email ?? null } : null,
      external: r.external_name ? { name: r.external_name, serviceId: r.external_service_id, ptvId: r.external_ptv_id, serviceName: r.external_service_name } : null,
      summary: words(r.summary), needs: r.needs, urgency: r.urgency, preferredTime: words(r.preferred_time),
      consent: r.consent_id && r.given_by ? { id: r.consent_id, givenBy: r.given_by, method: r.consent_method!, purpose: r.consent_purpose!, target: words(r.consent_target) ?? '', givenAt: iso(r.given_at)!, withdrawnAt: iso(r.withdrawn_at) } : null,
      legalGround: r.legal_ground, legalGroundReason: words(r.legal_ground_reason),
      bookedAt: iso(r.booked_at), bookedPlace: r.booked_place, status: r.status,
      acceptBy: r.accept_by, contactBy: r.contact_by, legalDeadline: r.legal_deadline, legalBasis: r.legal_basis,
      overdue: isOverdue({ status: r.status, acceptBy: r.accept_by, contactBy: r.contact_by }, today), escalationLevel: r.escalation_level,
      sentAt: iso(r.sent_at)!, sentBy: r.sent_by ?? '', handler: r.handler, acceptedAt: iso(r.accepted_at), clientContactedAt: iso(r.client_contacted_at),
      completedAt: iso(r.completed_at), returnedAt: iso(r.returned_at), returnReason: words(r.return_reason), cancelledAt: iso(r.cancelled_at), cancelReason: words(r.cancel_reason),
      outcome: r.outcome, outcomeNote: words(r.outcome_note), updatedAt: iso(r.updated_at)!,
      person: hasPerson ? {
        name: r.person_name, phone: r.person_phone, hetu: r.person_hetu, birthDate: r.person_birth_date, address: r.person_address, email: r.person_email,
        callbackWindow: r.callback_window, language: r.language,
      } : null,
      personalDataErasedAt: iso(r.personal_data_erased_at),
      personalDataAvailable: hasPerson, personalDataUnavailableReason: access.available ? null : access.reason,
      snapshotTakenAt: iso(r.snapshot_taken_at),
      // the resident's words and the triage, when the worker shared them: with the person's details, never without
      residentMessage: words(r.resident_message),
      ...(hasPerson && r.resident_message !== null
        ? { acuteReasons: r.acute_reasons, acuteTriggerWords: r.acute_trigger_words, triggers: r.triggers }
        : { acuteReasons: [], acuteTriggerWords: [], triggers: [] }),
      history: events.map((e) => ({ id: e.id, at: iso(e.at)!, kind: e.kind, actor: e.display_name, details: hasPerson ? e.details : withoutNotes(e.details) })),
    };
  });
}
export type ReferralView = Awaited<ReturnType<typeof referralView>>;

/** A count taken up to LIST_TOTAL_CAP + 1 rows: the total, and whether more match. */
const capped = (n: number | string) => ({ total: Math.min(Number(n), LIST_TOTAL_CAP), totalCapped: Number(n) > LIST_TOTAL_CAP });

export interface InboxFilters {
  unit?: string;
  status?: ReferralStatus[];
  /** guidance: the open referrals to outside actors, which the guidance unit follows itself */
  external?: boolean;
  limit: number;
}

/**
 * A unit's inbox: its referrals without personal data (the person is read, and logged, when one is
 * opened). Open ones by their next deadline: acceptance for new ones, client contact for accepted.
 */
export async function inbox(db: Kysely<DB>, user: SessionUser, f: InboxFilters, now: Date) {
  const today = helsinkiDate(now);
  let unitIds: string[];
  if (f.external) {
    if (!isGuidance(user)) throw new AppError(403, 'forbidden');
    unitIds = [];
  } else {
    if (!user.roles.includes('unit_worker')) throw new AppError(403, 'forbidden', 'The inbox is for the workers of receiving units.');
    unitIds = user.unitIds;
    if (f.unit) {
      const unit = await receivingUnitByCode(db, user.countyId, f.unit);
      if (!unit) throw new AppError(400, 'unknown_code', undefined, [{ field: 'querystring.unit', message: `Unknown receiving unit "${f.unit}".`, code: 'unknown_code' }]);
      if (!unitIds.includes(unit.id)) throw new AppError(403, 'not_your_unit');
      unitIds = [unit.id];
    }
    if (!unitIds.length) return { items: [], total: 0, totalCapped: false, offset: 0, limit: f.limit, counts: { requested: 0, accepted: 0, client_contacted: 0, overdue: 0 } };
  }
  const statuses = f.status?.length ? f.status : [...OPEN_REFERRAL_STATUSES];
  const open = statuses.every((s) => (OPEN_REFERRAL_STATUSES as readonly string[]).includes(s));
  let q = db.selectFrom('referral as r')
    .select(['r.id', 'r.contact_id', 'r.kind', 'r.assessment', 'r.receiving_unit_id', 'r.external_name', 'r.needs', 'r.urgency', 'r.status', 'r.accept_by', 'r.contact_by',
      'r.legal_deadline', 'r.legal_basis', 'r.sent_at', 'r.booked_at', 'r.escalation_level', 'r.handler_user_id', 'r.outcome',
      sql<string>`case r.status when 'requested' then r.accept_by else r.contact_by end`.as('due')])
    .where('r.county_id', '=', user.countyId)
    // literals: the planner proves the partial inbox index usable in a cached plan too
    .where('r.status', 'in', statuses.map((s) => sql.lit(s)));
  q = f.external ? q.where('r.receiving_unit_id', 'is', null) : q.where('r.receiving_unit_id', 'in', unitIds);
  // open ones by their next day, others newest first: the page in that order, then the same order joined
  const page = (open ? q.orderBy('due').orderBy('r.sent_at') : q.orderBy('r.sent_at', 'desc')).limit(f.limit);
  const joined = db.selectFrom(page.as('p'))
    .innerJoin('contact as c', 'c.id', 'p.contact_id')
    .leftJoin('receiving_unit as u', 'u.id', 'p.receiving_unit_id')
    .leftJoin('app_user as h', 'h.id', 'p.handler_user_id')
    .selectAll('p').select(['c.reference', 'u.code as unit_code', 'h.display_name as handler']);
  // the total of the same filter, not just this page (issue 14), counted up to the cap
  const counted = db.selectFrom(q.clearSelect().select(sql.lit(1).as('one')).limit(LIST_TOTAL_CAP + 1).as('m')).select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, count] = await Promise.all([
    (open ? joined.orderBy('p.due').orderBy('p.sent_at') : joined.orderBy('p.sent_at', 'desc')).execute(),
    counted.executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({
    id: r.id, contactReference: r.reference, kind: r.kind, assessment: r.assessment, unit: r.unit_code, external: r.external_name, needs: r.needs, urgency: r.urgency,
    status: r.status, acceptBy: r.accept_by, contactBy: r.contact_by, legalDeadline: r.legal_deadline, legalBasis: r.legal_basis, sentAt: r.sent_at.toISOString(),
    bookedAt: iso(r.booked_at), overdue: isOverdue({ status: r.status, acceptBy: r.accept_by, contactBy: r.contact_by }, today),
    reminded: r.escalation_level > 0 && (r.status === 'requested' || r.status === 'accepted'), handler: r.handler, outcome: r.outcome,
  }));
  return {
    items, ...capped(count.n), offset: 0, limit: f.limit,
    counts: {
      requested: items.filter((i) => i.status === 'requested').length, accepted: items.filter((i) => i.status === 'accepted').length,
      client_contacted: items.filter((i) => i.status === 'client_contacted').length, overdue: items.filter((i) => i.overdue).length,
    },
  };
}

/**
 * The supervisor's overdue view: referrals not accepted by their day, and accepted ones whose
 * client was not reached by the client-contact day (each from its own partial index).
 */
export async function overdueReferrals(db: Kysely<DB>, countyId: string, now: Date, limit = 200) {
  const today = helsinkiDate(now);
  // a status and the day it is late against: each pair reads its own partial index
  const pastDue = (status: 'requested' | 'accepted', day: 'accept_by' | 'contact_by', kind: 'not_accepted' | 'not_contacted') => {
    const late = db.selectFrom('referral').select(['id', 'contact_id', 'receiving_unit_id', 'external_name', 'kind', 'urgency', 'status', 'sent_at', 'escalation_level', 'handler_user_id'])
      .select([sql<string>`${sql.ref(day)}`.as('due'), sql<typeof kind>`${kind}::text`.as('overdue_kind')])
      .where('county_id', '=', countyId).where('status', '=', sql.lit(status)).where(day, '<', today).orderBy(day).limit(limit);
    return db.selectFrom(late.as('o')).innerJoin('contact as c', 'c.id', 'o.contact_id').leftJoin('receiving_unit as u', 'u.id', 'o.receiving_unit_id').leftJoin('app_user as h', 'h.id', 'o.handler_user_id')
      .selectAll('o').select(['c.reference', 'u.code as unit_code', 'h.display_name as handler']).execute();
  };
  const [a, b, counts] = await Promise.all([
    pastDue('requested', 'accept_by', 'not_accepted'),
    pastDue('accepted', 'contact_by', 'not_contacted'),
    db.selectFrom('referral').select([
      sql<number>`count(*) filter (where status = 'requested' and accept_by < ${today})::int`.as('not_accepted'),
      sql<number>`count(*) filter (where status = 'accepted' and contact_by < ${today})::int`.as('not_contacted'),
    ]).where('county_id', '=', countyId).where((eb) => eb.or([
      eb.and([eb('status', '=', sql.lit('requested')), eb('accept_by', '<', today)]),
      eb.and([eb('status', '=', sql.lit('accepted')), eb('contact_by', '<', today)]),
    ])).executeTakeFirstOrThrow(),
  ]);
  const items = [...a, ...b].sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : 0)).slice(0, limit).map((r) => ({
    id: r.id, contactReference: r.reference, unit: r.unit_code, external: r.external_name, kind: r.kind, urgency: r.urgency, status: r.status,
    overdueKind: r.overdue_kind, due: r.due, sentAt: r.sent_at.toISOString(), reminded: r.escalation_level > 0, handler: r.handler,
  }));
  return { today, notAccepted: counts.not_accepted, notContacted: counts.not_contacted, ...capped(counts.not_accepted + counts.not_contacted), offset: 0, limit, items };
}
