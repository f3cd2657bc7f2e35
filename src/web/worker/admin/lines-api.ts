import { useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, fieldErrors, newIdempotencyKey } from '../../lib/api';
import { fieldErrorText, type Lang } from '../../lib/i18n';
import type { adminCodesSchema, adminLinesSchema, AdminLine, AdminOrganisation, calendarSchema, codeCreateSchema, historySchema } from '../../../server/features/administration/administration.schemas';

/** The queries and writes of the lines, codes and history pages (issue 18), one contract with the server. */
export type AdminLines = z.infer<typeof adminLinesSchema>;
export type AdminCodes = z.infer<typeof adminCodesSchema>;
export type AdminCalendar = z.infer<typeof calendarSchema>;
export type AdminHistory = z.infer<typeof historySchema>;

export const LINES_KEY = ['admin', 'lines'] as const;
export const CODES_KEY = ['admin', 'codes'] as const;
export const HISTORY_KEY = ['admin', 'history'] as const;

export const useAdminLines = () => useQuery({ queryKey: LINES_KEY, queryFn: () => api<AdminLines>('/api/admin/lines') });
export const useAdminCodes = () => useQuery({ queryKey: CODES_KEY, queryFn: () => api<AdminCodes>('/api/admin/codes') });
export const useAdminOrganisation = () => useQuery({ queryKey: ['admin', 'organisation'], queryFn: () => api<AdminOrganisation>('/api/admin/organisation') });
export const useAdminCalendar = (from: string, to: string) =>
  useQuery({ queryKey: ['admin', 'calendar', from, to], queryFn: () => api<AdminCalendar>(`/api/admin/calendar?from=${from}&to=${to}`), staleTime: 3_600_000 });
export function useAdminHistory(filter: { objectType?: string; objectKey?: string }) {
  const q = new URLSearchParams();
  if (filter.objectType) q.set('objectType', filter.objectType);
  if (filter.objectKey) q.set('objectKey', filter.objectKey);
  return useQuery({ queryKey: [...HISTORY_KEY, filter.objectType ?? '', filter.objectKey ?? ''], queryFn: () => api<AdminHistory>(`/api/admin/history?${q.toString()}`) });
}

/**
 * One write to the API (POST, PATCH, PUT, DELETE) with an Idempotency-Key that stays the same
 * until it succeeds; on success the lines' list gets the line the server sent back (a route that
 * answers with an AdminLine), and the history and the named queries are refreshed.
 */
export function useAdminWrite<B, R = unknown>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', invalidate: readonly (readonly unknown[])[] = []) {
  const { i18n } = useTranslation();
  const client = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const mutation = useMutation({
    mutationFn: ({ url, body }: { url: string; body?: B }) => api<R>(url, { method, body: method === 'DELETE' ? undefined : (body ?? {}), lang: i18n.language, idempotencyKey: key.current }),
    onSuccess: async (result) => {
      key.current = newIdempotencyKey();
      if (result && typeof result === 'object' && 'weekly' in result && 'exceptions' in result) {
        const line = result as unknown as AdminLine;
        client.setQueryData<AdminLines>(LINES_KEY, (old) => (old
          ? { ...old, items: old.items.some((l) => l.code === line.code) ? old.items.map((l) => (l.code === line.code ? line : l)) : [...old.items, line] }
          : old));
      }
      await Promise.all([HISTORY_KEY, ...invalidate].map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
  return {
    run: (url: string, body?: B) => mutation.mutateAsync({ url, body }),
    busy: mutation.isPending,
    error: mutation.error,
    errors: fieldErrors(mutation.error, fieldErrorText),
    reset: mutation.reset,
  };
}

export const labelOf = (labels: { fi: string; sv: string; en: string }, lang: Lang): string => labels[lang] || labels.fi;

// the contract's lists, restated so that zod stays out of the bundle; `satisfies` keeps them in step
type ContractCodeSet = AdminCodes['items'][number]['set'];
export const CODE_SETS = ['service_area', 'channel', 'contactor', 'reason', 'outcome', 'urgency', 'referral_outcome'] as const satisfies readonly ContractCodeSet[];
export const EXTENSIBLE_SETS: readonly ContractCodeSet[] = ['service_area', 'channel', 'contactor', 'reason', 'outcome'] as const satisfies readonly z.infer<typeof codeCreateSchema>['set'][];
export const OBJECT_TYPES = ['line', 'code', 'region', 'municipality', 'unit', 'user', 'settings', 'link', 'county', 'webhook', 'message_template'] as const satisfies readonly AdminHistory['items'][number]['objectType'][];
