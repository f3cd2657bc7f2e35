/**
 * PTV (Suomi.fi Palvelutietovaranto) objects → the catalogue's shape, as pure functions. The
 * folder import uses them today; a scheduled sync against the live PTV API (v11; v12 renames a few
 * fields, handled below) plugs into the same functions. Real data is lenient-in: nulls, empty
 * arrays, missing fields, "09:00:00" times and `dayTo: ""` are taken as they come; what cannot be
 * understood is reported, never thrown past the object it belongs to.
 */
import { providerTypeOf, suggestMapping, type ProviderType } from '../../../domain/catalogue.js';

export type Lang = 'fi' | 'sv' | 'en';
export type Localised = Partial<Record<Lang, string>>;
export type Mapped<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string };

export interface MappedOrganisation {
  ptvId: string; providerType: ProviderType; businessCode: string | null; name: Localised; description: Localised; municipalityCode: string | null; webUrl: string | null;
}

export interface MappedService {
  ptvId: string; kind: 'service' | 'permit_or_obligation' | 'professional_qualification'; organisationPtvId: string | null;
  name: Localised; summary: Localised; description: Localised; keywords: Localised;
  serviceClasses: string[]; targetGroups: string[]; ontologyUris: string[]; nationwide: boolean; municipalities: string[]; languages: string[];
  chargeType: 'free' | 'chargeable' | 'other' | null; channelPtvIds: string[]; modified: string | null; serviceAreas: string[]; reasons: string[];
}

export interface MappedHour {
  kind: 'weekly' | 'exception'; weekday: number | null; opens: string | null; closes: string | null; closesNextDay: boolean;
  validFrom: string | null; validTo: string | null; closed: boolean; note: string | null;
}

export interface MappedChannel {
  ptvId: string; kind: 'phone' | 'electronic' | 'web_page' | 'printable_form' | 'service_location'; organisationPtvId: string | null;
  name: Localised; description: Localised; phones: { number: string; info: string | null; charge: string | null; lang: string | null }[];
  emails: string[]; urls: { url: string; label: string | null; lang: string | null }[];
  address: { streetFi: string | null; streetSv: string | null; number: string | null; postalCode: string | null; postOfficeFi: string | null; postOfficeSv: string | null; municipalityCode: string | null } | null;
  languages: string[]; hours: MappedHour[];
}

