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
export async function triageWithServices(db: Kysely<DB>, countyId: string, input: { text: string; lang: 'fi' | 'sv' | 'en'; municipality?: string }, now: Date) {
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
