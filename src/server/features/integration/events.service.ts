import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { logAccess } from '../../platform/access-log.js';
import { tx } from '../../platform/tx.js';
import { toCloudEvent, type CloudEvent } from '../../../domain/events.js';

export interface OutboxRow { id: string; seq: string; county_id: string; type: string; subject: string; time: Date; data: Record<string, unknown> }

/** data.person: the fields of PERSON_FIELDS (domain/events.ts). */
export interface EventPerson { name: string | null; hetu: string | null; birthDate: string | null; phone: string | null; email: string | null; address: string | null; language: 'fi' | 'sv' | 'en' | null }

/** Why a subscription reads the person's data: what the access log says. */
export const EVENT_DELIVERY_PURPOSE = 'event_delivery';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The CloudEvents a subscriber gets for outbox rows (push and pull alike): the envelope, and
 * data.person when the subscription's legal basis allows personal data and the contact still
 * holds it (read at delivery, access-logged). Shared by the webhook dispatcher and GET /api/events.
 *
 * The person is read as it is now, not as it was when the event happened: the outbox holds no
 * personal data, and after the retention rule erased it nothing of the person goes out. Each
 * contact read writes one access-log row (actor `system:webhook:<subscription id>`) in the same
 * transaction as the read.
 */
export async function eventsFor(db: Kysely<DB>, rows: OutboxRow[], countyCode: string, sub: { id: string; personalData: boolean } | null, now: Date): Promise<CloudEvent[]> {
  const events = rows.map((r) => toCloudEvent(r, countyCode));
  if (!sub?.personalData || !rows.length) return events;
  const wanted = [...new Set(rows.map((r) => r.data.contactId).filter((id): id is string => typeof id === 'string' && UUID_RE.test(id)))];
  if (!wanted.length) return events;
  const people = await tx(db, (trx) => readPeople(trx, wanted, sub.id, now));
  return events.map((e, i) => {
    const row = rows[i]!;
    const person = people.get(String(row.data.contactId));
    // a contact of another county never lends its person to this county's event
    return person && person.countyId === row.county_id ? { ...e, data: { ...e.data, person: person.person } } : e;
  });
}

async function readPeople(trx: Transaction<DB>, contactIds: string[], subscriptionId: string, now: Date): Promise<Map<string, { countyId: string; person: EventPerson }>> {
  const rows = await trx.selectFrom('contact')
    .select(['id', 'county_id', 'person_name', 'person_hetu', 'person_birth_date', 'person_phone', 'person_email', 'person_address', 'language'])
    .where('id', 'in', contactIds).where('anonymous', '=', false).where('personal_data_erased_at', 'is', null)
    .orderBy('id').execute();
  const out = new Map<string, { countyId: string; person: EventPerson }>();
  for (const r of rows) {
    const person: EventPerson = {
      name: r.person_name, hetu: r.person_hetu, birthDate: r.person_birth_date, phone: r.person_phone,
      email: r.person_email, address: r.person_address, language: r.language,
    };
    // every person field already empty: nothing to send and nothing read
    if (person.name === null && person.hetu === null && person.birthDate === null && person.phone === null && person.email === null && person.address === null) continue;
    await logAccess(trx, {
      actor: { system: `webhook:${subscriptionId}`, countyId: r.county_id }, subjectType: 'contact', subjectId: r.id,
      action: 'read', purpose: EVENT_DELIVERY_PURPOSE, details: { subscriptionId }, at: now,
    });
    out.set(r.id, { countyId: r.county_id, person });
  }
  return out;
}