type Json = Record<string, unknown>;
const LANGS: Lang[] = ['fi', 'sv', 'en'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** `[{language, value, type?}]` → { fi, sv, en } of the given type (first non-empty value per language). */
export function localised(list: unknown, type?: string): Localised {
  const out: Localised = {};
  for (const item of arr(list)) {
    if (type && item.type !== type) continue;
    const lang = item.language;
    const value = str(item.value);
    if ((lang === 'fi' || lang === 'sv' || lang === 'en') && value && !out[lang]) out[lang] = value;
  }
  return out;
}

const hasText = (l: Localised) => LANGS.some((k) => l[k]);

function municipalitiesOf(areas: unknown): string[] {
  const codes = new Set<string>();
  for (const area of arr(areas)) {
    for (const m of arr(area.municipalities)) { const c = str(m.code); if (c && /^[0-9]{3}$/.test(c)) codes.add(c); }
    const c = str(area.code);
    if (area.type === 'Municipality' && c && /^[0-9]{3}$/.test(c)) codes.add(c);
  }
  return [...codes].sort();
}

function idOf(o: Json): string | null {
  const id = str(o.id);
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

export function mapOrganisation(o: Json): Mapped<MappedOrganisation> {
  const ptvId = idOf(o);
  if (!ptvId) return { ok: false, error: 'no valid id' };
  const name = localised(o.organizationNames, 'Name');
  if (!hasText(name)) Object.assign(name, localised(o.organizationNames));
  if (!hasText(name)) return { ok: false, error: 'no name in any language' };
  const municipality = (o.municipality ?? null) as Json | null;
  return {
    ok: true, warnings: [],
    value: {
      ptvId, providerType: providerTypeOf(str(o.organizationType), str(o.businessCode)), businessCode: str(o.businessCode), name,
      description: localised(o.organizationDescriptions, 'Description'), municipalityCode: municipality ? str(municipality.code) : null,
      webUrl: arr(o.webPages).map((w) => str(w.url)).find(Boolean) ?? null,
    },
  };
}

const KINDS: Record<string, MappedService['kind']> = { Service: 'service', PermitOrObligation: 'permit_or_obligation', ProfessionalQualifications: 'professional_qualification' };

export function mapService(s: Json): Mapped<MappedService> {
  const ptvId = idOf(s);
  if (!ptvId) return { ok: false, error: 'no valid id' };
  const warnings: string[] = [];
  const name = localised(s.serviceNames, 'Name');
  if (!hasText(name)) return { ok: false, error: 'no name in any language' };
  const kind = KINDS[String(s.type)] ?? 'service';
  if (!KINDS[String(s.type)]) warnings.push(`unknown service type "${String(s.type)}", taken as a service`);
  const serviceClasses = arr(s.serviceClasses).map((c) => str(c.code)).filter((c): c is string => !!c);
  const targetGroups = arr(s.targetGroups).map((c) => str(c.code)).filter((c): c is string => !!c);
  // keywords: ontology terms and alternative names in each language, for search
  const keywords: Localised = {};
  for (const lang of LANGS) {
    const words = [
      ...arr(s.ontologyTerms).map((t) => localised(t.name)[lang]),
      ...arr(s.keywords).filter((k) => k.language === lang).map((k) => str(k.value)),
      localised(s.serviceNames, 'AlternativeName')[lang],
    ].filter((w): w is string => !!w);
    if (words.length) keywords[lang] = [...new Set(words)].join(', ');
  }
  const organisation = arr(s.organizations).find((o) => o.roleType === 'Responsible') ?? arr(s.organizations)[0];
  const orgId = organisation ? idOf((organisation.organization ?? {}) as Json) : null;
  const charge = str(s.serviceChargeType);
  const chargeType = charge === 'FreeOfCharge' || charge === 'Free' ? 'free' : charge === 'Chargeable' || charge === 'Charged' ? 'chargeable' : charge ? 'other' : null;
  const channelPtvIds = arr(s.serviceChannels).map((c) => idOf((c.serviceChannel ?? {}) as Json)).filter((c): c is string => !!c);
  const municipalities = municipalitiesOf(s.areas);
  const nationwide = s.areaType === 'Nationwide' || s.areaType === 'WholeCountry';
  if (!nationwide && municipalities.length === 0) warnings.push('no area: neither nationwide nor any municipality');
  const modified = str(s.modified);
  return {
    ok: true, warnings,
    value: {
      ptvId, kind, organisationPtvId: orgId, name, keywords,
      summary: localised(s.serviceDescriptions, 'Summary'),
      description: localised(s.serviceDescriptions, 'Description'),
      serviceClasses, targetGroups,
      ontologyUris: arr(s.ontologyTerms).map((t) => str(t.uri)).filter((u): u is string => !!u),
      nationwide, municipalities,
      languages: (Array.isArray(s.languages) ? s.languages : []).filter((l): l is string => typeof l === 'string'),
      chargeType, channelPtvIds, modified: modified && !Number.isNaN(Date.parse(modified)) ? modified : null,
      ...suggestMapping(serviceClasses, targetGroups),
    },
  };
}

const CHANNEL_KINDS: Record<string, MappedChannel['kind']> = {
  Phone: 'phone', EChannel: 'electronic', WebPage: 'web_page', PrintableForm: 'printable_form', ServiceLocation: 'service_location',
};
const WEEKDAYS: Record<string, number> = { Monday: 1, Tuesday: 2, Wednesday: 3, Thursday: 4, Friday: 5, Saturday: 6, Sunday: 7 };

/** "09:00:00", "9:00", "09.00" → "09:00"; anything else → null. */
export function timeOf(v: unknown): string | null {
  const m = /^(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(String(v ?? '').trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

const dateOf = (v: unknown): string | null => { const s = str(v); return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null; };

/** PTV service hours → weekly slots and exceptional days; over-midnight hours close the next day. */
export function mapServiceHours(list: unknown, warnings: string[]): MappedHour[] {
  const out: MappedHour[] = [];
  for (const h of arr(list)) {
    const type = h.serviceHourType;
    const note = localised(h.additionalInformation).fi ?? null;
    const closed = h.isClosed === true;
    if (type === 'DaysOfTheWeek' || type === 'Standard' || type === 'OverMidnight') {
      for (const o of arr(h.openingHour)) {
        const from = WEEKDAYS[String(o.dayFrom)];
        if (!from) { if (o.dayFrom !== null) warnings.push(`opening hour with an unknown day "${String(o.dayFrom)}" skipped`); continue; }
        const to = WEEKDAYS[String(o.dayTo)] ?? from; // dayTo "" or null: the one day
        const opens = timeOf(o.from);
        const closes = timeOf(o.to);
        if (!closed && (!opens || !closes)) { warnings.push(`opening hour ${String(o.dayFrom)} ${String(o.from)}–${String(o.to)} not understood, skipped`); continue; }
        const nextDay = !closed && closes! <= opens! && !(opens === '00:00' && closes === '00:00');
        const allDay = opens === '00:00' && closes === '00:00';
        // a range Monday–Friday with the same hours on each day; a range like Friday–Monday wraps the week
        for (let d = from, n = 0; n < 7; d = (d % 7) + 1, n++) {
          out.push({ kind: 'weekly', weekday: d, opens: closed ? null : opens, closes: closed ? null : allDay ? '23:59' : closes, closesNextDay: nextDay, validFrom: dateOf(h.validFrom), validTo: dateOf(h.validTo), closed, note });
          if (d === to) break;
        }
      }
    } else if (type === 'Exceptional' || type === 'Exception') {
      const validFrom = dateOf(h.validFrom);
      if (!validFrom) { warnings.push('exceptional hours without a date skipped'); continue; }
      const o = arr(h.openingHour)[0];
      const opens = o ? timeOf(o.from) : null;
      const closes = o ? timeOf(o.to) : null;
      out.push({ kind: 'exception', weekday: null, opens: closed ? null : opens, closes: closed ? null : closes, closesNextDay: !!(opens && closes && closes <= opens), validFrom, validTo: dateOf(h.validTo) ?? validFrom, closed: closed || !opens, note });
    } else if (type !== undefined && type !== null) {
      warnings.push(`service hours of type "${String(type)}" not understood, skipped`);
    }
  }
  return out;
}

/** PTV's prefix "+358" and number "06 325 1111" → "+35863251111". */
function phoneNumberOf(p: Json): string {
  const prefix = (str(p.prefixNumber) ?? '').replace(/\s/g, '');
  const number = (str(p.number) ?? '').replace(/[\s-]/g, '');
  return prefix && !p.isFinnishServiceNumber ? `${prefix}${number.replace(/^0/, '')}` : number;
}

export function mapChannel(c: Json): Mapped<MappedChannel> {
  const ptvId = idOf(c);
  if (!ptvId) return { ok: false, error: 'no valid id' };
  const kind = CHANNEL_KINDS[String(c.serviceChannelType)];
  if (!kind) return { ok: false, error: `unknown channel type "${String(c.serviceChannelType)}"` };
  const name = localised(c.serviceChannelNames, 'Name');
  if (!hasText(name)) return { ok: false, error: 'no name in any language' };
  const warnings: string[] = [];
  const phones = [...arr(c.phoneNumbers), ...arr(c.supportPhones)]
    .filter((p) => p.type === undefined || p.type === 'Phone')
    .map((p) => ({ number: phoneNumberOf(p), info: str(p.additionalInformation), charge: str(p.serviceChargeType), lang: str(p.language) }))
    .filter((p) => /^\+?[0-9]{3,20}$/.test(p.number));
  const uniquePhones = [...new Map(phones.map((p) => [p.number, p])).values()];
  const emails = [...new Set([...arr(c.emails), ...arr(c.supportEmails)].map((e) => str(e.value)).filter((e): e is string => !!e))];
  const urls = [...arr(c.webPages), ...arr(c.channelUrls)]
    .map((w) => ({ url: str(w.url) ?? str(w.value) ?? '', label: str(w.value) !== str(w.url) ? str(w.value) : null, lang: str(w.language) }))
    .filter((u) => /^https?:\/\//.test(u.url));
  const location = arr(c.addresses).find((a) => a.type === 'Location' || a.type === 'Visiting') ?? arr(c.addresses)[0];
  const street = location ? ((location.streetAddress ?? null) as Json | null) : null;
  const address = street ? {
    streetFi: localised(street.street).fi ?? null, streetSv: localised(street.street).sv ?? null, number: str(street.streetNumber), postalCode: str(street.postalCode),
    postOfficeFi: localised(street.postOffice).fi ?? null, postOfficeSv: localised(street.postOffice).sv ?? null,
    municipalityCode: str(((street.municipality ?? {}) as Json).code),
  } : null;
  return {
    ok: true, warnings,
    value: {
      ptvId, kind, organisationPtvId: str(c.organizationId) && UUID.test(String(c.organizationId)) ? String(c.organizationId).toLowerCase() : null,
      name, description: localised(c.serviceChannelDescriptions, 'Description'), phones: uniquePhones, emails, urls, address,
      languages: (Array.isArray(c.languages) ? c.languages : []).filter((l): l is string => typeof l === 'string'),
      hours: mapServiceHours(c.serviceHours, warnings),
    },
  };
}
