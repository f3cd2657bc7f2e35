/**
 * npm run eval:acute-dev — the development set's misses and false alarms, for working on the
 * detector. Only the development (training) set: the sealed set is never listed.
 */
import { detectAcute } from '../src/domain/triage/acute.js';
import { acuteMetrics } from './acute-metrics.js';
import { DEVELOPMENT_SET } from './sets/index.js';

const m = acuteMetrics(DEVELOPMENT_SET, (t) => detectAcute(t));
for (const x of m.missed) console.log(`MISSED ${x}`);
for (const x of m.falseAlarmTexts) console.log(`FALSE  ${x}`);
console.log(`development set: ${m.rows} texts, ${m.acuteRows} acute: recall ${(m.recall * 100).toFixed(1)} %, false alarms ${m.falseAlarms} (${(m.falseAlarmRate * 100).toFixed(1)} %), category ${(m.categoryAccuracy * 100).toFixed(1)} %`);
