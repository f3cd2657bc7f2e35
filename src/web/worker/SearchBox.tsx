import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, problemMessage } from '../lib/api';
import { fieldErrorText } from '../lib/i18n';
import { navigate } from '../lib/router';
import type { QueueResponse } from '../../server/features/contacts/contacts.schemas';
import './queue.css';

/**
 * The staff app's one search box (issue 14), in the header of every page of a guidance worker or
 * supervisor. Ctrl+K (⌘K) focuses it anywhere, `/` while the queue list has focus; Enter searches.
 * A single exact reference match opens the contact at once (the resident on the phone quotes the
 * reference of their receipt); anything else opens the results page. The words searched for are
 * kept in the page's history entry, never in its address (a name or an identity code does not
 * end up in the browser's history list).
 */
export const SEARCH_INPUT_ID = 'staff-search';
export const SEARCH_PATH = '/tyo/haku';
export const SEARCH_PAGE_SIZE = 50;
export const searchKey = (q: string, offset: number) => ['search', q, offset] as const;

export function fetchSearch(q: string, offset: number): Promise<QueueResponse> {
  const params = new URLSearchParams({ q, limit: String(SEARCH_PAGE_SIZE) });
  if (offset) params.set('offset', String(offset));
  return api<QueueResponse>(`/api/contacts?${params}`);
}

export function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID) as HTMLInputElement | null;
  input?.focus();
  input?.select();
}

/** The search words of a results page's history entry. */
export function searchStateQuery(state: unknown): string {
  const q = (state as { search?: unknown } | null)?.search;
  return typeof q === 'string' ? q : '';
}

/** What to say beside the box about a refused search, in the reader's language where we know the reason. */
function searchError(err: unknown, t: (key: string) => string): string {
  if (err instanceof ApiError && err.problem.status === 400) {
    const field = err.problem.errors?.find((e) => e.field.replace(/^querystring\.?/, '') === 'q');
    // the search's own refusal (too little to search with) comes as the generic `invalid`: say it in the search's words
    if (field) return (field.code && field.code !== 'invalid' && fieldErrorText(field.code)) || t('queueDay.search.tooShort');
  }
  return problemMessage(err, t('queueDay.search.failed'));
}

export function SearchBox() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Ctrl+K / ⌘K: a shortcut with a modifier, so it never fires while typing (WCAG 2.1.4)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const q = value.trim();
    if (!q) { setError(t('queueDay.search.empty')); return; }
    setBusy(true);
    setError(null);
    try {
      // one request: its answer is the results page's first page (each search is access-logged, so never twice)
      const page = await fetchSearch(q, 0);
      client.setQueryData(searchKey(q, 0), page);
      const only = page.total === 1 ? page.items[0] : undefined;
      if (only?.match === 'reference') {
        setValue('');
        navigate(`/tyo/yhteydenotot/${only.id}`);
      } else {
        navigate(SEARCH_PATH, { state: { search: q } });
      }
    } catch (err) {
      setError(searchError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form role="search" className="staff-search" onSubmit={(e) => void submit(e)} noValidate data-qa="search-form">
      <label htmlFor={SEARCH_INPUT_ID}>{t('queueDay.search.label')}</label>
      <span className="staff-search-row">
        <input id={SEARCH_INPUT_ID} type="search" value={value} maxLength={200} autoComplete="off" spellCheck={false}
          onChange={(e) => { setValue(e.target.value); if (error) setError(null); }}
          aria-describedby={error ? `${SEARCH_INPUT_ID}-error ${SEARCH_INPUT_ID}-hint` : `${SEARCH_INPUT_ID}-hint`}
          aria-invalid={error ? true : undefined} data-qa="search-input" />
        <button type="submit" className="staff-search-button" disabled={busy} data-qa="search-submit">{t('queueDay.search.button')}</button>
      </span>
      <span id={`${SEARCH_INPUT_ID}-hint`} className="visually-hidden">{t('queueDay.search.hint')}</span>
      {error && <span id={`${SEARCH_INPUT_ID}-error`} className="error" role="alert" data-qa="search-error">{error}</span>}
    </form>
  );
}
