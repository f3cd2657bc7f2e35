import { sql } from 'kysely';

/**
 * The statistics' filters (issue 15): the contacts of one region, phone line or municipality. The
 * routes resolve the codes to ids (an unknown code is a 400); the codes travel along for the response.
 */
export interface StatisticsFilters {
  regionId?: string; lineId?: string; municipalityId?: string;
  region?: string; line?: string; municipality?: string;
}

/** The filters as SQL conditions on a contact aliased `c` (`true` when none). */
export function filterSql(f: StatisticsFilters) {
  return sql.join([
    sql`true`,
    ...(f.regionId ? [sql`c.region_id = ${f.regionId}::uuid`] : []),
    ...(f.lineId ? [sql`c.phone_line_id = ${f.lineId}::uuid`] : []),
    ...(f.municipalityId ? [sql`c.municipality_id = ${f.municipalityId}::uuid`] : []),
  ], sql` and `);
}
