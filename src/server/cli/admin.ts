/**
 * Administration from the command line, for the first account in production and for audits:
 *   npm run admin -- county add <code> --name "Name" [--name-sv "Namn"] [--name-en "Name"]
 *   npm run admin -- user add <username> --name "Full Name" --role admin [--role …] [--unit code] [--county code]
 *   npm run admin -- user unlock <username>   (earlier failed logins no longer delay the account)
 *   npm run admin -- access-log <person|contact|user> <id>   (person: an identity code; every record of that person)
 *   npm run admin -- access-log person <hetu> --report          (the person's report for their request, Act 703/2023)
 *   npm run admin -- access-log checkpoint                      (sign a checkpoint; prints it as a JSON line to keep elsewhere)
 *   npm run admin -- access-log verify [--checkpoints <file>]
 *   npm run admin -- retention preview|run [--as-of YYYY-MM-DD]
 *   npm run admin -- demo load
 *   npm run admin -- site show|set [--crisis-phone "06 …"] [--feedback-email a@b.fi] [--statement-date YYYY-MM-DD]
 *                                  [--social-emergency-phone "06 …"] [--social-emergency-unit <unit code>]
 *   npm run admin -- social-emergency hours <days> <HH:MM-HH:MM> [<days> <HH:MM-HH:MM> …] | social-emergency hours clear
 *   npm run admin -- link add <https://…> --label "Nimi" [--label-sv "Namn"] [--label-en "Name"] | link remove <https://…>
 * The password is read from ADMIN_PASSWORD or asked for on the terminal.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { ConfigError, loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db.js';
import { migrateToLatest } from '../platform/migrate.js';
import fs from 'node:fs';
import { accessLogForSubject, configureAccessLog, createAccessLogCheckpoint, logAccess, parseCheckpointLines, resolveAccessLogKeys, verifyAccessLog } from '../platform/access-log.js';
import { personAccessLog } from '../features/access-log/public.js';
import { AppError } from '../platform/errors.js';
import { ROLES, type Role } from '../platform/schema.js';
import { createUser } from '../features/users/public.js';
import { unlockLogin } from '../platform/auth/login-throttle.js';
import { loadDemoCounty, resolveCountyId, seedDefaultCodes } from '../features/organisation/public.js';
import { addSelfServiceLink, publicSite, removeSelfServiceLink, setSiteSettings } from '../features/front-door/public.js';
import { setSocialEmergencyHours, socialEmergencyOf } from '../features/emergency/public.js';
import { formatRetentionReport, runRetention } from '../features/records/public.js';
import { parseAsOf } from '../../domain/retention.js';

const USAGE = `Usage:
  npm run admin -- county add <code> --name "Name" [--name-sv "Namn"] [--name-en "Name"]
  npm run admin -- user add <username> --name "Full Name" --role <role> [--role <role>] [--unit <unit code>] [--county <code>]
  npm run admin -- user unlock <username> [--county <code>]   (earlier failed logins no longer delay the account)
  npm run admin -- access-log <person|contact|user> <id> [--county <code>]
  npm run admin -- access-log person <hetu> --report [--county <code>]
  npm run admin -- access-log checkpoint
  npm run admin -- access-log verify [--checkpoints <file of checkpoint lines>]
  npm run admin -- retention preview [--as-of YYYY-MM-DD]   (what the retention job would erase and prune, per record type)
  npm run admin -- retention run [--as-of YYYY-MM-DD]       (runs it as if on that date; the hourly job runs it with now)
  npm run admin -- demo load
  npm run admin -- site show [--county <code>]
  npm run admin -- site set [--crisis-phone "06 123 4567"] [--feedback-email saavutettavuus@county.fi] [--statement-date YYYY-MM-DD]
                            [--social-emergency-phone "06 123 4567"] [--social-emergency-unit <unit code>] [--county <code>]
  npm run admin -- social-emergency hours <days> <HH:MM-HH:MM> [<days> <HH:MM-HH:MM> …] [--county <code>]
      e.g. social-emergency hours 1-5 16:00-24:00 6-7 00:00-24:00   (days 1 = Monday … 7 = Sunday)
  npm run admin -- social-emergency hours clear [--county <code>]   (around the clock)
  npm run admin -- link add <https://…> --label "Nimi" [--label-sv "Namn"] [--label-en "Name"] [--county <code>]
  npm run admin -- link remove <https://…> [--county <code>]
Roles: ${ROLES.join(', ')}`;

async function askPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await rl.question('Password (at least 12 characters): ');
  rl.close();
  return answer;
}

/** "1-5 16:00-24:00 6-7 00:00-24:00" → weekly slots. */
function parseHours(args: string[]): { weekday: number; opens: string; closes: string }[] {
  if (args.length % 2 !== 0) throw new Error('Give the hours as pairs of days and times, e.g. 1-5 16:00-24:00 6-7 00:00-24:00.');
  const slots: { weekday: number; opens: string; closes: string }[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const days = /^([1-7])(?:-([1-7]))?$/.exec(args[i]!);
    const time = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(args[i + 1]!);
    if (!days || !time) throw new Error(`Not days and hours: "${args[i]} ${args[i + 1]}" (e.g. 1-5 16:00-24:00).`);
    for (let d = Number(days[1]); d <= Number(days[2] ?? days[1]); d++) slots.push({ weekday: d, opens: time[1]!, closes: time[2]! });
  }
  return slots;
}

