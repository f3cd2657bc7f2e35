/**
 * What a statistics chart draws, apart from how (issue 15): rows of categories, each with one value
 * per series. The figure (ChartFigure), its data table and its summary for screen readers read this
 * model in the staff app's main bundle; only the graphic (BarsGraphic, the chart library) is loaded
 * lazily, when the statistics are on screen.
 *
 * Colours: the Suomi.fi blue #003479 for the period (11.9:1 on white) and the Okabe–Ito vermillion
 * #D55E00 for the comparison (3.9:1 on white, 3.1:1 against the blue beside it), told apart for
 * every kind of colour vision; the comparison's bars are hatched as well, the legend shows the
 * pattern, and the values are written at the bars, so colour is never the only cue.
 */
export type SeriesLook = 'solid' | 'hatched';
export interface ChartSeries { name: string; look: SeriesLook }
export interface ChartRow { key: string; label: string; values: (number | null)[] }

export interface BarsModel {
  rows: ChartRow[];
  series: ChartSeries[];
  /** horizontal: bars grow to the right, the categories' names on the left (long names); vertical: columns (hours, days) */
  orientation: 'horizontal' | 'vertical';
  /** series stacked into one bar (parts of a whole: answered + not answered = offered) */
  stacked?: boolean;
  /** how a value is written at its bar and on the axis */
  format: (v: number) => string;
  /** the value axis' end (1 for shares); default: the data's */
  max?: number;
  /** a line across the bars: the target */
  reference?: { value: number; label: string };
  /** the values written at the bars (default true); off where the columns are too many to label */
  valueLabels?: boolean;
  /** the category axis' short label of a row (vertical charts: "9", "ma") */
  tickLabel?: (row: ChartRow) => string;
}

export const COLOURS = {
  current: '#003479',
  comparison: '#D55E00',
  text: '#212121',
  grid: '#c8cdd0',
  axis: '#6b6b6b',
} as const;

export const fillOf = (look: SeriesLook): string => (look === 'solid' ? COLOURS.current : COLOURS.comparison);
