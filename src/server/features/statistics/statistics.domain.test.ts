import { describe, expect, it } from 'vitest';
import { DIMENSIONS, monthRange, periodRange, promiseStatus, sameMonthLastYear, sameTimeLastYear, toCsv, type MonthlyStatistics } from './statistics.domain.js';

describe('months', () => {
  it('gives the half-open range of business dates of a month', () => {
    expect(monthRange('2026-11')).toEqual({ month: '2026-11', from: '2026-11-01', to: '2026-12-01' });
    expect(monthRange('2026-12')).toEqual({ month: '2026-12', from: '2026-12-01', to: '2027-01-01' });
    expect(monthRange('2028-02').to).toBe('2028-03-01');
    expect(() => monthRange('2026-13')).toThrow(RangeError);
    expect(() => monthRange('2026-1')).toThrow(RangeError);
  });

  it('compares with the same month of the previous year', () => {
    expect(sameMonthLastYear('2026-11')).toBe('2025-11');
    expect(sameMonthLastYear('2026-01')).toBe('2025-01');
    expect(sameMonthLastYear('2028-02')).toBe('2027-02');
  });
});

const phoneFigures = (offered: number, answered: number) => ({
  offered, answered, abandoned: offered - answered, outsideHours: 2, answerRate: answered / offered, answeredWithinServiceLevel: answered - 5,
  serviceLevel: (answered - 5) / offered, meanWaitSeconds: 42.5, p90WaitSeconds: 90, meanAbandonSeconds: 75,
  callbacks: { created: 6, done: 5, meanHoursToCallback: 3.25, p90HoursToCallback: 7.5 },
});

describe('periods', () => {
  it('labels a month, a quarter, a year and any other range as what it is', () => {
    expect(periodRange('2026-11-01', '2026-11-30')).toEqual({ label: '2026-11', from: '2026-11-01', to: '2026-12-01' });
    expect(periodRange('2026-07-01', '2026-09-30')).toEqual({ label: '2026-Q3', from: '2026-07-01', to: '2026-10-01' });
    expect(periodRange('2026-01-01', '2026-12-31')).toEqual({ label: '2026', from: '2026-01-01', to: '2027-01-01' });
    expect(periodRange('2026-08-01', '2026-10-31').label).toBe('2026-08-01–2026-10-31'); // three months, not a quarter
    expect(periodRange('2026-11-02', '2026-11-30').label).toBe('2026-11-02–2026-11-30');
    expect(periodRange('2026-11-05', '2026-11-05')).toEqual({ label: '2026-11-05–2026-11-05', from: '2026-11-05', to: '2026-11-06' });
    expect(() => periodRange('2026-11-05', '2026-11-04')).toThrow(RangeError);
  });

  it('compares with the same dates a year earlier', () => {
    expect(sameTimeLastYear(periodRange('2026-07-01', '2026-09-30'))).toEqual({ label: '2025-Q3', from: '2025-07-01', to: '2025-10-01' });
    expect(sameTimeLastYear(periodRange('2028-02-01', '2028-02-29'))).toEqual({ label: '2027-02', from: '2027-02-01', to: '2027-03-01' });
    expect(sameTimeLastYear(periodRange('2026-11-10', '2026-11-20')).from).toBe('2025-11-10');
  });
});

