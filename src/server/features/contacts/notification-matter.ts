import type { Transaction } from 'kysely';
import type { DB, InitiationSource, NotificationKind } from '../../platform/schema.js';
import { receivingUnitByCode } from '../organisation/public.js';
import { initiationClock, type LegalClock } from '../../../domain/service-promise.js';
import { ageOn } from '../../../domain/hetu.js';
import type { LocalDate } from '../../../domain/local-date.js';

/** The code of the receiving unit that takes child welfare notifications, when the county has one (codes.md). */
export const CHILD_WELFARE_UNIT = 'child_welfare';

/**
 * A notification makes a matter pending by law (SHL 35 §, LsL 25 §): its initiation record
 * (merkintä asian vireilletulosta) is created with it, in the same transaction, initiated on the
 * day it was received, concerning what the notification says. A child welfare notification
 * goes to the county's child welfare unit when there is one and keeps the contact's LsL 26 §
 * date; an SHL 35 § notification has no unit until a worker routes it, and the SHL 36 § clock
 * from the received day. It is a statutory record: the retention job keeps it (domain/retention).
 */
export async function createNotificationMatter(trx: Transaction<DB>, c: {
  contactId: string; countyId: string; kind: NotificationKind; receivedOn: LocalDate; note: string | null; urgent: boolean;
  birthDate: string | null; childWelfareClock: LocalDate | null; recordedByUserId: string | null;
}): Promise<{ id: string; source: InitiationSource; legalDeadline: string | null; legalBasis: LegalClock['basis'] | null }> {
  const childWelfare = c.kind === 'child_welfare';
  const unit = childWelfare ? await receivingUnitByCode(trx, c.countyId, CHILD_WELFARE_UNIT) : undefined;
  const age = c.birthDate ? ageOn(c.birthDate, c.receivedOn) : null;
  const clock: LegalClock | null = childWelfare
    ? (c.childWelfareClock ? { date: c.childWelfareClock, basis: 'lsl_26' } : null)
    : initiationClock({ receivedOn: c.receivedOn, initiatedOn: c.receivedOn, urgent: c.urgent, priorityClient: age !== null && age >= 75, childWelfare: false });
  const source: InitiationSource = childWelfare ? 'lsl_25_notification' : 'shl_35_notification';
  const row = await trx.insertInto('initiation').values({
    contact_id: c.contactId, initiated_on: c.receivedOn,
    concerns: c.note?.trim().slice(0, 1000) || (childWelfare ? 'Lastensuojeluilmoitus' : 'Ilmoitus sosiaalihuollon tarpeesta'),
    receiving_unit_id: unit?.active ? unit.id : null, urgent: c.urgent, age_at_initiation: age,
    legal_deadline: clock?.date ?? null, legal_basis: clock?.basis ?? null, recorded_by_user_id: c.recordedByUserId, source,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, source, legalDeadline: clock?.date ?? null, legalBasis: clock?.basis ?? null };
}
