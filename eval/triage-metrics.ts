/** The triage figures of the evaluation set: pure, used by the script and by the test that guards them. */
import { triage } from '../src/domain/triage/triage.js';
import type { Row } from './triage-set.js';

export interface Metrics {
  rows: number; acuteRows: number;
  acuteRecall: number; acuteFalseAlarms: number; acuteFalseAlarmRate: number; acuteReasonAccuracy: number;
  reasonTop1: number; reasonTop3: number; areaTop1: number;
  missedAcute: string[]; falseAlarms: string[]; reasonMisses: string[];
}

const split = (s: string) => s.split(',').filter(Boolean);
const pct = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function evaluate(rows: Row[]): Metrics {
  let acuteRows = 0, acuteHits = 0, acuteReasonHits = 0, falseAlarms = 0, reasonTop1 = 0, reasonTop3 = 0, reasonRows = 0, areaTop1 = 0, areaRows = 0;
  const missedAcute: string[] = [];
  const falseAlarmTexts: string[] = [];
  const reasonMisses: string[] = [];
  for (const [lang, acute, reasons, areas, text] of rows) {
    const r = triage(text, lang);
    if (acute) {
      acuteRows++;
      if (r.acute) { acuteHits++; if (r.acuteReason === acute) acuteReasonHits++; } else missedAcute.push(`${lang}: ${text}`);
    } else if (r.acute) { falseAlarms++; falseAlarmTexts.push(`${lang}: ${text} (${r.acuteReason}: ${r.acuteBecause.join(', ')})`); }
    const expected = split(reasons);
    if (expected.length) {
      reasonRows++;
      const got = r.reasons.map((x) => x.code);
      if (got[0] && expected.includes(got[0])) reasonTop1++; else reasonMisses.push(`${lang}: ${text} → ${got.slice(0, 3).join(', ') || 'nothing'} (expected ${expected.join(', ')})`);
      if (got.slice(0, 3).some((g) => expected.includes(g))) reasonTop3++;
    }
    const expectedAreas = split(areas);
    if (expectedAreas.length) {
      areaRows++;
      if (r.serviceAreas[0] && expectedAreas.includes(r.serviceAreas[0].code)) areaTop1++;
    }
  }
  const nonAcute = rows.length - acuteRows;
  return {
    rows: rows.length, acuteRows,
    acuteRecall: pct(acuteHits, acuteRows), acuteFalseAlarms: falseAlarms, acuteFalseAlarmRate: pct(falseAlarms, nonAcute), acuteReasonAccuracy: pct(acuteReasonHits, acuteHits),
    reasonTop1: pct(reasonTop1, reasonRows), reasonTop3: pct(reasonTop3, reasonRows), areaTop1: pct(areaTop1, areaRows),
    missedAcute, falseAlarms: falseAlarmTexts, reasonMisses,
  };
}
