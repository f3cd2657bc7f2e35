/**
 * The weekday × hour heat map's figures and shades (issue 15), apart from how they are drawn
 * (HeatMap.tsx): the contract's cells (`weekdayHour`, per channel) summed for one channel or all,
 * the hours worth a column, and a five-step sequential scale of one hue.
 *
 * Colours: white for none, then five steps from a pale blue to the Suomi.fi blue #003479, their
 * lightness falling evenly (relative luminance 0.85, 0.61, 0.36, 0.14, 0.04), so the order reads
 * the same for every kind of colour vision and in greyscale. Each step's number is written in the
 * dark text colour or in white, whichever contrasts more; every step keeps at least 4.5:1
 * (heat-map-model.test.ts checks it). Colour never carries the figure alone: the cell says it.
 */
export interface HeatCell { channel: string | null; weekday: number; hour: number; count: number; previousYear: number }
export type HeatPeriod = 'period' | 'previousYear';

/** The channel choice "all channels"; a contact with no channel is `NO_CHANNEL` (codes are a–z, 0–9, _). */
export const ALL_CHANNELS = '';
export const NO_CHANNEL = '-';
export const channelKey = (channel: string | null): string => channel ?? NO_CHANNEL;

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** The hours always shown, with contacts or without: a working day and its evening. */
export const USUAL_HOURS = { from: 7, to: 20 } as const;

export interface HeatGrid {
  /** [weekday - 1][hour]: contacts in the period and a year earlier */
  period: number[][];
  previousYear: number[][];
  /** the largest cell of both periods: one scale for both, so their shades compare */
  max: number;
  /** the hours shown, in order: the usual hours, widened to every hour with contacts in either period */
  hours: number[];
  total: Record<HeatPeriod, number>;
}

const emptyGrid = () => WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));

/** The cells of one channel (`channelKey`) or of all (`ALL_CHANNELS`) as a weekday × hour grid. */
export function heatGrid(cells: readonly HeatCell[], channel: string): HeatGrid {
  const period = emptyGrid();
  const previousYear = emptyGrid();
  const total = { period: 0, previousYear: 0 };
  for (const c of cells) {
    if (channel !== ALL_CHANNELS && channelKey(c.channel) !== channel) continue;
    if (c.weekday < 1 || c.weekday > 7 || c.hour < 0 || c.hour > 23) continue;
    period[c.weekday - 1]![c.hour]! += c.count;
    previousYear[c.weekday - 1]![c.hour]! += c.previousYear;
    total.period += c.count;
    total.previousYear += c.previousYear;
  }
  let max = 0;
  let first: number = USUAL_HOURS.from;
  let last: number = USUAL_HOURS.to;
  for (const grid of [period, previousYear]) {
    for (const row of grid) {
      row.forEach((v, hour) => {
        if (v <= 0) return;
        max = Math.max(max, v);
        first = Math.min(first, hour);
        last = Math.max(last, hour);
      });
    }
  }
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return { period, previousYear, max, hours, total };
}

/** The hours left out of the map (none had contacts), as ranges of whole hours: [[0, 7], [21, 24]] means 0–7 and 21–24. */
export function hiddenHours(hours: readonly number[]): [number, number][] {
  if (hours.length === 0) return [[0, 24]];
  const ranges: [number, number][] = [];
  const first = hours[0]!;
  const last = hours[hours.length - 1]!;
  if (first > 0) ranges.push([0, first]);
  if (last < 23) ranges.push([last + 1, 24]);
  return ranges;
}

/** The five shades, pale to dark; step 0 (no contacts) is white. */
export const HEAT_STEPS = ['#ffffff', '#e6eef8', '#b9cfea', '#7fa3d5', '#3d6aa8', '#003479'] as const;
export const HEAT_TEXT = { dark: '#212121', light: '#ffffff', none: '#5f686d' } as const;
export const HEAT_LEVELS = HEAT_STEPS.length - 1;

/** A value's step: 0 for none, else 1–5 by its share of the largest (the largest is always 5). */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((HEAT_LEVELS * value) / max)));
}

/** The whole numbers each step covers for a largest value `max`; steps no whole number falls in are left out. */
export function heatLegend(max: number): { level: number; from: number; to: number }[] {
  const steps: { level: number; from: number; to: number }[] = [];
  for (let level = 1; level <= HEAT_LEVELS; level++) {
    const from = Math.floor((max * (level - 1)) / HEAT_LEVELS) + 1;
    const to = Math.floor((max * level) / HEAT_LEVELS);
    if (from <= to) steps.push({ level, from, to });
  }
  return steps;
}

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (c: number) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(n >> 16) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG 2.1's contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** The text colour of a step: white on the dark ones, the dark text colour on the pale ones, grey on none. */
export function heatText(level: number): string {
  if (level === 0) return HEAT_TEXT.none;
  const bg = HEAT_STEPS[level]!;
  return contrast(bg, HEAT_TEXT.light) > contrast(bg, HEAT_TEXT.dark) ? HEAT_TEXT.light : HEAT_TEXT.dark;
}
