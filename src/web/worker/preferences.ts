import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import type { Preferences } from '../../server/features/contacts/contacts.schemas';

/** A worker's saved queue filters and notification choices (`GET/PUT /api/me/preferences`, issue 14). */
export const PREFERENCES_KEY = ['preferences'] as const;
export const DEFAULT_PREFERENCES: Preferences = { queueFilters: {}, savedFilters: [], notifySound: false, notifyDesktop: false };

export function usePreferences(enabled = true) {
  return useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: () => api<Preferences>('/api/me/preferences'),
    staleTime: Infinity, // changed only by this worker, through useSavePreferences
    enabled,
  });
}

/** The preferences as they are now (defaults until loaded, or when they cannot be read). */
export function useCurrentPreferences(enabled = true): Preferences {
  return usePreferences(enabled).data ?? DEFAULT_PREFERENCES;
}

/**
 * Saves a change of the preferences: shown at once, sent whole (PUT), the server's answer kept;
 * on a refusal the previous value comes back and the error is the mutation's.
 */
export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (next: Preferences) => api<Preferences>('/api/me/preferences', { method: 'PUT', body: next }),
    onMutate: async (next) => {
      await client.cancelQueries({ queryKey: PREFERENCES_KEY });
      const previous = client.getQueryData<Preferences>(PREFERENCES_KEY);
      client.setQueryData(PREFERENCES_KEY, next);
      return { previous };
    },
    onError: (_err, _next, ctx) => { client.setQueryData(PREFERENCES_KEY, ctx?.previous); },
    onSuccess: (saved) => { client.setQueryData(PREFERENCES_KEY, saved); },
  });
}
