/**
 * npm run eval:triage — the triage figures on the evaluation set (eval/triage-set.ts): acute
 * recall and false alarms, reasons and service areas, and services found in the real PTV data
 * (imported into an in-memory database for the run).
 */
import { evaluate } from './triage-metrics.js';
import { EVAL_SET } from './triage-set.js';
import { createTestApp } from '../src/server/test/support.js';
import { PTV_FIXTURE } from '../src/server/test/fixtures.js';
import { resolveCountyId } from '../src/server/features/organisation/public.js';
import { importPtvFolder } from '../src/server/features/catalogue/public.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const m = evaluate(EVAL_SET);
console.log(`Triage evaluation: ${m.rows} texts (${EVAL_SET.filter((r) => r[0] === 'fi').length} fi, ${EVAL_SET.filter((r) => r[0] === 'sv').length} sv, ${EVAL_SET.filter((r) => r[0] === 'en').length} en), ${m.acuteRows} acute`);
console.log(`  acute recall            ${pct(m.acuteRecall)} (must be 100 %)`);
console.log(`  acute false alarms      ${m.acuteFalseAlarms} of ${m.rows - m.acuteRows} (${pct(m.acuteFalseAlarmRate)})`);
console.log(`  acute reason correct    ${pct(m.acuteReasonAccuracy)}`);
console.log(`  reason, top 1           ${pct(m.reasonTop1)}`);
console.log(`  reason, in top 3        ${pct(m.reasonTop3)}`);
console.log(`  service area, top 1     ${pct(m.areaTop1)}`);
for (const x of m.missedAcute) console.log(`  MISSED ACUTE: ${x}`);
for (const x of m.falseAlarms) console.log(`  false alarm: ${x}`);
for (const x of m.reasonMisses) console.log(`  reason miss: ${x}`);

const t = await createTestApp();
try {
  await importPtvFolder(t.database.db, await resolveCountyId(t.database.db), PTV_FIXTURE);
  let rows = 0, hit1 = 0, hit5 = 0;
  const misses: string[] = [];
  for (const [lang, , , , text, services] of EVAL_SET) {
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
} finally {
  await t.close();
}
