import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { AppError, problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import type { CodeSet, DB } from '../../platform/schema.js';
import { announceChange, lockCountyAdministration, recordChange } from './history.js';
import { adminCodeSchema, adminCodesSchema, codeCreateSchema, codeParams, codePatchSchema, type AdminCode } from './administration.schemas.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Codes the product itself writes or reasons with: a county may rename them (its own words in three
 * languages) but not retire them. Urgency and the referral outcomes are whole sets of such codes.
 * The phone system, the chat, the public form, the e-notification, the authority line and the
 * emergency department's referrals create contacts with their channel; a contact not reached, given
 * advice or redirected to 112 closes with those outcomes; a resident writing for themself is `self`.
 */
export const BUILT_IN_CODES: Record<CodeSet, readonly string[] | 'all'> = {
  urgency: 'all',
  referral_outcome: 'all',
  channel: ['phone', 'callback', 'chat', 'web_form', 'e_notification', 'authority_line', 'emergency_department'],
  outcome: ['advice_given', 'not_reached', 'emergency_redirect'],
  contactor: ['self', 'professional', 'unknown'],
  reason: ['other'],
  service_area: [],
};
const isBuiltIn = (set: CodeSet, code: string) => { const b = BUILT_IN_CODES[set]; return b === 'all' || b.includes(code); };

/** What keeps a service area in use: the county's active lines and units that name it. */
async function usage(db: Db, countyId: string): Promise<Map<string, string[]>> {
  const [lines, units] = await Promise.all([
    db.selectFrom('phone_line').select(['code', 'service_area']).where('county_id', '=', countyId).where('active', '=', true).where('service_area', 'is not', null).execute(),
    db.selectFrom('receiving_unit').select(['code', 'service_area']).where('county_id', '=', countyId).where('active', '=', true).execute(),
  ]);
  const map = new Map<string, string[]>();
  const add = (area: string, what: string) => (map.get(area) ?? map.set(area, []).get(area)!).push(what);
  for (const l of lines) add(l.service_area!, `line:${l.code}`);
  for (const u of units) add(u.service_area, `unit:${u.code}`);
  return map;
}

async function readCodes(db: Db, countyId: string, where?: { set: CodeSet; code: string }): Promise<AdminCode[]> {
  let q = db.selectFrom('code').select(['code_set', 'code', 'label_fi', 'label_sv', 'label_en', 'active', 'sort_order']).where('county_id', '=', countyId);
  if (where) q = q.where('code_set', '=', where.set).where('code', '=', where.code);
  const [rows, used] = await Promise.all([q.orderBy('code_set').orderBy('sort_order').orderBy('code').execute(), usage(db, countyId)]);
  return rows.map((c) => ({
    set: c.code_set, code: c.code, label: { fi: c.label_fi, sv: c.label_sv, en: c.label_en }, active: c.active, sortOrder: c.sort_order,
    builtIn: isBuiltIn(c.code_set, c.code), usedBy: c.code_set === 'service_area' ? used.get(c.code) ?? [] : [],
  }));
}

const snapshot = (c: AdminCode) => ({ label: c.label, active: c.active, sortOrder: c.sortOrder });

/**
 * Code sets (issue 18): a county adds, renames (fi, sv, en) and retires reasons, outcomes, channels,
 * contactor types and service areas without a release. A retired code stays on old contacts and in
 * the statistics (they store the code; labels come from this table) but registration refuses it
 * (contacts check active codes) and the worker's forms do not offer it.
 */
