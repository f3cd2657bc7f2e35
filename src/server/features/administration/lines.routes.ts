import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { AppError, problemSchema, type FieldError } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import type { DB } from '../../platform/schema.js';
import { addDays, daysBetween, helsinkiDate, isoWeekday, type LocalDate } from '../../../domain/local-date.js';
import { holidayOn, isWorkingDay } from '../../../domain/calendar.js';
import { isOpenAt, nextOpening } from '../../../domain/opening-hours.js';
import { dayProblems, sortSlots, weeklyProblems } from '../../../domain/admin-hours.js';
import { hoursError } from './hours-error.js';
import { announceChange, lockCountyAdministration, recordChange } from './history.js';
import {
  adminLineSchema, adminLinesSchema, calendarQuery, calendarSchema, exceptionParams, lineCreateSchema, lineExceptionSchema,
  lineHoursSchema, lineParams, linePatchSchema, type AdminLine,
} from './administration.schemas.js';

type Db = Kysely<DB> | Transaction<DB>;
const hhmm = (t: string) => t.slice(0, 5);
const EXCEPTIONS_FROM_DAYS_AGO = 60;

async function readLines(db: Db, countyId: string, now: Date, code?: string): Promise<AdminLine[]> {
  let q = db.selectFrom('phone_line as l').leftJoin('region as r', 'r.id', 'l.region_id')
    .select(['l.id', 'l.code', 'l.phone_number', 'l.menu_number', 'l.service_area', 'l.authority_only', 'l.active', 'l.name_fi', 'l.name_sv', 'l.name_en', 'r.code as region'])
    .where('l.county_id', '=', countyId).orderBy('l.active', 'desc').orderBy('l.menu_number').orderBy('l.code');
  if (code) q = q.where('l.code', '=', code);
  const lines = await q.execute();
  if (!lines.length) return [];
  const ids = lines.map((l) => l.id);
  const from = addDays(helsinkiDate(now), -EXCEPTIONS_FROM_DAYS_AGO);
  const [slots, exceptions] = await Promise.all([
    db.selectFrom('opening_slot').select(['phone_line_id', 'weekday', 'opens', 'closes']).where('phone_line_id', 'in', ids).orderBy('weekday').orderBy('opens').execute(),
    db.selectFrom('opening_exception').select(['phone_line_id', 'day', 'opens', 'closes', 'note']).where('phone_line_id', 'in', ids).where('day', '>=', from).orderBy('day').orderBy('opens').execute(),
  ]);
  return lines.map((l) => {
    const weekly = slots.filter((s) => s.phone_line_id === l.id).map((s) => ({ weekday: s.weekday, opens: hhmm(s.opens), closes: hhmm(s.closes) }));
    const own = exceptions.filter((e) => e.phone_line_id === l.id).map((e) => ({ ...e, day: String(e.day).slice(0, 10) }));
    const days = [...new Set(own.map((e) => e.day))];
    const ex = own.map((e) => ({ day: e.day, opens: e.opens ? hhmm(e.opens) : null, closes: e.closes ? hhmm(e.closes) : null }));
    return {
      code: l.code, phoneNumber: l.phone_number, menuNumber: l.menu_number, serviceArea: l.service_area, region: l.region,
      authorityOnly: l.authority_only, active: l.active, name: { fi: l.name_fi, sv: l.name_sv, en: l.name_en },
      weekly,
      exceptions: days.map((day) => {
        const rows = own.filter((e) => e.day === day);
        return {
          day,
          hours: rows.filter((e) => e.opens && e.closes).map((e) => ({ opens: hhmm(e.opens!), closes: hhmm(e.closes!) })),
          note: rows.find((e) => e.note)?.note ?? null,
          holiday: holidayOn(day as LocalDate)?.code ?? null,
        };
      }),
      openNow: l.active && isOpenAt(now, weekly, ex),
      nextOpening: l.active ? nextOpening(now, weekly, ex) : null,
    };
  });
}

/** What the history keeps of a line: what an administrator sees of it, without the computed parts. */
const snapshot = (l: AdminLine) => ({
  phoneNumber: l.phoneNumber, menuNumber: l.menuNumber, serviceArea: l.serviceArea, region: l.region, authorityOnly: l.authorityOnly,
  active: l.active, name: l.name, weekly: l.weekly,
});

async function lineOr404(db: Db, countyId: string, code: string, now: Date, lock = false): Promise<AdminLine & { id: string }> {
  let q = db.selectFrom('phone_line').select('id').where('county_id', '=', countyId).where('code', '=', code);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found', `No line ${code} in this county.`);
  const [line] = await readLines(db, countyId, now, code);
  return { ...line!, id: row.id };
}

