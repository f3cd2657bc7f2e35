import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { HSDS_SCHEMAS, PTV_FIXTURE } from '../../test/fixtures.js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { resolveCountyId } from '../organisation/public.js';
import { importPtvFolder, type ImportReport } from './ptv.import.js';

let t: TestApp;
let countyId: string;
let first: ImportReport;
beforeAll(async () => {
  t = await createTestApp();
  countyId = await resolveCountyId(t.database.db);
  first = await importPtvFolder(t.database.db, countyId, PTV_FIXTURE, { now: t.clock.now });
});
afterAll(async () => { await t.close(); });

const search = async (query: string) => {
  const res = await t.app.inject({ url: `/api/public/services?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; ptvId: string; name: string; municipalities: string[]; nationwide: boolean; serviceAreas: string[] }[]; total: number };
};
const names = async (query: string, n = 5) => (await search(query)).items.slice(0, n).map((i) => i.name);

describe('PTV import of the real data', () => {
  it('imports every object cleanly, reporting only what it skipped', () => {
    expect(first.organisations).toEqual({ created: 3, updated: 0, unchanged: 0, failed: 0 });
    expect(first.channels).toEqual({ created: 998, updated: 0, unchanged: 0, failed: 0 });
    expect(first.services).toEqual({ created: 446, updated: 0, unchanged: 0, failed: 0 });
    expect(first.problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('is idempotent: a second import changes nothing and duplicates nothing', async () => {
    const again = await importPtvFolder(t.database.db, countyId, PTV_FIXTURE, { now: t.clock.now });
    expect(again.services).toEqual({ created: 0, updated: 0, unchanged: 446, failed: 0 });
    expect(again.channels).toEqual({ created: 0, updated: 0, unchanged: 998, failed: 0 });
    const count = await t.database.db.selectFrom('service').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(446);
  });

  it('keeps PTV ids, suggests our codes from the service classes, and links channels with hours', async () => {
    const s = await t.database.db.selectFrom('service').selectAll().where('ptv_id', '=', '06aa9e46-25f9-4a8a-9f66-be317450b933').executeTakeFirstOrThrow();
    expect(s).toMatchObject({ name_fi: 'Vanhussosiaalityö', name_sv: 'Gerontologiskt socialarbete', source: 'ptv', municipalities: ['905'] });
    expect(s.service_classes).toEqual(['P4', 'P4.13']);
    expect(s.reasons).toContain('service_system_info');
    const hours = await t.database.db.selectFrom('service_channel_hour').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(hours.n)).toBeGreaterThan(1000);
  });

  it('reports a broken file, a nameless service and a missing folder, and imports the rest', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ptv-'));
    await fs.mkdir(path.join(dir, 'services'));
    await fs.writeFile(path.join(dir, 'services', 'broken.json'), '{"id": "x",');
    await fs.writeFile(path.join(dir, 'services', 'nameless.json'), JSON.stringify({ id: '11111111-2222-4333-8444-555555555555', serviceNames: [] }));
    await fs.writeFile(path.join(dir, 'services', 'array.json'), '[]');
    await fs.writeFile(path.join(dir, 'services', 'good.json'), JSON.stringify({
      id: '11111111-2222-4333-8444-666666666666', type: 'Service', serviceNames: [{ language: 'fi', value: 'Testipalvelu', type: 'Name' }],
      areaType: 'Nationwide', serviceChannels: [{ serviceChannel: { id: '99999999-2222-4333-8444-666666666666' } }],
    }));
    const r = await importPtvFolder(t.database.db, countyId, dir);
    expect(r.services).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 3 });
    expect(r.problems.map((p) => `${p.level} ${p.file}`).sort()).toEqual([
      'error services/array.json', 'error services/broken.json', 'error services/nameless.json',
      'warning organizations/', 'warning servicechannels/', 'warning services/good.json',
    ]);
    expect(r.problems.find((p) => p.file === 'services/broken.json')!.message).toMatch(/not readable JSON/);
    await expect(importPtvFolder(t.database.db, countyId, path.join(dir, 'nothing-here'))).rejects.toThrow(/PTV export folder/);
    await fs.rm(dir, { recursive: true });
    await t.database.db.deleteFrom('service').where('ptv_id', '=', '11111111-2222-4333-8444-666666666666').execute();
  });
});

describe('searching the catalogue (GET /api/public/services)', () => {
  it('finds services despite Finnish inflection and compounds', async () => {
    expect(await names('q=velkaa&lang=fi')).toContain('Talous- ja velkaneuvonta');
    expect(await names('q=toimeentulotukea&lang=fi')).toEqual(expect.arrayContaining([expect.stringMatching(/toimeentulotuki/i)]));
    expect(await names('q=vanhusten&lang=fi', 10)).toContain('Vanhussosiaalityö');
    expect(await names('q=lastensuojelun&lang=fi', 10)).toEqual(expect.arrayContaining([expect.stringMatching(/lastensuojelu/i)]));
  });

  it('tolerates typos', async () => {
    expect(await names('q=velkaneuvona&lang=fi')).toContain('Talous- ja velkaneuvonta');
    expect(await names('q=sosiaalipäivytys&lang=fi', 3)).toEqual(expect.arrayContaining([expect.stringMatching(/sosiaalipäivystys/i)]));
  });

  it('searches Swedish with Swedish stemming and answers in Swedish', async () => {
    const hits = await names('q=äldreomsorgen&lang=sv', 10);
    expect(hits.length).toBeGreaterThan(0);
    expect(await names('q=skuldrådgivning&lang=sv')).toEqual(expect.arrayContaining([expect.stringMatching(/skuldrådgivning/i)]));
  });

  it('filters by municipality (with nationwide services) and puts local services first', async () => {
    const vaasa = await search('q=sosiaalityö&lang=fi&municipality=905&limit=50');
    expect(vaasa.total).toBeGreaterThan(0);
    expect(vaasa.items.every((i) => i.nationwide || i.municipalities.includes('905'))).toBe(true);
    const firstNationwide = vaasa.items.findIndex((i) => i.nationwide && !i.municipalities.includes('905'));
    const lastLocal = vaasa.items.map((i) => i.municipalities.includes('905')).lastIndexOf(true);
    if (firstNationwide >= 0) expect(lastLocal).toBeLessThan(firstNationwide);
    const naantali = await search('q=sosiaalityö&lang=fi&municipality=529&limit=50');
    expect(naantali.items.every((i) => i.nationwide || i.municipalities.includes('529'))).toBe(true);
  });

  it('filters by service area, provider type and target group, pages, and refuses bad filters', async () => {
    const older = await search('area=older_people&limit=100');
    expect(older.total).toBeGreaterThan(3);
    expect(older.items.every((i) => i.serviceAreas.includes('older_people'))).toBe(true);
    const page2 = await search('area=older_people&limit=2&offset=2');
    expect(page2.total).toBe(older.total);
    expect(page2.items.map((i) => i.id)).toEqual(older.items.slice(2, 4).map((i) => i.id));
    expect((await search('providerType=state&limit=100')).items.every((i) => i.ptvId)).toBe(true);
    expect((await t.app.inject({ url: '/api/public/services?municipality=Vaasa' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/public/services?limit=1000' })).statusCode).toBe(400);
  });

  it('gives a service’s page with its channels and hours, and staff the same search', async () => {
    const hit = (await search('q=sosiaalipäivystys&lang=fi')).items[0]!;
    const detail = (await t.app.inject({ url: `/api/public/services/${hit.id}` })).json();
    expect(detail).toMatchObject({ id: hit.id, ptvId: hit.ptvId, name: { fi: expect.stringMatching(/ociaalipäivystys|osiaalipäivystys/i) } });
    expect(detail.channels.length).toBeGreaterThan(0);
    const worker = await login(t.app, 'ohjaaja');
    const staff = (await t.app.inject({ url: '/api/catalogue/services?q=velkaa', headers: worker.headers })).json();
    expect(staff.items.map((i: { name: string }) => i.name)).toContain('Talous- ja velkaneuvonta');
    expect((await t.app.inject({ url: '/api/catalogue/services?q=velkaa' })).statusCode).toBe(401);
  });
});

describe('HSDS 3.0 export (GET /api/public/hsds/services)', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const load = async (file: string) => JSON.parse(await fs.readFile(path.join(HSDS_SCHEMAS, file), 'utf8')) as object;
  const invalid = (validate: ReturnType<typeof ajv.compile>, objects: unknown[]) =>
    objects.flatMap((o) => (validate(o) ? [] : [`${(o as { id: string }).id}: ${ajv.errorsText(validate.errors)}`]));

  it('exports every imported service, fully nested, valid against the official service schema', async () => {
    const validate = ajv.compile(await load('service.json'));
    const all: unknown[] = [];
    for (let page = 1; ; page++) {
      const res = await t.app.inject({ url: `/api/public/hsds/services?full=true&per_page=100&page=${page}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total_items: 446, total_pages: 5, page_number: page, first_page: page === 1 });
      all.push(...body.contents);
      if (body.last_page) break;
    }
    expect(all).toHaveLength(446);
    expect(invalid(validate, all)).toEqual([]);
    const withSchedules = all.filter((s) => (s as { schedules: unknown[]; service_at_locations: { schedules: unknown[] }[] }).schedules.length
      + (s as { service_at_locations: { schedules: unknown[] }[] }).service_at_locations.reduce((n, l) => n + l.schedules.length, 0) > 0);
    expect(withSchedules.length).toBeGreaterThan(20);
  });

  it('gives list pages valid against the service list schema, in Swedish on request, and single services', async () => {
    const validate = ajv.compile(await load('service_list.json'));
    const body = (await t.app.inject({ url: '/api/public/hsds/services?per_page=100&lang=sv' })).json();
    expect(invalid(validate, body.contents)).toEqual([]);
    expect(body.contents).toHaveLength(100);
    const { id } = await t.database.db.selectFrom('service').select('id').where('ptv_id', '=', '06aa9e46-25f9-4a8a-9f66-be317450b933').executeTakeFirstOrThrow();
    const one = (await t.app.inject({ url: `/api/public/hsds/services/${id}?lang=sv` })).json();
    expect(one).toMatchObject({ name: 'Gerontologiskt socialarbete', alternate_name: 'Vanhussosiaalityö', status: 'active' });
    expect(invalid(ajv.compile(await load('service.json')), [one])).toEqual([]);
    expect(one.attributes.map((a: { value: string }) => a.value)).toEqual(expect.arrayContaining(['P4.13', '06aa9e46-25f9-4a8a-9f66-be317450b933']));
    expect((await t.app.inject({ url: '/api/public/hsds/services/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    const searched = (await t.app.inject({ url: '/api/public/hsds/services?search=velkaa' })).json();
    expect(searched.contents.map((s: { name: string }) => s.name)).toContain('Talous- ja velkaneuvonta');
  });
});

describe('open now', () => {
  it('follows weekly hours, closes office hours on public holidays, keeps every-day services open, and honours exception days', async () => {
    const db = t.database.db;
    const add = async (name: string, hours: { weekday: number | null; opens: string; closes: string; kind?: 'weekly' | 'exception'; valid_from?: string }[]) => {
      const s = await db.insertInto('service').values({ county_id: countyId, source: 'local', name_fi: name, municipalities: [], nationwide: true, service_areas: [], reasons: [] }).returning('id').executeTakeFirstOrThrow();
      const c = await db.insertInto('service_channel').values({ county_id: countyId, kind: 'phone', name_fi: name, phones: '[]', urls: '[]' }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('service_service_channel').values({ service_id: s.id, channel_id: c.id }).execute();
      await db.insertInto('service_channel_hour').values(hours.map((h) => ({
        channel_id: c.id, kind: h.kind ?? 'weekly', weekday: h.weekday, opens: h.opens, closes: h.closes, valid_from: h.valid_from ?? null, valid_to: h.valid_from ?? null,
      }))).execute();
    };
    await add('Aukiolotesti toimisto', [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '16:00' })));
    await add('Aukiolotesti ympärivuorokautinen', [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' })));
    await add('Aukiolotesti joulupäivystys', [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '16:00' })),
      { weekday: null, opens: '10:00', closes: '12:00', kind: 'exception' as const, valid_from: '2026-12-25' },
    ]);
    const open = async (at: string) => {
      t.clock.now = new Date(at);
      return (await search('q=aukiolotesti&openNow=true&lang=fi')).items.map((i) => i.name).filter((n) => n.startsWith('Aukiolotesti')).sort();
    };
    const saved = t.clock.now;
    expect(await open('2026-12-22T10:00:00+02:00')).toEqual(['Aukiolotesti joulupäivystys', 'Aukiolotesti toimisto', 'Aukiolotesti ympärivuorokautinen']);
    expect(await open('2026-12-22T20:00:00+02:00')).toEqual(['Aukiolotesti ympärivuorokautinen']);
    // Christmas Eve (Thursday) is not a working day: office hours do not apply
    expect(await open('2026-12-24T10:00:00+02:00')).toEqual(['Aukiolotesti ympärivuorokautinen']);
    // Christmas Day (Friday): the exception day opens one service for two hours
    expect(await open('2026-12-25T11:00:00+02:00')).toEqual(['Aukiolotesti joulupäivystys', 'Aukiolotesti ympärivuorokautinen']);
    expect(await open('2026-12-25T13:00:00+02:00')).toEqual(['Aukiolotesti ympärivuorokautinen']);
    t.clock.now = saved;
  });
});

