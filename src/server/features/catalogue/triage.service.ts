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
  const picked = new Map<string, { id: string; ptvId: string | null; name: string; score: number; because: string[] }>();
  for (const [i, p] of tries.entries()) {
    if (picked.size >= 5) break;
    const found = await searchServices(db, countyId, p, now);
    const top = found.items[0]?.score || 1;
    for (const s of found.items) {
      if (picked.size >= 5 || picked.has(s.id)) continue;
      const because = 'reason' in p && p.reason ? [`${p.reason}`] : t.keywords.filter((k) => (s.name + ' ' + (s.summary ?? '')).toLowerCase().includes(k.slice(0, Math.max(4, k.length - 2))));
      picked.set(s.id, { id: s.id, ptvId: s.ptvId, name: s.name, score: Math.round(((s.score / top) / (i + 1)) * 100) / 100, because });
    }
  }
  const services = [...picked.values()];
  return { acute: t.acute, acuteReason: t.acuteReason, acuteBecause: t.acuteBecause, serviceAreas: t.serviceAreas, reasons: t.reasons, services };
}