describe('CSV for Excel', () => {
  const empty = Object.fromEntries(DIMENSIONS.map((d) => [d, []])) as unknown as MonthlyStatistics['breakdowns'];
  const stats: MonthlyStatistics = {
    month: '2026-11', previousYearMonth: '2025-11', period: { from: '2026-11-01', to: '2026-11-30', previousFrom: '2025-11-01', previousTo: '2025-11-30' },
    filters: { region: null, line: null, municipality: null }, total: 3, totalPreviousYear: 1, anonymous: 2, ledToClientRelationship: 1, stillOpen: 0,
    medianHandlingSeconds: 300, promise: { kept: 2, missed: 1, pending: 0, notApplicable: 0 }, repeatContacts: 0,
    promiseBy: { channel: [{ code: 'phone', kept: 2, missed: 1, pending: 0, notApplicable: 0 }], line: [] },
    phone: {
      ...phoneFigures(40, 30), serviceLevelSeconds: 60, serviceLevelTarget: 0.8, previousYear: phoneFigures(20, 19),
      byLine: [{ line: 'working_age', ...phoneFigures(40, 30), previousYear: phoneFigures(20, 19) }], byHour: [], byDay: [],
    },
    breakdowns: { ...empty, channel: [{ code: 'phone', count: 2, previousYear: 1 }, { code: null, count: 1, previousYear: 0 }], mainReason: [{ code: 'other', count: 1, previousYear: 0 }] },
    byWeekday: [{ weekday: 1, count: 3, previousYear: 1 }], byHour: [{ hour: 9, count: 3, previousYear: 1 }],
    weekdayHour: [{ channel: 'phone', weekday: 1, hour: 9, count: 2, previousYear: 1 }, { channel: null, weekday: 1, hour: 9, count: 1, previousYear: 0 }],
    statutory: {
      started: 3, met: 1, missed: 1, pending: 1, cancelled: 0, previousYear: { started: 1, met: 1, missed: 0, pending: 0, cancelled: 0 },
      byBasis: [{ basis: 'shl_36', started: 3, met: 1, missed: 1, pending: 1, cancelled: 0 }],
      byChannel: [{ code: 'phone', started: 3, met: 1, missed: 1, pending: 1, cancelled: 0 }], byLine: [],
    },
    chat: { started: 0, answered: 0, leftWaiting: 0, timedOut: 0, callbacks: 0, acute: 0, waitSeconds: { mean: null, median: null, p90: null }, previousYear: { started: 0, answered: 0 } },
    feedback: { count: 0, meanScore: null, previousYear: { count: 0, meanScore: null }, invited: 0, byScore: [1, 2, 3, 4, 5].map((score) => ({ score, count: 0 })), byChannel: [], byLine: [], withText: 0 },
    guidance: { contactsByLevel: { level1: 3, level2: 2, level3: 1 }, previousYear: { level1: 1, level2: 0, level3: 0 }, casesOpened: { level2: 2, level3: 1 }, followUps: { due: 4, onTime: 2, late: 1, missed: 1, pending: 0 }, anchored: 1, meetingsHeld: 1, outreachAttempts: 3 },
    referrals: {
      sent: 4, sentPreviousYear: 1, returned: 2, contactsReturned: 1, completed: 1, cancelled: 0, stillOpen: 1, overdue: 1, accepted: 2, acceptedOnTime: 1,
      byKind: [{ code: 'message_to_service', count: 4, previousYear: 1 }], byTarget: [{ code: 'adult_social_work', count: 4, previousYear: 1 }],
      byOutcome: [{ code: 'got_help', count: 1, previousYear: 0 }, { code: 'returned_wrong_service', count: 2, previousYear: 0 }],
      byChannel: [{ code: 'emergency_department', count: 4, previousYear: 1, byTarget: [{ code: 'adult_social_work', count: 4, previousYear: 1 }] }],
    },
  };
  const headings = { dimension: 'D', code: 'C', label: 'L', total: 'Yht.', anonymous: 'Nim.', ledToClientRelationship: 'Asiakkuus', repeatContacts: 'Toistuvat', weekday_1: 'maanantai' };

  it('starts with a byte-order mark, separates with semicolons and ends lines with CRLF', () => {
    const csv = toCsv(stats, (_d, code) => (code === 'phone' ? 'Puhelin; soitto' : code ?? '(ei tietoa)'), headings);
    expect(csv.startsWith('\uFEFFD;C;L;2026-11;2025-11\r\n')).toBe(true);
    expect(csv).toContain('total;;Yht.;3;1\r\n');
    expect(csv).toContain('channel;phone;"Puhelin; soitto";2;1\r\n');
    expect(csv).toContain('channel;;(ei tietoa);1;0\r\n');
    expect(csv).toContain('weekday;1;maanantai;3;1\r\n');
    expect(csv).toContain('channel_weekday_hour;phone|1|9;"Puhelin; soitto, maanantai 09–10";2;1\r\n');
    expect(csv).toContain('statutory;met;met;1;1\r\n');
    expect(csv).toContain('statutory_shl_36;missed;shl_36: missed;1;\r\n');
    expect(csv).toContain('referral_channel_target;emergency_department|adult_social_work;emergency_department: adult_social_work;4;1\r\n');
    expect(csv).toContain('hour;9;09–10;3;1\r\n');
  });

  it('reports the closed loop: referrals sent, returned (ping-pong), outcomes', () => {
    const csv = toCsv(stats, (d, code) => (d === 'referralOutcome' && code === 'got_help' ? 'Sai apua' : code ?? ''), { ...headings, referrals_sent: 'Lähetteet', referrals_returned: 'Palautetut' });
    expect(csv).toContain('referrals;sent;Lähetteet;4;1\r\n');
    expect(csv).toContain('referrals;returned;Palautetut;2;\r\n');
    expect(csv).toContain('referral_outcome;got_help;Sai apua;1;0\r\n');
    expect(csv).toContain('referral_target;adult_social_work;adult_social_work;4;1\r\n');
  });

  it('lists the reachability figures as numbers beside the year before, and each line\'s', () => {
    const csv = toCsv(stats, (d, code) => (d === 'line' && code === 'working_age' ? 'Työikäiset' : code ?? ''), { ...headings, phone_offered: 'Tarjotut puhelut' });
    expect(csv).toContain('phone;offered;Tarjotut puhelut;40;20\r\n');
    expect(csv).toContain('phone;answerRate;answerRate;0.75;0.95\r\n');
    expect(csv).toContain('callbacks;meanHoursToCallback;meanHoursToCallback;3.25;3.25\r\n');
    expect(csv).toContain('phone_line_answered;working_age;Työikäiset;30;\r\n');
  });

  it('never lets a label start a formula', () => {
    const csv = toCsv(stats, (_d, code) => (code === 'other' ? '=HYPERLINK("http://x")' : 'x'), headings);
    expect(csv).toContain(`mainReason;other;"'=HYPERLINK(""http://x"")";1;0`);
  });
});

