/** The statistics' period in the address and the API's address for it (issue 15, part 5). */
import { describe, expect, it } from 'vitest';
import { formatPeriod, parseStatsQuery, periodDays, statsAddress, statsApiPath, type StatsChoice } from './statistics-format';

const all = { region: '', line: '', municipality: '' };

describe('the statistics period', () => {
  it('reads a month, a quarter, a year or a range from the query, and anything else as this month', () => {
    expect(parseStatsQuery('?month=2026-11&lang=sv', '2026-12').period).toEqual({ kind: 'month', month: '2026-11' });
    expect(parseStatsQuery('?quarter=2026-Q3&region=r', '2026-12')).toEqual({ period: { kind: 'quarter', year: 2026, quarter: 3 }, filters: { ...all, region: 'r' } });
    expect(parseStatsQuery('?year=2025', '2026-12').period).toEqual({ kind: 'year', year: 2025 });
    expect(parseStatsQuery('?from=2026-07-01&to=2026-09-15', '2026-12').period).toEqual({ kind: 'range', from: '2026-07-01', to: '2026-09-15' });
    for (const bad of ['?month=2026-13', '?quarter=2026-Q5', '?from=2026-02-30&to=2026-03-01', '?from=2026-09-15&to=2026-07-01', '']) {
      expect(parseStatsQuery(bad, '2026-12').period, bad).toEqual({ kind: 'month', month: '2026-12' });
    }
  });

  it('knows each period\'s days, leap years included', () => {
    expect(periodDays({ kind: 'month', month: '2028-02' })).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodDays({ kind: 'quarter', year: 2026, quarter: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodDays({ kind: 'year', year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('asks the month\'s route for a month, the period\'s for the rest, filters and language after', () => {
    const month: StatsChoice = { period: { kind: 'month', month: '2026-11' }, filters: all };
    expect(statsApiPath(month)).toBe('/api/statistics/monthly?month=2026-11');
    expect(statsApiPath(month, 'csv', 'sv')).toBe('/api/statistics/monthly.csv?month=2026-11&lang=sv');
    const quarter: StatsChoice = { period: { kind: 'quarter', year: 2026, quarter: 3 }, filters: { ...all, region: 'r', municipality: '743' } };
    expect(statsApiPath(quarter, 'xlsx', 'fi')).toBe('/api/statistics/period.xlsx?from=2026-07-01&to=2026-09-30&region=r&municipality=743&lang=fi');
  });

  it('writes the choice into the address, keeping the language and dropping the old period', () => {
    const c: StatsChoice = { period: { kind: 'year', year: 2026 }, filters: { ...all, line: 'working_age' } };
    expect(statsAddress(c, { pathname: '/tyo/tilannekuva', search: '?lang=sv&month=2026-11&region=x' })).toBe('/tyo/tilannekuva?lang=sv&year=2026&line=working_age');
  });

  it('names a period in the page\'s language, never as its code', () => {
    expect(formatPeriod('2026-Q3', 'fi')).toBe('3. vuosineljännes 2026');
    expect(formatPeriod('2026-Q1', 'sv')).toBe('1:a kvartalet 2026');
    expect(formatPeriod('2026-Q4', 'en')).toBe('Q4 2026');
    expect(formatPeriod('2026', 'fi')).toBe('2026');
    expect(formatPeriod('2026-11', 'sv')).toBe('november 2026');
    expect(formatPeriod('2026-07-01–2026-09-15', 'fi')).toBe('1.7.2026–15.9.2026');
  });
});
