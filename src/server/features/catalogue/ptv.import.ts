import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { refreshCatalogueWords } from './catalogue.queries.js';
import { mapChannel, mapOrganisation, mapService, type Mapped, type MappedChannel, type MappedOrganisation, type MappedService } from './ptv.mapper.js';

export interface ImportCounts { created: number; updated: number; unchanged: number; failed: number }
export interface ImportProblem { file: string; level: 'error' | 'warning'; message: string }
export interface ImportReport { organisations: ImportCounts; channels: ImportCounts; services: ImportCounts; problems: ImportProblem[] }
export type Progress = (done: number, total: number, what: string) => void;

const FOLDERS = [['organizations', 'organisations'], ['servicechannels', 'channels'], ['services', 'services']] as const;
const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, failed: 0 });

/** The fields of a service an import owns; an editor's mapping (areas, reasons) survives re-imports. */
function serviceColumns(s: MappedService, organisationId: string | null) {
  return {
    kind: s.kind, organisation_id: organisationId,
    name_fi: s.name.fi ?? null, name_sv: s.name.sv ?? null, name_en: s.name.en ?? null,
    summary_fi: s.summary.fi ?? null, summary_sv: s.summary.sv ?? null, summary_en: s.summary.en ?? null,
    description_fi: s.description.fi ?? null, description_sv: s.description.sv ?? null, description_en: s.description.en ?? null,
    keywords_fi: s.keywords.fi ?? null, keywords_sv: s.keywords.sv ?? null, keywords_en: s.keywords.en ?? null,
    service_classes: s.serviceClasses, target_groups: s.targetGroups, ontology_uris: s.ontologyUris, nationwide: s.nationwide,
    municipalities: s.municipalities, languages: s.languages, charge_type: s.chargeType, ptv_modified: s.modified,
  };
}

/** JSON with sorted keys: jsonb gives keys back in its own order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x));
}

/** Field-by-field differences, for the service's history. */
export function differences(before: Record<string, unknown> | undefined, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const old = before?.[k] instanceof Date ? (before[k] as Date).toISOString() : before?.[k] ?? null;
    const now = v instanceof Date ? v.toISOString() : v ?? null;
    const same = canonical(old) === canonical(now) || (typeof old === 'string' && typeof now === 'string' && Date.parse(old) === Date.parse(now) && /^\d{4}-/.test(old));
    if (!same) out[k] = { from: old, to: now };
  }
  return out;
}

async function upsertOrganisation(trx: Transaction<DB>, countyId: string, o: MappedOrganisation): Promise<'created' | 'updated' | 'unchanged'> {
  const values = {
    provider_type: o.providerType, business_code: o.businessCode, name_fi: o.name.fi ?? null, name_sv: o.name.sv ?? null, name_en: o.name.en ?? null,
    description_fi: o.description.fi ?? null, description_sv: o.description.sv ?? null, description_en: o.description.en ?? null,
    municipality_code: o.municipalityCode && /^[0-9]{3}$/.test(o.municipalityCode) ? o.municipalityCode : null, web_url: o.webUrl,
  };
  const existing = await trx.selectFrom('catalogue_organisation').selectAll().where('county_id', '=', countyId).where('ptv_id', '=', o.ptvId).executeTakeFirst();
  if (!existing) { await trx.insertInto('catalogue_organisation').values({ county_id: countyId, ptv_id: o.ptvId, ...values }).execute(); return 'created'; }
  if (Object.keys(differences(existing, values)).length === 0) return 'unchanged';
  await trx.updateTable('catalogue_organisation').set(values).where('id', '=', existing.id).execute();
  return 'updated';
}

