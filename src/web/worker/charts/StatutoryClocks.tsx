import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import type { Lang } from '../../lib/i18n';
import { useReferenceData } from '../reference-data';
import { formatPeriod, metShare, statisticsFormat } from '../statistics-format';
import type { MonthlyStatistics } from '../../../server/features/statistics/statistics.schemas';

type Statutory = MonthlyStatistics['statutory'];
type Counts = Pick<Statutory, 'started' | 'met' | 'missed' | 'pending' | 'cancelled'>;
const COUNTS = ['started', 'met', 'missed', 'pending', 'cancelled'] as const;

interface ClockRow { key: string; label: string; counts: Counts }

/**
 * The statutory clocks (issue 15, part 2): referrals sent in the period with a legal time limit
 * (SHL 36 §, LsL 26 §, TL 51 §) and whether the receiving unit reached the client by it, for all
 * (beside the same dates a year earlier), per legal basis, per channel and per phone line. Each
 * table: started, met, missed, pending, cancelled and the share met of those decided, met ÷ (met
 * + missed), "–" while none is. The law is named as its own language cites it (SHL / SvL / Social
 * Welfare Act). Cells carry data-qa as the promise tables do: `statutory-<basis>-met`,
 * `statutory-by-channel-<code>-met`, `statutory-all-period-met`.
 */
export function StatutoryClocks({ m }: { m: MonthlyStatistics }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const f = statisticsFormat(lang);
  const s = m.statutory;
  const table = (qa: string, rowQa: (key: string) => string, caption: string, head: string, rows: ClockRow[]) => (
    <table className="data statutory" data-qa={qa}>
      <caption><strong>{caption}</strong></caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          {COUNTS.map((c) => <th key={c} scope="col" className="num">{t(`supervisor.statutory.cols.${c}`)}</th>)}
          <th scope="col" className="num">{t('supervisor.statutory.cols.share')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && <tr><td colSpan={COUNTS.length + 2} data-qa={`${qa}-none`}>{t('supervisor.statutory.none')}</td></tr>}
        {rows.map((r) => (
          <tr key={r.key} data-qa={rowQa(r.key)}>
            <th scope="row">{r.label}</th>
            {COUNTS.map((c) => <td key={c} className="num" data-qa={`${rowQa(r.key)}-${c}`}>{f.int(r.counts[c])}</td>)}
            <td className="num" data-qa={`${rowQa(r.key)}-share`}>{f.pct(metShare(r.counts))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const coded = (rows: Statutory['byChannel'], label: (code: string) => string, none: string): ClockRow[] =>
    rows.map((r) => ({ key: r.code ?? 'none', label: r.code ? label(r.code) : none, counts: r }));
  return (
    <section className="panel" aria-labelledby="statutory-title" data-qa="statutory">
      <Heading variant="h3" id="statutory-title">{t('supervisor.statutory.title')}</Heading>
      <p className="hint">{t('supervisor.statutory.hint')}</p>
      {table('statutory-all', (k) => `statutory-all-${k}`, t('supervisor.statutory.all'), t('supervisor.statutory.period'), [
        { key: 'period', label: formatPeriod(m.month, lang), counts: s },
        { key: 'previous', label: formatPeriod(m.previousYearMonth, lang), counts: s.previousYear },
      ])}
      <div className="columns statutory-columns">
        {table('statutory-by-basis', (k) => `statutory-${k}`, t('supervisor.statutory.byBasis'), t('supervisor.statutory.basis'),
          s.byBasis.map((b) => ({ key: b.basis, label: t(`supervisor.statutory.bases.${b.basis}`), counts: b })))}
        {table('statutory-by-channel', (k) => `statutory-by-channel-${k}`, t('supervisor.statutory.byChannel'), t('supervisor.channel'),
          coded(s.byChannel, (c) => ref.label('channel', c), t('supervisor.noChannel')))}
        {table('statutory-by-line', (k) => `statutory-by-line-${k}`, t('supervisor.statutory.byLine'), t('contact.line'),
          coded(s.byLine, (c) => ref.lineLabel(c), t('supervisor.noLine')))}
      </div>
    </section>
  );
}
