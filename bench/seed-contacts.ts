/**
 * Ten years of a large county's contacts for the benchmark: `total` contacts spread evenly back
 * from `now` (1 000 000 ≈ one every 5¼ minutes), the newest `open` of them still open, a third
 * identified, identities erased after 30 days as the retention job would (except a quarter of
 * them, kept as a client relationship's would be), one timeline event each. Plain SQL with
 * generate_series so both engines load it in one pass.
 *
 * For the search figures (issue 14) the identified contacts carry a person of 3 000 (a Finnish
 * name of 40 × 40, a phone number, a valid identity code), half the contacts a worker's note and
 * the web-form ones the resident's message, from phrase lists, so that the trigram indexes hold
 * realistic text. `benchPerson(p)` gives a person's identity code and phone number for the queries.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/platform/schema.js';
import { checkCharacter } from '../src/domain/hetu.js';

const CHANNELS = ['phone', 'phone', 'phone', 'callback', 'web_form', 'walk_in', 'authority_line', 'secure_email', 'chat', 'post'];
const CONTACTORS = ['self', 'self', 'self', 'close_one', 'professional', 'authority', 'organisation'];
const SERVICE_AREAS = ['working_age', 'older_people', 'disability', 'families', 'mental_health_substance', 'health'];
const OUTCOMES = ['advice_given', 'advice_given', 'advice_given', 'message_to_service', 'referral_for_assessment', 'other_actor', 'to_own_worker', 'direct_booking', 'not_reached'];

const FIRST_NAMES = ['Matti', 'Aino', 'Juha', 'Helena', 'Timo', 'Anneli', 'Kari', 'Johanna', 'Mikko', 'Marja', 'Jari', 'Kaarina', 'Antti', 'Tuula', 'Jukka', 'Liisa',
  'Pekka', 'Sari', 'Heikki', 'Pirjo', 'Markku', 'Elina', 'Petri', 'Anna', 'Ville', 'Eeva', 'Sami', 'Riitta', 'Janne', 'Leena', 'Eino', 'Maria', 'Lauri',
  'Sofia', 'Olli', 'Emma', 'Erik', 'Karin', 'Mohamed', 'Fatima'];
const SURNAMES = ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Lehtinen',
  'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen',
  'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen', 'Ahonen', 'Hakala', 'Kallio', 'Peltola', 'Ketola', 'Kangas', 'Björklund', 'Lindholm', 'Nyström', 'Ali', 'Hassan'];
const NOTES = [
  'Kysyi toimeentulotuesta ja Kelan perusosasta, ohjattiin hakemaan sähköisesti.', 'Vuokrarästejä kolmelta kuukaudelta, uhkaa häätö.',
  'Äiti ei enää pärjää kotona, toiveena kotihoidon arvio.', 'Omaishoidon tuen hakeminen, ohjeistettu hakemus.', 'Velkaneuvonta: ulosotossa useita velkoja.',
  'Nuori muuttanut pois kotoa, tarvitsee tukea asumiseen.', 'Kysyi kuljetuspalvelusta ja vammaispalvelun hakemisesta.', 'Työtön, tulot eivät riitä lääkkeisiin.',
  'Päihteiden käyttö lisääntynyt, ohjattu A-klinikalle.', 'Yksinäisyys ja masennusoireet, keskusteltu mielenterveyspalveluista.', 'Perheen arki kuormittunut, lapsiperheiden kotipalvelu.',
  'Eron jälkeen asunto ja talous auki, ohjattu sosiaalityöhön.', 'Kysyi palvelusetelistä siivoukseen.', 'Muisti heikentynyt, omaiset huolissaan.',
  'Ruoka-apu ja diakoniatyön yhteystiedot annettu.', 'Asunnottomuus uhkaa, yhteys asumisneuvontaan.', 'Maahanmuuttaja, tulkki tarvitaan seuraavaan tapaamiseen.',
  'Koulunkäynti takkuaa, huoli nuoren jaksamisesta.', 'Sairaalasta kotiutuminen, apuvälineet ja kotihoito.', 'Lastensuojeluilmoitus tehty naapurin toimesta.',
  'Kysyi vammaistuesta, ohjattu Kelaan.', 'Väkivaltaa parisuhteessa, turvakodin yhteystiedot.', 'Rahat loppuneet kesken kuun, välitöntä apua.',
  'Sähkölasku erääntynyt, katkaisu uhkaa.', 'Pitkäaikaistyötön, kuntouttava työtoiminta.', 'Vanhus kaatuillut kotona, turvaranneke.',
  'Nuori aikuinen, ei opiskelu- tai työpaikkaa.', 'Ohjattu talous- ja velkaneuvontaan.', 'Tarvitsee apua hakemusten täyttämiseen.', 'Kotihoidon käynnit eivät riitä.',
];
const MESSAGES = [
  'Tarvitsen apua, rahat eivät riitä ruokaan ja vuokraan.', 'Äitini ei pärjää enää yksin kotona. Mistä saa apua?', 'Meille tuli häätöuhka, mitä voin tehdä?',
  'Haluaisin tietää miten haen omaishoidon tukea.', 'Olen ollut pitkään yksin enkä jaksa. Voisiko joku soittaa?', 'Poikani käyttää päihteitä ja olen huolissani.',
  'Voinko saada kuljetuspalvelua lääkärikäynneille?', 'Velat kasvavat, ulosotto vie kaiken.', 'Muutin juuri paikkakunnalle ja tarvitsen tietoa palveluista.',
  'Kotihoito käy liian harvoin, isä on usein yksin.', 'Jag behöver hjälp med ansökan om utkomststöd.', 'I need help with rent and food this month.',
  'Lapsiperheen arki on raskasta, tarvitsemme apua kotiin.', 'Miten haen vammaispalveluja?', 'Sähköt uhataan katkaista, mitä teen?',
];

/** The identity code and the phone number of the bench's person `p` (0…2 999), as the seed writes them. */
export function benchPerson(p: number): { hetu: string; phone: string; name: string } {
  const ddmmyy = `${String(1 + (p % 28)).padStart(2, '0')}${String(1 + (Math.floor(p / 28) % 12)).padStart(2, '0')}${String(40 + (p % 50)).padStart(2, '0')}`;
  const zzz = String(100 + (p % 800)).padStart(3, '0');
  return {
    hetu: `${ddmmyy}-${zzz}${checkCharacter(ddmmyy, zzz)}`,
    phone: `+35840${String(p).padStart(7, '0')}`,
    name: `${FIRST_NAMES[p % FIRST_NAMES.length]} ${SURNAMES[Math.floor(p / FIRST_NAMES.length) % SURNAMES.length]}`,
  };
}

