import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, type Dimension, type MonthlyStatistics } from './statistics.domain.js';
import { toXlsx, uniqueSheetName, type StatisticsLabel } from './statistics.xlsx.js';
import { CHAT_HEADINGS, HEADINGS as HEADINGS_ALL, REFERRAL_HEADINGS } from './statistics.headings.js';

/** The route's headings and the XLSX's own (sheet names, summary rows) in the three languages. */
const XLSX_HEADINGS = {
  fi: { ...HEADINGS_ALL.fi, ...REFERRAL_HEADINGS.fi, ...CHAT_HEADINGS.fi }, sv: { ...HEADINGS_ALL.sv, ...REFERRAL_HEADINGS.sv, ...CHAT_HEADINGS.sv }, en: { ...HEADINGS_ALL.en, ...REFERRAL_HEADINGS.en, ...CHAT_HEADINGS.en },
};
const HEADINGS = XLSX_HEADINGS;

const phoneFigures = (offered: number, answered: number) => ({
  offered, answered, abandoned: offered - answered, outsideHours: 2, answerRate: answered / offered, answeredWithinServiceLevel: answered - 5,
  serviceLevel: (answered - 5) / offered, meanWaitSeconds: 42.5, p90WaitSeconds: 90, meanAbandonSeconds: 75,
  callbacks: { created: 6, done: 5, meanHoursToCallback: 3.25, p90HoursToCallback: 7.5 },
});
const nothingOffered = {
  offered: 0, answered: 0, abandoned: 0, outsideHours: 1, answerRate: null, answeredWithinServiceLevel: 0, serviceLevel: null,
  meanWaitSeconds: null, p90WaitSeconds: null, meanAbandonSeconds: null, callbacks: { created: 1, done: 0, meanHoursToCallback: null, p90HoursToCallback: null },
};
const empty = Object.fromEntries(DIMENSIONS.map((d) => [d, []])) as unknown as MonthlyStatistics['breakdowns'];
const stats: MonthlyStatistics = {
  month: '2026-11', previousYearMonth: '2025-11',
  period: { from: '2026-11-01', to: '2026-11-30', previousFrom: '2025-11-01', previousTo: '2025-11-30' },
  filters: { region: null, line: 'working_age', municipality: null },
  total: 1234, totalPreviousYear: 1001, anonymous: 2, ledToClientRelationship: 1, stillOpen: 7,
  medianHandlingSeconds: 300, promise: { kept: 2, missed: 1, pending: 4, notApplicable: 3 }, repeatContacts: 5,
  promiseBy: {
    channel: [{ code: 'phone', kept: 2, missed: 1, pending: 0, notApplicable: 3 }, { code: 'web_form', kept: 0, missed: 0, pending: 4, notApplicable: 0 }],
    line: [{ code: 'working_age', kept: 1, missed: 1, pending: 2, notApplicable: 0 }, { code: null, kept: 1, missed: 0, pending: 2, notApplicable: 3 }],
  },
  phone: {
    ...phoneFigures(40, 30), serviceLevelSeconds: 60, serviceLevelTarget: 0.8, previousYear: nothingOffered,
    byLine: [{ line: 'working_age', ...phoneFigures(40, 30), previousYear: nothingOffered }, { line: null, ...nothingOffered, previousYear: nothingOffered }],
    byHour: [{ hour: 8, offered: 12, answered: 10, abandoned: 2 }, { hour: 9, offered: 28, answered: 20, abandoned: 8 }],
    byDay: [{ date: '2026-11-02', offered: 25, answered: 20, abandoned: 5 }, { date: '2026-11-30', offered: 15, answered: 10, abandoned: 5 }],
  },
  breakdowns: {
    ...empty,
    channel: [{ code: 'phone', count: 1200, previousYear: 990 }, { code: null, count: 34, previousYear: 11 }],
    mainReason: [{ code: 'other', count: 1, previousYear: 0 }, { code: 'livelihood', count: 9, previousYear: 12 }],
    trigger: [{ code: 'repeat_contacts', count: 5, previousYear: 2 }],
  },
  byWeekday: [{ weekday: 1, count: 800, previousYear: 700 }, { weekday: 7, count: 434, previousYear: 301 }], byHour: [{ hour: 9, count: 1000, previousYear: 900 }, { hour: 23, count: 234, previousYear: 101 }],
  weekdayHour: [{ channel: 'phone', weekday: 1, hour: 9, count: 700, previousYear: 650 }, { channel: null, weekday: 7, hour: 23, count: 34, previousYear: 11 }],
  statutory: {
    started: 6, met: 3, missed: 2, pending: 1, cancelled: 0, previousYear: { started: 2, met: 1, missed: 1, pending: 0, cancelled: 0 },
    byBasis: [{ basis: 'shl_36', started: 5, met: 3, missed: 1, pending: 1, cancelled: 0 }, { basis: 'lsl_26', started: 1, met: 0, missed: 1, pending: 0, cancelled: 0 }],
    byChannel: [{ code: 'phone', started: 6, met: 3, missed: 2, pending: 1, cancelled: 0 }], byLine: [{ code: 'working_age', started: 6, met: 3, missed: 2, pending: 1, cancelled: 0 }],
  },
  chat: { started: 0, answered: 0, leftWaiting: 0, timedOut: 0, callbacks: 0, acute: 0, waitSeconds: { mean: null, median: null, p90: null }, previousYear: { started: 0, answered: 0 } },
  feedback: { count: 0, meanScore: null, previousYear: { count: 0, meanScore: null }, invited: 0, byScore: [1, 2, 3, 4, 5].map((score) => ({ score, count: 0 })), byChannel: [], byLine: [], withText: 0 },
  guidance: { contactsByLevel: { level1: 3, level2: 2, level3: 1 }, previousYear: { level1: 1, level2: 0, level3: 0 }, casesOpened: { level2: 2, level3: 1 }, followUps: { due: 4, onTime: 2, late: 1, missed: 1, pending: 0 }, anchored: 1, meetingsHeld: 1, outreachAttempts: 3 },
  referrals: {
    sent: 4, sentPreviousYear: 1, returned: 2, contactsReturned: 1, completed: 1, cancelled: 0, stillOpen: 1, overdue: 1, accepted: 2, acceptedOnTime: 1,
    byKind: [{ code: 'message_to_service', count: 4, previousYear: 1 }], byTarget: [{ code: 'adult_social_work', count: 3, previousYear: 1 }, { code: null, count: 1, previousYear: 0 }],
    byOutcome: [{ code: 'got_help', count: 1, previousYear: 0 }, { code: 'returned_wrong_service', count: 2, previousYear: 0 }],
    byChannel: [{ code: 'emergency_department', count: 3, previousYear: 1, byTarget: [{ code: 'adult_social_work', count: 2, previousYear: 1 }, { code: null, count: 1, previousYear: 0 }] }],
  },
};

