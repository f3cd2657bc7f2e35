import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, ApiError, newIdempotencyKey } from '../lib/api';
import { formatDate, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import type { QueueItem, QueueResponse } from '../../server/features/contacts/contacts.schemas';
import { useReferenceData } from './reference-data';
import { AcuteMark } from './acute';
import { LIVE_QUERY_KEYS, useLiveOpen, useSafetyPoll } from './live';
import { markQueueViewed, newWorkTone, rememberHolders, unlockNewWorkAudio, useUnseenNewWork } from './NewWork';
import { usePreferences, useSavePreferences } from './preferences';
import { age, compactFilters, queueParams, type QueueStatus, type SavedFilters } from './queue-logic';
import { focusSearch } from './SearchBox';
import { MyChats } from './chat/MyChats';
import { FollowUpsToday, LevelBadge } from './guidance-admin';
import './queue.css';

export const QUEUE_PAGE_SIZE = 50;
const STATUSES: QueueStatus[] = ['new', 'in_progress', 'waiting', 'closed'];
const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "63 avointa, näytetään 1–50" and the previous/next buttons of a list response with `total`. */
export function ListSummary({ page, kind, qa }: { page: Pick<QueueResponse, 'total' | 'totalCapped' | 'offset' | 'items'>; kind: 'open' | 'any' | 'search'; qa: string }) {
  const { t, i18n } = useTranslation();
  const total = page.total.toLocaleString(LOCALES[i18n.language as Lang] ?? 'fi-FI');
  const from = page.items.length ? page.offset + 1 : 0;
  const to = page.offset + page.items.length;
  const key = page.totalCapped ? 'queueDay.totalCapped' : kind === 'search' ? 'queueDay.search.total' : kind === 'open' ? 'queueDay.openTotal' : 'queueDay.anyTotal';
  return <p className="list-summary" data-qa={qa}>{t(key, { count: page.total, total, from, to })}</p>;
}

export function Pager({ page, size, onOffset, qa }: { page: Pick<QueueResponse, 'total' | 'offset' | 'items'>; size: number; onOffset: (offset: number) => void; qa: string }) {
  const { t } = useTranslation();
  const hasPrevious = page.offset > 0;
  const hasNext = page.offset + page.items.length < page.total;
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t('queueDay.paging')} data-qa={qa}>
      <Button variant="secondary" disabled={!hasPrevious} onClick={() => onOffset(Math.max(0, page.offset - size))} data-qa={`${qa}-previous`}>
        {t('queueDay.previousPage', { n: size })}
      </Button>
      <Button variant="secondary" disabled={!hasNext} onClick={() => onOffset(page.offset + size)} data-qa={`${qa}-next`}>
        {t('queueDay.nextPage', { n: size })}
      </Button>
    </nav>
  );
}

/** A contact's age from the server's clock, moved on by this browser's clock since the answer came. */
export function useAgeText() {
  const { t } = useTranslation();
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (receivedAt: string, serverTime: string, fetchedAt: number) => {
    const a = age(receivedAt, Date.parse(serverTime) + (Date.now() - fetchedAt));
    return t(`queueDay.age.${a.unit}`, { n: a.n });
  };
}

type Permission = NotificationPermission | 'unsupported';
const notificationPermission = (): Permission => ('Notification' in window ? Notification.permission : 'unsupported');