export interface SeedResult { seconds: number; identifiedIds: string[]; anonymousIds: string[] }

export async function seedContacts(db: Kysely<DB>, opts: { total: number; open: number; now: Date; years?: number; batch?: number; onProgress?: (done: number) => void }): Promise<SeedResult> {
  const years = opts.years ?? 10;
  const started = Date.now();
  const county = await db.selectFrom('county').select('id').executeTakeFirstOrThrow();
  const [lines, regions, municipalities, reasons, user] = await Promise.all([
    db.selectFrom('phone_line').select('id').where('county_id', '=', county.id).orderBy('code').execute(),
    db.selectFrom('region').select('id').where('county_id', '=', county.id).orderBy('code').execute(),
    db.selectFrom('municipality').select('id').where('county_id', '=', county.id).orderBy('code').execute(),
    db.selectFrom('code').select('code').where('county_id', '=', county.id).where('code_set', '=', 'reason').orderBy('sort_order').execute(),
    db.selectFrom('app_user').select('id').where('username', '=', 'ohjaaja').executeTakeFirstOrThrow(),
  ]);
  const ids = (rows: { id: string }[]) => sql`${rows.map((r) => r.id)}::uuid[]`;
  const texts = (values: string[]) => sql`${values}::text[]`;
  const recent = Math.floor((30 * 86_400) / ((years * 365 * 86_400) / opts.total)); // contacts of the last 30 days
  const batch = opts.batch ?? 50_000;

  for (let from = 1; from <= opts.total; from += batch) {
    const to = Math.min(opts.total, from + batch - 1);
    // seeded history, not events: no outbox rows (migration 0022)
    await db.transaction().execute(async (trx) => { await sql`set local opastin.outbox = 'off'`.execute(trx); await sql`
      with g as (
        select i, ${opts.now}::timestamptz - (i * (make_interval(years => ${years}::int) / ${opts.total}::int)) as received_at,
               i <= ${opts.open}::int as open, i % 3 = 0 as identified, i <= ${recent}::int as recent,
               -- a quarter of the identified keep their data (a client relationship began), the rest are erased after 30 days
               i <= ${recent}::int or i <= ${opts.open}::int or i % 12 = 0 as kept, i % 3000 as p
        from generate_series(${from}::int, ${to}::int) as i
      ), people as (
        select g.*, lpad((1 + p % 28)::text, 2, '0') || lpad((1 + (p / 28) % 12)::text, 2, '0') || lpad((40 + p % 50)::text, 2, '0') as ddmmyy,
               lpad((100 + p % 800)::text, 3, '0') as zzz
        from g
      ), ins as (
        insert into contact (
          county_id, reference, channel, phone_line_id, service_area, region_id, municipality_id, contactor, anonymous, main_reason,
          additional_reasons, urgency, received_at, received_on, respond_by, status, waiting_reason, assigned_user_id, outcome, closed_at,
          closed_by_user_id, handling_seconds, led_to_client_relationship, person_name, person_phone, personal_data_erased_at,
          first_response_at, repeat_contacts_30d, created_by_user_id, acute, acute_reasons, acute_flagged_at, person_hetu, note, resident_message, language)
        select ${county.id}, 'BENCH-' || i, (${texts(CHANNELS)})[1 + i % ${CHANNELS.length}::int],
          (${ids(lines)})[1 + i % ${lines.length}::int], (${texts(SERVICE_AREAS)})[1 + i % ${SERVICE_AREAS.length}::int],
          (${ids(regions)})[1 + i % ${regions.length}::int], (${ids(municipalities)})[1 + i % ${municipalities.length}::int],
          (${texts(CONTACTORS)})[1 + i % ${CONTACTORS.length}::int], not identified,
          (${texts(reasons.map((r) => r.code))})[1 + i % ${reasons.length}::int],
          case when i % 5 = 0 then array['housing'] else '{}'::text[] end,
          case when i % 20 = 0 then 'urgent' else 'non_urgent' end,
          received_at, (received_at at time zone 'Europe/Helsinki')::date, (received_at at time zone 'Europe/Helsinki')::date + 1,
          case when open then (array['new', 'in_progress', 'waiting'])[1 + i % 3] else 'closed' end,
          case when open and i % 3 = 2 then 'consultation' end,
          case when open and i % 3 <> 0 then ${user.id}::uuid end,
          case when not open then (${texts(OUTCOMES)})[1 + i % ${OUTCOMES.length}::int] end,
          case when not open then received_at + interval '12 minutes' end,
          case when not open then ${user.id}::uuid end,
          case when not open then 120 + i % 900 end,
          case when not open then i % 4 = 0 end,
          case when identified and kept then (${texts(FIRST_NAMES)})[1 + p % ${FIRST_NAMES.length}::int] || ' ' || (${texts(SURNAMES)})[1 + (p / ${FIRST_NAMES.length}::int) % ${SURNAMES.length}::int] end,
          case when identified and kept then '+35840' || lpad(p::text, 7, '0') end,
          case when identified and not kept then received_at + interval '30 days 12 minutes' end,
          case when not open or i % 3 <> 0 then received_at + interval '5 minutes' end,
          case when identified then 1 + i % 4 else 0 end,
          ${user.id}::uuid,
          -- about 1 % of the open contacts acute (issue 11): the queue's first rows, the alerts' poll
          open and i % 97 = 0, case when open and i % 97 = 0 then array['suicide'] else '{}'::text[] end,
          case when open and i % 97 = 0 then received_at end,
          case when identified and kept then ddmmyy || '-' || zzz || substr('0123456789ABCDEFHJKLMNPRSTUVWXY', ((ddmmyy || zzz)::bigint % 31)::int + 1, 1) end,
          case when i % 2 = 0 and (not identified or kept) then (${texts(NOTES)})[1 + (i / 2) % ${NOTES.length}::int] end,
          case when (${texts(CHANNELS)})[1 + i % ${CHANNELS.length}::int] = 'web_form' and (not identified or kept) then (${texts(MESSAGES)})[1 + (i / 10) % ${MESSAGES.length}::int] end,
          case when (${texts(CHANNELS)})[1 + i % ${CHANNELS.length}::int] = 'web_form' then 'fi' end
        from people
        returning id, received_at
      )
      insert into contact_event (contact_id, at, kind, details) select id, received_at, 'created', '{}'::jsonb from ins`.execute(trx); });
    opts.onProgress?.(to);
  }
  await sql`analyze contact`.execute(db);
  await sql`analyze contact_event`.execute(db);

  return { ...(await sampleSeeded(db)), seconds: (Date.now() - started) / 1000 };
}