async function upsertChannel(trx: Transaction<DB>, countyId: string, c: MappedChannel): Promise<'created' | 'updated' | 'unchanged'> {
  const org = c.organisationPtvId ? await trx.selectFrom('catalogue_organisation').select('id').where('county_id', '=', countyId).where('ptv_id', '=', c.organisationPtvId).executeTakeFirst() : undefined;
  const a = c.address;
  const values = {
    organisation_id: org?.id ?? null, kind: c.kind, name_fi: c.name.fi ?? null, name_sv: c.name.sv ?? null, name_en: c.name.en ?? null,
    description_fi: c.description.fi ?? null, description_sv: c.description.sv ?? null, description_en: c.description.en ?? null,
    phones: JSON.stringify(c.phones), emails: c.emails, urls: JSON.stringify(c.urls),
    street_fi: a?.streetFi ?? null, street_sv: a?.streetSv ?? null, street_number: a?.number ?? null, postal_code: a?.postalCode ?? null,
    post_office_fi: a?.postOfficeFi ?? null, post_office_sv: a?.postOfficeSv ?? null,
    municipality_code: a?.municipalityCode && /^[0-9]{3}$/.test(a.municipalityCode) ? a.municipalityCode : null, languages: c.languages,
  };
  const hours = c.hours.map((h) => ({ kind: h.kind, weekday: h.weekday, opens: h.opens, closes: h.closes, closes_next_day: h.closesNextDay, valid_from: h.validFrom, valid_to: h.validTo, closed: h.closed, note: h.note }));
  const existing = await trx.selectFrom('service_channel').selectAll().where('county_id', '=', countyId).where('ptv_id', '=', c.ptvId).executeTakeFirst();
  let id: string;
  let result: 'created' | 'updated' | 'unchanged';
  if (!existing) {
    id = (await trx.insertInto('service_channel').values({ county_id: countyId, ptv_id: c.ptvId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    result = 'created';
  } else {
    id = existing.id;
    const oldHours = await trx.selectFrom('service_channel_hour').select(['kind', 'weekday', 'opens', 'closes', 'closes_next_day', 'valid_from', 'valid_to', 'closed', 'note'])
      .where('channel_id', '=', id).execute();
    // compared as sets: rows of one transaction share created_at
    const hourKey = (h: Record<string, unknown>) => canonical({ ...h, opens: typeof h.opens === 'string' ? h.opens.slice(0, 5) : null, closes: typeof h.closes === 'string' ? h.closes.slice(0, 5) : null });
    const sameHours = JSON.stringify(oldHours.map(hourKey).sort()) === JSON.stringify(hours.map(hourKey).sort());
    const comparable = { ...existing, phones: canonical(existing.phones), urls: canonical(existing.urls) };
    if (Object.keys(differences(comparable, { ...values, phones: canonical(c.phones), urls: canonical(c.urls) })).length === 0 && sameHours) return 'unchanged';
    await trx.updateTable('service_channel').set(values).where('id', '=', id).execute();
    result = 'updated';
  }
  await trx.deleteFrom('service_channel_hour').where('channel_id', '=', id).execute();
  if (hours.length) await trx.insertInto('service_channel_hour').values(hours.map((h) => ({ channel_id: id, ...h }))).execute();
  return result;
}

async function upsertService(trx: Transaction<DB>, countyId: string, s: MappedService, at: Date, warn: (m: string) => void): Promise<'created' | 'updated' | 'unchanged'> {
  const org = s.organisationPtvId ? await trx.selectFrom('catalogue_organisation').select('id').where('county_id', '=', countyId).where('ptv_id', '=', s.organisationPtvId).executeTakeFirst() : undefined;
  if (s.organisationPtvId && !org) warn(`organisation ${s.organisationPtvId} is not in the catalogue`);
  const values = serviceColumns(s, org?.id ?? null);
  const existing = await trx.selectFrom('service').selectAll().where('county_id', '=', countyId).where('ptv_id', '=', s.ptvId).executeTakeFirst();
  const channels = s.channelPtvIds.length
    ? await trx.selectFrom('service_channel').select(['id', 'ptv_id']).where('county_id', '=', countyId).where('ptv_id', 'in', s.channelPtvIds).execute()
    : [];
  const missing = s.channelPtvIds.filter((id) => !channels.some((c) => c.ptv_id === id));
  if (missing.length) warn(`${missing.length} of its channels are not in the catalogue (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? '…' : ''})`);
  const mapping = { service_areas: s.serviceAreas, reasons: s.reasons };

  let id: string;
  let result: 'created' | 'updated' | 'unchanged';
  if (!existing) {
    id = (await trx.insertInto('service').values({ county_id: countyId, ptv_id: s.ptvId, source: 'ptv', ...values, ...mapping }).returning('id').executeTakeFirstOrThrow()).id;
    await trx.insertInto('service_revision').values({ service_id: id, at, actor_user_id: null, source: 'ptv_import', changes: JSON.stringify(differences(undefined, { ...values, ...mapping })) }).execute();
    result = 'created';
  } else {
    id = existing.id;
    const after = existing.mapping_edited ? values : { ...values, ...mapping };
    const changes = differences(existing, after);
    const linked = await trx.selectFrom('service_service_channel').select('channel_id').where('service_id', '=', id).execute();
    const sameLinks = JSON.stringify(linked.map((l) => l.channel_id).sort()) === JSON.stringify(channels.map((c) => c.id).sort());
    if (Object.keys(changes).length === 0 && sameLinks) return 'unchanged';
    if (Object.keys(changes).length) {
      await trx.updateTable('service').set({ ...after, active: true }).where('id', '=', id).execute();
      await trx.insertInto('service_revision').values({ service_id: id, at, actor_user_id: null, source: 'ptv_import', changes: JSON.stringify(changes) }).execute();
    }
    result = 'updated';
  }
  await trx.deleteFrom('service_service_channel').where('service_id', '=', id).execute();
  if (channels.length) await trx.insertInto('service_service_channel').values(channels.map((c) => ({ service_id: id, channel_id: c.id }))).execute();
  return result;
}

async function listJson(folder: string): Promise<string[] | null> {
  try {
    return (await fs.readdir(folder)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return null;
  }
}

/**
 * Imports a folder of PTV JSON objects (organizations/, servicechannels/, services/): creates or
 * updates each by its PTV id, one transaction per object, so one bad file costs only itself.
 */
export async function importPtvFolder(db: Kysely<DB>, countyId: string, folder: string, opts: { now?: Date; progress?: Progress } = {}): Promise<ImportReport> {
  const at = opts.now ?? new Date();
  const report: ImportReport = { organisations: counts(), channels: counts(), services: counts(), problems: [] };
  const lists = await Promise.all(FOLDERS.map(async ([dir]) => ({ dir, files: await listJson(path.join(folder, dir)) })));
  for (const l of lists) if (l.files === null) report.problems.push({ file: `${l.dir}/`, level: 'warning', message: 'folder missing or unreadable' });
  if (lists.every((l) => l.files === null)) throw new Error(`${folder} has none of organizations/, servicechannels/, services/: is it a PTV export folder?`);
  const total = lists.reduce((n, l) => n + (l.files?.length ?? 0), 0);
  let done = 0;

  for (const [i, [dir, key]] of FOLDERS.entries()) {
    for (const file of lists[i]!.files ?? []) {
      const name = `${dir}/${file}`;
      const c = report[key];
      try {
        let json: unknown;
        try {
          json = JSON.parse(await fs.readFile(path.join(folder, dir, file), 'utf8'));
        } catch (err) {
          throw new Error(`not readable JSON: ${(err as Error).message}`);
        }
        if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not a JSON object');
        const mapped: Mapped<unknown> = key === 'organisations' ? mapOrganisation(json as Record<string, unknown>) : key === 'channels' ? mapChannel(json as Record<string, unknown>) : mapService(json as Record<string, unknown>);
        if (!mapped.ok) throw new Error(mapped.error);
        for (const w of mapped.warnings) report.problems.push({ file: name, level: 'warning', message: w });
        const warn = (message: string) => report.problems.push({ file: name, level: 'warning', message });
        const outcome = await db.transaction().execute((trx) =>
          key === 'organisations' ? upsertOrganisation(trx, countyId, mapped.value as MappedOrganisation)
          : key === 'channels' ? upsertChannel(trx, countyId, mapped.value as MappedChannel)
          : upsertService(trx, countyId, mapped.value as MappedService, at, warn));
        c[outcome]++;
      } catch (err) {
        c.failed++;
        report.problems.push({ file: name, level: 'error', message: (err as Error).message });
      }
      opts.progress?.(++done, total, key);
    }
  }
  await refreshCatalogueWords(db, countyId);
  return report;
}

/** The report as a person reads it at the end of `npm run import:ptv`. */
export function formatReport(r: ImportReport): string {
  const line = (label: string, c: ImportCounts) => `  ${label.padEnd(14)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed`;
  const errors = r.problems.filter((p) => p.level === 'error');
  const warnings = r.problems.filter((p) => p.level === 'warning');
  return [
    'PTV import finished:',
    line('organisations', r.organisations), line('channels', r.channels), line('services', r.services),
    `${errors.length} objects could not be imported${errors.length ? ':' : '.'}`,
    ...errors.map((p) => `  ERROR ${p.file}: ${p.message}`),
    `${warnings.length} warnings${warnings.length ? ':' : '.'}`,
    ...warnings.map((p) => `  warning ${p.file}: ${p.message}`),
  ].join('\n');
}
