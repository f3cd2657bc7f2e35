/**
 * The graphic of a statistics chart (issue 15), drawn with Recharts (SVG). Loaded lazily
 * (React.lazy in ChartFigure): only the supervisor's statistics pay for the chart library. The
 * graphic is presentational: its figure carries the title, the legend, the summary (role="img",
 * aria-label) and the data table, so the SVG takes no focus and has no tooltip (Recharts'
 * keyboard layer is off). No animation: the bars stand where they end.
 */
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts';
import { COLOURS, fillOf, type BarsModel, type ChartRow } from './chart-model';

const TICK = { fill: COLOURS.text, fontSize: 14 };
const BAR = 16;

/** A category's name in lines of at most `max` characters, broken between words. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > max) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 3).map((l, i, all) => (i === 2 && all.length < lines.length ? `${l}…` : l));
}

interface TickProps { x?: number | string; y?: number | string; payload?: { value?: unknown } }

/** The name of a horizontal bar's category, right-aligned beside it, wrapped. */
function CategoryTick({ x = 0, y = 0, payload }: TickProps) {
  const lines = wrap(String(payload?.value ?? ''), 22);
  const first = -((lines.length - 1) * 1.15) / 2 + 0.35;
  return (
    <text x={Number(x) - 6} y={Number(y)} textAnchor="end" fill={COLOURS.text} fontSize={14}>
      {lines.map((l, i) => <tspan key={i} x={Number(x) - 6} dy={i === 0 ? `${first}em` : '1.15em'}>{l}</tspan>)}
    </text>
  );
}

export default function BarsGraphic({ model }: { model: BarsModel }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hatch = `hatch-${id}`;
  const { rows, series, orientation, stacked, format, max, reference } = model;
  const labels = model.valueLabels ?? true;
  const horizontal = orientation === 'horizontal';
  const data = rows.map((r: ChartRow) => ({ label: model.tickLabel ? model.tickLabel(r) : r.label, ...Object.fromEntries(r.values.map((v, i) => [`s${i}`, v ?? 0])) }));
  const groups = stacked ? 1 : series.length;
  const height = horizontal ? Math.max(120, rows.length * (groups * (BAR + 4) + 18) + 48) : 260;
  const domain: [number, number | 'auto'] = [0, max ?? 'auto'];
  // a share's axis in quarters: 0 %, 25 %, 50 %, 75 %, 100 %
  const ticks = max === 1 ? [0, 0.25, 0.5, 0.75, 1] : undefined;
  const fill = (look: 'solid' | 'hatched') => (look === 'solid' ? COLOURS.current : `url(#${hatch})`);
  return (
    <BarChart
      data={data} layout={horizontal ? 'vertical' : 'horizontal'} accessibilityLayer={false}
      style={{ width: '100%', maxWidth: horizontal ? 760 : 900, height }} responsive
      margin={{ top: reference ? 24 : 16, right: horizontal ? 64 : 12, bottom: 4, left: horizontal ? 8 : 0 }}
      barGap={2} barCategoryGap={horizontal ? 10 : '18%'} maxBarSize={horizontal ? BAR : 40}
    >
      <defs>
        {/* the comparison: vermillion with white stripes, outlined in vermillion so its edge keeps 3.9:1 on white */}
        <pattern id={hatch} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
          <rect width={6} height={6} fill={COLOURS.comparison} />
          <line x1={0} y1={0} x2={0} y2={6} stroke="#ffffff" strokeWidth={2} />
        </pattern>
      </defs>
      <CartesianGrid stroke={COLOURS.grid} horizontal={!horizontal} vertical={horizontal} />
      {horizontal
        ? (
          <>
            <XAxis type="number" domain={domain} ticks={ticks} tickFormatter={(v: number) => format(v)} tick={TICK} stroke={COLOURS.axis} allowDecimals={max === 1} />
            <YAxis type="category" dataKey="label" width={190} tick={CategoryTick} interval={0} stroke={COLOURS.axis} />
          </>
        )
        : (
          <>
            <XAxis type="category" dataKey="label" tick={TICK} interval={rows.length > 24 ? 'preserveStartEnd' : 0} stroke={COLOURS.axis} />
            <YAxis type="number" domain={domain} ticks={ticks} tickFormatter={(v: number) => format(v)} tick={TICK} width={56} stroke={COLOURS.axis} allowDecimals={max === 1} />
          </>
        )}
      {series.map((s, i) => (
        <Bar
          key={s.name} dataKey={`s${i}`} name={s.name} fill={fill(s.look)} stroke={fillOf(s.look)} strokeWidth={1}
          isAnimationActive={false} {...(stacked ? { stackId: 'all' } : { barSize: horizontal ? BAR : undefined })}
        >
          {labels && !stacked && (
            <LabelList dataKey={`s${i}`} position={horizontal ? 'right' : 'top'} fill={COLOURS.text} fontSize={13}
              formatter={(v: unknown) => (typeof v === 'number' ? format(v) : '')} />
          )}
        </Bar>
      ))}
      {reference && (
        <ReferenceLine
          {...(horizontal ? { x: reference.value } : { y: reference.value })}
          stroke={COLOURS.text} strokeDasharray="6 4" strokeWidth={2} ifOverflow="extendDomain"
          label={{ value: reference.label, position: horizontal ? 'top' : 'insideTopRight', fill: COLOURS.text, fontSize: 13 }}
        />
      )}
    </BarChart>
  );
}