export async function adminCodesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const admin = { roles: ['admin' as const] };
  const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

  r.get('/admin/codes', {
    config: admin,
    schema: { tags: ['admin'], summary: 'Every code set of the county with retired codes, what is built in and what uses each', response: { 200: adminCodesSchema, 401: problemSchema, 403: problemSchema } },
  }, async (req) => {
    const items = await readCodes(db(), currentUser(req).countyId);
    return { items, total: items.length };
  });

  r.post('/admin/codes', {
    config: admin,
    schema: { tags: ['admin'], summary: 'Add a code (reason, outcome, channel, contactor type, service area) in three languages', body: codeCreateSchema, response: { 201: adminCodeSchema, ...errors } },
  }, async (req, reply) => {
    const actor = currentUser(req);
    const b = req.body;
    const created = await db().transaction().execute(async (trx) => {
      await lockCountyAdministration(trx, actor.countyId);
      const existing = await trx.selectFrom('code').select(['active']).where('county_id', '=', actor.countyId).where('code_set', '=', b.set).where('code', '=', b.code).executeTakeFirst();
      if (existing) {
        throw new AppError(409, 'conflict', `The code ${b.code} is already in ${b.set}${existing.active ? '' : ' (retired: restore it instead)'}.`,
          [{ field: 'body.code', code: 'code_in_use', message: `The code ${b.code} is already in ${b.set}.` }]);
      }
      const last = await trx.selectFrom('code').select((eb) => eb.fn.max('sort_order').as('m')).where('county_id', '=', actor.countyId).where('code_set', '=', b.set).executeTakeFirst();
      await trx.insertInto('code').values({
        county_id: actor.countyId, code_set: b.set, code: b.code, label_fi: b.label.fi, label_sv: b.label.sv, label_en: b.label.en,
        sort_order: b.sortOrder ?? Number(last?.m ?? -1) + 1,
      }).execute();
      const [c] = await readCodes(trx, actor.countyId, { set: b.set, code: b.code });
      await recordChange(trx, actor, actor.countyId, { objectType: 'code', objectKey: `${b.set}:${b.code}`, action: 'create', after: snapshot(c!) });
      return c!;
    });
    await announceChange(db(), { county: actor.countyId });
    return reply.code(201).send(created);
  });

  r.patch('/admin/codes/:set/:code', {
    config: admin,
    schema: { tags: ['admin'], summary: 'Rename a code, change its order, retire it (active: false) or restore it', params: codeParams, body: codePatchSchema, response: { 200: adminCodeSchema, ...errors } },
  }, async (req) => {
    const actor = currentUser(req);
    const { set, code } = req.params;
    const b = req.body;
    const result = await db().transaction().execute(async (trx) => {
      await lockCountyAdministration(trx, actor.countyId);
      const row = await trx.selectFrom('code').select('id').where('county_id', '=', actor.countyId).where('code_set', '=', set).where('code', '=', code).forUpdate().executeTakeFirst();
      if (!row) throw new AppError(404, 'not_found', `No code ${code} in ${set}.`);
      const [before] = await readCodes(trx, actor.countyId, { set, code });
      if (b.active === false && before!.active) {
        if (before!.builtIn) {
          throw new AppError(409, 'conflict', `${set}:${code} is built into the product: rename it instead.`, [{ field: 'body.active', code: 'code_required', message: 'A built-in code can be renamed, not retired.' }]);
        }
        if (before!.usedBy.length) {
          throw new AppError(409, 'conflict', `${code} is used by ${before!.usedBy.join(', ')}.`, [{ field: 'body.active', code: 'code_required', message: `In use by ${before!.usedBy.join(', ')}: change them first.` }]);
        }
      }
      await trx.updateTable('code').set({
        ...(b.label ? { label_fi: b.label.fi, label_sv: b.label.sv, label_en: b.label.en } : {}),
        ...(b.sortOrder !== undefined ? { sort_order: b.sortOrder } : {}),
        ...(b.active !== undefined ? { active: b.active } : {}),
      }).where('id', '=', row.id).execute();
      const [after] = await readCodes(trx, actor.countyId, { set, code });
      const [s0, s1] = [snapshot(before!), snapshot(after!)];
      const same = JSON.stringify(s0) === JSON.stringify(s1);
      if (!same) {
        const action = s0.active && !s1.active ? 'retire' : !s0.active && s1.active ? 'restore' : 'update';
        await recordChange(trx, actor, actor.countyId, { objectType: 'code', objectKey: `${set}:${code}`, action, before: s0, after: s1 });
      }
      return { code: after!, same };
    });
    if (!result.same) await announceChange(db(), { county: actor.countyId });
    return result.code;
  });
}
