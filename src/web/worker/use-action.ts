import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fieldErrors, newIdempotencyKey, problemMessage } from '../lib/api';
import { fieldErrorText } from '../lib/i18n';

/**
 * One POST to the API with an Idempotency-Key that stays the same until it succeeds (a double
 * click or a retry has one effect); on success the named queries are refreshed; the field errors
 * of the last failure stay for the form to show. `useContactAction` is this for a contact's paths.
 * `R` is the response's type: give it as `z.infer` of the route's response schema (one contract).
 */
export function useAction<B = void, R = unknown>(url: string | ((body: B) => string), invalidate: unknown[][], method: 'POST' | 'PATCH' = 'POST') {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const [errors, setErrors] = useState<Record<string, string>>({});
  // claimed means claimed (issue 13): a 409 names who holds the contact, in the reader's language
  const claimedBy = (err: unknown) => {
    const holder = err instanceof ApiError && err.problem.code === 'claimed_by_other' ? (err.problem as { holder?: { name?: string } }).holder?.name : undefined;
    return holder ? t('contact.claimedBy', { name: holder }) : undefined;
  };
  const mutation = useMutation({
    mutationFn: (body: B) => api<R>(typeof url === 'function' ? url(body) : url, {
      method, body: body ?? {}, lang: i18n.language, idempotencyKey: key.current,
    }),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      setErrors({});
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
    onError: (err) => setErrors({ ...fieldErrors(err, fieldErrorText), form: claimedBy(err) ?? problemMessage(err, t('contact.saveFailed')) }),
  });
  return { run: (body: B) => mutation.mutate(body), runAsync: (body: B) => mutation.mutateAsync(body), busy: mutation.isPending, errors, succeeded: mutation.isSuccess };
}