const FORMULA = '=HYPERLINK("http://x","klikkaa")';
const labelIn = (lang: 'fi' | 'en'): StatisticsLabel => (d: Dimension | 'referralOutcome', code) => {
  if (code === null) return HEADINGS[lang].none;
  if (d === 'mainReason' && code === 'other') return FORMULA;
  if (d === 'channel' && code === 'phone') return lang === 'fi' ? 'Puhelin' : 'Phone';
  if (d === 'line' && code === 'working_age') return lang === 'fi' ? 'Työikäiset' : 'Working age';
  if (d === 'referralOutcome' && code === 'got_help') return lang === 'fi' ? 'Sai apua' : 'Got help';
  return code;
};

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}
const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`No sheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
};
/** A row's cell values from column A, empty cells as null. */
const values = (ws: ExcelJS.Worksheet, row: number): unknown[] => {
  const r = ws.getRow(row);
  return Array.from({ length: ws.columnCount }, (_, i) => r.getCell(i + 1).value ?? null);
};
/** The data rows (below the header) as value lists. */
const body = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount - 1 }, (_, i) => values(ws, i + 2));
/** The row whose first cell is `code`. */
const rowOf = (ws: ExcelJS.Worksheet, code: string | null) => {
  for (let r = 2; r <= ws.rowCount; r++) if ((ws.getRow(r).getCell(1).value ?? null) === code) return ws.getRow(r);
  throw new Error(`No row ${code} in ${ws.name}`);
};

describe('statistics as XLSX (issue 15, part 5)', () => {
  it('has the guidance levels\' sheet with the JSON\'s figures (issue 17)', async () => {
    const fi = XLSX_HEADINGS.fi;
    const wb = await read(await toXlsx(stats, labelIn('fi'), fi, 'fi'));
    expect(body(sheet(wb, fi.sheet_guidance))).toEqual([
      ['level1', fi.guidance_level1, 3, 1], ['level2', fi.guidance_level2, 2, 0], ['level3', fi.guidance_level3, 1, 0],
      ['opened_level2', fi.guidance_opened2, 2, null], ['opened_level3', fi.guidance_opened3, 1, null],
      ['follow_up_due', fi.guidance_due, 4, null], ['follow_up_onTime', fi.guidance_onTime, 2, null], ['follow_up_late', fi.guidance_late, 1, null],
      ['follow_up_missed', fi.guidance_missed, 1, null], ['follow_up_pending', fi.guidance_pending, 0, null],
      ['anchored', fi.guidance_anchored, 1, null], ['meetingsHeld', fi.guidance_meetingsHeld, 1, null], ['outreachAttempts', fi.guidance_outreachAttempts, 3, null],
    ]);
  });

  it('has one sheet per breakdown, each with a frozen header row and sensible column widths', async () => {
    const wb = await read(await toXlsx(stats, labelIn('fi'), HEADINGS.fi, 'fi'));
    const fi = XLSX_HEADINGS.fi;
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      fi.sheet_summary, ...DIMENSIONS.map((d) => fi[`sheet_${d}`]), fi.sheet_weekday, fi.sheet_hour, fi.sheet_weekdayHour, fi.sheet_promiseByChannel, fi.sheet_promiseByLine,
      fi.sheet_statutory, fi.sheet_phoneByLine, fi.sheet_phoneByHour, fi.sheet_phoneByDay, fi.sheet_referrals, fi.sheet_referralKind, fi.sheet_referralTarget, fi.sheet_referralOutcome,
      fi.sheet_referralChannel, fi.sheet_chat, fi.sheet_feedback, fi.sheet_guidance,
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
      for (let c = 1; c <= ws.columnCount; c++) {
        const width = ws.getColumn(c).width ?? 0;
        expect(width, `${ws.name} column ${c}`).toBeGreaterThanOrEqual(10);
        expect(width, `${ws.name} column ${c}`).toBeLessThanOrEqual(60);
      }
    }
    // wide enough for the longest label
    expect(sheet(wb, fi.sheet_mainReason).getColumn(2).width).toBeGreaterThanOrEqual(FORMULA.length);
  });

  it('writes numbers as numeric cells equal to the input, shares with a percent format', async () => {
    const wb = await read(await toXlsx(stats, labelIn('fi'), HEADINGS.fi, 'fi'));
    const fi = XLSX_HEADINGS.fi;

    // no figure anywhere became text: a text cell never looks like a number
    for (const ws of wb.worksheets) {
      ws.eachRow((row, r) => {
        if (r === 1) return;
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.String) expect(String(cell.value), `${ws.name}!${cell.address}`).not.toMatch(/^-?\d+([.,]\d+)?%?$/);
        });
      });
    }

    const summary = sheet(wb, fi.sheet_summary);
    expect(values(summary, 1)).toEqual(['Koodi', 'Selite', '2026-11', '2025-11']);
    expect(body(summary).slice(0, 5)).toEqual([
      ['period_from', 'Jakson ensimmäinen päivä', new Date(Date.UTC(2026, 10, 1)), new Date(Date.UTC(2025, 10, 1))],
      ['period_to', 'Jakson viimeinen päivä', new Date(Date.UTC(2026, 10, 30)), new Date(Date.UTC(2025, 10, 30))],
      ['filter_region', 'Rajaus: alue', 'Kaikki', null],
      ['filter_line', 'Rajaus: linja', 'Työikäiset', null],
      ['filter_municipality', 'Rajaus: kunta', 'Kaikki', null],
    ]);
    expect(summary.getRow(2).getCell(3).numFmt).toBe('d.m.yyyy');
    expect(values(summary, rowOf(summary, 'total').number)).toEqual(['total', 'Yhteydenotot yhteensä', 1234, 1001]);
    expect(rowOf(summary, 'total').getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(rowOf(summary, 'total').getCell(3).numFmt).toBe('#,##0');
    expect(rowOf(summary, 'stillOpen').getCell(3).value).toBe(7);
    expect(rowOf(summary, 'medianHandlingSeconds').getCell(3).value).toBe(300);
    expect(rowOf(summary, 'repeatContacts').getCell(3).value).toBe(5);
    for (const [k, v] of Object.entries(stats.promise)) expect(rowOf(summary, `promise_${k}`).getCell(3).value).toBe(v);

    const answerRate = rowOf(summary, 'phone_answerRate');
    expect(answerRate.getCell(2).value).toBe('Vastausprosentti (osuus)');
    expect(answerRate.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(answerRate.getCell(3).value).toBe(0.75);
    expect(answerRate.getCell(3).numFmt).toMatch(/%$/);
    expect(answerRate.getCell(4).value ?? null).toBeNull(); // nothing offered a year earlier: empty, not 0
    expect(rowOf(summary, 'phone_serviceLevel').getCell(3).value).toBe(25 / 40);
    expect(rowOf(summary, 'phone_serviceLevelTarget').getCell(3).value).toBe(0.8);
    expect(rowOf(summary, 'phone_serviceLevelTarget').getCell(3).numFmt).toMatch(/%$/);
    expect(rowOf(summary, 'phone_serviceLevelSeconds').getCell(3).value).toBe(60);
    expect(rowOf(summary, 'phone_meanWaitSeconds').getCell(3).value).toBe(42.5);
    expect(rowOf(summary, 'phone_meanWaitSeconds').getCell(3).numFmt).not.toMatch(/%/);
    expect(values(summary, rowOf(summary, 'phone_offered').number)).toEqual(['phone_offered', 'Tarjotut puhelut', 40, 0]);
    expect(values(summary, rowOf(summary, 'callbacks_meanHoursToCallback').number)).toEqual(['callbacks_meanHoursToCallback', 'Aika takaisinsoittoon, keskiarvo (h)', 3.25, null]);
    expect(values(summary, rowOf(summary, 'callbacks_created').number)).toEqual(['callbacks_created', 'Takaisinsoittotehtävät', 6, 1]);

    expect(body(sheet(wb, fi.sheet_channel))).toEqual([['phone', 'Puhelin', 1200, 990], [null, '(ei tietoa)', 34, 11]]);
    expect(body(sheet(wb, fi.sheet_trigger))).toEqual([['repeat_contacts', 'repeat_contacts', 5, 2]]);
    expect(body(sheet(wb, fi.sheet_region))).toEqual([]);
    expect(values(sheet(wb, fi.sheet_region), 1)).toEqual(['Koodi', 'Selite', '2026-11', '2025-11']);
    expect(body(sheet(wb, fi.sheet_weekday))).toEqual([[1, 'maanantai', 800, 700], [7, 'sunnuntai', 434, 301]]);
    expect(body(sheet(wb, fi.sheet_hour))).toEqual([[9, '09–10', 1000, 900], [23, '23–24', 234, 101]]);
    expect(body(sheet(wb, fi.sheet_weekdayHour))).toEqual([['phone', 'Puhelin', 1, 9, 'maanantai 09–10', 700, 650], [null, '(ei tietoa)', 7, 23, 'sunnuntai 23–24', 34, 11]]);
    expect(body(sheet(wb, fi.sheet_statutory))).toEqual([
      ['Yhteensä', null, '2026-11', 6, 3, 2, 1, 0], ['Yhteensä', null, '2025-11', 2, 1, 1, 0, 0],
      ['Peruste', 'shl_36', fi.basis_shl_36, 5, 3, 1, 1, 0], ['Peruste', 'lsl_26', fi.basis_lsl_26, 1, 0, 1, 0, 0],
      ['Kanava', 'phone', 'Puhelin', 6, 3, 2, 1, 0], ['Linja', 'working_age', 'Työikäiset', 6, 3, 2, 1, 0],
    ]);
    expect(body(sheet(wb, fi.sheet_referralChannel))).toEqual([
      ['emergency_department', 'emergency_department', 'Kaikki kohteet', 3, 1], ['emergency_department', 'emergency_department', 'adult_social_work', 2, 1],
      ['emergency_department', 'emergency_department', 'Muu toimija', 1, 0],
    ]);
    expect(body(sheet(wb, fi.sheet_promiseByChannel))).toEqual([['phone', 'Puhelin', 2, 1, 0, 3], ['web_form', 'web_form', 0, 0, 4, 0]]);
    expect(body(sheet(wb, fi.sheet_promiseByLine))).toEqual([['working_age', 'Työikäiset', 1, 1, 2, 0], [null, '(ei tietoa)', 1, 0, 2, 3]]);

    const byLine = sheet(wb, fi.sheet_phoneByLine);
    expect(body(byLine)).toEqual([
      ['working_age', 'Työikäiset', 40, 30, 10, 2, 0.75, 25, 25 / 40, 42.5, 90, 75, 6, 5, 3.25, 7.5],
      [null, '(ei tietoa)', 0, 0, 0, 1, null, 0, null, null, null, null, 1, 0, null, null],
    ]);
    expect(byLine.getRow(2).getCell(7).numFmt).toMatch(/%$/);
    expect(byLine.getRow(2).getCell(9).numFmt).toMatch(/%$/);
    expect(byLine.getRow(2).getCell(10).numFmt).not.toMatch(/%/);

    expect(body(sheet(wb, fi.sheet_phoneByHour))).toEqual([[8, '08–09', 12, 10, 2], [9, '09–10', 28, 20, 8]]);
    const byDay = sheet(wb, fi.sheet_phoneByDay);
    expect(body(byDay)).toEqual([[new Date(Date.UTC(2026, 10, 2)), 25, 20, 5], [new Date(Date.UTC(2026, 10, 30)), 15, 10, 5]]);
    expect(byDay.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.Date);
    expect(byDay.getRow(2).getCell(1).numFmt).toBe('d.m.yyyy');

    const referrals = sheet(wb, fi.sheet_referrals);
    expect(values(referrals, 2)).toEqual(['sent', 'Lähetteet', 4, 1]);
    expect(values(referrals, rowOf(referrals, 'returned').number)).toEqual(['returned', 'Palautetut lähetteet (pallottelu)', 2, null]);
    expect(rowOf(referrals, 'acceptedOnTime').getCell(3).value).toBe(1);
    expect(body(sheet(wb, fi.sheet_referralKind))).toEqual([['message_to_service', 'Viesti palveluun', 4, 1]]);
    expect(body(sheet(wb, fi.sheet_referralTarget))).toEqual([['adult_social_work', 'adult_social_work', 3, 1], [null, 'Muu toimija', 1, 0]]);
    expect(body(sheet(wb, fi.sheet_referralOutcome))).toEqual([['got_help', 'Sai apua', 1, 0], ['returned_wrong_service', 'returned_wrong_service', 2, 0]]);
  });

  it('keeps a label that looks like a formula as text', async () => {
    const wb = await read(await toXlsx(stats, labelIn('fi'), HEADINGS.fi, 'fi'));
    const cell = rowOf(sheet(wb, XLSX_HEADINGS.fi.sheet_mainReason), 'other').getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(FORMULA);
    expect(cell.formula).toBeUndefined();
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.type, `${ws.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('writes headers and sheet names in the reader\'s language', async () => {
    const [fiBook, enBook] = await Promise.all([
      toXlsx(stats, labelIn('fi'), HEADINGS.fi, 'fi').then(read),
      toXlsx(stats, labelIn('en'), HEADINGS.en, 'en').then(read),
    ]);
    for (const [lang, wb] of [['fi', fiBook], ['en', enBook]] as const) {
      // every sheet name and header is a text of that language (none falls back to its key), or a period
      const texts = new Set<string>([...Object.values(HEADINGS[lang]), stats.month, stats.previousYearMonth]);
      for (const ws of wb.worksheets) {
        expect(texts.has(ws.name), `${lang} sheet ${ws.name}`).toBe(true);
        for (const v of values(ws, 1)) expect(texts.has(String(v)), `${lang} ${ws.name} header ${String(v)}`).toBe(true);
      }
    }
    expect(fiBook.worksheets[0]!.name).toBe('Yhteenveto');
    expect(enBook.worksheets[0]!.name).toBe('Summary');
    expect(values(sheet(enBook, 'Summary'), 1)).toEqual(['Code', 'Label', '2026-11', '2025-11']);
    expect(rowOf(sheet(enBook, 'Summary'), 'total').getCell(2).value).toBe('Contacts in total');
    expect(values(sheet(fiBook, 'Puhelut linjoittain'), 1).slice(0, 5)).toEqual(['Koodi', 'Selite', 'Tarjotut puhelut', 'Vastatut puhelut', 'Luopuneet soittajat']);
    expect(values(sheet(enBook, 'Calls by line'), 1).slice(0, 5)).toEqual(['Code', 'Label', 'Calls offered', 'Calls answered', 'Calls abandoned']);
    expect(values(sheet(fiBook, 'Lupaus kanavittain'), 1)).toEqual(['Koodi', 'Selite', 'Lupaus pidetty', 'Lupaus ylittyi', 'Vielä aikaa', 'Ei tavoitettavissa']);
    expect(values(sheet(enBook, 'Promise by channel'), 1)).toEqual(['Code', 'Label', 'Promise kept', 'Promise missed', 'Still within the promise', 'Could not be reached']);
    expect(body(sheet(enBook, 'Weekdays'))).toEqual([[1, 'Monday', 800, 700], [7, 'Sunday', 434, 301]]);
    expect(sheet(enBook, 'Calls by day').getRow(2).getCell(1).numFmt).toBe('yyyy-mm-dd');
  });

  it('gives every sheet a name Excel accepts, also from an awkward heading', async () => {
    const awkward = {
      ...HEADINGS.en, sheet_summary: 'Summary: calls [all] / lines?*', sheet_channel: "'Quoted'", sheet_line: 'A very long sheet name that Excel would refuse to open',
      sheet_region: 'A very long sheet name that Excel would refuse to open', sheet_municipality: '', sheet_contactor: 'history',
    };
    const wb = await read(await toXlsx(stats, labelIn('en'), awkward, 'en'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toHaveLength(29);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(n.length, n).toBeGreaterThan(0);
      expect(n.length, n).toBeLessThanOrEqual(31);
      expect(n, n).not.toMatch(/[[\]:*?/\\]|^'|'$/);
      expect(n.toLowerCase()).not.toBe('history');
    }
    expect(names.slice(0, 3)).toEqual(['Summary- calls -all- - lines--', 'Quoted', 'A very long sheet name that Exc']);
    expect(names[3]).toBe('A very long sheet name that (2)');

    // the texts the routes will pass are valid as they are
    for (const lang of ['fi', 'sv', 'en'] as const) {
      for (const [key, text] of Object.entries(XLSX_HEADINGS[lang])) {
        if (key.startsWith('sheet_')) expect(uniqueSheetName(text, new Set()), `${lang} ${key}`).toBe(text);
      }
      expect(Object.keys(XLSX_HEADINGS[lang]).sort()).toEqual(Object.keys(XLSX_HEADINGS.fi).sort());
    }
  });

  it('records the workbook language', async () => {
    const wb = await read(await toXlsx(stats, labelIn('fi'), HEADINGS.fi, 'fi'));
    expect((wb as ExcelJS.Workbook & { language?: string }).language).toBe('fi-FI');
    expect(wb.creator).toBe('Opastin');
  });
});
