/**
 * Data for the polish tests (raw-codes.test.ts, polish.test.ts): one of each kind of record a
 * staff page shows, made through the API as a resident, a guidance worker and the emergency
 * department would. The clock is a Friday evening: an urgent web contact goes to the social
 * emergency service's list.
 */
import type { FastifyInstance } from 'fastify';
import { login } from '../src/server/test/support.js';
import { formatHetu } from '../src/domain/hetu.js';
import type { Database } from '../src/server/platform/db.js';

export const FRIDAY_EVENING = new Date('2026-11-27T18:00:00+02:00');

export interface PolishData {
  /** identified web contact, callback window `any`, claimed by ohjaaja */
  identified: { id: string; reference: string };
  anonymous: { id: string; reference: string };
  /** a phone contact with a referral to adult social work, sent with consent */
  referred: { id: string; reference: string; referralId: string };
  /** an urgent web contact handed to the social emergency service */
  urgent: { reference: string };
}

async function ok<T>(res: { statusCode: number; body: string; json: () => unknown }, what: string): Promise<T> {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

export async function seedPolishData(app: FastifyInstance, database: Database): Promise<PolishData> {
  const db = database.db;
  const idOf = async (reference: string) => (await db.selectFrom('contact').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
  const publicPost = async (url: string, payload: object) => ok<{ reference: string }>(await app.inject({ method: 'POST', url, payload }), url);

  const identified = await publicPost('/api/public/contact-requests', {
    lang: 'fi', anonymous: false, contactor: 'close_one', topic: 'money', text: 'Isäni rahat eivät riitä lääkkeisiin, hän tarvitsee neuvoja.',
    name: 'Sanna Soittaja', phone: '040 111 2233', callbackWindow: 'any', consent: true, dangerNow: false, urgent: false, website: '',
  });
  const anonymous = await publicPost('/api/public/contact-requests', {
    lang: 'fi', anonymous: true, contactor: 'self', topic: 'housing', text: 'Vuokranantaja uhkaa häädöllä, mistä saan apua?', dangerNow: false, urgent: false, website: '',
  });
  const urgent = await publicPost('/api/public/contact-requests', {
    lang: 'fi', anonymous: true, contactor: 'self', topic: 'money', text: 'Ruoka on loppu eikä rahaa ole ennen maanantaita.', dangerNow: false, urgent: true, website: '',
  });

  const guide = await login(app, 'ohjaaja');
  const post = async <T>(url: string, payload: object) => ok<T>(await app.inject({ method: 'POST', url, payload, headers: guide.headers }), url);
  // the identified contact is being worked on: its view shows the worker's forms, prefilled from it
  const identifiedId = await idOf(identified.reference);
  await post(`/api/contacts/${identifiedId}/claim`, {});
  const contact = await post<{ id: string; reference: string }>('/api/contacts', {
    channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
    note: 'Työmarkkinatuki katkesi, laskuja maksamatta.', person: { name: 'Jaska Jokunen', hetu: formatHetu('1996-03-14', 123), phone: '040 765 4321' },
  });
  const consent = await post<{ id: string }>(`/api/contacts/${contact.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
  const referral = await post<{ id: string }>(`/api/contacts/${contact.id}/referrals`, {
    kind: 'referral_for_assessment', assessment: 'pta', unit: 'adult_social_work', consentId: consent.id,
    summary: 'Toimeentulo ja työllistyminen: palvelutarpeen arviointi.', needs: ['income', 'employment_education'], urgency: 'non_urgent', preferredTime: 'aamupäivisin', shareResidentMessage: true,
  });
  const reference = (await db.selectFrom('contact').select('reference').where('id', '=', contact.id).executeTakeFirstOrThrow()).reference;

  return {
    identified: { id: identifiedId, reference: identified.reference },
    anonymous: { id: await idOf(anonymous.reference), reference: anonymous.reference },
    referred: { id: contact.id, reference, referralId: referral.id },
    urgent: { reference: urgent.reference },
  };
}
