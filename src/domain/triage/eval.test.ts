import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../eval/triage-metrics.js';
import { EVAL_SET } from '../../../eval/triage-set.js';

/** Guards the figures of the evaluation set (npm run eval:triage prints them all, services included). */
describe('triage on the evaluation set', () => {
  const m = evaluate(EVAL_SET);

  it('has at least 150 texts in Finnish, Swedish and English', () => {
    expect(m.rows).toBeGreaterThanOrEqual(150);
    for (const lang of ['fi', 'sv', 'en']) expect(EVAL_SET.filter((r) => r[0] === lang).length, lang).toBeGreaterThanOrEqual(40);
  });

  it('misses no acute situation (safety-critical) and raises few false alarms', () => {
    expect(m.missedAcute).toEqual([]);
    expect(m.acuteRecall).toBe(1);
    expect(m.acuteFalseAlarmRate).toBeLessThanOrEqual(0.05);
  });

  it('suggests the expected reason and service area', () => {
    expect(m.reasonTop3).toBeGreaterThanOrEqual(0.9);
    expect(m.reasonTop1).toBeGreaterThanOrEqual(0.8);
    expect(m.areaTop1).toBeGreaterThanOrEqual(0.8);
  });
});