/** The references a line makes: an active service area code of the county, a region of the county; a menu position no other active line holds. */
async function checkLineRefs(trx: Db, countyId: string, v: { serviceArea?: string | null; region?: string | null; menuNumber?: number | null; authorityOnly?: boolean; regionCode?: string | null }, selfId: string | null): Promise<string | null | undefined> {
  const fields: FieldError[] = [];
  if (v.serviceArea) {
    const ok = await trx.selectFrom('code').select('id').where('county_id', '=', countyId).where('code_set', '=', 'service_area').where('code', '=', v.serviceArea).where('active', '=', true).executeTakeFirst();
    if (!ok) fields.push({ field: 'body.serviceArea', code: 'unknown_code', message: `No active service area ${v.serviceArea}.` });
  }
  let regionId: string | null | undefined;
  if (v.region !== undefined) {
    if (v.region === null) regionId = null;
    else {
      const r = await trx.selectFrom('region').select('id').where('county_id', '=', countyId).where('code', '=', v.region).executeTakeFirst();
      if (!r) fields.push({ field: 'body.region', code: 'unknown_code', message: `No region ${v.region}.` });
      regionId = r?.id;
    }
  }
  if (fields.length) throw new AppError(400, 'validation_failed', undefined, fields);
  if (v.menuNumber !== null && v.menuNumber !== undefined) {
    // a caller presses a digit in one menu: the menu of the county's central number (lines without a region) or of a region
    let q = trx.selectFrom('phone_line').select('code').where('county_id', '=', countyId).where('active', '=', true)
      .where('menu_number', '=', v.menuNumber).where('authority_only', '=', false);
    q = regionId ? q.where('region_id', '=', regionId) : q.where('region_id', 'is', null);
    if (selfId) q = q.where('id', '<>', selfId);
    const taken = await q.executeTakeFirst();
    if (taken && !v.authorityOnly) throw new AppError(409, 'conflict', `Menu position ${v.menuNumber} is the line ${taken.code}'s.`, [{ field: 'body.menuNumber', code: 'code_in_use', message: `Menu position ${v.menuNumber} is taken by ${taken.code}.` }]);
  }
  return regionId;
}

/**
 * Lines and hours (issue 18): the county administrator edits the phone lines, their weekly hours
 * and exception days; the public site and the CTI routing read the same rows and forget their
 * caches at once (announceChange). Every change is one history row with before and after.
 */
