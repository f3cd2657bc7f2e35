import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ALL_CHANNELS, contrast, HEAT_LEVELS, HEAT_STEPS, HEAT_TEXT, heatGrid, heatLegend, heatLevel, heatText, hiddenHours, NO_CHANNEL, type HeatCell,
} from './heat-map-model';
import { metShare, shiftMonth } from '../statistics-format';

const cell = (channel: string | null, weekday: number, hour: number, count: number, previousYear = 0): HeatCell => ({ channel, weekday, hour, count, previousYear });

describe('the heat map\'s grid', () => {
  const cells = [
    cell('phone', 2, 9, 3, 1), cell('web_form', 2, 9, 1), cell('phone', 5, 14, 2),
    cell('emergency_department', 6, 2, 0, 4), cell(null, 1, 22, 1),
  ];

  it('sums every channel for all channels, and keeps one channel apart', () => {
    const all = heatGrid(cells, ALL_CHANNELS);
    expect(all.period[1]![9]).toBe(4);
    expect(all.previousYear[1]![9]).toBe(1);
    expect(all.total).toEqual({ period: 7, previousYear: 5 });
    const phone = heatGrid(cells, 'phone');
    expect([phone.period[1]![9], phone.period[4]![14], phone.period[5]![2]]).toEqual([3, 2, 0]);
    expect(heatGrid(cells, NO_CHANNEL).period[0]![22]).toBe(1);
  });

  it('shows 7–20 at least, widened to every hour with contacts in either period, one scale for both periods', () => {
    expect(heatGrid(cells, 'phone').hours).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const ed = heatGrid(cells, 'emergency_department');
    expect(ed.hours[0]).toBe(2); // the year before's night contacts are a column too
    expect(ed.max).toBe(4);
    expect(heatGrid(cells, ALL_CHANNELS).hours).toEqual(Array.from({ length: 21 }, (_, i) => i + 2));
    expect(hiddenHours(heatGrid(cells, 'phone').hours)).toEqual([[0, 7], [21, 24]]);
    expect(hiddenHours(Array.from({ length: 24 }, (_, h) => h))).toEqual([]);
  });

  it('never hides a cell with contacts', () => {
    const arb = fc.array(fc.record({
      channel: fc.constantFrom('phone', 'web_form', null), weekday: fc.integer({ min: 1, max: 7 }), hour: fc.integer({ min: 0, max: 23 }),
      count: fc.nat(50), previousYear: fc.nat(50),
    }), { maxLength: 40 });
    fc.assert(fc.property(arb, (cs) => {
      const g = heatGrid(cs, ALL_CHANNELS);
      for (const c of cs) if (c.count + c.previousYear > 0) expect(g.hours).toContain(c.hour);
      const shown = g.hours.reduce((sum, h) => sum + g.period.reduce((s, row) => s + row[h]!, 0), 0);
      expect(shown).toBe(g.total.period);
      // contiguous
      g.hours.forEach((h, i) => { if (i > 0) expect(h).toBe(g.hours[i - 1]! + 1); });
    }));
  });
});

describe('the heat map\'s shades', () => {
  it('puts none at 0, the largest at the darkest step, and every value in the step its legend names', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(10, 10)).toBe(HEAT_LEVELS);
    expect(heatLevel(1, 1)).toBe(HEAT_LEVELS);
    expect(heatLevel(1, 100)).toBe(1);
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), (max) => {
      const legend = heatLegend(max);
      for (let v = 1; v <= max; v++) {
        const step = legend.find((s) => v >= s.from && v <= s.to);
        expect(step?.level).toBe(heatLevel(v, max));
      }
    }));
    expect(heatLegend(3)).toEqual([{ level: 2, from: 1, to: 1 }, { level: 4, from: 2, to: 2 }, { level: 5, from: 3, to: 3 }]);
    expect(heatLegend(10)).toEqual([1, 2, 3, 4, 5].map((level) => ({ level, from: level * 2 - 1, to: level * 2 })));
  });

  it('darkens step by step from white to the Suomi.fi blue', () => {
    expect(HEAT_STEPS[0]).toBe('#ffffff');
    expect(HEAT_STEPS[HEAT_LEVELS]).toBe('#003479');
    for (let i = 1; i < HEAT_STEPS.length; i++) expect(contrast(HEAT_STEPS[i]!, '#ffffff')).toBeGreaterThan(contrast(HEAT_STEPS[i - 1]!, '#ffffff'));
  });

  it('writes every cell\'s number at 4.5:1 or more, white on the dark steps', () => {
    for (let level = 0; level <= HEAT_LEVELS; level++) {
      expect(contrast(HEAT_STEPS[level]!, heatText(level)), `step ${level}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(heatText(HEAT_LEVELS)).toBe(HEAT_TEXT.light);
    expect(heatText(1)).toBe(HEAT_TEXT.dark);
    expect(contrast('#003479', '#ffffff')).toBeCloseTo(11.9, 1);
  });
});

describe('the statistics\' small sums', () => {
  it('the share of clocks met is met ÷ (met + missed), none while nothing is decided', () => {
    expect(metShare({ met: 3, missed: 1 })).toBe(0.75);
    expect(metShare({ met: 0, missed: 0 })).toBeNull();
    expect(metShare({ met: 0, missed: 2 })).toBe(0);
  });

  it('moves a month across the year', () => {
    expect(shiftMonth('2026-12', -1)).toBe('2026-11');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
  });
});
