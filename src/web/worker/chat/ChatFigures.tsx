import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { localeOf, type Lang } from '../../lib/i18n';
import { useReferenceData } from '../reference-data';
import { formatPeriod, statisticsFormat } from '../statistics-format';
import type { MonthlyStatistics } from '../../../server/features/statistics/statistics.schemas';
import { ensureChatMessages } from './messages';
import './chat.css';

type Scores = { count: number; meanScore: number | null };
interface ScoreRow { key: string; label: string; figures: Scores }

/**
 * The period's chats and client feedback (issue 16) as tables, as the statutory clocks are shown:
 * chats started, answered, left waiting, timed out, turned into callbacks, acute, and the wait
 * (mean, median, 90th percentile) beside a year earlier where the server gives it; feedback's count
 * and mean score beside a year earlier, by score, by channel and by line. Cells carry data-qa:
 * `chat-figures-<row>-period`, `feedback-all-period-count`, `feedback-by-channel-<code>-mean`.
 * Never a feedback text here: those are listed apart (FeedbackComments), without the figures' rows.
 */
export function ChatFigures({ m }: { m: MonthlyStatistics }) {
  const { t, i18n } = useTranslation();
  ensureChatMessages(i18n);
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const f = statisticsFormat(lang);
  const mean = new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  const meanText = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : mean.format(v));
  const c = m.chat;
  const fb = m.feedback;
  const period = formatPeriod(m.month, lang);
  const previous = formatPeriod(m.previousYearMonth, lang);

  const chatRows: { key: string; label: string; value: string; previous: string }[] = c ? [
    { key: 'started', label: t('staffChat.figures.rows.started'), value: f.int(c.started), previous: f.int(c.previousYear.started) },
    { key: 'answered', label: t('staffChat.figures.rows.answered'), value: f.int(c.answered), previous: f.int(c.previousYear.answered) },
    { key: 'left-waiting', label: t('staffChat.figures.rows.leftWaiting'), value: f.int(c.leftWaiting), previous: '–' },
    { key: 'timed-out', label: t('staffChat.figures.rows.timedOut'), value: f.int(c.timedOut), previous: '–' },
    { key: 'callbacks', label: t('staffChat.figures.rows.callbacks'), value: f.int(c.callbacks), previous: '–' },
    { key: 'acute', label: t('staffChat.figures.rows.acute'), value: f.int(c.acute), previous: '–' },
    { key: 'wait-mean', label: t('staffChat.figures.rows.waitMean'), value: f.seconds(c.waitSeconds.mean), previous: '–' },
    { key: 'wait-median', label: t('staffChat.figures.rows.waitMedian'), value: f.seconds(c.waitSeconds.median), previous: '–' },
    { key: 'wait-p90', label: t('staffChat.figures.rows.waitP90'), value: f.seconds(c.waitSeconds.p90), previous: '–' },
  ] : [];

  const scoreTable = (qa: string, caption: string, head: string, rows: ScoreRow[]) => (
    <table className="data" data-qa={qa}>
      <caption><strong>{caption}</strong></caption>
      <thead>
        <tr><th scope="col">{head}</th><th scope="col" className="num">{t('staffChat.figures.count')}</th><th scope="col" className="num">{t('staffChat.figures.mean')}</th></tr>
      </thead>
      <tbody>
        {rows.length === 0 && <tr><td colSpan={3} data-qa={`${qa}-none`}>{t('staffChat.figures.none')}</td></tr>}
        {rows.map((r) => (
          <tr key={r.key} data-qa={`${qa}-${r.key}`}>
            <th scope="row">{r.label}</th>
            <td className="num" data-qa={`${qa}-${r.key}-count`}>{f.int(r.figures.count)}</td>
            <td className="num" data-qa={`${qa}-${r.key}-mean`}>{meanText(r.figures.meanScore)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <>
      {c && (
        <section className="panel" aria-labelledby="chat-figures-title" data-qa="chat-figures">
          <Heading variant="h3" id="chat-figures-title">{t('staffChat.figures.chatTitle')}</Heading>
          <p className="hint">{t('staffChat.figures.chatHint')}</p>
          <table className="data" data-qa="chat-figures-table">
            <caption className="visually-hidden">{t('staffChat.figures.chatTitle')}</caption>
            <thead>
              <tr><th scope="col">{t('staffChat.figures.measure')}</th><th scope="col" className="num">{period}</th><th scope="col" className="num">{previous}</th></tr>
            </thead>
            <tbody>
              {chatRows.map((r) => (
                <tr key={r.key} data-qa={`chat-figures-${r.key}`}>
                  <th scope="row">{r.label}</th>
                  <td className="num" data-qa={`chat-figures-${r.key}-period`}>{r.value}</td>
                  <td className="num" data-qa={`chat-figures-${r.key}-previous`}>{r.previous}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {fb && (
        <section className="panel" aria-labelledby="feedback-figures-title" data-qa="feedback-figures">
          <Heading variant="h3" id="feedback-figures-title">{t('staffChat.figures.feedbackTitle')}</Heading>
          <p className="hint">{t('staffChat.figures.feedbackHint')}</p>
          <div className="stats">
            <div><strong data-qa="feedback-count">{f.int(fb.count)}</strong>{t('staffChat.figures.count')}</div>
            <div><strong data-qa="feedback-mean">{meanText(fb.meanScore)}</strong>{t('staffChat.figures.mean')}</div>
            <div><strong data-qa="feedback-invited">{f.int(fb.invited)}</strong>{t('staffChat.figures.invited')}</div>
            <div><strong data-qa="feedback-with-text">{f.int(fb.withText)}</strong>{t('staffChat.figures.withText')}</div>
          </div>
          {scoreTable('feedback-all', t('staffChat.figures.feedbackAll'), t('supervisor.statutory.period'), [
            { key: 'period', label: period, figures: fb },
            { key: 'previous', label: previous, figures: fb.previousYear },
          ])}
          <div className="columns">
            <table className="data" data-qa="feedback-by-score">
              <caption><strong>{t('staffChat.figures.byScore')}</strong></caption>
              <thead><tr><th scope="col">{t('staffChat.figures.score')}</th><th scope="col" className="num">{t('staffChat.figures.count')}</th></tr></thead>
              <tbody>
                {fb.byScore.map((s) => (
                  <tr key={s.score} data-qa={`feedback-score-${s.score}`}>
                    <th scope="row">{t('staffChat.figures.scoreRow', { score: s.score })}</th>
                    <td className="num" data-qa={`feedback-score-${s.score}-count`}>{f.int(s.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {scoreTable('feedback-by-channel', t('staffChat.figures.byChannel'), t('supervisor.channel'),
              fb.byChannel.map((r) => ({ key: r.channel, label: ref.label('channel', r.channel), figures: r })))}
            {scoreTable('feedback-by-line', t('staffChat.figures.byLine'), t('contact.line'),
              fb.byLine.map((r) => ({ key: r.line ?? 'none', label: r.line ? ref.lineLabel(r.line) : t('supervisor.noLine'), figures: r })))}
          </div>
        </section>
      )}
    </>
  );
}