async function showSite(db: Awaited<ReturnType<typeof openDatabase>>['db'], countyId: string): Promise<void> {
  const [site, service] = await Promise.all([publicSite(db, countyId), socialEmergencyOf(db, countyId)]);
  const unit = service.unitId ? await db.selectFrom('receiving_unit').select('code').where('id', '=', service.unitId).executeTakeFirst() : undefined;
  console.log(JSON.stringify({ ...site, socialEmergency: { phone: service.phone, unit: unit?.code ?? null, hours: service.slots.length ? service.slots : 'around the clock' } }, null, 2));
}

async function run(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { checkpoints: { type: 'string' }, report: { type: 'boolean' }, name: { type: 'string' }, 'name-sv': { type: 'string' }, 'name-en': { type: 'string' }, role: { type: 'string', multiple: true }, unit: { type: 'string', multiple: true }, county: { type: 'string' }, email: { type: 'string' },
      'crisis-phone': { type: 'string' }, 'social-emergency-phone': { type: 'string' }, 'social-emergency-unit': { type: 'string' }, 'feedback-email': { type: 'string' }, 'statement-date': { type: 'string' }, label: { type: 'string' }, 'label-sv': { type: 'string' }, 'label-en': { type: 'string' }, 'as-of': { type: 'string' } },
  });
  const [area, verb, ...rest] = positionals;
  const config = loadConfig();
  configureAccessLog(resolveAccessLogKeys(config));
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    if (area === 'user' && verb === 'add' && rest[0]) {
      const roles = (values.role ?? []) as Role[];
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (!roles.length || bad.length) throw new Error(`Give at least one --role from: ${ROLES.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}.`);
      const countyId = await resolveCountyId(db, values.county);
      // every role may be given here (the first platform administrator is made here); the history and access-log rows come with it
      const user = await createUser(db, { countyId, username: rest[0], displayName: values.name ?? rest[0], email: values.email ?? null, password: await askPassword(), roles, unitCodes: values.unit ?? [] }, { actor: { system: 'admin-cli', countyId } });
      console.log(`Created ${rest[0]} (${roles.join(', ')}), id ${user.id}.`);
    } else if (area === 'user' && verb === 'unlock' && rest[0]) {
      // the account's failed logins no longer make it wait (platform/auth/login-throttle.ts)
      const countyId = await resolveCountyId(db, values.county);
      const user = await db.selectFrom('app_user').select('id').where('username', '=', rest[0].trim().toLowerCase()).where('county_id', '=', countyId).executeTakeFirst();
      if (!user || !(await unlockLogin(db, rest[0], new Date()))) throw new Error(`No user "${rest[0]}".`);
      await logAccess(db, { actor: { system: 'admin-cli', countyId }, subjectType: 'user', subjectId: user.id, action: 'update', purpose: 'login_unlock' });
      console.log(`Unlocked ${rest[0].trim().toLowerCase()}: earlier failed logins no longer delay it.`);
    } else if (area === 'retention' && (verb === 'preview' || verb === 'run')) {
      const asOf = values['as-of'] === undefined ? new Date() : parseAsOf(values['as-of']);
      if (!asOf) throw new Error(`--as-of must be a date YYYY-MM-DD (got "${values['as-of']}").`);
      const report = await runRetention(db, asOf, { adviceRetentionDays: config.adviceRetentionDays }, { dryRun: verb === 'preview' });
      console.log(formatRetentionReport(report, config.adviceRetentionDays));
    } else if (area === 'access-log' && verb === 'verify') {
      const given = values.checkpoints ? parseCheckpointLines(fs.readFileSync(values.checkpoints, 'utf8')) : [];
      const r = await verifyAccessLog(db, given);
      if (r.ok) console.log(`The access log is intact: ${r.rows} rows, hash chain verified against ${r.checkpoints} signed checkpoints.`);
      else {
        console.log(`THE ACCESS LOG HAS BEEN TAMPERED WITH: ${r.firstBrokenSeq !== null ? `the chain breaks at row ${r.firstBrokenSeq} of ${r.rows}` : `${r.rows} rows, chain consistent`}.`);
        for (const p of r.problems) console.log(`  checkpoint at row ${p.seq} (${p.at}, ${p.source}): ${p.problem.replace(/_/g, ' ')}`);
      }
      if (!r.ok) process.exitCode = 2;
    } else if (area === 'access-log' && verb === 'checkpoint') {
      console.log(JSON.stringify(await createAccessLogCheckpoint(db, new Date())));
    } else if (area === 'access-log' && verb === 'person' && rest[0]) {
      const countyId = await resolveCountyId(db, values.county);
      const rows = await personAccessLog(db, { system: 'admin-cli', countyId }, countyId, rest[0], values.report ? 'access_log_person_report' : 'access_log_review');
      if (values.report) {
        console.log(JSON.stringify({ generatedAt: new Date().toISOString(), items: rows.map((r) => ({
          at: r.at, who: r.actorName ?? r.actor, organisation: r.organisation, units: r.units, action: r.action, purpose: r.purpose,
          record: { type: r.subjectType, id: r.subjectType === 'person' ? '' : r.subjectId, reference: r.record },
        })) }, null, 2));
      } else {
        if (!rows.length) console.log('Nobody has accessed this person\'s data.');
        for (const r of rows) console.log(`${r.at}\t${r.actor}\t${r.action}\t${r.purpose}\t${r.subjectType}\t${r.subjectType === 'person' ? '' : r.subjectId}`);
      }
    } else if (area === 'access-log' && (verb === 'contact' || verb === 'user') && rest[0]) {
      const countyId = await resolveCountyId(db, values.county);
      const rows = await db.transaction().execute(async (trx) => {
        const found = await accessLogForSubject(trx, countyId, verb, rest[0]!);
        await logAccess(trx, { actor: { system: 'admin-cli', countyId }, subjectType: verb, subjectId: rest[0]!, action: 'read', purpose: 'access_log_review' });
        return found;
      });
      if (!rows.length) console.log(`Nobody has accessed ${verb} ${rest[0]}.`);
      for (const r of rows) console.log(`${r.at}\t${r.actor}\t${r.action}\t${r.purpose}`);
    } else if (area === 'county' && verb === 'add' && rest[0]) {
      if (!/^[a-z0-9_]+$/.test(rest[0])) throw new Error('A county code uses a–z, 0–9 and _ only, e.g. etela_pohjanmaa.');
      const name = values.name ?? rest[0];
      const county = await db.insertInto('county').values({ code: rest[0], name_fi: name, name_sv: values['name-sv'] ?? name, name_en: values['name-en'] ?? name }).returning('id').executeTakeFirstOrThrow();
      await seedDefaultCodes(db, county.id);
      console.log(`Created the county ${rest[0]} with the default code sets.`);
    } else if (area === 'site' && (verb === 'show' || verb === 'set')) {
      const countyId = await resolveCountyId(db, values.county);
      if (verb === 'set') {
        await setSiteSettings(db, countyId, {
          crisisPhone: values['crisis-phone'], feedbackEmail: values['feedback-email'], statementDate: values['statement-date'],
          socialEmergencyPhone: values['social-emergency-phone'], socialEmergencyUnit: values['social-emergency-unit'],
        });
      }
      await showSite(db, countyId);
    } else if (area === 'social-emergency' && verb === 'hours' && rest.length) {
      const countyId = await resolveCountyId(db, values.county);
      await setSocialEmergencyHours(db, countyId, rest[0] === 'clear' && rest.length === 1 ? [] : parseHours(rest));
      await showSite(db, countyId);
    } else if (area === 'link' && verb === 'add' && rest[0]) {
      if (!values.label) throw new Error('Give the link its Finnish --label (and --label-sv, --label-en).');
      await addSelfServiceLink(db, await resolveCountyId(db, values.county), { url: rest[0], fi: values.label, sv: values['label-sv'], en: values['label-en'] });
      console.log(`Added ${rest[0]} to the self-service links (the public site shows it within a minute).`);
    } else if (area === 'link' && verb === 'remove' && rest[0]) {
      const n = await removeSelfServiceLink(db, await resolveCountyId(db, values.county), rest[0]);
      console.log(n ? `Removed ${rest[0]}.` : `No self-service link ${rest[0]}.`);
    } else if (area === 'demo' && verb === 'load') {
      console.log((await loadDemoCounty(db)) ? 'Loaded the demo county (South Ostrobothnia).' : 'The demo county is already there.');
    } else {
      console.error(USAGE);
      process.exitCode = 64;
    }
  } finally {
    await database.close();
  }
}

run().catch((err: unknown) => {
  if (err instanceof AppError) console.error([err.detail, ...err.fields.map((f) => f.message)].filter(Boolean).join(' ') || err.code);
  else console.error(err instanceof ConfigError ? err.message : (err as Error).message);
  process.exit(1);
});