describe('triage suggestions (POST /api/public/triage)', () => {
  const ask = (payload: object) => t.app.inject({ method: 'POST', url: '/api/public/triage', payload });

  it('flags an acute situation in Finnish inflection and says which words', async () => {
    const res = await ask({ text: 'Isäni kaatui ja makaa lattialla eikä pääse ylös', lang: 'fi', municipality: '905' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ acute: true, acuteReason: 'fall_cannot_get_up', acuteBecause: expect.arrayContaining(['kaatui']) });
    expect(res.json().reasons[0]).toMatchObject({ code: 'ageing_home_care' });
  });

  it('suggests reasons, areas and services of the catalogue, best first, each explained', async () => {
    const body = (await ask({ text: 'Olen velkaa pikavipeistä ja ulosotto uhkaa', lang: 'fi', municipality: '905' })).json();
    expect(body.acute).toBe(false);
    expect(body.reasons[0]).toMatchObject({ code: 'income', score: 1, because: expect.arrayContaining(['velkaa']) });
    expect(body.serviceAreas[0]).toMatchObject({ code: 'working_age' });
    expect(body.services.map((s: { name: string }) => s.name)).toContain('Talous- ja velkaneuvonta');
    expect(body.services.every((s: { because: string[] }) => s.because.length > 0)).toBe(true);
    // for self-service: how the resident reaches each by themself (a web address or a phone from its channels)
    const debt = body.services.find((s: { name: string }) => s.name === 'Talous- ja velkaneuvonta');
    expect(debt.url ?? debt.phone).toBeTruthy();
    if (debt.url) expect(debt.url).toMatch(/^https?:\/\//);
    const sv = (await ask({ text: 'Jag vill inte leva längre', lang: 'sv' })).json();
    expect(sv).toMatchObject({ acute: true, acuteReason: 'suicide' });
  });

  it('refuses empty or oversized text with a reason', async () => {
    expect((await ask({ text: '  ', lang: 'fi' })).json().errors[0]).toMatchObject({ field: 'body.text', code: 'required' });
    expect((await ask({ text: 'x'.repeat(4001) })).json().errors[0]).toMatchObject({ field: 'body.text', code: 'too_long' });
    expect((await ask({ text: 'apua', lang: 'de' })).statusCode).toBe(400);
  });
});

describe('editing the catalogue, its history and currency', () => {
  it('lets an editor add a local service that search finds, and keeps who did what', async () => {
    const editor = await login(t.app, 'toimittaja');
    const payload = {
      name: { fi: 'Seurakunnan diakoniatyön ruoka-apu', sv: 'Församlingens diakoniarbete: mathjälp' }, summary: { fi: 'Ruokakasseja ja keskusteluapua' },
      organisation: { name: 'Vaasan seurakuntayhtymä', providerType: 'parish' }, municipalities: ['905'], serviceAreas: ['working_age'], reasons: ['income'],
      phone: '06 123 4567', reviewIntervalDays: 90,
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/catalogue/services', headers: { ...editor.headers, 'idempotency-key': 'local-1' }, payload });
    expect(res.statusCode, res.body).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: '/api/catalogue/services', headers: { ...editor.headers, 'idempotency-key': 'local-1' }, payload });
    expect(again.json().id).toBe(res.json().id);
    const hits = await search('q=diakonia&lang=fi&municipality=905');
    expect(hits.items[0]).toMatchObject({ id: res.json().id, ptvId: null });
    expect((await search('q=diakoniatyo&lang=fi')).items.map((i) => i.id)).toContain(res.json().id); // a typo, through the dictionary
    expect((await search('providerType=parish')).items.map((i) => i.id)).toEqual([res.json().id]);
    const worker = await login(t.app, 'ohjaaja');
    expect((await t.app.inject({ method: 'POST', url: '/api/catalogue/services', headers: worker.headers, payload: {} })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'POST', url: '/api/catalogue/services', headers: editor.headers, payload: { ...payload, name: { fi: ' ' }, phone: 'soita', url: 'javascript:alert(1)' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['body.name:required', 'body.phone:invalid_phone', 'body.url:invalid_format']);
    const channel = await t.database.db.selectFrom('service_channel as c').innerJoin('service_service_channel as l', 'l.channel_id', 'c.id').select('c.phones').where('l.service_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(channel.phones).toEqual([expect.objectContaining({ number: '+35861234567' })]);
  });

  it('changes a PTV service’s mapping (kept over the next import) but not its texts, with a field-by-field history', async () => {
    const editor = await login(t.app, 'toimittaja');
    const { id } = await t.database.db.selectFrom('service').select('id').where('ptv_id', '=', '06aa9e46-25f9-4a8a-9f66-be317450b933').executeTakeFirstOrThrow();
    const texts = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/services/${id}`, headers: editor.headers, payload: { name: { fi: 'Uusi nimi' } } });
    expect(texts.statusCode).toBe(409);
    expect(texts.json().detail).toMatch(/PTV/);
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/services/${id}`, headers: editor.headers, payload: { reasons: ['nonsense'] } });
    expect(bad.json().errors[0]).toMatchObject({ field: 'body.reasons.0', code: 'unknown_code' });
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/services/${id}`, headers: editor.headers, payload: { serviceAreas: ['older_people'], reasons: ['ageing_home_care'] } });
    expect(ok.json().changed.sort()).toEqual(['reasons', 'service_areas']);
    await importPtvFolder(t.database.db, countyId, PTV_FIXTURE);
    const after = await t.database.db.selectFrom('service').select(['service_areas', 'reasons']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual({ service_areas: ['older_people'], reasons: ['ageing_home_care'] });
    const history = (await t.app.inject({ url: `/api/catalogue/services/${id}/history`, headers: editor.headers })).json().items;
    expect(history[0]).toMatchObject({ source: 'editor', actor: 'Tiina Toimittaja', changes: { reasons: { from: ['service_system_info'], to: ['ageing_home_care'] } } });
    expect(history.at(-1)).toMatchObject({ source: 'ptv_import', actor: null });
  });

  it('lists entries past their review date for their owner and for the supervisor, until reviewed', async () => {
    const local = (await search('q=diakonia&lang=fi')).items[0]!;
    const later = new Date(t.clock.now.getTime() + 100 * 86_400_000);
    const saved = t.clock.now;
    t.clock.now = later;
    try {
      const mine = (await t.app.inject({ url: '/api/catalogue/stale', headers: (await login(t.app, 'toimittaja')).headers })).json().items;
      expect(mine.map((s: { id: string }) => s.id)).toEqual([local.id]);
      expect(mine[0]).toMatchObject({ owner: 'Tiina Toimittaja', daysOverdue: 10 });
      const all = (await t.app.inject({ url: '/api/catalogue/stale', headers: (await login(t.app, 'esihenkilo')).headers })).json().items;
      expect(all.map((s: { id: string }) => s.id)).toContain(local.id);
      await t.app.inject({ method: 'POST', url: `/api/catalogue/services/${local.id}/review`, headers: (await login(t.app, 'toimittaja')).headers });
      expect((await t.app.inject({ url: '/api/catalogue/stale', headers: (await login(t.app, 'toimittaja')).headers })).json().items).toEqual([]);
    } finally {
      t.clock.now = saved;
    }
  });
});
