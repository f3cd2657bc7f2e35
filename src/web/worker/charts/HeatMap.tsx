import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../lib/i18n';
import { useReferenceData } from '../reference-data';
import { formatPeriod, statisticsFormat, weekdayName, weekdayShort } from '../statistics-format';
import type { MonthlyStatistics } from '../../../server/features/statistics/statistics.schemas';
import {
  ALL_CHANNELS, channelKey, HEAT_STEPS, heatGrid, heatLegend, heatLevel, heatText, hiddenHours, NO_CHANNEL, WEEKDAYS, type HeatPeriod,
} from './heat-map-model';

export interface HeatMapProps {
  m: MonthlyStatistics;
  qa: string;
  title: string;
  /** one channel only, with no channel to choose (the emergency department's own map) */
  channel?: string;
}

/**
 * When contacts arrived, weekday by hour (issue 15): an HTML table, weekdays as rows and hours as
 * columns, each cell its number of contacts, shaded by a one-hue scale (heat-map-model.ts). A
 * select chooses the channel (all, summed, or one of those with contacts) unless the map is for
 * one channel, and another the period or the same dates a year earlier; both periods share one
 * scale. The hours 7–20 are always columns, widened to every hour with contacts, so no non-zero
 * cell is ever hidden. The abbreviated headers carry their full names for screen readers; a table
 * wider than the screen scrolls in its own region, which the keyboard reaches (tabIndex 0).
 */
export function HeatMap({ m, qa, title, channel: fixedChannel }: HeatMapProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const f = statisticsFormat(lang);
  const id = useId();
  const [chosen, setChosen] = useState(ALL_CHANNELS);
  const [period, setPeriod] = useState<HeatPeriod>('period');

  const channelName = (key: string) => (key === ALL_CHANNELS
    ? t('supervisor.charts.heatAllChannels')
    : key === NO_CHANNEL ? t('supervisor.noChannel') : ref.label('channel', key));
  const present = [...new Set(m.weekdayHour.map((c) => channelKey(c.channel)))]
    .sort((a, b) => channelName(a).localeCompare(channelName(b), lang));
  // a channel chosen before the figures changed (another period, a filter) and no longer there: all channels
  const channel = fixedChannel ?? (present.includes(chosen) ? chosen : ALL_CHANNELS);
  const grid = heatGrid(m.weekdayHour, channel);
  const values = grid[period];
  const periodName = formatPeriod(period === 'period' ? m.month : m.previousYearMonth, lang);
  const caption = t('supervisor.charts.heatCaption', { channel: channelName(channel), period: periodName });
  const hidden = hiddenHours(grid.hours).map(([from, to]) => t('supervisor.charts.hourRow', { from, to }));
  const empty = grid.total.period === 0 && grid.total.previousYear === 0;

  return (
    <figure className="chart heat" data-qa={qa} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">{title}</figcaption>
      <div className="heat-controls">
        {fixedChannel === undefined && (
          <div className="field">
            <label htmlFor={`${id}-channel`}>{t('supervisor.charts.heatChannel')}</label>
            <select id={`${id}-channel`} value={channel} onChange={(e) => setChosen(e.target.value)} data-qa={`${qa}-channel`}>
              <option value={ALL_CHANNELS}>{t('supervisor.charts.heatAllChannels')}</option>
              {present.map((key) => <option key={key} value={key}>{channelName(key)}</option>)}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-period`}>{t('supervisor.charts.heatPeriod')}</label>
          <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value as HeatPeriod)} data-qa={`${qa}-period`}>
            <option value="period">{formatPeriod(m.month, lang)}</option>
            <option value="previousYear">{formatPeriod(m.previousYearMonth, lang)}</option>
          </select>
        </div>
      </div>
      {empty
        ? <p data-qa={`${qa}-empty`}>{t('supervisor.charts.heatNone')}</p>
        : (
          <>
            <p className="hint">
              {t('supervisor.charts.heatHint')}
              {hidden.length > 0 && <> {t('supervisor.charts.heatHidden', { hours: hidden.join(', ') })}</>}
            </p>
            <div className="heat-scroll" role="region" tabIndex={0} aria-label={t('supervisor.charts.heatRegion', { caption: `${title}, ${caption}` })} data-qa={`${qa}-region`}>
              <table className="heat-map" data-qa={`${qa}-table`}>
                <caption data-qa={`${qa}-caption`}><span className="heat-caption"><span className="visually-hidden">{title}: </span>{caption}</span></caption>
                <thead>
                  <tr>
                    <th scope="col"><span className="visually-hidden">{t('supervisor.charts.heatCorner')}</span></th>
                    {grid.hours.map((h) => (
                      <th key={h} scope="col" className="num">
                        <span aria-hidden="true">{h}</span>
                        <span className="visually-hidden">{t('supervisor.charts.hourRow', { from: h, to: h + 1 })}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {WEEKDAYS.map((w) => (
                    <tr key={w} data-qa={`${qa}-row-${w}`}>
                      <th scope="row">
                        <span aria-hidden="true">{weekdayShort(w, lang)}</span>
                        <span className="visually-hidden">{weekdayName(w, lang)}</span>
                      </th>
                      {grid.hours.map((h) => {
                        const v = values[w - 1]![h]!;
                        const level = heatLevel(v, grid.max);
                        return (
                          <td key={h} className={`num heat-${level}`} style={{ backgroundColor: HEAT_STEPS[level], color: heatText(level) }} data-qa={`${qa}-cell-${w}-${h}`}>
                            {f.int(v)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="heat-legend" data-qa={`${qa}-legend`}>
              <span className="heat-legend-title">{t('supervisor.charts.heatLegend')}:</span>
              <ul>
                <li><span className="heat-swatch" style={{ backgroundColor: HEAT_STEPS[0] }} aria-hidden="true" />{t('supervisor.charts.heatLegendNone')}</li>
                {heatLegend(grid.max).map((s) => (
                  <li key={s.level}>
                    <span className="heat-swatch" style={{ backgroundColor: HEAT_STEPS[s.level] }} aria-hidden="true" />
                    {s.from === s.to ? f.int(s.from) : `${f.int(s.from)}–${f.int(s.to)}`}
                  </li>
                ))}
              </ul>
            </div>
          </>
        )}
    </figure>
  );
}
