/**
 * The catalogue for the search figures: the real PTV export imported, then copied until there
 * are `total` services (a large county with its NGOs, parishes and peer groups): each copy keeps
 * the real texts (so stemming and ranking work on real language), gets a numbered name and a
 * municipality of its own. Copies are local services (no PTV id).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/platform/schema.js';
import { importPtvFolder, refreshCatalogueWords } from '../src/server/features/catalogue/public.js';
import { PTV_FIXTURE } from '../src/server/test/fixtures.js';

const MUNICIPALITIES = ['005', '010', '052', '099', '145', '151', '218', '232', '233', '300', '301', '403', '408', '743', '759', '846', '934', '989', '905', '529'];

export async function seedServices(db: Kysely<DB>, countyId: string, total: number): Promise<{ services: number; seconds: number }> {
  const started = Date.now();
  const existing = Number((await db.selectFrom('service').select((eb) => eb.fn.countAll().as('n')).where('county_id', '=', countyId).executeTakeFirstOrThrow()).n);
  if (existing >= total) return { services: existing, seconds: 0 };
  await importPtvFolder(db, countyId, PTV_FIXTURE);
  const real = Number((await db.selectFrom('service').select((eb) => eb.fn.countAll().as('n')).where('county_id', '=', countyId).where('source', '=', 'ptv').executeTakeFirstOrThrow()).n);
  const copies = Math.ceil((total - real) / real);
  await sql`
    insert into service (county_id, source, organisation_id, kind, name_fi, name_sv, name_en, summary_fi, summary_sv, summary_en,
      description_fi, description_sv, description_en, keywords_fi, keywords_sv, keywords_en, service_classes, target_groups, nationwide,
      municipalities, languages, charge_type, service_areas, reasons, ontology_uris)
    select s.county_id, 'local', s.organisation_id, s.kind, s.name_fi || ' ' || g, s.name_sv || ' ' || g, s.name_en || ' ' || g,
      s.summary_fi, s.summary_sv, s.summary_en, s.description_fi, s.description_sv, s.description_en, s.keywords_fi, s.keywords_sv, s.keywords_en,
      s.service_classes, s.target_groups, s.nationwide and g % 10 = 0,
      array[(${MUNICIPALITIES}::text[])[1 + (g + abs(hashtext(s.id::text))) % ${MUNICIPALITIES.length}]], s.languages, s.charge_type, s.service_areas, s.reasons,
      array['bench-copy-of:' || s.id]
    from service s, generate_series(1, ${copies}) g
    where s.county_id = ${countyId} and s.source = 'ptv'
    limit ${total - real}`.execute(db);
  // channels: each copy offers its original's channels (so open-now and the detail view have data)
  await sql`
    insert into service_service_channel (service_id, channel_id)
    select c.id, ssc.channel_id from service c
    join service_service_channel ssc on ssc.service_id = substr(c.ontology_uris[1], 15)::uuid
    where c.county_id = ${countyId} and c.source = 'local' and c.ontology_uris[1] like 'bench-copy-of:%'
    on conflict do nothing`.execute(db);
  await sql`update service set ontology_uris = '{}' where county_id = ${countyId} and ontology_uris[1] like 'bench-copy-of:%'`.execute(db);
  await refreshCatalogueWords(db, countyId);
  await sql`analyze service`.execute(db);
  await sql`analyze catalogue_word`.execute(db);
  const n = Number((await db.selectFrom('service').select((eb) => eb.fn.countAll().as('n')).where('county_id', '=', countyId).executeTakeFirstOrThrow()).n);
  return { services: n, seconds: (Date.now() - started) / 1000 };
}
