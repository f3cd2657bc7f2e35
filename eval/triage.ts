/**
 * npm run eval:triage — the triage figures, labelled honestly.
 *
 * Acute detection (issue 11):
 * - DEVELOPMENT set (eval/sets/triage-dev-*.ts and the earlier sets' acute rows): the detector was
 *   built and tuned on it, so its figures are TRAINING figures. Misses and false alarms are listed.
 * - SEALED set (eval/sets/triage-sealed.ts): written by someone who never saw the detector, before it
 *   was changed, and never used to tune. Only its figures are printed, never its texts
 *   (`--list-sealed` lists them for a reviewer; using one to change the detector moves it to the
 *   development set and a fresh one must be written in its place, see eval/README.md).
 *
 * Reasons, service areas and PTV services: on the earlier evaluation and held-out sets
 * (eval/triage-set.ts, eval/triage-heldout.ts), both tuned on: training figures.
 */
import { evaluate } from './triage-metrics.js';
import { acuteMetrics, type AcuteMetrics } from './acute-metrics.js';
import { DEVELOPMENT_SET, SEALED_SET, SEALED_SET_2, SEALED_SET_3 } from './sets/index.js';
import { EVAL_SET, type Row } from './triage-set.js';
import { HELDOUT_SET } from './triage-heldout.js';
import { detectAcute } from '../src/domain/triage/acute.js';
import { createTestApp, type TestApp } from '../src/server/test/support.js';
import { PTV_FIXTURE } from '../src/server/test/fixtures.js';
import { resolveCountyId } from '../src/server/features/organisation/public.js';
import { importPtvFolder } from '../src/server/features/catalogue/public.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function acuteReport(title: string, m: AcuteMetrics, list: boolean): void {
  console.log(`\n${title}: ${m.rows} texts, ${m.acuteRows} acute`);
  console.log(`  acute recall        ${pct(m.recall)} (${m.hits} of ${m.acuteRows}; target ≥ 95 %)`);
  console.log(`  false alarms        ${pct(m.falseAlarmRate)} (${m.falseAlarms} of ${m.rows - m.acuteRows}; target ≤ 15 %)`);
  console.log(`  category correct    ${pct(m.categoryAccuracy)} of the acute texts found`);
  for (const [lang, l] of Object.entries(m.byLang)) console.log(`  ${lang}: recall ${pct(l.acute ? l.hits / l.acute : 1)} (${l.hits}/${l.acute}), false alarms ${pct(l.nonAcute ? l.falseAlarms / l.nonAcute : 0)} (${l.falseAlarms}/${l.nonAcute})`);
  for (const [c, x] of Object.entries(m.byCategory)) console.log(`  ${c.padEnd(20)} ${x.hits}/${x.rows}`);
  if (list) {
    for (const x of m.missed) console.log(`  MISSED ACUTE: ${x}`);
    for (const x of m.falseAlarmTexts) console.log(`  false alarm: ${x}`);
  }
}

async function reasonReport(title: string, set: Row[], t: TestApp): Promise<void> {
  const m = evaluate(set);
  console.log(`\n${title}: ${m.rows} texts`);
  console.log(`  reason, top 1           ${pct(m.reasonTop1)}`);
  console.log(`  reason, in top 3        ${pct(m.reasonTop3)}`);
  console.log(`  service area, top 1     ${pct(m.areaTop1)}`);
  for (const x of m.reasonMisses) console.log(`  reason miss: ${x}`);

  let rows = 0, hit1 = 0, hit5 = 0;
  const misses: string[] = [];
  for (const [lang, , , , text, services] of set) {
    if (!services) continue;
    rows++;
    const expected = services.split('|');
    const res = await t.app.inject({ method: 'POST', url: '/api/public/triage', payload: { text, lang } });
    const got = (res.json() as { services: { name: string; id: string }[] }).services;
    const names = await Promise.all(got.map(async (s) => {
      const row = await t.database.db.selectFrom('service').select(['name_fi', 'name_sv']).where('id', '=', s.id).executeTakeFirstOrThrow();
      return [row.name_fi, row.name_sv];
    }));
    const found = (n: (string | null)[]) => n.some((x) => x && expected.includes(x));
    if (names[0] && found(names[0])) hit1++;
    if (names.some(found)) hit5++; else misses.push(`${lang}: ${text} → ${got.map((s) => s.name).join('; ') || 'nothing'} (expected ${expected.join(' or ')})`);
  }
  console.log(`  services (${rows} texts with expected PTV services): first ${pct(hit1 / rows)}, in top 5 ${pct(hit5 / rows)}`);
  for (const x of misses) console.log(`  service miss: ${x}`);
}

const detect = (text: string) => detectAcute(text);
acuteReport('Acute, DEVELOPMENT set (training: the detector is tuned on it)', acuteMetrics(DEVELOPMENT_SET, detect), true);
acuteReport('Acute, SEALED test set 1 (never used for tuning; texts not listed)', acuteMetrics(SEALED_SET, detect), process.argv.includes('--list-sealed'));
acuteReport('Acute, SEALED test set 2 (never used for tuning; texts not listed)', acuteMetrics(SEALED_SET_2, detect), process.argv.includes('--list-sealed'));
acuteReport('Acute, SEALED test set 3 (never used for tuning; texts not listed)', acuteMetrics(SEALED_SET_3, detect), process.argv.includes('--list-sealed'));

if (!process.argv.includes('--acute-only')) {
  const t = await createTestApp();
  try {
    await importPtvFolder(t.database.db, await resolveCountyId(t.database.db), PTV_FIXTURE);
    await reasonReport('Reasons and services, earlier evaluation set (training)', EVAL_SET, t);
    await reasonReport('Reasons and services, earlier "held-out" set (tuned on its acute misses: training)', HELDOUT_SET, t);
  } finally {
    await t.close();
  }
}
