/**
 * The catalogue as Open Referral HSDS 3.0 (https://docs.openreferral.org/en/latest/hsds/): a
 * service with its organisation, phones, schedules (weekly hours as RRULE parts), service areas
 * (municipality codes), languages, locations with addresses, and its PTV classifications and our
 * codes as attributes with taxonomy terms. HSDS is single-language: the export is in `lang`, with
 * the other languages' names as the alternate name. Ids of child objects are derived (UUID v5
 * style) from their parent and content, so they are stable between exports.
 */
import { createHash } from 'node:crypto';
import { inLanguage } from '../../../domain/catalogue.js';

type Lang = 'fi' | 'sv' | 'en';
type L = { fi: string | null; sv: string | null; en: string | null };

export interface HsdsSource {
  id: string; ptvId: string | null; name: L; summary: L; description: L; active: boolean; lastModified: string;
  chargeType: string | null; languages: string[]; nationwide: boolean; municipalities: string[];
  serviceClasses: string[]; targetGroups: string[]; serviceAreas: string[]; reasons: string[];
  organisation: { id: string; ptvId: string | null; name: L; description: L; url: string | null } | null;
  channels: {
    id: string; kind: string; name: L; description: L; phones: { number: string; info: string | null }[]; emails: string[]; urls: { url: string; label: string | null }[];
    address: { street: string | null; postalCode: string | null; postOffice: string | null; municipality: string | null } | null;
    hours: { kind: 'weekly' | 'exception'; weekday: number | null; opens: string | null; closes: string | null; closesNextDay: boolean; validFrom: string | null; validTo: string | null; closed: boolean; note: string | null }[];
  }[];
}

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const LANGUAGE_NAMES: Record<string, string> = { fi: 'Finnish', sv: 'Swedish', en: 'English', se: 'Northern Sami', ru: 'Russian', et: 'Estonian', so: 'Somali', ar: 'Arabic' };
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const URI = /^https?:\/\/[^\s]+$/;

