import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../eval/triage-metrics.js';
import { acuteMetrics } from '../../../eval/acute-metrics.js';
import { DEVELOPMENT_SET, SEALED_SET, SEALED_SET_2, SEALED_SET_3 } from '../../../eval/sets/index.js';
import { EVAL_SET } from '../../../eval/triage-set.js';
import { detectAcute } from './acute.js';

/**
 * Guards the triage figures against regressions. These are TRAINING figures (the detector and the
 * lexicons are tuned on these sets); `npm run eval:triage` prints them with the sealed set's, which
 * only reports (see eval/README.md).
 */
describe('acute detection on the development set (training)', () => {
  const m = acuteMetrics(DEVELOPMENT_SET, (t) => detectAcute(t));

  it('holds at least 600 texts, 300 of them acute, in every language and category', () => {
    expect(m.rows).toBeGreaterThanOrEqual(600);
    expect(m.acuteRows).toBeGreaterThanOrEqual(300);
    for (const lang of ['fi', 'sv', 'en']) expect(m.byLang[lang]!.acute, lang).toBeGreaterThanOrEqual(50);
    for (const c of ['suicide', 'violence_now', 'child_danger', 'no_shelter_tonight', 'medical_emergency', 'left_without_care', 'fall_cannot_get_up']) expect(m.byCategory[c]?.rows ?? 0, c).toBeGreaterThanOrEqual(20);
  });

  it('keeps its recall and false alarms', () => {
    expect(m.recall).toBeGreaterThanOrEqual(0.97);
    expect(m.falseAlarmRate).toBeLessThanOrEqual(0.08);
  });
});

describe('the sealed sets', () => {
  it('exists, is large enough, and is not part of the development set', () => {
    expect(SEALED_SET.length).toBeGreaterThanOrEqual(200);
    expect(SEALED_SET_2.length).toBeGreaterThanOrEqual(200);
    expect(SEALED_SET_3.length).toBeGreaterThanOrEqual(200);
    const dev = new Set(DEVELOPMENT_SET.map((r) => r[2]));
    expect([...SEALED_SET, ...SEALED_SET_2, ...SEALED_SET_3].filter((r) => dev.has(r[2]))).toEqual([]);
  });
});

describe('reasons and service areas on the earlier evaluation set (training)', () => {
  const m = evaluate(EVAL_SET);
  it('suggests the expected reason and service area', () => {
    expect(m.reasonTop3).toBeGreaterThanOrEqual(0.9);
    expect(m.reasonTop1).toBeGreaterThanOrEqual(0.8);
    expect(m.areaTop1).toBeGreaterThanOrEqual(0.8);
  });
});
