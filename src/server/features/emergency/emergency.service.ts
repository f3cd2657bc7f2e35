import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { tx } from '../../platform/tx.js';
import { phoneLinesWithHours } from '../organisation/public.js';
import { insertContactEvent } from '../contacts/public.js';
import { guidanceOpenAt, handoffReason, socialEmergencyOpenAt, type GuidanceLine, type HandoffReason } from './emergency.domain.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface SocialEmergency {
  phone: string | null;
  unitId: string | null;
  crisisPhone: string | null;
  slots: { weekday: number; opens: string; closes: string }[];
}

/** The county's social emergency service (its number, receiving unit and hours) and its crisis line. */
export async function socialEmergencyOf(db: Db, countyId: string): Promise<SocialEmergency> {
  const [county, slots] = await Promise.all([
    db.selectFrom('county').select(['social_emergency_phone', 'social_emergency_unit_id', 'crisis_phone']).where('id', '=', countyId).executeTakeFirstOrThrow(),
    db.selectFrom('social_emergency_slot').select(['weekday', 'opens', 'closes']).where('county_id', '=', countyId).orderBy('weekday').orderBy('opens').execute(),
  ]);
  return {
    phone: county.social_emergency_phone, unitId: county.social_emergency_unit_id, crisisPhone: county.crisis_phone,
    slots: slots.map((s) => ({ weekday: s.weekday, opens: s.opens.slice(0, 5), closes: s.closes.slice(0, 5) })),
  };
}

export const isSocialEmergencyOpen = (s: SocialEmergency, now: Date) => socialEmergencyOpenAt(now, s.slots);

/** The county's active public lines with their hours and regions: what guidance hours are made of. */
export async function guidanceLines(db: Db, countyId: string): Promise<GuidanceLine[]> {
  const lines = await phoneLinesWithHours(db as Kysely<DB>, countyId, false);
  return lines.map((l) => ({ region: l.region_code, slots: l.slots, exceptions: l.exceptions }));
}

export interface HandoffInput {
  countyId: string;
  contactId: string;
  /** the contact's region code, when known (its municipality's, or its line's) */
  regionCode: string | null;
  acute: boolean;
  urgency: string;
  notificationKind: string | null;
  now: Date;
}

/**
 * Out of guidance hours, an acute or urgent contact or a child welfare notification is handed to
 * the county's social emergency service: a row in its list and an event on the contact's timeline,
 * written in the caller's transaction (with the contact, for a form). Only when the county has the
 * service set up (a number or a receiving unit). Once per contact: a second attempt (another
 * process's job run) is a no-op. `lines` may be given by a caller that checks many contacts.
 * Returns the reason, or null when nothing was handed over.
 */
export async function handOffIfOutOfHours(trx: Db, input: HandoffInput, service: SocialEmergency, opts: { lines?: GuidanceLine[]; afterArrival?: boolean } = {}): Promise<HandoffReason | null> {
  if (!service.phone && !service.unitId) return null;
  if (!input.acute && input.notificationKind !== 'child_welfare' && input.urgency === 'non_urgent') return null;
  const lines = opts.lines ?? await guidanceLines(trx, input.countyId);
  const reason = handoffReason(input, guidanceOpenAt(input.now, lines, input.regionCode));
  if (!reason) return null;
  const row = await trx.insertInto('emergency_handoff').values({ county_id: input.countyId, contact_id: input.contactId, reason, routed_at: input.now, unit_id: service.unitId })
    .onConflict((oc) => oc.column('contact_id').doNothing()).returning('id').executeTakeFirst();
  if (!row) return null;
  // the contact's timeline says where it went (the guidance worker reads it next morning)
  await insertContactEvent(trx, input.contactId, input.now, { system: 'emergency-handoff', countyId: input.countyId }, 'emergency_handoff',
    opts.afterArrival ? { reason, afterArrival: true } : { reason });
  return reason;
}

/**
 * What arrived in hours but still waits, unclaimed, when the guidance unit closes (a 14:59 form, a
 * contact a worker registered, a call from the phone system): handed over too, so that nothing
 * urgent waits for Monday silently. Run every few minutes by the job queue; idempotent (one
 * hand-off per contact), bounded per run; the county's lines and service are read once per run.
 */
export async function handOffWaiting(db: Kysely<DB>, now: Date): Promise<{ handedOver: number }> {
  const counties = await db.selectFrom('county').select('id')
    .where((eb) => eb.or([eb('social_emergency_phone', 'is not', null), eb('social_emergency_unit_id', 'is not', null)])).execute();
  let handedOver = 0;
  for (const { id: countyId } of counties) {
    const waiting = await db.selectFrom('contact as c').leftJoin('region as r', 'r.id', 'c.region_id')
      .select(['c.id', 'c.acute', 'c.urgency', 'c.notification_kind', 'r.code as region'])
      .where('c.county_id', '=', countyId)
      .where('c.status', 'in', (['new', 'waiting'] as const).map((x) => sql.lit(x)))
      .where('c.assigned_user_id', 'is', null)
      .where((eb) => eb.or([eb('c.acute', '=', true), eb('c.urgency', 'in', ['urgent', 'emergency']), eb('c.notification_kind', '=', 'child_welfare')]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('emergency_handoff as h').select('h.id').whereRef('h.contact_id', '=', 'c.id'))))
      .orderBy('c.received_at').limit(500).execute();
    if (!waiting.length) continue;
    const [service, lines] = await Promise.all([socialEmergencyOf(db, countyId), guidanceLines(db, countyId)]);
    for (const c of waiting) {
      const reason = await db.transaction().execute((trx) => handOffIfOutOfHours(trx,
        { countyId, contactId: c.id, regionCode: c.region, acute: c.acute, urgency: c.urgency, notificationKind: c.notification_kind, now }, service, { lines, afterArrival: true }));
      if (reason) handedOver++;
    }
  }
  return { handedOver };
}