export async function adminLinesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const admin = { roles: ['admin' as const] };
  const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

  r.get('/admin/lines', {
    config: admin,
    schema: { tags: ['admin'], summary: 'The county\'s phone lines with weekly hours and exception days (administration)', response: { 200: adminLinesSchema, 401: problemSchema, 403: problemSchema } },
  }, async (req) => {
    const items = await readLines(db(), currentUser(req).countyId, app.deps.clock());
    return { items, total: items.length };
  });

  r.post('/admin/lines', {
    config: admin,
    schema: { tags: ['admin'], summary: 'Add a phone line', body: lineCreateSchema, response: { 201: adminLineSchema, ...errors } },
  }, async (req, reply) => {
    const actor = currentUser(req);
    const b = req.body;
    const problems = weeklyProblems(b.weekly);
    if (problems.length) throw hoursError(problems, 'body.weekly');
    const line = await db().transaction().execute(async (trx) => {
      await lockCountyAdministration(trx, actor.countyId);
      if (await trx.selectFrom('phone_line').select('id').where('county_id', '=', actor.countyId).where('code', '=', b.code).executeTakeFirst()) {
        throw new AppError(409, 'conflict', `The line code ${b.code} is in use.`, [{ field: 'body.code', code: 'code_in_use', message: `The line code ${b.code} is in use.` }]);
      }
      const regionId = await checkLineRefs(trx, actor.countyId, { serviceArea: b.serviceArea, region: b.region, menuNumber: b.menuNumber, authorityOnly: b.authorityOnly }, null);
      const row = await trx.insertInto('phone_line').values({
        county_id: actor.countyId, code: b.code, phone_number: b.phoneNumber, menu_number: b.menuNumber, service_area: b.serviceArea,
        region_id: regionId ?? null, authority_only: b.authorityOnly, name_fi: b.name.fi, name_sv: b.name.sv, name_en: b.name.en,
      }).returning('id').executeTakeFirstOrThrow();
      if (b.weekly.length) await trx.insertInto('opening_slot').values(sortSlots(b.weekly).map((s) => ({ phone_line_id: row.id, ...s }))).execute();
      const created = await lineOr404(trx, actor.countyId, b.code, app.deps.clock());
      await recordChange(trx, actor, actor.countyId, { objectType: 'line', objectKey: b.code, action: 'create', after: snapshot(created) });
      return created;
    });
    await announceChange(db(), { county: actor.countyId });
    const { id: _id, ...out } = line;
    return reply.code(201).send(out);
  });

  r.patch('/admin/lines/:code', {
    config: admin,
    schema: { tags: ['admin'], summary: 'Change a line: number, menu position, service area, region, authority-only, names, active', params: lineParams, body: linePatchSchema, response: { 200: adminLineSchema, ...errors } },
  }, async (req) => {
    const actor = currentUser(req);
    const b = req.body;
    const now = app.deps.clock();
    const changed = await db().transaction().execute(async (trx) => {
      await lockCountyAdministration(trx, actor.countyId);
      const before = await lineOr404(trx, actor.countyId, req.params.code, now, true);
      const next = {
        menuNumber: b.menuNumber === undefined ? before.menuNumber : b.menuNumber,
        region: b.region === undefined ? before.region : b.region,
        authorityOnly: b.authorityOnly ?? before.authorityOnly,
        active: b.active ?? before.active,
      };
      const regionId = await checkLineRefs(trx, actor.countyId, {
        // a changed area, or the line's area when it comes back into use (the area may have been retired meanwhile)
        serviceArea: b.serviceArea !== undefined && b.serviceArea !== before.serviceArea ? b.serviceArea : next.active && !before.active ? before.serviceArea : undefined,
        region: next.region, menuNumber: next.active ? next.menuNumber : null, authorityOnly: next.authorityOnly,
      }, before.id);
      await trx.updateTable('phone_line').set({
        ...(b.phoneNumber !== undefined ? { phone_number: b.phoneNumber } : {}),
        ...(b.menuNumber !== undefined ? { menu_number: b.menuNumber } : {}),
        ...(b.serviceArea !== undefined ? { service_area: b.serviceArea } : {}),
        ...(b.region !== undefined ? { region_id: regionId ?? null } : {}),
        ...(b.authorityOnly !== undefined ? { authority_only: b.authorityOnly } : {}),
        ...(b.name ? { name_fi: b.name.fi, name_sv: b.name.sv, name_en: b.name.en } : {}),
        ...(b.active !== undefined ? { active: b.active } : {}),
      }).where('id', '=', before.id).execute();
      const after = await lineOr404(trx, actor.countyId, req.params.code, now);
      const [s0, s1] = [snapshot(before), snapshot(after)];
      const same = JSON.stringify(s0) === JSON.stringify(s1);
      if (!same) {
        const action = s0.active && !s1.active ? 'deactivate' : !s0.active && s1.active ? 'activate' : 'update';
        await recordChange(trx, actor, actor.countyId, { objectType: 'line', objectKey: req.params.code, action, before: s0, after: s1 });
      }
      return { after, same };
    });
    if (!changed.same) await announceChange(db(), { county: actor.countyId });
    const { id: _id, ...out } = changed.after;
    return out;
  });

  r.put('/admin/lines/:code/hours', {
    config: admin,
    schema: { tags: ['admin'], summary: 'Set a line\'s weekly hours (replaces them; [] = never open except on exception days)', params: lineParams, body: lineHoursSchema, response: { 200: adminLineSchema, ...errors } },
  }, async (req) => {
    const actor = currentUser(req);
    const problems = weeklyProblems(req.body.weekly);
    if (problems.length) throw hoursError(problems, 'body.weekly');
    const now = app.deps.clock();
    const result = await db().transaction().execute(async (trx) => {
      await lockCountyAdministration(trx, actor.countyId);
      const before = await lineOr404(trx, actor.countyId, req.params.code, now, true);
      const weekly = sortSlots(req.body.weekly);
      if (JSON.stringify(before.weekly) === JSON.stringify(weekly)) return { line: before, same: true };
      await trx.deleteFrom('opening_slot').where('phone_line_id', '=', before.id).execute();
      if (weekly.length) await trx.insertInto('opening_slot').values(weekly.map((s) => ({ phone_line_id: before.id, ...s }))).execute();
      const after = await lineOr404(trx, actor.countyId, req.params.code, now);
      await recordChange(trx, actor, actor.countyId, { objectType: 'line', objectKey: req.params.code, action: 'update', before: { weekly: before.weekly }, after: { weekly: after.weekly } });
      return { line: after, same: false };
    });
    if (!result.same) await announceChange(db(), { county: actor.countyId });
    const { id: _id, ...out } = result.line;
    return out;
  });

  r.put('/admin/lines/:code/exceptions/:day', {
    config: admin,
    schema: {
      tags: ['admin'], summary: 'Set one day\'s hours for a line (holiday, closure, training afternoon, extra hours); hours [] = closed all day',
      params: exceptionParams, body: lineExceptionSchema, response: { 200: adminLineSchema, ...errors },
    },
  }, async (req) => {
    const actor = currentUser(req);
    const problems = dayProblems(req.body.hours);
    if (problems.length) throw hoursError(problems, 'body.hours');
    const now = app.deps.clock();
    const today = helsinkiDate(now);
    if (req.params.day < addDays(today, -EXCEPTIONS_FROM_DAYS_AGO) || req.params.day > addDays(today, 3 * 366)) {
      throw new AppError(400, 'validation_failed', undefined, [{ field: 'params.day', code: req.params.day < today ? 'date_in_past' : 'date_too_far', message: 'Set exception days from 60 days ago to three years ahead.' }]);
    }
    const result = await db().transaction().execute(async (trx) => {
      await lockCountyAdministration(trx, actor.countyId);
      const before = await lineOr404(trx, actor.countyId, req.params.code, now, true);
      const prior = before.exceptions.find((e) => e.day === req.params.day) ?? null;
      const hours = sortSlots(req.body.hours);
      const next = { day: req.params.day, hours, note: req.body.note || null };
      if (prior && JSON.stringify({ day: prior.day, hours: prior.hours, note: prior.note }) === JSON.stringify(next)) return { line: before, same: true };
      await trx.deleteFrom('opening_exception').where('phone_line_id', '=', before.id).where('day', '=', req.params.day).execute();
      const rows = hours.length
        ? hours.map((h, i) => ({ phone_line_id: before.id, day: req.params.day, opens: h.opens, closes: h.closes, note: i === 0 ? next.note : null }))
        : [{ phone_line_id: before.id, day: req.params.day, opens: null, closes: null, note: next.note }];
      await trx.insertInto('opening_exception').values(rows).execute();
      const after = await lineOr404(trx, actor.countyId, req.params.code, now);
      await recordChange(trx, actor, actor.countyId, {
        objectType: 'line', objectKey: req.params.code, action: prior ? 'update' : 'create',
        before: prior ? { exception: { day: prior.day, hours: prior.hours, note: prior.note } } : { exception: { day: req.params.day, hours: 'weekly' } },
        after: { exception: next },
      });
      return { line: after, same: false };
    });
    if (!result.same) await announceChange(db(), { county: actor.countyId });
    const { id: _id, ...out } = result.line;
    return out;
  });

  r.delete('/admin/lines/:code/exceptions/:day', {
    config: admin,
    schema: { tags: ['admin'], summary: 'Remove a line\'s exception day: the weekly hours (and public holidays) apply again', params: exceptionParams, response: { 200: adminLineSchema, ...errors } },
  }, async (req) => {
    const actor = currentUser(req);
    const now = app.deps.clock();
    const result = await db().transaction().execute(async (trx) => {
      await lockCountyAdministration(trx, actor.countyId);
      const before = await lineOr404(trx, actor.countyId, req.params.code, now, true);
      const prior = before.exceptions.find((e) => e.day === req.params.day);
      const removed = await trx.deleteFrom('opening_exception').where('phone_line_id', '=', before.id).where('day', '=', req.params.day).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw new AppError(404, 'not_found', `The line ${req.params.code} has no exception on ${req.params.day}.`);
      const after = await lineOr404(trx, actor.countyId, req.params.code, now);
      await recordChange(trx, actor, actor.countyId, {
        objectType: 'line', objectKey: req.params.code, action: 'delete',
        before: { exception: prior ? { day: prior.day, hours: prior.hours, note: prior.note } : { day: req.params.day } }, after: { exception: { day: req.params.day, hours: 'weekly' } },
      });
      return after;
    });
    await announceChange(db(), { county: actor.countyId });
    const { id: _id, ...out } = result;
    return out;
  });

  r.get('/admin/calendar', {
    config: admin,
    schema: { tags: ['admin'], summary: 'Days with Finnish public holidays and the eves on which public administration is closed (for the exception calendar)', querystring: calendarQuery, response: { 200: calendarSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema } },
  }, async (req) => {
    const { from, to } = req.query;
    if (to < from) throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.to', code: 'invalid', message: 'to must be on or after from.' }]);
    if (daysBetween(from as LocalDate, to as LocalDate) >= 400) throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.to', code: 'invalid', message: 'Ask for at most 400 days at a time.' }]);
    const days: { date: string; weekday: number; holiday: string | null; publicHoliday: boolean; workingDay: boolean }[] = [];
    for (let d = from as LocalDate; d <= to; d = addDays(d, 1)) {
      const h = holidayOn(d);
      days.push({ date: d, weekday: isoWeekday(d), holiday: h?.code ?? null, publicHoliday: h?.publicHoliday ?? false, workingDay: isWorkingDay(d) });
    }
    return { days };
  });
}