/**
 * The phone system's events for the seeded contacts (issue 15's reachability): every phone contact
 * an answered call (waited 0–89 s, talked its handling time), every callback contact a call that
 * ended unanswered after 5–184 s (the missed call the task came from). About 4 calls for every 10
 * contacts, on the contact's line. Seeded once; a kept database gets them on its next run.
 */
export async function seedCalls(db: Kysely<DB>): Promise<{ seconds: number; calls: number }> {
  const started = Date.now();
  const existing = await db.selectFrom('phone_call').select('id').where('call_id', 'like', 'BENCH-%').limit(1).executeTakeFirst();
  if (existing) return { seconds: 0, calls: 0 };
  const result = await sql`
    insert into phone_call (county_id, call_id, contact_id, phone_line_id, state, answered_by, started_at, answered_at, ended_at, hangup_cause)
    select county_id, 'BENCH-' || substr(reference, 7), id, phone_line_id, case when channel = 'phone' then 'answered' else 'ended' end,
           case when channel = 'phone' then 'bench' end,
           received_at - make_interval(secs => case when channel = 'phone' then (substr(reference, 7)::int % 90) else 0 end),
           case when channel = 'phone' then received_at end,
           case when channel = 'phone' then received_at + make_interval(secs => coalesce(handling_seconds, 300))
                else received_at + make_interval(secs => 5 + substr(reference, 7)::int % 180) end,
           case when channel = 'callback' then 'caller_hangup' end
    from contact where reference like 'BENCH-%' and channel in ('phone', 'callback')`.execute(db);
  await sql`analyze phone_call`.execute(db);
  return { seconds: (Date.now() - started) / 1000, calls: Number(result.numAffectedRows ?? 0) };
}

/** Contacts for the view figures: the newest seeded ones, identified (with personal data) and anonymous. */
export async function sampleSeeded(db: Kysely<DB>): Promise<SeedResult> {
  const sample = (identified: boolean) => db.selectFrom('contact').select('id').where('anonymous', '=', !identified).where('personal_data_erased_at', 'is', null)
    .where('reference', 'like', 'BENCH-%').orderBy('received_at', 'desc').limit(2000).execute();
  const [identifiedIds, anonymousIds] = await Promise.all([sample(true), sample(false)]);
  return { seconds: 0, identifiedIds: identifiedIds.map((r) => r.id), anonymousIds: anonymousIds.map((r) => r.id) };
}