describe('the promise is judged by reaching the person (issue 12)', () => {
  const open = { closed: false, closedBySystem: false, respondBy: '2026-11-17' };
  it('kept when reached by the promised day, missed when reached after it', () => {
    expect(promiseStatus({ ...open, reachedOn: '2026-11-17' }, '2026-11-30')).toBe('kept');
    expect(promiseStatus({ ...open, reachedOn: '2026-11-16' }, '2026-11-16')).toBe('kept');
    expect(promiseStatus({ ...open, reachedOn: '2026-11-18' }, '2026-11-30')).toBe('missed');
  });
  it('not reached: pending until the day passes, then missed, open or closed by a worker alike', () => {
    expect(promiseStatus({ ...open, reachedOn: null }, '2026-11-17')).toBe('pending');
    expect(promiseStatus({ ...open, reachedOn: null }, '2026-11-18')).toBe('missed');
    expect(promiseStatus({ ...open, closed: true, reachedOn: null }, '2026-11-18')).toBe('missed');
  });
  it('not applicable only when the system closed it with no one to reach (a hidden number)', () => {
    expect(promiseStatus({ ...open, closed: true, closedBySystem: true, reachedOn: null }, '2026-11-30')).toBe('not_applicable');
    expect(promiseStatus({ ...open, closed: true, closedBySystem: true, reachedOn: '2026-11-17' }, '2026-11-30')).toBe('kept');
  });
});
