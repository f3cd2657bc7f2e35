import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fieldErrors, newIdempotencyKey, problemMessage } from '../../lib/api';
import { fieldErrorText } from '../../lib/i18n';
import type { Battery, ContactGuidance, GuidanceCase, PersonPage } from '../../../server/features/guidance/guidance.schemas';
import type { Colleagues } from '../../../server/features/contacts/contacts.schemas';

/** The query keys of the guidance pages: a change refreshes the case, the contact's level and the lists. */
export const keys = {
  // under the contact's own key: the contact's live refresh and its actions (a consent, a close) refresh the level too
  contactGuidance: (contactId: string) => ['contact', contactId, 'guidance'],
  guidanceCase: (caseId: string) => ['guidance-case', caseId],
  person: (contactId: string) => ['person', contactId],
  batteries: ['guidance-batteries'],
};

export const useContactGuidance = (contactId: string) =>
  useQuery({ queryKey: keys.contactGuidance(contactId), queryFn: () => api<ContactGuidance>(`/api/contacts/${contactId}/guidance`) });
export const useGuidanceCase = (caseId: string) =>
  useQuery({ queryKey: keys.guidanceCase(caseId), queryFn: () => api<GuidanceCase>(`/api/guidance/cases/${caseId}`), retry: false });
export const usePersonPage = (contactId: string) =>
  useQuery({ queryKey: keys.person(contactId), queryFn: () => api<PersonPage>(`/api/contacts/${contactId}/person`), retry: false });
export const useBatteries = () =>
  useQuery({ queryKey: keys.batteries, queryFn: () => api<{ items: Battery[]; total: number }>('/api/guidance/batteries'), staleTime: 60_000 });
export const useColleagues = () =>
  useQuery({ queryKey: ['colleagues'], queryFn: () => api<Colleagues>('/api/colleagues'), staleTime: 60_000 });

/** The code of a failed request's problem (`not_identified`, `case_closed`…), or null. */
export const problemCode = (err: unknown): string | null => (err instanceof ApiError ? err.problem.code : null);

/**
 * One change to a case or a contact's level: POST or PUT with an Idempotency-Key kept until it
 * succeeds (a double click has one effect). A failure leaves its field errors keyed as the body's
 * paths (`answers.mood`, `dueOn`) and `form`: a 409's code in plain words (guidance.errors), else
 * the server's own sentence. `code` is the failed request's problem code.
 */
export function useGuidanceAction<B = void, R = unknown>(url: string | ((body: B) => string), invalidate: unknown[][], method: 'POST' | 'PUT' = 'POST') {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [code, setCode] = useState<string | null>(null);
  const translate = (c: string) => (i18n.exists(`guidance.fieldErrors.${c}`) ? t(`guidance.fieldErrors.${c}`) : fieldErrorText(c));
  const mutation = useMutation({
    mutationFn: (body: B) => api<R>(typeof url === 'function' ? url(body) : url, { method, body: body ?? {}, lang: i18n.language, idempotencyKey: key.current }),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      setErrors({});
      setCode(null);
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
    onError: (err) => {
      const c = problemCode(err);
      setCode(c);
      const fields = fieldErrors(err, translate);
      const known = c && i18n.exists(`guidance.errors.${c}`) ? t(`guidance.errors.${c}`) : null;
      // a request with field errors says so at the fields; the form's line points there
      const form = known ?? (Object.keys(fields).length ? t('guidance.errors.fields') : problemMessage(err, t('guidance.errors.saveFailed')));
      setErrors({ ...fields, form });
    },
  });
  return {
    run: (body: B) => mutation.mutate(body),
    runAsync: (body: B) => mutation.mutateAsync(body),
    busy: mutation.isPending, errors, code, data: mutation.data, succeeded: mutation.isSuccess,
    reset: () => { mutation.reset(); setErrors({}); setCode(null); },
  };
}
