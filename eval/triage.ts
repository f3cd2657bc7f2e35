/**
 * npm run eval:triage — the triage figures on the evaluation set (eval/triage-set.ts) and on the
 * held-out set (eval/triage-heldout.ts, never used for tuning): acute recall and false alarms,
 * reasons and service areas, and services found in the real PTV data (imported into an in-memory
 * database for the run).
 */
import { evaluate } from './triage-metrics.js';
import { EVAL_SET, type Row } from './triage-set.js';
import { HELDOUT_SET } from './triage-heldout.js';
import { createTestApp, type TestApp } from '../src/server/test/support.js';
import { PTV_FIXTURE } from '../src/server/test/fixtures.js';
import { resolveCountyId } from '../src/server/features/organisation/public.js';
import { importPtvFolder } from '../src/server/features/catalogue/public.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function report(title: string, set: Row[], t: TestApp): Promise<void> {
  const m = evaluate(set);
  const count = (lang: string) => set.filter((r) => r[0] === lang).length;
  console.log(`\n${title}: ${m.rows} texts (${count('fi')} fi, ${count('sv')} sv, ${count('en')} en), ${m.acuteRows} acute`);
  console.log(`  acute recall            ${pct(m.acuteRecall)} (must be 100 %)`);
  console.log(`  acute false alarms      ${m.acuteFalseAlarms} of ${m.rows - m.acuteRows} (${pct(m.acuteFalseAlarmRate)})`);
  console.log(`  acute reason correct    ${pct(m.acuteReasonAccuracy)}`);
  console.log(`  reason, top 1           ${pct(m.reasonTop1)}`);
  console.log(`  reason, in top 3        ${pct(m.reasonTop3)}`);
  console.log(`  service area, top 1     ${pct(m.areaTop1)}`);
  for (const x of m.missedAcute) console.log(`  MISSED ACUTE: ${x}`);
  for (const x of m.falseAlarms) console.log(`  false alarm: ${x}`);
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

const t = await createTestApp();
try {
  await importPtvFolder(t.database.db, await resolveCountyId(t.database.db), PTV_FIXTURE);
  await report('Evaluation set (the lexicons are tuned on it)', EVAL_SET, t);
  await report('Held-out set (never used for tuning)', HELDOUT_SET, t);
} finally {
  await t.close();
}
