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
import { modelScore } from './acute-model.js';
import { ACUTE_MODEL } from './acute-model.weights.js';

export interface AcuteDecision {
  acute: boolean;
  category: AcuteCategory | null;
  /** the highest category score (1 or more is acute) */
  score: number;
  /** the words that triggered the decision (of the winning category) */
  because: string[];
  /** framings that lowered the score, e.g. 'not_now' */
  damped: string[];
  /** what decided: the concept rules, or the model alone (acute-model.ts) when the rules did not */
  by: 'rules' | 'model' | null;
}

/** Lower case, letters folded to ASCII-like Finnish/Swedish (ä→a, ö→o, å→a), runs of 3+ letters cut to 2. */
export function fold(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/** The text's words, folded; apostrophes dropped ("don't" → "dont", "I'm" → "im"). */
export function acuteTokens(text: string): string[] {
  return writtenWords(text).map(token);
}

const token = (written: string) => { const folded = fold(written); return CANONICAL[folded] ?? folded; };

/** The words as written (lower case): what a decision names. Folding never splits or joins words, so indexes match acuteTokens. */
export function writtenWords(text: string): string[] {
  // invisible format characters (zero-width space, soft hyphen…) must not split a word: "kuol\u200Bla" is "kuolla"
  return text.toLowerCase().normalize('NFC').replace(/[\p{Cf}\u00AD]/gu, '').replace(/[\p{Cc}]/gu, ' ').replace(/['’`´]/g, '').split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
}

/**
 * Forms that mean the same to the detector: the Finnish negative verb with its clitics and
 * persons (eikä, ettei, eivät → ei; enkä, etten → en), spoken Swedish "int" → inte.
 */
const CANONICAL: Record<string, string> = {
  eika: 'ei', ettei: 'ei', eivat: 'ei', eivatka: 'ei', eiko: 'ei', eivatko: 'ei', ette: 'ei', etteivat: 'ei', eikos: 'ei',
  enka: 'en', etten: 'en', emme: 'en', emmeka: 'en', enko: 'en', ettemme: 'en',
  int: 'inte', inge: 'inte', icke: 'inte',
};

interface Term { parts: { text: string; prefix: boolean }[] }

function parseTerm(raw: string): Term {
  return { parts: fold(raw).trim().split(/\s+/).map((p) => (p.endsWith('*') ? { text: p.slice(0, -1), prefix: true } : { text: p, prefix: false })) };
}

interface Hit { start: number; end: number }
type Lang = 'fi' | 'sv' | 'en';
const LANGS: Lang[] = ['fi', 'sv', 'en'];
type DamperName = keyof typeof DAMPERS;
const FIG = '~figurative';
const damperKey = (name: string) => `~damper:${name}`;

/**
 * Every term of every concept ("fi:kill"), idiom and damper, indexed by its first word: exact
 * words in one map, stems in another keyed by the stem. One pass over the text's words then finds
 * every hit (a 16 kB text in a few milliseconds, on the resident's phone too).
 */
interface Indexed { key: string; term: Term }
let index: { exact: Map<string, Indexed[]>; prefix: Map<string, Indexed[]>; longestPrefix: number } | null = null;
function lexicon() {
  if (index) return index;
  const exact = new Map<string, Indexed[]>();
  const prefix = new Map<string, Indexed[]>();
  let longestPrefix = 0;
  const put = (key: string, raw: string) => {
    const term = parseTerm(raw);
    const first = term.parts[0]!;
    const map = first.prefix ? prefix : exact;
    if (first.prefix) longestPrefix = Math.max(longestPrefix, first.text.length);
    (map.get(first.text) ?? map.set(first.text, []).get(first.text)!).push({ key, term });
  };
  for (const [name, byLang] of Object.entries(ACUTE_CONCEPTS)) for (const lang of LANGS) for (const raw of byLang[lang]) put(`${lang}:${name}`, raw);
  for (const raw of Object.values(FIGURATIVE).flat()) put(FIG, raw);
  for (const [name, byLang] of Object.entries(DAMPERS)) for (const raw of Object.values(byLang).flat()) put(damperKey(name), raw);
  index = { exact, prefix, longestPrefix };
  return index;
}

function partMatches(p: { text: string; prefix: boolean }, token: string): boolean {
  return p.prefix ? token.startsWith(p.text) : token === p.text;
}

/** All hits of every term in the text, by key; a concept's hits inside an idiom are dropped. */
function allHits(tokens: string[]): Map<string, Hit[]> {
  const { exact, prefix, longestPrefix } = lexicon();
  const out = new Map<string, Hit[]>();
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const candidates: Indexed[] = [...(exact.get(token) ?? [])];
    for (let n = 1; n <= Math.min(token.length, longestPrefix); n++) candidates.push(...(prefix.get(token.slice(0, n)) ?? []));
    for (const { key, term } of candidates) {
      const parts = term.parts;
      if (i + parts.length > tokens.length) continue;
      let ok = true;
      for (let j = 1; j < parts.length; j++) if (!partMatches(parts[j]!, tokens[i + j]!)) { ok = false; break; }
      if (!ok) continue;
      const end = i + parts.length - 1;
      const id = `${key}|${i}|${end}`;
      if (seen.has(id)) continue;
      seen.add(id);
      (out.get(key) ?? out.set(key, []).get(key)!).push({ start: i, end });
    }
  }
  // a word inside a recognised idiom ("byrokratia tappaa mut", "killing time") is not the concept
  const figurative = out.get(FIG) ?? [];
  if (figurative.length) {
    for (const [key, hits] of out) {
      if (key.startsWith('~')) continue;
      out.set(key, hits.filter((h) => !figurative.some((f) => h.start <= f.end && h.end >= f.start)));
    }
  }
  return out;
}

/** One match of a rule in one language: a hit of each concept, all within `window` words of the first concept's hit. */
function matchRule(hits: Map<string, Hit[]>, concepts: string[], window: number): Hit[] | null {
  for (const lang of LANGS) {
    const lists = concepts.map((c) => hits.get(`${lang}:${c}`) ?? []);
    if (lists.some((l) => l.length === 0)) continue;
    for (const anchor of lists[0]!) {
      const chosen: Hit[] = [anchor];
      let ok = true;
      for (const list of lists.slice(1)) {
        // distinct words: two overlapping terms ("inte vart", "vart jag") are one piece of evidence
        const near = list.find((h) => Math.abs(h.start - anchor.start) <= window && !chosen.some((c) => h.start <= c.end && h.end >= c.start));
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
 * ("nyt voin hyvin"), or a joke ("haha", 😂; never for suicide). Each halves the weight; at most twice.
 */
function damping(at: number, framing: Record<DamperName, Hit[]>, joking: boolean, category: AcuteCategory, ruleHasNegation: boolean): string[] {
  const damped: string[] = [];
  const now = distance(framing.now, at);
  if (distance(framing.far_past, at) < now) damped.push('not_now');
  const info = distance(framing.information, at);
  if (info <= 12 && info < now) damped.push('information_question');
  if (framing.hypothetical.some((h) => h.start <= at && at - h.start <= 8)) damped.push('hypothetical');
  if (framing.resolved.length) damped.push('resolved');
  // a denial right before the match ("ei lyönyt", "no hitting"), unless the rule itself is about a negation ("en halua elää")
  if (!ruleHasNegation && framing.negation.some((n) => n.end < at && at - n.end <= 2)) damped.push('negated');
  // irony is how many people say the unsayable: a joke never damps suicide ("kms lol")
  if ((framing.joke.length || joking) && !framing.serious.length && category !== 'suicide') damped.push('joke');
  return damped;
}

/** Emoji that mark a joke as "haha" does (the joke framing). */
const JOKE_EMOJI = /[😂🤣😆😅😜🙃]/u;

/**
 * A text read once: its words as written (what a decision names), the detector's tokens, every
 * term's hits and the words inside idioms. The rules, the model and the category all use it.
 */
export interface Reading { written: string[]; tokens: string[]; hits: Map<string, Hit[]>; idioms: Set<number>; joking: boolean }

export function readText(text: string): Reading {
  const cut = text.slice(0, 20_000);
  const written = writtenWords(cut);
  const tokens = written.map(token);
  const hits = allHits(tokens);
  const idioms = new Set<number>();
  for (const f of hits.get(FIG) ?? []) for (let i = f.start; i <= f.end; i++) idioms.add(i);
  return { written, tokens, hits, idioms, joking: JOKE_EMOJI.test(cut) };
}

/** The acute decision for a text (any language: a Swedish speaker may write on the Finnish form). */
export function detectAcute(text: string): AcuteDecision {
  const reading = readText(text);
  const rules = rulesOn(reading);
  if (rules.acute) return rules;
  const model = modelScore(ACUTE_MODEL, reading);
  if (model.probability < ACUTE_MODEL.threshold) return rules;
  // the model does not name a category: the rules' strongest partial evidence does, else the most common
  const because = model.because.length ? model.because : conceptWords(reading);
  return { acute: true, category: rules.category ?? partialCategory(reading.hits) ?? 'suicide', score: Math.round(model.probability * 100) / 100, because, damped: [], by: 'model' };
}

/** The words the lexicon recognises in the text (any concept), as written, first three: never a name. */
function conceptWords({ hits, written }: Reading): string[] {
  const spans = [...hits].filter(([key]) => !key.startsWith('~')).flatMap(([, h]) => h).sort((a, b) => a.start - b.start);
  return [...new Set(spans.map((h) => written.slice(h.start, h.end + 1).join(' ')))].slice(0, 3);
}

/** The category whose rules have the most of their concepts present, for a text the model flagged. */
function partialCategory(hits: Map<string, Hit[]>): AcuteCategory | null {
  let best: { category: AcuteCategory; share: number } | null = null;
  for (const rule of ACUTE_RULES) {
    const present = rule.all.filter((c) => LANGS.some((l) => (hits.get(`${l}:${c}`)?.length ?? 0) > 0)).length;
    const share = present / rule.all.length;
    if (share > 0 && (!best || share > best.share)) best = { category: rule.category, share };
  }
  return best?.category ?? null;
}

/** The concept rules alone. */
export function detectAcuteByRules(text: string): AcuteDecision {
  return rulesOn(readText(text));
}

function rulesOn({ written, tokens, hits, joking }: Reading): AcuteDecision {
  const none: AcuteDecision = { acute: false, category: null, score: 0, because: [], damped: [], by: null };
  if (!tokens.length) return none;
  const framing = Object.fromEntries(Object.keys(DAMPERS).map((k) => [k, hits.get(damperKey(k)) ?? []])) as Record<DamperName, Hit[]>;
  const byCategory = new Map<AcuteCategory, { score: number; hits: Hit[]; damped: Set<string> }>();
  for (const rule of ACUTE_RULES) {
    const matched = matchRule(hits, rule.all, rule.window ?? 8);
    if (!matched) continue;
    const entry = byCategory.get(rule.category) ?? { score: 0, hits: [], damped: new Set<string>() };
    // the same words do not count twice for one category
    if (matched.every((h) => entry.hits.some((e) => e.start === h.start))) continue;
    const damped = damping(Math.min(...matched.map((h) => h.start)), framing, joking, rule.category, rule.all.includes('negation'));
    entry.score += (rule.weight ?? 1) * (damped.length ? 0.5 ** Math.min(damped.length, 2) : 1);
    entry.hits.push(...matched);
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
  const acute = best.score >= 1 - 1e-9;
  return { acute, category: best.category, score: Math.round(best.score * 100) / 100, because, damped: best.damped, by: acute ? 'rules' : null };
}