/** Unit workers read the list only as workers of the service's unit; supervisors of the county always. */
async function checkReader(db: Db, user: SessionUser): Promise<void> {
  if (user.roles.includes('supervisor')) return;
  const { social_emergency_unit_id: unitId } = await db.selectFrom('county').select('social_emergency_unit_id').where('id', '=', user.countyId).executeTakeFirstOrThrow();
  if (!unitId || !user.unitIds.includes(unitId)) throw new AppError(403, 'forbidden', 'Only the social emergency service’s workers and supervisors see its hand-offs.');
}

/**
 * The social emergency service's list: open hand-offs first, oldest first. No personal data: the
 * contact's reference, why it was handed over, its acute reasons, when it arrived and how long it
 * has waited.
 */
export async function listHandoffs(db: Kysely<DB>, user: SessionUser, opts: { includeAcknowledged: boolean }, now: Date) {
  await checkReader(db, user);
  let q = db.selectFrom('emergency_handoff as h').innerJoin('contact as c', 'c.id', 'h.contact_id')
    .leftJoin('app_user as u', 'u.id', 'h.acknowledged_by_user_id')
    .select(['h.id', 'h.contact_id', 'c.reference', 'h.reason', 'c.acute', 'c.acute_reasons', 'c.channel', 'c.urgency', 'c.notification_kind', 'c.received_at', 'h.routed_at', 'h.acknowledged_at', 'u.display_name as acknowledged_by'])
    .where('h.county_id', '=', user.countyId);
  if (!opts.includeAcknowledged) q = q.where('h.acknowledged_at', 'is', null);
  const rows = await q.orderBy(sql`h.acknowledged_at is not null`).orderBy('h.routed_at').orderBy('h.id').limit(200).execute();
  return rows.map((r) => ({
    id: r.id, contactId: r.contact_id, reference: r.reference, reason: r.reason, acute: r.acute, acuteReasons: r.acute_reasons, channel: r.channel, urgency: r.urgency,
    childWelfare: r.notification_kind === 'child_welfare',
    receivedAt: r.received_at.toISOString(), routedAt: r.routed_at.toISOString(),
    waitedMinutes: Math.max(0, Math.floor(((r.acknowledged_at ?? now).getTime() - r.received_at.getTime()) / 60_000)),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null, acknowledgedBy: r.acknowledged_by ?? null,
  }));
}

/**
 * "Seen, we are on it": idempotent for the one who acknowledged; another's second click gets 409
 * naming who acknowledged it and when.
 */
export async function acknowledgeHandoff(db: Kysely<DB>, user: SessionUser, id: string, now: Date) {
  await checkReader(db, user);
  const updated = await db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('emergency_handoff').set({ acknowledged_at: now, acknowledged_by_user_id: user.userId })
      .where('id', '=', id).where('county_id', '=', user.countyId).where('acknowledged_at', 'is', null)
      .returning(['id', 'acknowledged_at', 'contact_id']).executeTakeFirst();
    // on the contact's timeline, with who: the guidance worker sees the service took it up
    if (row) await insertContactEvent(trx, row.contact_id, now, user, 'emergency_handoff_acknowledged', {});
    return row;
  });
  if (updated) return { id, acknowledgedAt: updated.acknowledged_at!.toISOString(), acknowledgedBy: user.displayName };
  const row = await db.selectFrom('emergency_handoff as h').leftJoin('app_user as u', 'u.id', 'h.acknowledged_by_user_id')
    .select(['h.acknowledged_at', 'h.acknowledged_by_user_id', 'u.display_name']).where('h.id', '=', id).where('h.county_id', '=', user.countyId).executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found');
  if (row.acknowledged_by_user_id === user.userId) return { id, acknowledgedAt: row.acknowledged_at!.toISOString(), acknowledgedBy: user.displayName };
  throw new AppError(409, 'conflict', `${row.display_name ?? 'Another worker'} acknowledged this hand-off at ${row.acknowledged_at!.toISOString()}.`);
}

/** County IT sets the service's hours: replaces the weekly slots (none: around the clock). */
export async function setSocialEmergencyHours(db: Kysely<DB>, countyId: string, slots: { weekday: number; opens: string; closes: string }[]): Promise<void> {
  for (const s of slots) {
    if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7) throw new Error('A weekday is 1 (Monday) … 7 (Sunday).');
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.opens) || !/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(s.closes) || s.closes <= s.opens) throw new Error(`Hours are HH:MM-HH:MM with the closing after the opening (24:00 for midnight), not ${s.opens}-${s.closes}.`);
  }
  // joins the caller's transaction (the administration's change and its history row are one)
  await tx(db, async (trx) => {
    await trx.deleteFrom('social_emergency_slot').where('county_id', '=', countyId).execute();
    if (slots.length) await trx.insertInto('social_emergency_slot').values(slots.map((s) => ({ county_id: countyId, ...s }))).execute();
  });
}
