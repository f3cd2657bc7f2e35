import { sql, type Kysely, type RawBuilder } from 'kysely';
import { holidayOn } from '../../../domain/calendar.js';
import type { DB } from '../../platform/schema.js';
import { helsinkiDateTime, isoWeekday } from '../../../domain/local-date.js';
import { inLanguage, type ProviderType } from '../../../domain/catalogue.js';
import { closeWords } from '../../../domain/trigram.js';
import { TtlCache } from '../../platform/ttl-cache.js';

export type SearchLang = 'fi' | 'sv' | 'en';
const CONFIG: Record<SearchLang, string> = { fi: 'finnish', sv: 'swedish', en: 'english' };

export interface SearchParams {
  q?: string; lang: SearchLang; municipality?: string; area?: string; reason?: string; providerType?: ProviderType; targetGroup?: string;
  openNow?: boolean; includeInactive?: boolean; limit: number; offset: number;
}

/** Words a person typed, for the typo and part-of-a-compound matches (the stemmed search gets the whole text). */
export function searchTokens(q: string): string[] {
  return [...new Set(q.toLowerCase().normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4))].slice(0, 6);
}


/**
 * A service is open now when one of its channels has weekly hours covering this Helsinki moment
 * (over-midnight hours included) and no closing exception today, or an exception day that opens it
 * now. On a day public administration does not work (a public holiday, Midsummer Eve, Christmas
 * Eve) office hours do not apply: only channels that keep hours on all seven weekdays (round-the-
 * clock and every-day services) are open, unless an exception day opens the channel.
 */
function openNowCondition(now: Date): RawBuilder<boolean> {
  const { date, minuteOfDay } = helsinkiDateTime(now);
  const dow = isoWeekday(date);
  const yesterday = dow === 1 ? 7 : dow - 1;
  const time = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
  const dayOff = holidayOn(date) !== undefined;
  const everyDay = sql`(select count(distinct y.weekday) from service_channel_hour y where y.channel_id = h.channel_id and y.kind = 'weekly' and not y.closed) = 7`;
  return sql<boolean>`(exists (
    select 1 from service_service_channel ssc join service_channel_hour h on h.channel_id = ssc.channel_id
    where ssc.service_id = s.id and h.kind = 'weekly' and not h.closed
      and (h.valid_from is null or h.valid_from <= ${date}::date) and (h.valid_to is null or h.valid_to >= ${date}::date)
      and ((h.weekday = ${dow} and h.opens <= ${time}::time and (h.closes > ${time}::time or h.closes_next_day)${dayOff ? sql` and ${everyDay}` : sql``})
        or (h.weekday = ${yesterday} and h.closes_next_day and h.closes > ${time}::time))
      and not exists (select 1 from service_channel_hour x where x.channel_id = h.channel_id and x.kind = 'exception' and x.closed
                      and ${date}::date between x.valid_from and coalesce(x.valid_to, x.valid_from)))
    or exists (
    select 1 from service_service_channel ssc join service_channel_hour e on e.channel_id = ssc.channel_id
    where ssc.service_id = s.id and e.kind = 'exception' and not e.closed and e.opens is not null
      and ${date}::date between e.valid_from and coalesce(e.valid_to, e.valid_from)
      and e.opens <= ${time}::time and (e.closes > ${time}::time or e.closes_next_day)))`;
}

/**
 * Search over the catalogue: the language's stemmed full text (each stem ≥ 4 letters also as a
 * prefix, so "velkaa" finds "velkaneuvonta"). Only when that finds less than a page, the words
 * typed are looked up in the county's dictionary of service-name words (`catalogue_word`, a few
 * thousand rows, trigram-indexed): words that contain them (the second half of a compound,
 * "neuvonta" → "velkaneuvonta") or are close to them (typos, "velkaneuvona" → "velkaneuvonta");
 * those words are then searched the same way, their finds after the first's. Ranked by the text
 * match, then services in the resident's municipality before nationwide ones.
 * The dictionary is matched in memory (domain/trigram.ts): a trigram scan of it in SQL cost 6 ms.
 */
