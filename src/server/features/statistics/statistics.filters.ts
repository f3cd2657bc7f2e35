import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { AppError } from '../../platform/errors.js';
import { loadCountyCodes } from '../contacts/public.js';

/**
 * The statistics' filters (issue 15): the contacts of one region, phone line or municipality. The
 * routes resolve the codes to ids (an unknown code is a 400); the codes travel along for the response.
 */
export interface StatisticsFilters {
  regionId?: string; lineId?: string; municipalityId?: string;
  region?: string; line?: string; municipality?: string;
}

/** The filters as SQL conditions on a contact aliased `c` (`true` when none). */
export function filterSql(f: StatisticsFilters, columns: { region: string; line: string; municipality: string } = CONTACT_COLUMNS) {
  return sql.join([
    sql`true`,
    ...(f.regionId ? [sql`${sql.ref(columns.region)} = ${f.regionId}::uuid`] : []),
    ...(f.lineId ? [sql`${sql.ref(columns.line)} = ${f.lineId}::uuid`] : []),
    ...(f.municipalityId ? [sql`${sql.ref(columns.municipality)} = ${f.municipalityId}::uuid`] : []),
  ], sql` and `);
}
const CONTACT_COLUMNS = { region: 'c.region_id', line: 'c.phone_line_id', municipality: 'c.municipality_id' };
/** A referral's: the codes of its contact when it was sent (migration 0017). */
export const REFERRAL_FILTER_COLUMNS = { region: 'f.contact_region_id', line: 'f.contact_phone_line_id', municipality: 'f.contact_municipality_id' };

/**
 * The filters' codes to ids through the county's code tables (`loadCountyCodes`, cached like the
 * queue's); a retired line still filters its history. An unknown code is a 400 naming its parameter.
 */
export async function resolveStatisticsFilters(db: Kysely<DB>, countyId: string, q: { region?: string; line?: string; municipality?: string }): Promise<StatisticsFilters> {
  const codes = await loadCountyCodes(db, countyId);
  const regionId = q.region ? codes.regions.get(q.region) : undefined;
  const lineId = q.line ? [...codes.lineCodeById].find(([, code]) => code === q.line)?.[0] : undefined;
  const municipalityId = q.municipality ? codes.municipalities.get(q.municipality)?.id : undefined;
  const unknown = [
    ...(q.region && !regionId ? [{ field: 'querystring.region', message: `Unknown region "${q.region}".`, code: 'unknown_code' as const }] : []),
    ...(q.line && !lineId ? [{ field: 'querystring.line', message: `Unknown phone line "${q.line}".`, code: 'unknown_code' as const }] : []),
    ...(q.municipality && !municipalityId ? [{ field: 'querystring.municipality', message: `Unknown municipality "${q.municipality}".`, code: 'unknown_code' as const }] : []),
  ];
  if (unknown.length) throw new AppError(400, 'unknown_code', undefined, unknown);
  return { regionId, lineId, municipalityId, region: q.region, line: q.line, municipality: q.municipality };
}
