import { Component, lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fillOf, type BarsModel, type SeriesLook } from './chart-model';

/** The chart library, fetched only when a chart is first on screen (its own chunk). */
const BarsGraphic = lazy(() => import('./BarsGraphic'));

/** A chunk that fails to load (a deploy in between, the network): the table still has the figures. */
class GraphicBoundary extends Component<{ fallback: ReactNode; onError: () => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() { return { failed: true }; }
  override componentDidCatch() { this.props.onError(); }
  override render() { return this.state.failed ? this.props.fallback : this.props.children; }
}

/** The legend's swatch: the series' colour and pattern, as on the bars. */
function Swatch({ look }: { look: SeriesLook }) {
  const pattern = `legend-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg width="18" height="14" viewBox="0 0 18 14" className="chart-swatch">
      {look === 'hatched' && (
        <defs>
          <pattern id={pattern} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
            <rect width={6} height={6} fill={fillOf('hatched')} />
            <line x1={0} y1={0} x2={0} y2={6} stroke="#ffffff" strokeWidth={2} />
          </pattern>
        </defs>
      )}
      <rect x="0.5" y="0.5" width="17" height="13" fill={look === 'solid' ? fillOf('solid') : `url(#${pattern})`} stroke={fillOf(look)} />
    </svg>
  );
}

/** What the chart shows, in words, for its role="img": each row with its values, the empty rows left out. */
function useSummary(title: string, model: BarsModel, format: (v: number | null) => string): string {
  const { t } = useTranslation();
  const rows = model.rows.filter((r) => r.values.some((v) => v !== null && v !== 0));
  if (rows.length === 0) return `${title}. ${t('supervisor.charts.noData')}`;
  const shown = rows.slice(0, 8).map((r) => `${r.label}: ${model.series.map((s, i) => `${s.name} ${format(r.values[i] ?? null)}`).join(', ')}`);
  const more = rows.length > 8 ? ` ${t('supervisor.charts.summaryMore', { n: rows.length - 8 })}` : '';
  return `${title}. ${shown.join('; ')}.${more}`;
}

export interface ChartFigureProps {
  qa: string;
  title: string;
  model: BarsModel;
  /** the first column's heading of the data table (Kanava, Tunti, Linja…) */
  categoryHeader: string;
  /** how the table and the summary write a value (default: the chart's own format; null: "–") */
  tableFormat?: (v: number | null) => string;
  hint?: ReactNode;
}

/**
 * One statistics chart (issue 15): a visible title, the legend (colour and pattern), the graphic
 * as one image named by a summary of its figures (role="img", aria-label; the SVG inside is
 * presentational), and a "show as table" button (aria-expanded) that opens the same figures as a
 * table, keyboard reachable like any button. The graphic's chunk loads on first use; until then,
 * and if it fails, the table is there.
 */
export function ChartFigure({ qa, title, model, categoryHeader, tableFormat, hint }: ChartFigureProps) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const format = tableFormat ?? ((v: number | null) => (v === null ? '–' : model.format(v)));
  const summary = useSummary(title, model, format);
  const empty = model.rows.every((r) => r.values.every((v) => v === null || v === 0));
  const tableShown = open || failed;
  return (
    <figure className={`chart chart-${model.orientation}`} data-qa={qa} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">{title}</figcaption>
      {hint && <p className="hint">{hint}</p>}
      {empty
        ? <p data-qa={`${qa}-empty`}>{t('supervisor.charts.noData')}</p>
        : (
          <div className="chart-graphic" role="img" aria-label={summary} data-qa={`${qa}-graphic`}>
            {model.series.length > 1 && (
              <ul className="chart-legend">
                {model.series.map((s) => <li key={s.name}><Swatch look={s.look} /> {s.name}</li>)}
              </ul>
            )}
            <GraphicBoundary fallback={<p className="hint">{t('supervisor.charts.failed')}</p>} onError={() => setFailed(true)}>
              <Suspense fallback={<p className="chart-loading">{t('supervisor.charts.loading')}</p>}>
                <BarsGraphic model={model} />
              </Suspense>
            </GraphicBoundary>
          </div>
        )}
      {!empty && (
        <button type="button" className="chart-toggle" aria-expanded={tableShown} aria-controls={`${id}-table`} onClick={() => setOpen(!tableShown)} data-qa={`${qa}-toggle`}>
          {tableShown ? t('supervisor.charts.hideTable') : t('supervisor.charts.showTable')}
        </button>
      )}
      <div id={`${id}-table`} className="chart-table" hidden={!tableShown || empty}>
        <table className="data" data-qa={`${qa}-table`}>
          <caption><strong>{title}</strong></caption>
          <thead>
            <tr><th scope="col">{categoryHeader}</th>{model.series.map((s) => <th key={s.name} scope="col" className="num">{s.name}</th>)}</tr>
          </thead>
          <tbody>
            {model.rows.map((r) => (
              <tr key={r.key} data-qa={`${qa}-row-${r.key}`}>
                <th scope="row">{r.label}</th>
                {r.values.map((v, i) => <td key={i} className="num" data-qa={`${qa}-row-${r.key}-${i}`}>{format(v)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