export function QueuePage() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const client = useQueryClient();
  const prefsQuery = usePreferences();
  const savePrefs = useSavePreferences();
  const prefsLoaded = prefsQuery.isSuccess;
  const [filters, setFilters] = useState<SavedFilters | null>(null);
  const [offset, setOffset] = useState(0);
  const [active, setActive] = useState(0);
  const [claimStatus, setClaimStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [filterName, setFilterName] = useState('');
  const [filterNameError, setFilterNameError] = useState<string | null>(null);
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const listRef = useRef<HTMLDivElement>(null);
  const live = useLiveOpen();
  const poll = useSafetyPoll();
  const unseen = useUnseenNewWork();
  const ageText = useAgeText();

  // the worker's saved filters are applied on open (or none, when they cannot be read)
  useEffect(() => {
    if (filters === null && !prefsQuery.isPending) setFilters(prefsQuery.data?.queueFilters ?? {});
  }, [filters, prefsQuery.isPending, prefsQuery.data]);

  const params = queueParams(filters ?? {}, { offset, limit: QUEUE_PAGE_SIZE });
  const queue = useQuery({
    queryKey: [...LIVE_QUERY_KEYS.queue, params.toString()],
    queryFn: () => api<QueueResponse>(`/api/contacts?${params}`),
    enabled: filters !== null,
    refetchInterval: poll, // the event stream refreshes the queue; a slow poll only while it is down
    placeholderData: keepPreviousData,
  });
  const data = queue.data;
  useEffect(() => { if (data) rememberHolders(data.items); }, [data]);
  // a page emptied by others' work (claims, closes): back to the last page that has rows
  useEffect(() => {
    if (data && data.items.length === 0 && data.offset > 0) setOffset(Math.max(0, Math.floor((data.total - 1) / QUEUE_PAGE_SIZE) * QUEUE_PAGE_SIZE));
  }, [data]);

  // the worker views the queue: on opening it, on coming back to its tab, on using it
  useEffect(() => {
    markQueueViewed();
    const onVisible = () => { if (document.visibilityState === 'visible') markQueueViewed(); };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', markQueueViewed);
    return () => { document.removeEventListener('visibilitychange', onVisible); window.removeEventListener('focus', markQueueViewed); };
  }, []);

  const prefs = prefsQuery.data;
  const changeFilters = (next: SavedFilters) => {
    const compact = compactFilters(next);
    setFilters(compact);
    setOffset(0);
    setActive(0);
    if (prefs) savePrefs.mutate({ ...prefs, queueFilters: compact });
  };
  const current = filters ?? {};
  const setText = (key: 'line' | 'region' | 'channel') => (e: React.ChangeEvent<HTMLSelectElement>) => changeFilters({ ...current, [key]: e.target.value || undefined });
  const setStatus = (e: React.ChangeEvent<HTMLSelectElement>) => changeFilters({ ...current, status: e.target.value ? [e.target.value as QueueStatus] : undefined });
  const setFlag = (key: 'mine' | 'overdue') => (e: React.ChangeEvent<HTMLInputElement>) => changeFilters({ ...current, [key]: e.target.checked || undefined });

  const saveNamed = (e: React.FormEvent) => {
    e.preventDefault();
    if (!prefs) return;
    const name = filterName.trim();
    if (!name) { setFilterNameError(t('queueDay.nameRequired')); return; }
    const others = prefs.savedFilters.filter((s) => s.name !== name);
    if (others.length >= 20) { setFilterNameError(t('queueDay.tooMany')); return; }
    setFilterNameError(null);
    savePrefs.mutate({ ...prefs, savedFilters: [...others, { name, filters: compactFilters(current) }] }, { onSuccess: () => setFilterName('') });
  };
  const removeNamed = (name: string) => { if (prefs) savePrefs.mutate({ ...prefs, savedFilters: prefs.savedFilters.filter((s) => s.name !== name) }); };

  const setSound = (on: boolean) => {
    if (!prefs) return;
    if (on) { unlockNewWorkAudio(); newWorkTone(); }
    savePrefs.mutate({ ...prefs, notifySound: on });
  };
  const setDesktop = async (on: boolean) => {
    if (!prefs) return;
    if (on) {
      if (!('Notification' in window)) { setPermission('unsupported'); return; }
      const answer = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission(); // asked on the worker's click
      setPermission(answer);
      if (answer !== 'granted') return;
    }
    savePrefs.mutate({ ...prefs, notifyDesktop: on });
  };

  const claim = async (item: QueueItem) => {
    try {
      await api(`/api/contacts/${item.id}/claim`, { method: 'POST', idempotencyKey: newIdempotencyKey() });
      setClaimStatus({ text: t('queueDay.claimed', { reference: item.reference }), error: false });
    } catch (err) {
      const holder = err instanceof ApiError && err.problem.code === 'claimed_by_other' ? (err.problem as { holder?: { name?: string } }).holder?.name : undefined;
      setClaimStatus({ text: holder ? t('queueDay.claimedByOther', { name: holder, reference: item.reference }) : t('queueDay.claimFailed', { reference: item.reference }), error: true });
    }
    await client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.queue });
  };

  const links = () => [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-queue-row]') ?? [])];
  const focusRow = (index: number) => {
    const all = links();
    if (!all.length) return;
    const i = Math.max(0, Math.min(all.length - 1, index));
    setActive(i);
    all[i]!.focus();
  };
  /** Single-character keys only while the queue list has focus (WCAG 2.1.4); with a modifier they are the browser's. */
  const onListKey = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || !data) return;
    const index = links().indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'ArrowDown' || e.key === 'j') focusRow(index < 0 ? active : index + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') focusRow(index < 0 ? active : index - 1);
    else if (e.key === 'c' && index >= 0) void claim(data.items[index]!);
    else if (e.key === '/') focusSearch();
    else return;
    e.preventDefault();
  };

  const select = (id: string, label: string, value: string | undefined, onChange: (e: React.ChangeEvent<HTMLSelectElement>) => void, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${id}`}>{label}</label>
      <select id={`filter-${id}`} value={value ?? ''} onChange={onChange} data-qa={`filter-${id}`}>
        <option value="">{t('queue.all')}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  const open = !current.status?.length || !current.status.includes('closed');
  const activeIndex = data ? Math.min(active, Math.max(0, data.items.length - 1)) : 0;

  return (
    <section aria-labelledby="queue-title" className="queue-page" onPointerDown={markQueueViewed} onKeyDown={markQueueViewed}>
      <Heading variant="h1" id="queue-title">{t('queue.queueTitle')}</Heading>
      <MyChats />
      <FollowUpsToday />
      <div className="queue-filters">
        <div className="form-grid" role="group" aria-label={t('queueDay.filters')}>
          {select('line', t('queue.filterLine'), current.line, setText('line'), ref.lines.map((l) => ({ value: l.code, label: ref.lineLabel(l.code) })))}
          {select('region', t('queue.filterRegion'), current.region, setText('region'), ref.regions.map((r) => ({ value: r.code, label: r.name[ref.lang] })))}
          {select('channel', t('queue.filterChannel'), current.channel, setText('channel'), ref.options('channel'))}
          {select('status', t('queue.filterStatus'), current.status?.[0], setStatus, STATUSES.map((s) => ({ value: s, label: t(`queue.statusNames.${s}`) })))}
          <div className="field checkboxes">
            <label><input type="checkbox" checked={!!current.mine} onChange={setFlag('mine')} data-qa="filter-mine" /> {t('queue.filterMine')}</label>
            <label><input type="checkbox" checked={!!current.overdue} onChange={setFlag('overdue')} data-qa="filter-overdue" /> {t('queue.filterOverdue')}</label>
          </div>
        </div>
        {prefsLoaded && <p className="hint">{t('queueDay.filtersNote')}</p>}
        {savePrefs.isError && <p className="notice error" role="alert" data-qa="preferences-error">{t('queueDay.saveFailed')}</p>}
        {prefs && (
          <div className="queue-options">
            <details className="saved-filters" data-qa="saved-filters">
              <summary>{t('queueDay.savedFilters')} ({prefs.savedFilters.length})</summary>
              {prefs.savedFilters.length === 0 ? <p>{t('queueDay.noSaved')}</p> : (
                <ul className="saved-filter-list">
                  {prefs.savedFilters.map((s) => (
                    <li key={s.name} data-qa="saved-filter">
                      <span className="saved-filter-name">{s.name}</span>{' '}
                      <button type="button" className="link" aria-label={t('queueDay.applyNamed', { name: s.name })} onClick={() => changeFilters(s.filters)} data-qa="saved-filter-apply">{t('queueDay.apply')}</button>{' '}
                      <button type="button" className="link" aria-label={t('queueDay.removeNamed', { name: s.name })} onClick={() => removeNamed(s.name)} data-qa="saved-filter-remove">{t('queueDay.remove')}</button>
                    </li>
                  ))}
                </ul>
              )}
              <form onSubmit={saveNamed} className="saved-filter-form" noValidate>
                <div className="field">
                  <label htmlFor="saved-filter-name">{t('queueDay.saveAs')}</label>
                  <input id="saved-filter-name" value={filterName} maxLength={60} onChange={(e) => setFilterName(e.target.value)} data-qa="saved-filter-name"
                    aria-invalid={filterNameError ? true : undefined} aria-describedby={filterNameError ? 'saved-filter-name-error' : undefined} />
                  {filterNameError && <span id="saved-filter-name-error" className="error" data-qa="saved-filter-name-error">{filterNameError}</span>}
                </div>
                <Button type="submit" variant="secondary" data-qa="saved-filter-save">{t('queueDay.save')}</Button>
              </form>
            </details>
            <fieldset className="queue-notify" data-qa="new-work-settings">
              <legend>{t('queueDay.notifications')}</legend>
              <p className="hint">{t('queueDay.notifyHint')}</p>
              <label><input type="checkbox" checked={prefs.notifySound} onChange={(e) => setSound(e.target.checked)} data-qa="notify-sound" /> {t('queueDay.notifySound')}</label>
              <label><input type="checkbox" checked={prefs.notifyDesktop && permission === 'granted'} disabled={permission === 'unsupported'} onChange={(e) => void setDesktop(e.target.checked)} data-qa="notify-desktop" /> {t('queueDay.notifyDesktop')}</label>
              {permission === 'denied' && <p className="hint">{t('queueDay.notifyBlocked')}</p>}
              {permission === 'unsupported' && <p className="hint">{t('queueDay.notifyUnsupported')}</p>}
            </fieldset>
          </div>
        )}
      </div>

      <p className="queue-live-status" data-qa="queue-live">{live ? t('queueDay.liveOpen') : t('queueDay.liveDown')}</p>
      <p role="status" className={claimStatus?.error ? 'notice error' : claimStatus ? 'notice' : undefined} data-qa="queue-claim-status">{claimStatus?.text}</p>
      {queue.isError && <p className="notice error">{t('common.error')}</p>}
      {data && data.total === 0 && <p data-qa="queue-empty">{t('queue.empty')}</p>}
      {data && data.items.length > 0 && (
        <>
          <ListSummary page={data} kind={open ? 'open' : 'any'} qa="queue-total" />
          <p id="queue-keys-help" className="hint" data-qa="queue-keys-help">{t('queueDay.keysHelp')}</p>
          {/* scrolls sideways on a narrow screen; focusable and named so a keyboard can scroll it */}
          <div ref={listRef} className="queue-scroll" role="region" aria-label={t('queueDay.listLabel')} aria-describedby="queue-keys-help" tabIndex={0} onKeyDown={onListKey} data-qa="queue-list">
            <table className="queue" data-qa="queue">
              <thead>
                <tr>
                  <th scope="col">{t('queue.colReference')}</th><th scope="col">{t('queueDay.colRespondBy')}</th><th scope="col">{t('queueDay.colAge')}</th>
                  <th scope="col">{t('queue.colChannel')}</th><th scope="col">{t('queue.colLine')}</th><th scope="col">{t('queue.colReason')}</th>
                  <th scope="col">{t('queueDay.colPreview')}</th><th scope="col">{t('queue.colStatus')}</th><th scope="col">{t('queue.colAssignee')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c, i) => (
                  <tr key={c.id} className={c.acute ? 'acute' : c.overdue ? 'overdue' : undefined} data-qa={`queue-row-${c.reference}`} data-acute={c.acute || undefined}>
                    <td>
                      <a {...linkProps(`/tyo/yhteydenotot/${c.id}`)} className="reference" data-qa="queue-open" data-queue-row tabIndex={i === activeIndex ? 0 : -1} onFocus={() => setActive(i)}>{c.reference}</a>
                      {c.guidanceLevel > 1 && <> <LevelBadge level={c.guidanceLevel} /></>}
                      {unseen.has(c.id) && <> <span className="badge new" data-qa="queue-new">{t('queueDay.newBadge')}</span></>}
                      {c.acute && <AcuteMark reasons={c.acuteReasons} triggerWords={c.acuteTriggerWords} qa="queue-acute" />}
                    </td>
                    <td>
                      <span className="nowrap">{formatDate(c.respondBy, ref.lang)}</span>{' '}
                      {c.overdue && <span className="badge overdue" data-qa="queue-overdue"><span aria-hidden="true">! </span>{t('queue.overdue')}</span>}
                      {c.dueToday && <span className="badge today">{t('queue.dueToday')}</span>}
                      {c.urgency !== 'non_urgent' && <><br /><span className="badge trigger" data-qa="queue-urgency">{ref.label('urgency', c.urgency)}</span></>}
                      {c.urgencyAssessmentDue && <><br /><span className="badge overdue" data-qa="queue-urgency-assessment-due">{t('queue.urgencyAssessmentDue')}</span></>}
                      {c.legalDeadline && <><br /><span className="badge trigger" data-qa="queue-legal-deadline">{t('queue.legalDeadline', { date: formatDate(c.legalDeadline, ref.lang) })}</span></>}
                    </td>
                    <td className="nowrap" data-qa="queue-age">{ageText(c.receivedAt, data.serverTime, queue.dataUpdatedAt)}</td>
                    <td>{ref.label('channel', c.channel)}</td>
                    <td>{ref.lineLabel(c.line)}</td>
                    <td>{ref.label('reason', c.mainReason)}</td>
                    <td className="queue-preview"><span data-qa="queue-preview">{c.preview ?? '–'}</span></td>
                    <td data-qa="queue-status">{t(`queue.statusNames.${c.status}`)}{c.waitingReason ? ` (${t(`queue.waitingNames.${c.waitingReason}`)})` : ''}</td>
                    <td>{c.assignedTo?.name ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data} size={QUEUE_PAGE_SIZE} onOffset={(o) => { setOffset(o); setActive(0); }} qa="queue-pager" />
        </>
      )}
    </section>
  );
}
