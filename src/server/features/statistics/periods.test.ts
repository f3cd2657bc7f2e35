/**
 * Periods, filters and exports of the statistics (issue 15, part 5): a quarter, a year or any
 * range beside the same dates a year earlier; by region, line and municipality; the XLSX read back
 * with a spreadsheet parser and its numbers checked against the JSON.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import type { MonthlyStatistics } from './statistics.schemas.js';

let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
let supervisor: Awaited<ReturnType<typeof login>>;

const create = async (receivedAt: string, body: Record<string, unknown>) => {
  t.clock.now = new Date(receivedAt);
  const res = await t.app.inject({ method: 'POST', url: '/api/contacts', payload: { anonymous: true, contactor: 'self', mainReason: 'income', ...body, receivedAt }, headers: worker.headers });
  expect(res.statusCode, res.body).toBe(201);
};
const get = (url: string, s = supervisor) => t.app.inject({ url, headers: s.headers });
const stats = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MonthlyStatistics>();
};

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-30T12:00:00+02:00') });
  worker = await login(t.app, 'ohjaaja');
  supervisor = await login(t.app, 'esihenkilo');
  // Q3 2026: July 2 (working_age, Seinäjoki 743), August 1 (older_people, Kurikka 301), September 1 web form (no line)
  await create('2026-07-06T09:30:00+03:00', { channel: 'phone', phoneLine: 'working_age', municipality: '743' });
  await create('2026-07-20T10:00:00+03:00', { channel: 'phone', phoneLine: 'working_age', municipality: '743' });
  await create('2026-08-11T13:30:00+03:00', { channel: 'phone', phoneLine: 'older_people', municipality: '301' });
  await create('2026-09-30T23:30:00+03:00', { channel: 'web_form' }); // the quarter's last evening, Helsinki time
  await create('2026-10-01T00:30:00+03:00', { channel: 'web_form' }); // already Q4
  // Q3 2025: one
  await create('2025-08-12T09:15:00+03:00', { channel: 'phone', phoneLine: 'working_age', municipality: '743' });
  // 2026 outside Q3
  await create('2026-02-03T09:15:00+02:00', { channel: 'walk_in' });
  t.clock.now = new Date('2026-11-30T12:00:00+02:00');
});
afterAll(async () => { await t.close(); });

describe('periods', () => {
  it('counts a quarter beside the same quarter a year earlier, by Helsinki days', async () => {
    const q3 = await stats('/api/statistics/period?from=2026-07-01&to=2026-09-30');
    expect(q3).toMatchObject({
      month: '2026-Q3', previousYearMonth: '2025-Q3', total: 4, totalPreviousYear: 1,
      period: { from: '2026-07-01', to: '2026-09-30', previousFrom: '2025-07-01', previousTo: '2025-09-30' },
      filters: { region: null, line: null, municipality: null },
    });
    expect(q3.breakdowns.channel).toEqual(expect.arrayContaining([{ code: 'phone', count: 3, previousYear: 1 }, { code: 'web_form', count: 1, previousYear: 0 }]));
  });

  it('counts a year and any range of days', async () => {
    expect(await stats('/api/statistics/period?from=2026-01-01&to=2026-12-31')).toMatchObject({ month: '2026', previousYearMonth: '2025', total: 6, totalPreviousYear: 1 });
    expect(await stats('/api/statistics/period?from=2026-07-15&to=2026-08-31')).toMatchObject({ month: '2026-07-15–2026-08-31', total: 2 });
    // a month asked as a period is the month
    expect(await stats('/api/statistics/period?from=2026-10-01&to=2026-10-31')).toMatchObject({ month: '2026-10', total: 1 });
  });

  it('refuses a period that ends before it starts, one over two years, and bad dates, naming the parameter', async () => {
    for (const [q, field] of [['from=2026-09-30&to=2026-07-01', 'querystring.to'], ['from=2023-01-01&to=2026-01-01', 'querystring.from'], ['from=2026-13-01&to=2026-12-31', 'querystring.from'], ['to=2026-12-31', 'querystring.from']] as const) {
      const res = await get(`/api/statistics/period?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), q).toContain(field);
    }
  });
});

describe('filters', () => {
  it('counts one line, one municipality or one region, and says so', async () => {
    const line = await stats('/api/statistics/period?from=2026-07-01&to=2026-09-30&line=working_age');
    expect(line).toMatchObject({ total: 2, totalPreviousYear: 1, filters: { region: null, line: 'working_age', municipality: null } });
    expect(line.breakdowns.line).toEqual([{ code: 'working_age', count: 2, previousYear: 1 }]);
    expect(await stats('/api/statistics/period?from=2026-07-01&to=2026-09-30&municipality=301')).toMatchObject({ total: 1, totalPreviousYear: 0 });
    // the region of Seinäjoki (743), which Kurikka (301) is not in
    const regionOf = (code: string) => t.database.db.selectFrom('municipality as m').innerJoin('region_municipality as rm', 'rm.municipality_id', 'm.id')
      .innerJoin('region as r', 'r.id', 'rm.region_id').select('r.code').where('m.code', '=', code).executeTakeFirstOrThrow();
    const region = (await regionOf('743')).code;
    expect((await regionOf('301')).code).not.toBe(region);
    expect(await stats(`/api/statistics/period?from=2026-07-01&to=2026-09-30&region=${region}`)).toMatchObject({ total: 2, totalPreviousYear: 1, filters: { region } });
    const month = await stats('/api/statistics/monthly?month=2026-07&municipality=743');
    expect(month).toMatchObject({ month: '2026-07', total: 2, filters: { municipality: '743' } });
  });

  it('refuses an unknown code naming its parameter', async () => {
    const res = await get('/api/statistics/monthly?month=2026-07&line=nope&region=nowhere');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['querystring.region:unknown_code', 'querystring.line:unknown_code']);
  });
});

describe('exports', () => {
  it('writes the quarter as a real spreadsheet whose numbers are the JSON\'s', async () => {
    const json = await stats('/api/statistics/period?from=2026-07-01&to=2026-09-30');
    const res = await get('/api/statistics/period.xlsx?from=2026-07-01&to=2026-09-30&lang=fi');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="opastin-tilastot-2026-Q3.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const channel = wb.getWorksheet('Kanava')!;
    expect(channel.getRow(1).values).toEqual([undefined, 'Koodi', 'Selite', '2026-Q3', '2025-Q3']);
    const rows = new Map<string, [unknown, unknown]>();
    channel.eachRow((row, n) => { if (n > 1) rows.set(String(row.getCell(1).value), [row.getCell(3).value, row.getCell(4).value]); });
    for (const b of json.breakdowns.channel) expect(rows.get(b.code ?? '')).toEqual([b.count, b.previousYear]);
    expect(rows.get('phone')).toEqual([3, 1]);
    expect(wb.getWorksheet('Yhteenveto')).toBeDefined();
  });

  it('writes the month as CSV and XLSX in the reader\'s language, only for supervisors', async () => {
    const en = await get('/api/statistics/monthly.xlsx?month=2026-07&lang=en');
    expect(en.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Channel')!.getRow(1).values).toEqual([undefined, 'Code', 'Label', '2026-07', '2025-07']);
    const csv = await get('/api/statistics/period.csv?from=2026-07-01&to=2026-09-30&lang=fi');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('total;;Yhteydenotot yhteensä;4;1\r\n');
    expect((await get('/api/statistics/monthly.xlsx?month=2026-07', worker)).statusCode).toBe(403);
  });
});

describe('staffing a load no roster can carry', () => {
  it('answers 400 naming the assumed handling time, not 500', async () => {
    // 600 calls on Monday 2.11.2026 between 9 and 10 (Helsinki), one contact holding them
    const countyId = (await t.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
    const contact = (await t.database.db.selectFrom('contact').select('id').executeTakeFirstOrThrow()).id;
    await sql`insert into phone_call (county_id, call_id, contact_id, state, started_at, answered_at, ended_at)
      select ${countyId}::uuid, 'load-' || g, ${contact}::uuid, 'ended', '2026-11-02T09:10:00+02:00', '2026-11-02T09:10:30+02:00', '2026-11-02T09:20:00+02:00'
      from generate_series(1, 600) g`.execute(t.database.db);
    const res = await get('/api/statistics/staffing?from=2026-11-02&to=2026-11-02&handlingSeconds=7200&targetShare=0.99');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'querystring.handlingSeconds', code: 'invalid' })]);
    // the measured handling time (10 minutes) is a load a roster can carry
    const measured = await get('/api/statistics/staffing?from=2026-11-02&to=2026-11-02');
    expect(measured.statusCode, measured.body).toBe(200);
    expect(measured.json().items).toEqual([expect.objectContaining({ weekday: 1, hour: 9, offered: 600, days: 1 })]);
  });
});
