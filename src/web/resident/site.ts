import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fieldErrors, newIdempotencyKey } from '../lib/api';
import { fieldErrorText } from '../lib/i18n';
import { summaryEntries, type SummaryEntry } from '../lib/fields';
import type { PublicSite, Receipt } from '../../server/features/front-door/front-door.schemas';
import type { PhoneLine, PhoneLines } from '../../server/features/organisation/organisation.schemas';
import type { ServicePromise } from '../../server/features/service-promise/service-promise.schemas';

export type { Receipt };
export type Line = PhoneLine;

export const useSite = () => useQuery({ queryKey: ['site'], queryFn: () => api<PublicSite>('/api/public/site'), staleTime: 300_000 });
export const useLines = () => useQuery({ queryKey: ['lines'], queryFn: () => api<PhoneLines>('/api/public/lines'), staleTime: 60_000, refetchInterval: 60_000 });
export const usePromise = () => useQuery({
  queryKey: ['promise'],
  // the server's clock: a phone with a wrong date must not be promised a wrong day
  queryFn: () => api<ServicePromise>('/api/public/service-promise'),
  staleTime: 60_000,
});

export const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

/** The lang of the page and the title of the browser tab follow the page a resident is on. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => { document.title = `${title} – ${t('resident.title')}`; }, [title, t]);
}

/**
 * Sends a public form: one Idempotency-Key per submission, kept across retries until one succeeds
 * (a double click, a retry after a network error or a 503 never creates a second contact).
 * Field errors come back keyed by the form's field names, in the resident's language.
 */
export function useSubmit<B>(path: string) {
  const { t, i18n } = useTranslation();
  const key = useRef(newIdempotencyKey());
  const [state, setState] = useState<{ sending: boolean; receipt: Receipt | null; fields: Record<string, string>; message: string | null }>({ sending: false, receipt: null, fields: {}, message: null });
  const submit = async (body: B) => {
    if (state.sending) return;
    setState((s) => ({ ...s, sending: true, message: null }));
    try {
      const receipt = await api<Receipt>(path, { method: 'POST', body, lang: i18n.language, idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      setState({ sending: false, receipt, fields: {}, message: null });
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      const message = !problem || problem.status === 0 ? t('form.network')
        : problem.status >= 500 ? t('form.notSent')
        : problem.errors?.length ? null
        : problem.title;
      setState({ sending: false, receipt: null, fields: fieldErrors(err, fieldErrorText), message });
    }
  };
  return { ...state, submit };
}

/** The error summary's entries: each field's message named after its field and linked to its control, then the form's own message. */
export function summaryOf(fields: Record<string, string>, ids: Record<string, { id: string; label: string }>, message: string | null): SummaryEntry[] {
  return [...summaryEntries(fields, ids, 'send'), ...(message ? [{ id: 'send', text: message }] : [])];
}
