/**
 * Trigram similarity as pg_trgm computes it (each word padded with two spaces in front and one
 * behind; similarity = shared trigrams ÷ all distinct trigrams of both), for looking a typed word
 * up in a small dictionary in memory.
 */
export function trigrams(word: string): Set<string> {
  const padded = `  ${word.toLowerCase()} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

export function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/**
 * Dictionary words for a typed word: those that contain it (the second half of a compound) and
 * those close to it (a typo), best first.
 */
export function closeWords(token: string, dictionary: readonly string[], opts: { threshold?: number; limit?: number } = {}): string[] {
  const threshold = opts.threshold ?? 0.45;
  const t = token.toLowerCase();
  const tt = trigrams(t);
  const scored: { word: string; score: number }[] = [];
  for (const word of dictionary) {
    if (word === t) continue;
    if (word.includes(t)) { scored.push({ word, score: 1 + t.length / word.length }); continue; }
    if (Math.abs(word.length - t.length) > Math.max(3, t.length / 3)) continue;
    const tw = trigrams(word);
    let shared = 0;
    for (const x of tt) if (tw.has(x)) shared++;
    const s = shared / (tt.size + tw.size - shared);
    if (s >= threshold) scored.push({ word, score: s });
  }
  return scored.sort((a, b) => b.score - a.score || a.word.localeCompare(b.word)).slice(0, opts.limit ?? 8).map((x) => x.word);
}
