/**
 * Acute detection (issue 11): does a resident's text point to danger to life or health now?
 *
 * Designed to generalise rather than to remember sentences:
 * - Words are folded (lower case, ä→a, ö→o, å→a, repeated letters cut to two) so that a text typed
 *   on a phone without Finnish letters, or with "apuaaaa", reads the same.
 * - The vocabulary is CONCEPTS (acute-lexicon.ts): sets of word stems and irregular forms in fi, sv
 *   and en, spoken Finnish and Finland-Swedish included ("kill" verbs, "self" words, "child"
 *   words, "now" words …). A RULE names a category and the concepts that must occur near each
 *   other (within a window of words): "a violent verb near a victim word", "a small child near
 *   alone", "a want word near a die word". Strong single concepts (suicide, rape, overdose) fire
 *   alone.
 * - Framing DAMPS instead of vetoing: a far-past marker with no present one ("vuosia sitten"), or
 *   an information question ("miten teen ilmoituksen"), halves a hit's weight; two independent
 *   hits still make the text acute. Figurative uses ("byrokratia tappaa mut", "dying to know") are
 *   excluded where the idiom is recognised right next to the word.
 * - Every decision names the words that triggered it.
 *
 * Pure and small: it runs in the resident's browser as they type, and on the server.
 */
import { ACUTE_CONCEPTS, ACUTE_RULES, DAMPERS, FIGURATIVE, type AcuteCategory } from './acute-lexicon.js';

export interface AcuteDecision {
  acute: boolean;
  category: AcuteCategory | null;
  /** the highest category score (1 or more is acute) */
  score: number;
  /** the words that triggered the decision (of the winning category) */
  because: string[];
  /** framings that lowered the score, e.g. 'far_past' */
  damped: string[];
}

