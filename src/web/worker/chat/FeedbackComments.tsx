import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, problemMessage } from '../../lib/api';
import { Notice, SelectField } from '../../lib/fields';
import type { Lang } from '../../lib/i18n';
import { useReferenceData } from '../reference-data';
import { formatPeriod, statisticsFormat } from '../statistics-format';
import type { FeedbackComments as Comments } from '../../../server/features/feedback/feedback.schemas';
import { ensureChatMessages } from './messages';
import './chat.css';

const PAGE = 20;

/**
 * "Palautteiden tekstit" (issue 16): what residents wrote in their feedback in the statistics'
 * period (`GET /api/statistics/feedback-comments`), newest month first, with the month, channel,
 * line and score only — never a reference, a name or a day, and nothing else on the row.
 */
export function FeedbackComments({ from, to }: { from: string; to: string }) {
  const { t, i18n } = useTranslation();
  ensureChatMessages(i18n);
  const lang = i18n.language as Lang;
  const f = statisticsFormat(lang);
  const ref = useReferenceData();
  const [channel, setChannel] = useState('');
  const [line, setLine] = useState('');
  const [offset, setOffset] = useState(0);
  const params = new URLSearchParams({ from, to, limit: String(PAGE), offset: String(offset) });
  if (channel) params.set('channel', channel);
  if (line) params.set('line', line);
  const comments = useQuery({
    queryKey: ['feedback-comments', params.toString()],
    queryFn: () => api<Comments>(`/api/statistics/feedback-comments?${params}`, { lang }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const c = comments.data;
  const pick = (set: (v: string) => void) => (v: string) => { set(v); setOffset(0); };
  const hasPrevious = offset > 0;
  const hasNext = !!c && offset + c.items.length < c.total;

  return (
    <section className="panel" aria-labelledby="feedback-comments-title" data-qa="feedback-comments">
      <Heading variant="h3" id="feedback-comments-title">{t('staffChat.comments.title')}</Heading>
      <p className="hint">{t('staffChat.comments.hint')}</p>
      <div className="form-grid" role="group" aria-label={t('staffChat.comments.filters')}>
        <SelectField id="feedback-comments-channel" label={t('staffChat.comments.channel')} value={channel} onChange={pick(setChannel)} empty={t('staffChat.comments.allChannels')}
          options={ref.options('channel')} />
        <SelectField id="feedback-comments-line" label={t('staffChat.comments.line')} value={line} onChange={pick(setLine)} empty={t('staffChat.comments.allLines')}
          options={ref.lineOptions} />
      </div>
      {comments.isError && <Notice kind="error" qa="feedback-comments-failed">{problemMessage(comments.error, t('staffChat.comments.failed'))}</Notice>}
      {c && (
        <>
          <p data-qa="feedback-comments-total">{t('staffChat.comments.total', { count: c.total, from: c.items.length ? offset + 1 : 0, to: offset + c.items.length })}</p>
          <table className="data feedback-comments" data-qa="feedback-comments-table">
            <caption className="visually-hidden">{t('staffChat.comments.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffChat.comments.month')}</th><th scope="col">{t('staffChat.comments.channel')}</th><th scope="col">{t('staffChat.comments.line')}</th>
                <th scope="col" className="num">{t('staffChat.comments.score')}</th><th scope="col">{t('staffChat.comments.text')}</th>
              </tr>
            </thead>
            <tbody>
              {c.items.length === 0 && <tr><td colSpan={5} data-qa="feedback-comments-none">{t('staffChat.comments.none')}</td></tr>}
              {c.items.map((item, i) => (
                <tr key={`${offset + i}`} data-qa="feedback-comment">
                  <td className="nowrap">{formatPeriod(item.month, lang)}</td>
                  <td>{ref.label('channel', item.channel)}</td>
                  <td>{item.line ? ref.lineLabel(item.line) : t('staffChat.comments.noLine')}</td>
                  <td className="num" data-qa="feedback-comment-score">{f.int(item.score)}</td>
                  <td className="text" lang={item.lang} data-qa="feedback-comment-text">{item.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(hasPrevious || hasNext) && (
            <nav className="pager" aria-label={t('staffChat.comments.paging')} data-qa="feedback-comments-pager">
              <Button variant="secondary" disabled={!hasPrevious} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-qa="feedback-comments-previous">{t('staffChat.comments.previous', { n: PAGE })}</Button>
              <Button variant="secondary" disabled={!hasNext} onClick={() => setOffset(offset + PAGE)} data-qa="feedback-comments-next">{t('staffChat.comments.next', { n: PAGE })}</Button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
