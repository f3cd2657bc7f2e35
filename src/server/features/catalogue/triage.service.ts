import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { triage } from '../../../domain/triage/triage.js';
import { searchServices } from './catalogue.queries.js';

/**
 * Triage (domain/triage) with the catalogue's services for it, in the resident's municipality:
 * first those matching the words that led to the suggestions (or the whole text when none did)
 * within the best service area, then anywhere, then services mapped to the best reason. Each says
 * why: the words it matched, or the reason code it is mapped to.
 */
export async function triageWithServices(db: Kysely<DB>, countyId: string, raw: { text: string; lang: 'fi' | 'sv' | 'en'; municipality?: string }, now: Date) {
  // control characters (NUL: PostgreSQL's text refuses it) are not words: never a 500 for them
  // eslint-disable-next-line no-control-regex
  const input = { ...raw, text: raw.text.replace(/[\u0000-\u001F\u007F]/g, ' ') };
  const t = triage(input.text, input.lang);
  const q = t.keywords.length ? t.keywords.join(' ') : input.text;
  const area = t.serviceAreas[0]?.code;
  const reason = t.reasons[0]?.code;
  const base = { lang: input.lang, municipality: input.municipality, limit: 5, offset: 0 };
  // best first: the words within the best area, the words anywhere, then services mapped to the best reason
  const tries = [
    ...(area ? [{ ...base, q, area }] : []),
    { ...base, q },
    ...(reason ? [{ ...base, reason }] : []),
  ];
  const picked = new Map<string, { id: string; ptvId: string | null; name: string; summary: string | null; score: number; because: string[] }>();
  for (const [i, p] of tries.entries()) {
    if (picked.size >= 5) break;
    const found = await searchServices(db, countyId, p, now);
    const top = found.items[0]?.score || 1;
    for (const s of found.items) {
      if (picked.size >= 5 || picked.has(s.id)) continue;
      const because = 'reason' in p && p.reason ? [`${p.reason}`] : t.keywords.filter((k) => (s.name + ' ' + (s.summary ?? '')).toLowerCase().includes(k.slice(0, Math.max(4, k.length - 2))));
      picked.set(s.id, { id: s.id, ptvId: s.ptvId, name: s.name, summary: s.summary ?? null, score: Math.round(((s.score / top) / (i + 1)) * 100) / 100, because });
    }
  }
  const reach = await selfServiceContacts(db, [...picked.keys()], input.lang);
  const services = [...picked.values()].map((p) => ({ ...p, ...(reach.get(p.id) ?? { url: null, phone: null }) }));
  return { acute: t.acute, acuteReason: t.acuteReason, acuteBecause: t.acuteBecause, serviceAreas: t.serviceAreas, reasons: t.reasons, services };
}

/**
 * How a resident reaches each suggested service by themself: its first web page or e-service
 * address (in their language when there is one) and its first phone number. One query.
 */
async function selfServiceContacts(db: Kysely<DB>, serviceIds: string[], lang: 'fi' | 'sv' | 'en') {
  const out = new Map<string, { url: string | null; phone: string | null }>();
  if (!serviceIds.length) return out;
  const rows = await db.selectFrom('service_service_channel as l').innerJoin('service_channel as c', 'c.id', 'l.channel_id')
    .select(['l.service_id', 'c.kind', 'c.urls', 'c.phones'])
    .where('l.service_id', 'in', serviceIds).where('c.kind', 'in', ['web_page', 'electronic', 'phone'])
    .orderBy('l.service_id').orderBy('c.kind').execute();
  for (const r of rows) {
    const entry = out.get(r.service_id) ?? { url: null, phone: null };
    const urls = (r.urls ?? []).filter((u) => /^https?:\/\//i.test(u.url));
    entry.url ??= (urls.find((u) => u.lang === lang) ?? urls[0])?.url ?? null;
    entry.phone ??= r.phones?.[0]?.number ?? null;
    out.set(r.service_id, entry);
  }
  return out;
}

/** The words of a text that appear (by their stem) in a service's own name and summary. */
function wordsIn(keywords: string[], service: { name: string; summary: string | null }): string[] {
  const hay = `${service.name} ${service.summary ?? ''}`.toLowerCase();
  const stems = new Map<string, string>();
  for (const k of keywords) {
    const stem = k.slice(0, Math.max(4, k.length - 2));
    if (hay.includes(stem)) stems.set(stem.slice(0, 5), k);
  }
  return [...stems.values()];
}
const distinct = (words: string[]) => new Set(words.flatMap((w) => w.split(' ')).filter((w) => w.length >= 4).map((w) => w.slice(0, 5))).size;

/** Of a pass's hits, only those scoring at least this share of its best. */
const RELEVANCE_FLOOR = 0.3;
const RECEIPT_SERVICES = 3;

/**
 * The services a resident's receipt offers "already now" (issue 11 part 7): few, or none.
 * - Never for an acute text: the receipt shows the emergency contacts instead.
 * - Only of the resident's municipality (its own and nationwide services) or, with none given,
 *   of the county's catalogue.
 * - Only services the evidence holds up for: a service mapped to the text's best reason that also
 *   matches the text (in its words, or in full-text search together with two or more words of
 *   the text for that reason); or, unmapped, one whose own name and summary carry two or more
 *   distinct words of the text. One ambiguous word ("kuolla", "ruokaan") never suggests anything.
 * - Above a relevance floor within each search.
 */
export async function receiptSuggestions(db: Kysely<DB>, countyId: string, input: { text: string; lang: 'fi' | 'sv' | 'en'; municipality?: string | null }, now: Date) {
  const t = triage(input.text, input.lang);
  const best = t.reasons[0];
  if (t.acute || !best || t.keywords.length === 0) return [];
  const evidence = distinct(best.because);
  const q = t.keywords.join(' ');
  const base = { lang: input.lang, municipality: input.municipality ?? undefined, limit: 10, offset: 0 };
  const inScope = (s: { nationwide: boolean; municipalities: string[] | null }) => !input.municipality || s.nationwide || (s.municipalities ?? []).includes(input.municipality);

  const picked = new Map<string, { id: string; name: string; summary: string | null; because: string[] }>();
  const [mapped, anywhere] = await Promise.all([
    searchServices(db, countyId, { ...base, q, reason: best.code }, now),
    searchServices(db, countyId, { ...base, q }, now),
  ]);
  const floorOf = (items: { score: number }[]) => (items[0]?.score ?? 0) * RELEVANCE_FLOOR;
  const mappedFloor = floorOf(mapped.items);
  for (const s of mapped.items) {
    if (!inScope(s) || s.score < mappedFloor) continue;
    const words = wordsIn(t.keywords, s);
    if (words.length >= 1 || evidence >= 2) picked.set(s.id, { id: s.id, name: s.name, summary: s.summary ?? null, because: words.length ? words : best.because });
  }
  const anywhereFloor = floorOf(anywhere.items);
  for (const s of anywhere.items) {
    if (picked.has(s.id) || !inScope(s) || s.score < anywhereFloor) continue;
    const words = wordsIn(t.keywords, s);
    const isMapped = (s.reasons ?? []).includes(best.code);
    if (distinct(words) >= 2 || (isMapped && words.length >= 1)) picked.set(s.id, { id: s.id, name: s.name, summary: s.summary ?? null, because: words });
  }
  const chosen = [...picked.values()].slice(0, RECEIPT_SERVICES);
  const reach = await selfServiceContacts(db, chosen.map((c) => c.id), input.lang);
  return chosen.map((c) => ({ ...c, ...(reach.get(c.id) ?? { url: null, phone: null }) }));
}