export async function searchServices(db: Kysely<DB>, countyId: string, p: SearchParams, now: Date) {
  const q = (p.q ?? '').trim().slice(0, 200);
  const first = await searchPass(db, countyId, p, now, q, null);
  const tokens = searchTokens(q);
  if (!q || tokens.length === 0 || first.total >= p.offset + p.limit) return first.result(p.lang);
  const dictionary = await countyWords(db, countyId);
  const words = [...new Set(tokens.flatMap((t) => closeWords(t, dictionary, { limit: 6 })))].slice(0, 12);
  const extra = words.filter((w) => !tokens.includes(w));
  if (extra.length === 0) return first.result(p.lang);
  const more = await searchPass(db, countyId, { ...p, offset: Math.max(0, p.offset - first.total), limit: p.limit - first.rows.length }, now, extra.join(' '), q);
  return { total: first.total + more.total, items: [...first.result(p.lang).items, ...more.result(p.lang).items] };
}

/** One full-text pass; with `exclude`, services the original text already found are left out. */
async function searchPass(db: Kysely<DB>, countyId: string, p: SearchParams, now: Date, q: string, exclude: string | null) {
  const cfg = CONFIG[p.lang];
  const vector = sql.ref(`s.search_${p.lang}`);
  const name = sql.ref(`s.name_${p.lang}`);
  const tsqueryOf = (text: string) => sql`(select to_tsquery(${cfg}::regconfig, coalesce(nullif(string_agg(
      case when length(lexeme) >= 4 then quote_literal(lexeme) || ':*' else quote_literal(lexeme) end, ' | '), ''), '''__none__'''))
    from unnest(to_tsvector(${cfg}::regconfig, ${text})))`;
  const tsquery = tsqueryOf(q);
  const local = p.municipality ? sql<number>`case when s.municipalities @> array[${p.municipality}]::text[] then 0.5 else 0 end` : sql<number>`0`;
  // the second pass ranks below every find of the first
  const score = !q ? local : exclude ? sql<number>`ts_rank(${vector}, ${tsquery}, 1) * 0.5 + ${local}` : sql<number>`ts_rank(${vector}, ${tsquery}, 1) + ${local}`;

  // the page is chosen on narrow rows (id, score, sort name); only its rows are then read whole
  let query = db.selectFrom('service as s')
    .select(['s.id', score.as('score'), sql<string>`coalesce(${name}, s.name_fi, s.name_sv, s.name_en)`.as('sort_name'), sql<number>`count(*) over ()`.as('total')])
    .where('s.county_id', '=', countyId);
  if (!p.includeInactive) query = query.where('s.active', '=', true);
  if (q) query = query.where(sql<boolean>`${vector} @@ ${tsquery}`);
  if (exclude) query = query.where(sql<boolean>`not (${vector} @@ ${tsqueryOf(exclude)})`);
  if (p.municipality) query = query.where(sql<boolean>`(s.nationwide or s.municipalities @> array[${p.municipality}]::text[])`);
  if (p.area) query = query.where(sql<boolean>`s.service_areas @> array[${p.area}]::text[]`);
  if (p.reason) query = query.where(sql<boolean>`s.reasons @> array[${p.reason}]::text[]`);
  if (p.targetGroup) query = query.where(sql<boolean>`s.target_groups @> array[${p.targetGroup}]::text[]`);
  if (p.providerType) query = query.where((eb) => eb.exists(eb.selectFrom('catalogue_organisation as o').select('o.id').whereRef('o.id', '=', 's.organisation_id').where('o.provider_type', '=', p.providerType!)));
  if (p.openNow) query = query.where(openNowCondition(now));
  const page = query.orderBy(sql`score`, 'desc').orderBy(sql`sort_name`).orderBy('s.id').limit(p.limit).offset(p.offset);
  const rows = p.limit > 0
    ? await db.selectFrom(page.as('pg'))
      .innerJoin('service as s', 's.id', 'pg.id')
      .leftJoin('catalogue_organisation as o', 'o.id', 's.organisation_id')
      .select([
        's.id', 's.ptv_id', 's.source', 's.name_fi', 's.name_sv', 's.name_en', 's.summary_fi', 's.summary_sv', 's.summary_en', 's.nationwide', 's.municipalities',
        's.service_areas', 's.reasons', 's.target_groups', 's.active', 'o.name_fi as org_fi', 'o.name_sv as org_sv', 'o.name_en as org_en', 'o.provider_type',
        'pg.score', 'pg.total',
      ])
      .orderBy('pg.score', 'desc').orderBy('pg.sort_name').orderBy('s.id')
      .execute()
    : [];
  // a page past the end has no row to carry the total: count it
  const total = rows.length ? Number(rows[0]!.total)
    : p.offset === 0 ? 0
    : Number((await db.selectFrom(query.as('x')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const pick = inLanguage;
  return {
    rows, total,
    result: (lang: SearchLang) => ({
      total,
      items: rows.map((r) => ({
        id: r.id, ptvId: r.ptv_id, source: r.source,
        name: pick({ fi: r.name_fi, sv: r.name_sv, en: r.name_en }, lang)!,
        summary: pick({ fi: r.summary_fi, sv: r.summary_sv, en: r.summary_en }, lang),
        organisation: r.org_fi || r.org_sv || r.org_en ? { name: pick({ fi: r.org_fi, sv: r.org_sv, en: r.org_en }, lang)!, providerType: r.provider_type! } : null,
        nationwide: r.nationwide, municipalities: r.municipalities, serviceAreas: r.service_areas, reasons: r.reasons, targetGroups: r.target_groups,
        score: Math.round(Number(r.score) * 1000) / 1000,
      })),
    }),
  };
}

/** Services with their organisation and channels (with hours), in the order of `ids`: three statements for any number. */
export async function serviceDetails(db: Kysely<DB>, countyId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const services = await db.selectFrom('service as s').leftJoin('catalogue_organisation as o', 'o.id', 's.organisation_id')
    .selectAll('s').select(['o.id as org_id', 'o.ptv_id as org_ptv_id', 'o.name_fi as org_fi', 'o.name_sv as org_sv', 'o.name_en as org_en', 'o.provider_type',
      'o.web_url as org_url', 'o.business_code', 'o.description_fi as org_desc_fi', 'o.description_sv as org_desc_sv', 'o.description_en as org_desc_en'])
    .where('s.county_id', '=', countyId).where('s.id', 'in', ids).execute();
  const channels = await db.selectFrom('service_service_channel as ssc').innerJoin('service_channel as c', 'c.id', 'ssc.channel_id')
    .selectAll('c').select('ssc.service_id').where('ssc.service_id', 'in', ids).orderBy('c.kind').orderBy('c.name_fi').execute();
  const channelIds = [...new Set(channels.map((c) => c.id))];
  const hours = channelIds.length
    ? await db.selectFrom('service_channel_hour').selectAll().where('channel_id', 'in', channelIds).orderBy('kind').orderBy('weekday').orderBy('opens').execute()
    : [];
  const byId = new Map(services.map((s) => [s.id, s]));
  return ids.filter((id) => byId.has(id)).map((id) => {
    const own = channels.filter((c) => c.service_id === id);
    return { s: byId.get(id)!, channels: own, hours: hours.filter((h) => own.some((c) => c.id === h.channel_id)) };
  });
}

export async function serviceDetail(db: Kysely<DB>, countyId: string, id: string) {
  return (await serviceDetails(db, countyId, [id]))[0] ?? null;
}

/** A page of the county's active services for the HSDS export, newest change last. */
export async function servicePage(db: Kysely<DB>, countyId: string, p: { offset: number; limit: number; organisationId?: string; modifiedAfter?: Date; ids?: string[] }) {
  let q = db.selectFrom('service').select(['id', sql<number>`count(*) over ()`.as('total')]).where('county_id', '=', countyId).where('active', '=', true);
  if (p.organisationId) q = q.where('organisation_id', '=', p.organisationId);
  if (p.modifiedAfter) q = q.where('updated_at', '>=', p.modifiedAfter);
  if (p.ids) q = q.where('id', 'in', p.ids.length ? p.ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.orderBy('name_fi').orderBy('id').limit(p.limit).offset(p.offset).execute();
  return { ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0) };
}

/** The county's dictionary, kept in memory for a minute (a few thousand words). */
const wordsCache = new TtlCache<string[]>(60_000);
function countyWords(db: Kysely<DB>, countyId: string): Promise<string[]> {
  return wordsCache.get(countyId, async () => (await db.selectFrom('catalogue_word').select('word').where('county_id', '=', countyId).execute()).map((w) => w.word));
}

/**
 * Adds the words of service names and keywords to the county's dictionary: of one service after an
 * edit, of all after an import. Words are never removed: a stale one only widens a second pass.
 */
export async function refreshCatalogueWords(db: Kysely<DB>, countyId: string, serviceId?: string): Promise<void> {
  await sql`
    insert into catalogue_word (county_id, word)
    select distinct ${countyId}::uuid, w from service s,
      regexp_split_to_table(s.search_names, '[^[:alnum:]]+') as w
    where s.county_id = ${countyId} ${serviceId ? sql`and s.id = ${serviceId}` : sql``}
      and length(w) between 4 and 100 and w !~ '^[0-9]+$'
    on conflict (county_id, word) do nothing`.execute(db);
  wordsCache.clear();
}
