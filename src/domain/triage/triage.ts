/**
 * Triage suggestions from a resident's or worker's text, explainably: every suggestion carries the
 * words that led to it. Pure: the catalogue's part (which services) is added by the server.
 */
import { ACUTE_REASONS, REASON_AREAS, REASONS, type AcuteReason, type Lang, type Pattern } from './lexicon.js';
import { detectAcute } from './acute.js';

export interface Suggestion { code: string; score: number; because: string[] }
export interface TriageResult {
  acute: boolean;
  acuteReason: AcuteReason | null;
  acuteBecause: string[];
  serviceAreas: Suggestion[];
  reasons: Suggestion[];
  /** the words that matched anything: what to search the catalogue with */
  keywords: string[];
}

/** Lower case, no punctuation, apostrophes kept ("don't"), one space between words. */
export function words(text: string): string[] {
  return text.toLowerCase().normalize('NFC').replace(/[’`]/g, "'").split(/[^\p{L}\p{N}'-]+/u).map((w) => w.replace(/^[-']+|[-']+$/g, '')).filter(Boolean);
}

/** An alternative ("kill myself", "ase$") found at some position: the words it covered, or null. */
function findAlternative(tokens: string[], alternative: string): string[] | null {
  const parts = alternative.split(' ').map((p) => p.replace(/'/g, "'"));
  for (let i = 0; i + parts.length <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < parts.length; j++) {
      const part = parts[j]!;
      const token = tokens[i + j]!;
      const exact = part.endsWith('$');
      if (exact ? token !== part.slice(0, -1) : !token.startsWith(part)) { ok = false; break; }
    }
    if (ok) return tokens.slice(i, i + parts.length);
  }
  return null;
}

/** The words a pattern matched (every part found), or null. */
export function matchPattern(tokens: string[], pattern: Pattern): string[] | null {
  const matched: string[] = [];
  for (const [i, raw] of pattern.entries()) {
    const part = i === 0 ? raw.replace(/^~/, '') : raw;
    let hit: string[] | null = null;
    for (const alternative of part.split('|')) { hit = findAlternative(tokens, alternative); if (hit) break; }
    if (!hit) return null;
    matched.push(hit.join(' '));
  }
  return matched;
}

function score(tokens: string[], patterns: Pattern[]): { hits: number; because: string[] } {
  const because = new Set<string>();
  let hits = 0;
  for (const p of patterns) {
    const m = matchPattern(tokens, p);
    if (m) { hits += p[0]?.startsWith('~') ? 0.5 : p.length; m.forEach((w) => because.add(w)); }
  }
  return { hits, because: [...because] };
}

/**
 * Acute detection (acute.ts) looks in every language (a Swedish speaker may write on the Finnish
 * form; a missed crisis costs more than a false alarm); reasons in the given language first, the
 * others at a third of the weight.
 */
export function triage(text: string, lang: Lang): TriageResult {
  const tokens = words(text);
  const langs: Lang[] = [lang, ...(['fi', 'sv', 'en'] as Lang[]).filter((l) => l !== lang)];

  // acute detection looks in every language at once (acute.ts)
  const decision = detectAcute(text);
  const acuteReason: AcuteReason | null = decision.acute ? decision.category : null;
  const acuteBecause = decision.acute ? decision.because : [];

  const reasons: Suggestion[] = [];
  for (const [code, byLang] of Object.entries(REASONS)) {
    let total = 0;
    const because = new Set<string>();
    for (const l of langs) {
      const s = score(tokens, byLang[l]);
      total += s.hits * (l === lang ? 1 : 1 / 3);
      s.because.forEach((w) => because.add(w));
    }
    if (acuteReason && ACUTE_REASONS[acuteReason] === code) { total += 3; acuteBecause.forEach((w) => because.add(w)); }
    if (total > 0) reasons.push({ code, score: total, because: [...because] });
  }
  reasons.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const top = reasons[0]?.score ?? 1;
  for (const r of reasons) r.score = Math.round((r.score / top) * 100) / 100;

  const areas = new Map<string, Suggestion>();
  for (const r of reasons) {
    for (const a of REASON_AREAS[r.code] ?? []) {
      const s = areas.get(a) ?? { code: a, score: 0, because: [] };
      s.score += r.score;
      s.because = [...new Set([...s.because, ...r.because])];
      areas.set(a, s);
    }
  }
  const serviceAreas = [...areas.values()].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const topArea = serviceAreas[0]?.score ?? 1;
  for (const a of serviceAreas) a.score = Math.round((a.score / topArea) * 100) / 100;

  const keywords = [...new Set(reasons.flatMap((r) => r.because).flatMap((w) => w.split(' ')).filter((w) => w.length >= 4))];
  return { acute: acuteReason !== null, acuteReason, acuteBecause, serviceAreas, reasons, keywords };
}
