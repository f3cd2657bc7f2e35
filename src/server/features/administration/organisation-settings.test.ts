import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { seedDefaultCodes } from '../organisation/public.js';

/**
 * County administration (issue 18): organisation, settings, self-service links and the history,
 * through the API against a real database. Each test makes its own objects (new codes) or puts
 * back what it changed, so none depends on another's.
 */
let t: TestApp;
let admin: Awaited<ReturnType<typeof login>>;
let admin2: Awaited<ReturnType<typeof login>>;
let county2Id: string;

beforeAll(async () => {
  t = await createTestApp({ config: { adviceRetentionDays: 30 } });
  admin = await login(t.app, 'admin');
  // a second county with its own administrator: county 1's objects do not exist for them
  const db = t.database.db;
  const county = await db.insertInto('county').values({ code: 'toinen', name_fi: 'Toinen hyvinvointialue', name_sv: 'Andra välfärdsområdet', name_en: 'Second county' })
    .returning('id').executeTakeFirstOrThrow();
  county2Id = county.id;
  await seedDefaultCodes(db, county.id);
  const user = await db.insertInto('app_user').values({ county_id: county.id, username: 'admin2', display_name: 'Toinen Ylläpitäjä', password_hash: await hashPassword('toinen-salasana-2026') })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: user.id, role: 'admin' }).execute();
  admin2 = await login(t.app, 'admin2', 'toinen-salasana-2026');
});
afterAll(async () => { await t.close(); });

type Auth = { headers: Record<string, string> };
const get = (url: string, who: Auth = admin) => t.app.inject({ method: 'GET', url, headers: who.headers });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, who: Auth = admin) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
const fieldsOf = (res: { json(): { errors?: { field: string; code?: string }[] } }) => (res.json().errors ?? []).map((e) => `${e.field}:${e.code}`);
const organisation = async (who: Auth = admin) => (await get('/api/admin/organisation', who)).json();
const regionOf = async (code: string) => (await organisation()).regions.find((r: { code: string }) => r.code === code);
const municipalityOf = async (code: string) => (await organisation()).municipalities.find((m: { code: string }) => m.code === code);
const unitOf = async (code: string) => (await organisation()).units.find((u: { code: string }) => u.code === code);
const history = async (query: string, who: Auth = admin) => (await get(`/api/admin/history?${query}`, who)).json();
const settings = async (who: Auth = admin) => (await get('/api/admin/settings', who)).json();
const publicSite = async (county?: string) => (await t.app.inject({ url: `/api/public/site${county ? `?county=${county}` : ''}` })).json();
const labels = (s: string) => ({ fi: `${s} fi`, sv: `${s} sv`, en: `${s} en` });

describe('GET /api/admin/organisation', () => {
  it('lists the regions with their municipalities, the municipalities with their region and the units with their active staff', async () => {
    const res = await get('/api/admin/organisation');
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org.regions.find((r: { code: string }) => r.code === 'seinajoki_isokyro')).toEqual({
      code: 'seinajoki_isokyro', name: { fi: 'Seinäjoki ja Isokyrö', sv: 'Seinäjoki och Storkyro', en: 'Seinäjoki and Isokyrö' }, municipalities: ['151', '743'],
    });
    expect(org.municipalities.find((m: { code: string }) => m.code === '846')).toEqual({ code: '846', name: { fi: 'Teuva', sv: 'Östermark' }, region: 'suupohja_kurikka_ilmajoki' });
    expect(org.municipalities.map((m: { code: string }) => m.code)).toHaveLength(18);
    expect(org.units.find((u: { code: string }) => u.code === 'adult_social_work')).toEqual({
      id: expect.any(String), code: 'adult_social_work', serviceArea: 'working_age', name: { fi: 'Aikuissosiaalityö', sv: 'Socialt arbete för vuxna', en: 'Adult social work' },
      phone: null, email: null, address: null, clientContactDays: null, inOpastin: true, language: 'fi', active: true, members: 2,
    });
    expect(org.units.find((u: { code: string }) => u.code === 'sosiaalipaivystys').members).toBe(1);
  });

  it('is for administrators only: other roles 403, no session 401', async () => {
    for (const username of ['ohjaaja', 'esihenkilo', 'yksikko', 'toimittaja', 'paivystys']) {
      const who = await login(t.app, username);
      expect((await get('/api/admin/organisation', who)).statusCode, username).toBe(403);
      expect((await send('PATCH', '/api/admin/settings', { crisisPhone: '112' }, who)).statusCode, username).toBe(403);
      expect((await get('/api/admin/history', who)).statusCode, username).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/admin/organisation' })).statusCode).toBe(401);
    expect((await settings()).crisisPhone).toBe('06 0000 0112');
  });
});