/** Lower case, letters folded to ASCII-like Finnish/Swedish (ä→a, ö→o, å→a), runs of 3+ letters cut to 2. */
export function fold(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/** The text's words, folded; apostrophes dropped ("don't" → "dont", "I'm" → "im"). */
export function acuteTokens(text: string): string[] {
  return splitWords(text).map((w) => fold(w)).map((t) => CANONICAL[t] ?? t);
}

/** The words as written (lower case): what a decision names. Folding never splits or joins words, so indexes match acuteTokens. */
function splitWords(text: string): string[] {
  return text.toLowerCase().normalize('NFC').replace(/[\0]/g, ' ').replace(/['’`´]/g, '').split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
}

/**
 * Forms that mean the same to the detector: the Finnish negative verb with its clitics and
 * persons (eikä, ettei, eivät → ei; enkä, etten → en), spoken Swedish "int" → inte.
 */
const CANONICAL: Record<string, string> = {
  eika: 'ei', ettei: 'ei', eivat: 'ei', eivatka: 'ei', eiko: 'ei', eivatko: 'ei', eli: 'eli', ette: 'ei', etteivat: 'ei', eikos: 'ei',
  enka: 'en', etten: 'en', emme: 'en', emmeka: 'en', enko: 'en', ettemme: 'en',
  int: 'inte', inge: 'inte', icke: 'inte',
};

interface Term { parts: { text: string; prefix: boolean }[] }

function parseTerm(raw: string): Term {
  return { parts: fold(raw).trim().split(/\s+/).map((p) => (p.endsWith('*') ? { text: p.slice(0, -1), prefix: true } : { text: p, prefix: false })) };
}

/** Start positions where the term occurs, with how many tokens it covers. */
function termPositions(tokens: string[], term: Term): number[] {
  const out: number[] = [];
  const n = term.parts.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < n; j++) {
      const p = term.parts[j]!;
      const t = tokens[i + j]!;
      if (p.prefix ? !t.startsWith(p.text) : t !== p.text) { ok = false; break; }
    }
    if (ok) out.push(i);
  }
  return out;
}

interface Hit { start: number; end: number; words: string }
type Lang = 'fi' | 'sv' | 'en';
const LANGS: Lang[] = ['fi', 'sv', 'en'];
type Dampers = Record<keyof typeof DAMPERS, Term[]>;

let compiled: { concepts: Map<string, Term[]>; figurative: Term[]; dampers: Dampers } | null = null;
/** Concepts are kept per language ("fi:kill"): a rule matches within one language, so Swedish "hit" (here) is not English "hit". */
function lexicon() {
  if (compiled) return compiled;
  const concepts = new Map<string, Term[]>();
  for (const [name, byLang] of Object.entries(ACUTE_CONCEPTS)) {
    for (const lang of LANGS) concepts.set(`${lang}:${name}`, byLang[lang].map(parseTerm));
  }
  const dampers = Object.fromEntries(Object.entries(DAMPERS).map(([name, byLang]) => [name, Object.values(byLang).flat().map(parseTerm)])) as Dampers;
  compiled = { concepts, figurative: Object.values(FIGURATIVE).flat().map(parseTerm), dampers };
  return compiled;
}

function anyTerm(tokens: string[], terms: Term[]): Hit[] {
  const hits: Hit[] = [];
  for (const term of terms) for (const start of termPositions(tokens, term)) hits.push({ start, end: start + term.parts.length - 1, words: tokens.slice(start, start + term.parts.length).join(' ') });
  return hits;
}

function findConcept(tokens: string[], key: string, cache: Map<string, Hit[]>, figurative: Hit[]): Hit[] {
  const cached = cache.get(key);
  if (cached) return cached;
  const terms = lexicon().concepts.get(key);
  if (!terms) throw new Error(`Unknown acute concept "${key}"`);
  // a word inside a recognised idiom ("byrokratia tappaa mut", "killing time") is not the concept
  const hits = anyTerm(tokens, terms).filter((h) => !figurative.some((f) => h.start <= f.end && h.end >= f.start));
  cache.set(key, hits);
  return hits;
}

/** One match of a rule in one language: a hit of each concept, all within `window` words of the first concept's hit. */
function matchRule(tokens: string[], concepts: string[], window: number, cache: Map<string, Hit[]>, figurative: Hit[]): Hit[] | null {
  for (const lang of LANGS) {
    const lists = concepts.map((c) => findConcept(tokens, `${lang}:${c}`, cache, figurative));
    if (lists.some((l) => l.length === 0)) continue;
    for (const anchor of lists[0]!) {
      const chosen: Hit[] = [anchor];
      let ok = true;
      for (const list of lists.slice(1)) {
        const near = list.find((h) => Math.abs(h.start - anchor.start) <= window && !chosen.some((c) => c.start === h.start));
        if (!near) { ok = false; break; }
        chosen.push(near);
      }
      if (ok) return chosen;
    }
  }
  return null;
}

const distance = (hits: Hit[], at: number) => Math.min(Infinity, ...hits.map((h) => Math.abs(h.start - at)));

/**
 * How much a match counts, and why less: a time marker of the far past or the future that stands
 * nearer to the match than any marker of now ("vuosia sitten … nyt voin hyvin"), a question of
 * procedure or a hypothesis near it with no present marker nearer, a text that says it is over
 * ("nyt voin hyvin"), or a joke ("haha", 😂). Each halves the weight once; never to zero.
 */
function damping(tokens: string[], at: number, framing: Record<keyof Dampers, Hit[]>): string[] {
  const damped: string[] = [];
  const now = distance(framing.now, at);
  if (distance(framing.far_past, at) < now) damped.push('not_now');
  const info = distance(framing.information, at);
  if (info <= 12 && info < now) damped.push('information_question');
  if (framing.hypothetical.some((h) => h.start <= at && at - h.start <= 8)) damped.push('hypothetical');
  if (framing.resolved.length) damped.push('resolved');
  if (framing.joke.length) damped.push('joke');
  return damped;
}

/** The acute decision for a text (any language: a Swedish speaker may write on the Finnish form). */
export function detectAcute(text: string): AcuteDecision {
  const written = splitWords(text.slice(0, 20_000).replace(/[😂🤣😆😅😜🙃]/gu, ' lol '));
  const tokens = written.map((w) => CANONICAL[fold(w)] ?? fold(w));
  const none: AcuteDecision = { acute: false, category: null, score: 0, because: [], damped: [] };
  if (!tokens.length) return none;
  const lex = lexicon();
  const cache = new Map<string, Hit[]>();
  const figurative = anyTerm(tokens, lex.figurative);
  const framing = Object.fromEntries(Object.entries(lex.dampers).map(([k, terms]) => [k, anyTerm(tokens, terms)])) as Record<keyof Dampers, Hit[]>;
  const byCategory = new Map<AcuteCategory, { score: number; hits: Hit[]; damped: Set<string> }>();
  for (const rule of ACUTE_RULES) {
    const hits = matchRule(tokens, rule.all, rule.window ?? 8, cache, figurative);
    if (!hits) continue;
    const entry = byCategory.get(rule.category) ?? { score: 0, hits: [], damped: new Set<string>() };
    // the same words do not count twice for one category
    if (hits.every((h) => entry.hits.some((e) => e.start === h.start))) continue;
    const damped = damping(tokens, Math.min(...hits.map((h) => h.start)), framing);
    entry.score += (rule.weight ?? 1) * (damped.length ? 0.5 ** Math.min(damped.length, 2) : 1);
    entry.hits.push(...hits);
    damped.forEach((d) => entry.damped.add(d));
    byCategory.set(rule.category, entry);
  }
  let best: { category: AcuteCategory; score: number; hits: Hit[]; damped: string[] } | null = null;
  for (const [category, e] of byCategory) {
    if (!best || e.score > best.score) best = { category, score: e.score, hits: e.hits, damped: [...e.damped] };
  }
  if (!best) return none;
  // adjacent or overlapping hits read as one phrase ("en halua elää")
  const spans: { start: number; end: number }[] = [];
  for (const h of [...best.hits].sort((x, y) => x.start - y.start)) {
    const last = spans[spans.length - 1];
    if (last && h.start <= last.end + 1) last.end = Math.max(last.end, h.end); else spans.push({ start: h.start, end: h.end });
  }
  const because = [...new Set(spans.map((h) => written.slice(h.start, h.end + 1).join(' ')))];
  return { acute: best.score >= 1 - 1e-9, category: best.category, score: Math.round(best.score * 100) / 100, because, damped: best.damped };
}