/** A stable UUID (version 5 layout) from a parent id and a label. */
export function childId(parent: string, label: string): string {
  const h = createHash('sha1').update(`${parent}:${label}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A URL as an RFC 3986 URI (PTV has addresses with ä and spaces: percent-encoded here), or undefined. */
export function asUri(u: string | null | undefined): string | undefined {
  if (!u) return undefined;
  try {
    const href = new URL(u.trim()).href;
    return URI.test(href) && /^[\x21-\x7e]+$/.test(href) ? href : undefined;
  } catch {
    return undefined;
  }
}

const pick = inLanguage;
const others = (l: L, lang: Lang) => (['fi', 'sv', 'en'] as Lang[]).filter((k) => k !== lang && l[k] && l[k] !== pick(l, lang)).map((k) => l[k]).join(' / ') || undefined;
const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

function schedules(serviceId: string, channel: HsdsSource['channels'][number], extra: Record<string, string>) {
  return channel.hours.filter((h) => h.kind === 'weekly' && !h.closed && h.weekday && h.opens && h.closes).map((h, i) => defined({
    id: childId(channel.id, `schedule:${i}:${h.weekday}:${h.opens}`), service_id: serviceId, ...extra,
    freq: 'WEEKLY', wkst: 'MO', byday: DAYS[h.weekday! - 1], opens_at: h.opens!, closes_at: h.closes!,
    valid_from: h.validFrom ?? undefined, valid_to: h.validTo ?? undefined,
    description: h.closesNextDay ? `Closes the next day at ${h.closes}` : undefined, notes: h.note ?? undefined,
  }));
}

/** The one-to-one fields of a service (the list's items). */
export function hsdsServiceSummary(s: HsdsSource, lang: Lang) {
  const url = s.channels.flatMap((c) => c.urls).map((u) => asUri(u.url)).find(Boolean);
  const email = s.channels.flatMap((c) => c.emails).find((e) => EMAIL.test(e));
  return defined({
    id: s.id, organization_id: s.organisation?.id, name: pick(s.name, lang)!, alternate_name: others(s.name, lang),
    description: pick(s.description, lang) ?? pick(s.summary, lang) ?? undefined, url, email,
    status: s.active ? 'active' : 'inactive',
    fees_description: s.chargeType === 'free' ? 'Free of charge' : s.chargeType === 'chargeable' ? 'Chargeable' : undefined,
    last_modified: s.lastModified,
    organization: s.organisation ? defined({ id: s.organisation.id, name: pick(s.organisation.name, lang)!, description: pick(s.organisation.description, lang) ?? pick(s.organisation.name, lang)!, website: asUri(s.organisation.url) }) : undefined,
  });
}

/** A fully nested service. */
export function hsdsService(s: HsdsSource, lang: Lang) {
  const phones = s.channels.filter((c) => c.kind !== 'service_location').flatMap((c) => c.phones.map((p, i) => defined({
    id: childId(c.id, `phone:${i}:${p.number}`), service_id: s.id, number: p.number, type: 'voice', description: p.info ?? pick(c.name, lang) ?? undefined,
  })));
  const channelSchedules = s.channels.filter((c) => c.kind !== 'service_location').flatMap((c) => schedules(s.id, c, {}));
  const areas = s.nationwide
    ? [{ id: childId(s.id, 'area:FI'), service_id: s.id, name: 'Finland', description: 'Nationwide', extent_type: 'text', extent: 'FI' }]
    : s.municipalities.map((m) => ({ id: childId(s.id, `area:${m}`), service_id: s.id, name: m, description: 'Municipality code (Statistics Finland)', extent_type: 'text', extent: m, uri: `http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/${m}` }));
  const languages = s.languages.map((code) => ({ id: childId(s.id, `lang:${code}`), service_id: s.id, code, name: LANGUAGE_NAMES[code] ?? code }));
  const locations = s.channels.filter((c) => c.kind === 'service_location').map((c) => {
    const salId = childId(s.id, `sal:${c.id}`);
    return defined({
      id: salId, service_id: s.id, location_id: c.id, description: pick(c.description, lang) ?? undefined,
      phones: c.phones.map((p, i) => ({ id: childId(c.id, `phone:${i}:${p.number}`), service_at_location_id: salId, number: p.number })),
      schedules: schedules(s.id, c, { service_at_location_id: salId }),
      location: defined({
        id: c.id, location_type: 'physical', name: pick(c.name, lang) ?? undefined, description: pick(c.description, lang) ?? undefined,
        addresses: c.address && c.address.street ? [{
          id: childId(c.id, 'address'), location_id: c.id, address_1: c.address.street, city: c.address.postOffice ?? '',
          // Finland has no states or provinces; HSDS requires the field
          state_province: '', postal_code: c.address.postalCode ?? '', country: 'FI', address_type: 'physical',
        }] : [],
      }),
    });
  });
  const term = (taxonomy: string, code: string, description: string) => {
    const termId = childId('taxonomy', `${taxonomy}:${code}`);
    return { id: childId(s.id, `attr:${taxonomy}:${code}`), link_id: s.id, link_type: 'service', link_entity: 'service', taxonomy_term_id: termId, value: code,
      taxonomy_term: { id: termId, code, name: code, description, taxonomy } };
  };
  const attributes = [
    ...s.serviceClasses.map((c) => term('PTVL', c, 'PTV service class')),
    ...s.targetGroups.map((c) => term('PTV target group', c, 'PTV target group')),
    ...s.serviceAreas.map((c) => term('opastin:service_area', c, 'Opastin service area')),
    ...s.reasons.map((c) => term('opastin:reason', c, 'Opastin reason code')),
    ...(s.ptvId ? [{ id: childId(s.id, 'attr:ptv_id'), link_id: s.id, link_type: 'service', link_entity: 'service', taxonomy_term_id: childId('taxonomy', 'ptv_id'), value: s.ptvId,
      taxonomy_term: { id: childId('taxonomy', 'ptv_id'), code: 'ptv_id', name: 'PTV identifier', description: 'The id of the service in the Finnish Service Catalogue (Suomi.fi PTV)', taxonomy: 'opastin' } }] : []),
  ];
  return { ...hsdsServiceSummary(s, lang), phones, schedules: channelSchedules, service_areas: areas, languages, service_at_locations: locations, attributes };
}
