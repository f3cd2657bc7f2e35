import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, newIdempotencyKey, problemMessage } from '../lib/api';
import { fieldErrorText } from '../lib/i18n';

export interface ContactView {
  id: string; reference: string; channel: string; line: string | null; serviceArea: string | null; region: string | null; municipality: string | null;
  contactor: string; anonymous: boolean; mainReason: string | null; additionalReasons: string[]; note: string | null; urgency: string;
  receivedAt: string; receivedOn: string; respondBy: string; overdue: boolean; status: 'new' | 'in_progress' | 'waiting' | 'closed'; waitingReason: string | null;
  assignedTo: { id: string; name: string } | null; outcome: string | null; closedAt: string | null; handlingSeconds: number | null; ledToClientRelationship: boolean | null;
  triggers: string[]; repeatContacts30d: number; repeatTrigger: boolean; callbackAttemptsAllowed: number; callerNumber: string | null;
  person: { name: string | null; phone: string | null; hetu: string | null; birthDate: string | null; address: string | null; email: string | null; callbackWindow: string | null } | null;
  personalDataErasedAt: string | null;
  timeline: { id: string; at: string; kind: string; actor: string | null; details: Record<string, unknown> }[];
  consents: { id: string; givenBy: string; method: string; purpose: string; target: string; givenAt: string; withdrawnAt: string | null }[];
  initiations: { id: string; initiatedOn: string; concerns: string; unit: string; urgent: boolean; highestCareAllowance: boolean; ageAtInitiation: number | null; legalDeadline: string | null }[];
  callbackAttempts: { at: string; result: string }[];
  language: 'fi' | 'sv' | 'en' | null;
  notificationKind: 'social_welfare' | 'child_welfare' | null;
  legalDeadline: string | null;
  legalBasis: 'lsl_26' | null;
  notifier: { name: string; organisation: string; role: string | null; phone: string | null; email: string | null; subjectConsent: 'given' | 'not_given' | 'not_asked'; noConsentReason: string | null } | null;
}

/**
 * One action on a contact (claim, close, consent…): sends it with an Idempotency-Key that stays the
 * same until it succeeds (a double click or a retry has one effect), refreshes the contact and the
 * queue, and keeps the field errors of the last failure for the form to show.
 */
export function useContactAction<B = void>(contactId: string, path: string | ((body: B) => string), method: 'POST' | 'PATCH' = 'POST') {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (body: B) => api<Record<string, unknown>>(`/api/contacts/${contactId}${typeof path === 'function' ? path(body) : path}`, {
      method, body: body ?? {}, lang: i18n.language, idempotencyKey: key.current,
    }),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      setErrors({});
      await Promise.all([client.invalidateQueries({ queryKey: ['contact', contactId] }), client.invalidateQueries({ queryKey: ['queue'] })]);
    },
    onError: (err) => setErrors({ ...fieldErrors(err, fieldErrorText), form: problemMessage(err, t('contact.saveFailed')) }),
  });
  return { run: (body: B) => mutation.mutate(body), runAsync: (body: B) => mutation.mutateAsync(body), busy: mutation.isPending, errors, succeeded: mutation.isSuccess };
}
