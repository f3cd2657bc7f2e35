import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { formatDateTime } from '../lib/i18n';
import { linkProps, useHistoryState } from '../lib/router';
import { useReferenceData } from './reference-data';
import { AcuteMark } from './acute';
import { ListSummary, Pager } from './QueuePage';
import { fetchSearch, SEARCH_PAGE_SIZE, searchKey, searchStateQuery } from './SearchBox';
import './queue.css';

/** The search's results (issue 14): what matched, the person's name when identified, status, received, the resident's first line. */
export function SearchPage() {
  const q = searchStateQuery(useHistoryState());
  return <SearchResults key={q} q={q} />;
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const [offset, setOffset] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const results = useQuery({
    queryKey: searchKey(q, offset),
    queryFn: () => fetchSearch(q, offset),
    enabled: q !== '',
    // a search is access-logged: it runs when the worker asks, not again on focus or remount
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
  useEffect(() => { heading.current?.focus(); }, []);
  const data = results.data;

  return (
    <section aria-labelledby="search-title" data-qa="search-page">
      <Heading variant="h1" id="search-title" ref={heading} tabIndex={-1}>{t('queueDay.search.resultsTitle')}</Heading>
      {!q && <p data-qa="search-no-query">{t('queueDay.search.noQuery')}</p>}
      {q && <p data-qa="search-for">{t('queueDay.search.resultsFor', { q })}</p>}
      {results.isError && <p className="notice error" data-qa="search-failed">{t('queueDay.search.failed')}</p>}
      {data && data.total === 0 && <p data-qa="search-none">{t('queueDay.search.none')}</p>}
      {data && data.items.length > 0 && (
        <>
          <ListSummary page={data} kind="search" qa="search-total" />
          <div className="queue-scroll" role="region" aria-label={t('queueDay.search.resultsTitle')} tabIndex={0}>
            <table className="queue" data-qa="search-results">
              <thead>
                <tr>
                  <th scope="col">{t('queue.colReference')}</th><th scope="col">{t('queueDay.search.colMatch')}</th><th scope="col">{t('queueDay.search.colPerson')}</th>
                  <th scope="col">{t('queue.colStatus')}</th><th scope="col">{t('queueDay.search.colReceived')}</th><th scope="col">{t('queue.colChannel')}</th>
                  <th scope="col">{t('queueDay.colPreview')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id} className={c.acute ? 'acute' : undefined} data-qa={`search-row-${c.reference}`}>
                    <td>
                      <a {...linkProps(`/tyo/yhteydenotot/${c.id}`)} className="reference" data-qa="search-open">{c.reference}</a>
                      {c.acute && <AcuteMark reasons={c.acuteReasons} triggerWords={c.acuteTriggerWords} qa="search-acute" />}
                    </td>
                    <td data-qa="search-match">{c.match ? t(`queueDay.search.match.${c.match}`) : '–'}</td>
                    <td data-qa="search-person">{c.personName ?? '–'}</td>
                    <td data-qa="search-status">{t(`queue.statusNames.${c.status}`)}</td>
                    <td className="nowrap">{formatDateTime(c.receivedAt, ref.lang)}</td>
                    <td>{ref.label('channel', c.channel)}</td>
                    <td className="queue-preview"><span data-qa="search-preview">{c.preview ?? '–'}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data} size={SEARCH_PAGE_SIZE} onOffset={setOffset} qa="search-pager" />
        </>
      )}
    </section>
  );
}