describe('regions and municipalities', () => {
  it('creates municipalities and regions, moves a municipality between regions and keeps the history', async () => {
    let res = await send('POST', '/api/admin/municipalities', { code: '901', name: { fi: 'Testilä', sv: 'Testby' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ code: '901', name: { fi: 'Testilä', sv: 'Testby' }, region: null });

    res = await send('POST', '/api/admin/regions', { code: 'alue_a', name: labels('Alue A'), municipalities: ['901'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ code: 'alue_a', name: labels('Alue A'), municipalities: ['901'] });

    res = await send('POST', '/api/admin/municipalities', { code: '902', name: { fi: 'Kokeila', sv: 'Provby' }, region: 'alue_a' });
    expect(res.json()).toEqual({ code: '902', name: { fi: 'Kokeila', sv: 'Provby' }, region: 'alue_a' });
    expect((await regionOf('alue_a')).municipalities).toEqual(['901', '902']);

    // a municipality belongs to one region: naming it in another region moves it there
    res = await send('POST', '/api/admin/regions', { code: 'alue_b', name: labels('Alue B'), municipalities: ['902'] });
    expect(res.statusCode).toBe(201);
    expect((await regionOf('alue_a')).municipalities).toEqual(['901']);
    expect((await regionOf('alue_b')).municipalities).toEqual(['902']);
    expect(await municipalityOf('902')).toEqual({ code: '902', name: { fi: 'Kokeila', sv: 'Provby' }, region: 'alue_b' });

    // the PATCH list is the region's whole list: 902 moves in, 901 is left without a region
    res = await send('PATCH', '/api/admin/regions/alue_a', { name: labels('Alue Aa'), municipalities: ['902'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 'alue_a', name: labels('Alue Aa'), municipalities: ['902'] });
    expect((await regionOf('alue_b')).municipalities).toEqual([]);
    expect((await municipalityOf('901')).region).toBeNull();

    res = await send('PATCH', '/api/admin/municipalities/901', { name: { fi: 'Testilä 2', sv: 'Testby 2' }, region: 'alue_b' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: '901', name: { fi: 'Testilä 2', sv: 'Testby 2' }, region: 'alue_b' });
    expect((await regionOf('alue_b')).municipalities).toEqual(['901']);

    const regionHistory = await history('objectType=region&objectKey=alue_a');
    expect(regionHistory.total).toBe(2);
    expect(regionHistory.items.map((i: { action: string; before: unknown; after: unknown; actor: { name: string } }) => [i.action, i.before, i.after, i.actor.name])).toEqual([
      ['update', { name: labels('Alue A'), municipalities: ['901'] }, { name: labels('Alue Aa'), municipalities: ['902'] }, 'Aaro Ylläpitäjä'],
      ['create', null, { code: 'alue_a', name: labels('Alue A'), municipalities: ['901'] }, 'Aaro Ylläpitäjä'],
    ]);
    const municipalityHistory = await history('objectType=municipality&objectKey=901');
    expect(municipalityHistory.items.map((i: { action: string; before: unknown; after: unknown }) => [i.action, i.before, i.after])).toEqual([
      ['update', { name: { fi: 'Testilä', sv: 'Testby' }, region: null }, { name: { fi: 'Testilä 2', sv: 'Testby 2' }, region: 'alue_b' }],
      ['update', { region: 'alue_a' }, { region: null }],
      ['update', { region: null }, { region: 'alue_a' }],
      ['create', null, { code: '901', name: { fi: 'Testilä', sv: 'Testby' }, region: null }],
    ]);
  });

  it('refuses a taken code (409 body.code code_in_use), an unknown municipality or region (400 unknown_code), and changes nothing', async () => {
    await send('POST', '/api/admin/municipalities', { code: '903', name: { fi: 'Kolmas', sv: 'Tredje' } });
    await send('POST', '/api/admin/regions', { code: 'alue_c', name: labels('Alue C'), municipalities: ['903'] });
    const before = await organisation();
    const countBefore = (await history('')).total;

    let res = await send('POST', '/api/admin/regions', { code: 'seinajoki_isokyro', name: labels('Toinen'), municipalities: ['903'] });
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['body.code:code_in_use']);
    res = await send('POST', '/api/admin/regions', { code: 'alue_x', name: labels('X'), municipalities: ['903', '999'] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.municipalities.1:unknown_code']);
    res = await send('PATCH', '/api/admin/regions/alue_c', { name: labels('Muutettu'), municipalities: ['999'] });
    expect(fieldsOf(res)).toEqual(['body.municipalities.0:unknown_code']);
    res = await send('PATCH', '/api/admin/regions/no_such_region', { name: labels('Y') });
    expect(res.statusCode).toBe(404);
    res = await send('POST', '/api/admin/municipalities', { code: '743', name: { fi: 'Kaksoisjoki', sv: 'Dubbelå' } });
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['body.code:code_in_use']);
    res = await send('POST', '/api/admin/municipalities', { code: '904', name: { fi: 'Neljäs', sv: 'Fjärde' }, region: 'no_such_region' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.region:unknown_code']);
    res = await send('PATCH', '/api/admin/municipalities/903', { name: { fi: 'Muu', sv: 'Annan' }, region: 'no_such_region' });
    expect(fieldsOf(res)).toEqual(['body.region:unknown_code']);
    res = await send('POST', '/api/admin/municipalities', { code: '12', name: { fi: 'Lyhyt', sv: 'Kort' } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.code:invalid_format']);
    res = await send('PATCH', '/api/admin/municipalities/905', { name: { fi: 'Ei ole', sv: 'Finns inte' } });
    expect(res.statusCode).toBe(404);

    expect(await organisation()).toEqual(before);
    expect((await history('')).total).toBe(countBefore);
  });

  it('answers 200 to a PATCH that changes nothing and records nothing', async () => {
    await send('POST', '/api/admin/regions', { code: 'alue_d', name: labels('Alue D') });
    const res = await send('PATCH', '/api/admin/regions/alue_d', { name: labels('Alue D'), municipalities: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 'alue_d', name: labels('Alue D'), municipalities: [] });
    expect((await history('objectType=region&objectKey=alue_d')).total).toBe(1);
  });
});

describe('receiving units', () => {
  const unit = {
    code: 'testiyksikko', serviceArea: 'disability', name: labels('Testiyksikkö'), phone: '06 123 4567', email: 'testi@example.fi',
    address: 'Testikatu 1, 60100 Seinäjoki', clientContactDays: 5, inOpastin: false, language: 'sv',
  };

  it('creates a unit with its contact details, changes, deactivates and activates it, with the history', async () => {
    let res = await send('POST', '/api/admin/units', unit);
    expect(res.statusCode).toBe(201);
    const created = { ...unit, id: expect.any(String), active: true, members: 0 };
    expect(res.json()).toEqual(created);
    expect(await unitOf('testiyksikko')).toEqual(created);

    res = await send('PATCH', '/api/admin/units/testiyksikko', { phone: null, clientContactDays: null, inOpastin: true, serviceArea: 'older_people', language: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...created, phone: null, clientContactDays: null, inOpastin: true, serviceArea: 'older_people', language: 'en' });

    res = await send('PATCH', '/api/admin/units/testiyksikko', { active: false });
    expect(res.json().active).toBe(false);
    res = await send('PATCH', '/api/admin/units/testiyksikko', { active: true });
    expect(res.json().active).toBe(true);
    // nothing changed: 200, no history row
    res = await send('PATCH', '/api/admin/units/testiyksikko', { active: true, email: 'testi@example.fi' });
    expect(res.statusCode).toBe(200);

    const h = await history('objectType=unit&objectKey=testiyksikko');
    const { id: _id, members: _m, ...record } = { ...unit, active: true, members: 0, id: '' };
    expect(h.items.map((i: { action: string; before: unknown; after: unknown }) => [i.action, i.before, i.after])).toEqual([
      ['activate', { active: false }, { active: true }],
      ['deactivate', { active: true }, { active: false }],
      ['update', { phone: '06 123 4567', clientContactDays: 5, inOpastin: false, serviceArea: 'disability', language: 'sv' }, { phone: null, clientContactDays: null, inOpastin: true, serviceArea: 'older_people', language: 'en' }],
      ['create', null, record],
    ]);
  });

  it('refuses a taken code, an unknown or retired service area and deactivating the social emergency unit; nothing changes', async () => {
    await t.database.db.insertInto('code').values({ county_id: (await t.database.db.selectFrom('county').select('id').where('code', '=', 'etela_pohjanmaa').executeTakeFirstOrThrow()).id,
      code_set: 'service_area', code: 'retired_area', label_fi: 'Vanha', label_sv: 'Gammal', label_en: 'Old', active: false }).execute();
    await send('POST', '/api/admin/units', { ...unit, code: 'toinen_yksikko' });
    const before = await organisation();
    const countBefore = (await history('')).total;

    let res = await send('POST', '/api/admin/units', { ...unit, code: 'adult_social_work' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('conflict');
    expect(fieldsOf(res)).toEqual(['body.code:code_in_use']);
    res = await send('POST', '/api/admin/units', { ...unit, code: 'uusi_yksikko', serviceArea: 'no_such_area' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.serviceArea:unknown_code']);
    res = await send('POST', '/api/admin/units', { ...unit, code: 'uusi_yksikko', serviceArea: 'retired_area' });
    expect(fieldsOf(res)).toEqual(['body.serviceArea:unknown_code']);
    res = await send('PATCH', '/api/admin/units/toinen_yksikko', { serviceArea: 'retired_area', phone: '040 111 2222' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.serviceArea:unknown_code']);
    res = await send('PATCH', '/api/admin/units/sosiaalipaivystys', { active: false, phone: '06 999 9999' });
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['body.active:unit_in_use']);
    res = await send('PATCH', '/api/admin/units/no_such_unit', { phone: '06 999 9999' });
    expect(res.statusCode).toBe(404);
    res = await send('POST', '/api/admin/units', { ...unit, code: 'Iso Koodi', email: 'ei-osoite' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['body.code:invalid_format', 'body.email:invalid_format']);

    expect(await organisation()).toEqual(before);
    expect((await history('')).total).toBe(countBefore);
  });
});

describe('another county', () => {
  it('sees none of county 1\'s organisation, settings, links or history, and cannot change them (404)', async () => {
    expect(await organisation(admin2)).toEqual({ regions: [], municipalities: [], units: [] });
    const before = await organisation();
    const linkId = (await settings()).links[0].id;
    expect((await send('PATCH', '/api/admin/regions/seinajoki_isokyro', { name: labels('Kaapattu') }, admin2)).statusCode).toBe(404);
    expect((await send('PATCH', '/api/admin/municipalities/743', { region: null }, admin2)).statusCode).toBe(404);
    expect((await send('PATCH', '/api/admin/units/adult_social_work', { phone: '06 111 1111' }, admin2)).statusCode).toBe(404);
    expect((await send('PATCH', `/api/admin/links/${linkId}`, { sortOrder: 99 }, admin2)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/admin/links/${linkId}`, undefined, admin2)).statusCode).toBe(404);
    // the emergency unit must be one of their own county's
    const res = await send('PATCH', '/api/admin/settings', { socialEmergencyUnit: 'sosiaalipaivystys' }, admin2);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.socialEmergencyUnit:unknown_code']);
    expect(await organisation()).toEqual(before);
    expect((await settings()).links[0].sortOrder).toBe(0);

    const s2 = await settings(admin2);
    expect(s2).toMatchObject({ county: { code: 'toinen', name: { fi: 'Toinen hyvinvointialue', sv: 'Andra välfärdsområdet', en: 'Second county' } }, crisisPhone: null, links: [], socialEmergency: { phone: null, unit: null, weekly: [] } });
    expect(await history('', admin2)).toEqual({ items: [], total: 0 });

    // their own change is theirs only: county 1's public site keeps its crisis line
    expect((await send('PATCH', '/api/admin/settings', { crisisPhone: '09 222 2222' }, admin2)).statusCode).toBe(200);
    expect((await publicSite('toinen')).crisisPhone).toBe('09 222 2222');
    expect((await publicSite('etela_pohjanmaa')).crisisPhone).toBe('06 0000 0112');
    const own = await history('', admin2);
    expect(own.total).toBe(1);
    expect(own.items[0]).toMatchObject({ objectType: 'settings', objectKey: 'site', actor: { name: 'Toinen Ylläpitäjä' }, before: { crisisPhone: null }, after: { crisisPhone: '09 222 2222' } });
    expect((await history('objectType=settings')).items.every((i: { actor: { name: string } }) => i.actor.name !== 'Toinen Ylläpitäjä')).toBe(true);
    const rows = await t.database.db.selectFrom('admin_change').select('county_id').where('actor_name', '=', 'Toinen Ylläpitäjä').execute();
    expect(rows).toEqual([{ county_id: county2Id }]);
  });
});

describe('settings', () => {
  it('reads the county\'s settings', async () => {
    expect(await settings()).toEqual({
      county: { code: 'etela_pohjanmaa', name: { fi: 'Etelä-Pohjanmaan hyvinvointialue', sv: 'Södra Österbottens välfärdsområde', en: 'Wellbeing Services County of South Ostrobothnia' } },
      crisisPhone: '06 0000 0112',
      feedbackEmail: 'saavutettavuus@example.fi',
      statementDate: '2026-11-22',
      statementUrl: null,
      links: expect.any(Array),
      socialEmergency: { phone: '06 0000 0113', unit: 'sosiaalipaivystys', weekly: [] },
      chat: { maxPerWorker: 3, idleMinutes: 10 },
      feedbackEnabled: true,
      adviceRetentionDays: null,
      installationAdviceRetentionDays: 30,
      serviceLevel: { seconds: 60, target: 0.8 },
    });
  });

  it('changes every setting, shows it on the public site at once, records before and after; then puts them back', async () => {
    const original = await settings();
    // the public site has been read (and cached) before the change
    expect((await publicSite()).crisisPhone).toBe('06 0000 0112');
    const patch = {
      crisisPhone: '06 111 2222', feedbackEmail: 'saavutettavuus2@example.fi', statementDate: '2026-12-01', statementUrl: 'https://example.fi/saavutettavuus',
      socialEmergencyPhone: '06 333 4444', socialEmergencyUnit: 'adult_social_work',
      socialEmergencyWeekly: [{ weekday: 2, opens: '16:00', closes: '24:00' }, { weekday: 1, opens: '16:00', closes: '24:00' }, { weekday: 1, opens: '00:00', closes: '08:00' }],
      chatMaxPerWorker: 5, chatIdleMinutes: 20, feedbackEnabled: false, adviceRetentionDays: 21, serviceLevelSeconds: 120, serviceLevelTarget: 0.75,
    };
    const sortedWeekly = [{ weekday: 1, opens: '00:00', closes: '08:00' }, { weekday: 1, opens: '16:00', closes: '24:00' }, { weekday: 2, opens: '16:00', closes: '24:00' }];
    const res = await send('PATCH', '/api/admin/settings', patch);
    expect(res.statusCode).toBe(200);
    const expected = {
      ...original,
      crisisPhone: '06 111 2222', feedbackEmail: 'saavutettavuus2@example.fi', statementDate: '2026-12-01', statementUrl: 'https://example.fi/saavutettavuus',
      socialEmergency: { phone: '06 333 4444', unit: 'adult_social_work', weekly: sortedWeekly },
      chat: { maxPerWorker: 5, idleMinutes: 20 }, feedbackEnabled: false, adviceRetentionDays: 21, serviceLevel: { seconds: 120, target: 0.75 },
    };
    expect(res.json()).toEqual(expected);
    expect(await settings()).toEqual(expected);

    const site = await publicSite();
    expect(site.crisisPhone).toBe('06 111 2222');
    expect(site.accessibility).toEqual({ feedbackEmail: 'saavutettavuus2@example.fi', statementDate: '2026-12-01', statementUrl: 'https://example.fi/saavutettavuus' });
    expect(site.socialEmergency).toEqual({ phone: '06 333 4444', openNow: false, weekly: sortedWeekly });

    const [row] = (await history('objectType=settings&objectKey=site&limit=1')).items;
    expect(row).toMatchObject({ objectType: 'settings', objectKey: 'site', action: 'update', actor: { id: expect.any(String), name: 'Aaro Ylläpitäjä' } });
    expect(row.before).toEqual({
      crisisPhone: '06 0000 0112', feedbackEmail: 'saavutettavuus@example.fi', statementDate: '2026-11-22', statementUrl: null, socialEmergencyPhone: '06 0000 0113',
      socialEmergencyUnit: 'sosiaalipaivystys', socialEmergencyWeekly: [], chatMaxPerWorker: 3, chatIdleMinutes: 10, feedbackEnabled: true, adviceRetentionDays: null,
      serviceLevelSeconds: 60, serviceLevelTarget: 0.8,
    });
    expect(row.after).toEqual({ ...patch, socialEmergencyWeekly: sortedWeekly });

    // the same again changes nothing: 200, no new row
    const total = (await history('objectType=settings&objectKey=site')).total;
    expect((await send('PATCH', '/api/admin/settings', patch)).statusCode).toBe(200);
    expect((await history('objectType=settings&objectKey=site')).total).toBe(total);

    // back as it was ([] = around the clock)
    const back = await send('PATCH', '/api/admin/settings', {
      crisisPhone: '06 0000 0112', feedbackEmail: 'saavutettavuus@example.fi', statementDate: '2026-11-22', statementUrl: null, socialEmergencyPhone: '06 0000 0113',
      socialEmergencyUnit: 'sosiaalipaivystys', socialEmergencyWeekly: [], chatMaxPerWorker: 3, chatIdleMinutes: 10, feedbackEnabled: true, adviceRetentionDays: null,
      serviceLevelSeconds: 60, serviceLevelTarget: 0.8,
    });
    expect(back.json()).toEqual(original);
    expect((await publicSite()).socialEmergency).toEqual({ phone: '06 0000 0113', openNow: true, weekly: [] });
  });

  it('refuses bad hours, an unknown or inactive unit and bad values, naming the field; nothing changes', async () => {
    const before = await settings();
    const countBefore = (await history('')).total;
    const refused = async (payload: object, fields: string[]) => {
      const res = await send('PATCH', '/api/admin/settings', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect(fieldsOf(res).sort(), JSON.stringify(payload)).toEqual(fields);
    };
    await refused({ crisisPhone: '06 222 3333', socialEmergencyWeekly: [{ weekday: 1, opens: '16:00', closes: '08:00' }] }, ['body.socialEmergencyWeekly.0.closes:closes_before_opens']);
    await refused({ socialEmergencyWeekly: [{ weekday: 3, opens: '08:00', closes: '12:00' }, { weekday: 3, opens: '11:00', closes: '13:00' }, { weekday: 4, opens: '11:00', closes: '13:00' }] },
      ['body.socialEmergencyWeekly.1.opens:overlap']);
    await refused({ socialEmergencyWeekly: [{ weekday: 1, opens: '9:00', closes: '12:00' }] }, ['body.socialEmergencyWeekly.0.opens:invalid_format']);
    await refused({ socialEmergencyUnit: 'no_such_unit', crisisPhone: '06 222 3333' }, ['body.socialEmergencyUnit:unknown_code']);
    await send('POST', '/api/admin/units', { code: 'lopetettu', serviceArea: 'health', name: labels('Lopetettu') });
    await send('PATCH', '/api/admin/units/lopetettu', { active: false });
    const afterUnit = (await history('')).total;
    await refused({ socialEmergencyUnit: 'lopetettu' }, ['body.socialEmergencyUnit:unknown_code']);
    await refused({ feedbackEmail: 'ei-osoite' }, ['body.feedbackEmail:invalid_format']);
    await refused({ statementUrl: 'http://example.fi/' }, ['body.statementUrl:invalid_format']);
    await refused({ chatMaxPerWorker: 11, serviceLevelTarget: 1 }, ['body.chatMaxPerWorker:invalid', 'body.serviceLevelTarget:invalid']);
    await refused({ serviceLevelTarget: 0.9999 }, ['body.serviceLevelTarget:invalid']);
    expect(await settings()).toEqual(before);
    expect((await history('')).total).toBe(afterUnit);
    expect(afterUnit).toBe(countBefore + 2);
  });
});

describe('self-service links', () => {
  it('adds, changes and removes a link; the public site follows at once; the history keeps each step', async () => {
    expect((await publicSite()).selfServiceLinks).toHaveLength(4);
    let res = await send('POST', '/api/admin/links', { url: 'https://www.tyomarkkinatori.fi/', label: labels('Työmarkkinatori') });
    expect(res.statusCode).toBe(201);
    const link = res.json();
    expect(link).toEqual({ id: expect.any(String), url: 'https://www.tyomarkkinatori.fi/', label: labels('Työmarkkinatori'), sortOrder: 4 });
    expect((await publicSite()).selfServiceLinks.at(-1)).toEqual({ url: 'https://www.tyomarkkinatori.fi/', label: labels('Työmarkkinatori') });
    expect((await settings()).links.at(-1)).toEqual(link);

    res = await send('PATCH', `/api/admin/links/${link.id}`, { label: labels('TE-palvelut'), sortOrder: 0 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...link, label: labels('TE-palvelut'), sortOrder: 0 });
    const urls = (await publicSite()).selfServiceLinks.map((l: { url: string }) => l.url);
    expect(urls).toEqual(['https://www.suomi.fi/', 'https://www.tyomarkkinatori.fi/', 'https://www.kela.fi/', 'https://www.omaolo.fi/', 'https://mieli.fi/']);
    // ordered by sort order, then Finnish label: "Suomi.fi…" (0) before "TE-palvelut" (0)

    res = await send('DELETE', `/api/admin/links/${link.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await publicSite()).selfServiceLinks.map((l: { url: string }) => l.url)).not.toContain('https://www.tyomarkkinatori.fi/');
    expect((await send('DELETE', `/api/admin/links/${link.id}`)).statusCode).toBe(404);

    const h = await history(`objectType=link&objectKey=${link.id}`);
    expect(h.items.map((i: { action: string; before: unknown; after: unknown }) => [i.action, i.before, i.after])).toEqual([
      ['delete', { url: 'https://www.tyomarkkinatori.fi/', label: labels('TE-palvelut'), sortOrder: 0 }, null],
      ['update', { label: labels('Työmarkkinatori'), sortOrder: 4 }, { label: labels('TE-palvelut'), sortOrder: 0 }],
      ['create', null, { url: 'https://www.tyomarkkinatori.fi/', label: labels('Työmarkkinatori'), sortOrder: 4 }],
    ]);
  });

  it('refuses a non-https address, a too long label and an unknown link; nothing changes', async () => {
    const before = (await settings()).links;
    const countBefore = (await history('')).total;
    let res = await send('POST', '/api/admin/links', { url: 'http://example.fi/', label: labels('Ei') });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.url:invalid_format']);
    res = await send('POST', '/api/admin/links', { url: 'https://example.fi/', label: { ...labels('Pitkä'), sv: 'x'.repeat(121) } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.label.sv:too_long']);
    res = await send('PATCH', `/api/admin/links/${before[0].id}`, { url: 'ftp://example.fi/' });
    expect(fieldsOf(res)).toEqual(['body.url:invalid_format']);
    res = await send('PATCH', '/api/admin/links/00000000-0000-4000-8000-000000000000', { sortOrder: 1 });
    expect(res.statusCode).toBe(404);
    res = await send('DELETE', '/api/admin/links/not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect((await settings()).links).toEqual(before);
    expect((await history('')).total).toBe(countBefore);
  });
});

describe('GET /api/admin/history', () => {
  it('lists the newest first, filters by object, honours the limit', async () => {
    await send('POST', '/api/admin/regions', { code: 'historia', name: labels('Historia 1') });
    await send('PATCH', '/api/admin/regions/historia', { name: labels('Historia 2') });
    await send('PATCH', '/api/admin/regions/historia', { name: labels('Historia 3') });
    const all = await history('objectType=region&objectKey=historia');
    expect(all.total).toBe(3);
    expect(all.items.map((i: { after: { name: { fi: string } } }) => i.after.name.fi)).toEqual(['Historia 3 fi', 'Historia 2 fi', 'Historia 1 fi']);
    const at = all.items.map((i: { at: string }) => Date.parse(i.at));
    expect([...at].sort((a, b) => b - a)).toEqual(at);
    const limited = await history('objectType=region&objectKey=historia&limit=1');
    expect(limited).toEqual({ items: [all.items[0]], total: 3 });
    const everything = await history('limit=500');
    expect(everything.items[0]).toEqual(all.items[0]);
    expect((await get('/api/admin/history?limit=0')).statusCode).toBe(400);
    expect(fieldsOf(await get('/api/admin/history?objectType=nothing'))).toEqual(['querystring.objectType:invalid_choice']);
  });
});

describe('the API document', () => {
  it('describes the organisation, settings, links and history routes', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as object);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/admin/organisation', '/api/admin/regions', '/api/admin/regions/{code}', '/api/admin/municipalities', '/api/admin/municipalities/{code}',
      '/api/admin/units', '/api/admin/units/{code}', '/api/admin/settings', '/api/admin/links', '/api/admin/links/{id}', '/api/admin/history',
    ]));
  });
});
