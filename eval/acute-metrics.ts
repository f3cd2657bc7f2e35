/** Acute-detection figures on a set of SetRows: pure, used by npm run eval:triage and by the test that guards them. */
import type { SetRow } from './set-row.js';

export interface AcuteMetrics {
  rows: number; acuteRows: number; hits: number; falseAlarms: number;
  recall: number; falseAlarmRate: number; categoryAccuracy: number;
  byLang: Record<string, { acute: number; hits: number; nonAcute: number; falseAlarms: number }>;
  byCategory: Record<string, { rows: number; hits: number }>;
  missed: string[]; falseAlarmTexts: string[];
}

export function acuteMetrics(rows: SetRow[], detect: (text: string, lang: SetRow[0]) => { acute: boolean; category: string | null; because: string[] }): AcuteMetrics {
  let acuteRows = 0, hits = 0, falseAlarms = 0, categoryHits = 0;
  const byLang: AcuteMetrics['byLang'] = {};
  const byCategory: AcuteMetrics['byCategory'] = {};
  const missed: string[] = [], falseAlarmTexts: string[] = [];
  for (const [lang, expected, text] of rows) {
    const r = detect(text, lang);
    const l = (byLang[lang] ??= { acute: 0, hits: 0, nonAcute: 0, falseAlarms: 0 });
    if (expected) {
      acuteRows++; l.acute++;
      const c = (byCategory[expected] ??= { rows: 0, hits: 0 });
      c.rows++;
      if (r.acute) { hits++; l.hits++; c.hits++; if (r.category === expected) categoryHits++; } else missed.push(`${lang} [${expected}] ${text}`);
    } else {
      l.nonAcute++;
      if (r.acute) { falseAlarms++; l.falseAlarms++; falseAlarmTexts.push(`${lang} [${r.category}: ${r.because.join(', ')}] ${text}`); }
    }
  }
  const nonAcute = rows.length - acuteRows;
  return {
    rows: rows.length, acuteRows, hits, falseAlarms,
    recall: acuteRows ? hits / acuteRows : 1, falseAlarmRate: nonAcute ? falseAlarms / nonAcute : 0, categoryAccuracy: hits ? categoryHits / hits : 1,
    byLang, byCategory, missed, falseAlarmTexts,
  };
}
