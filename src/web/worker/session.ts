import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../lib/api';
import type { Me } from '../../server/platform/auth/auth.schemas';

export type { Me };

/** What a staff member's roles let them do in the app: which pages they see (the server checks every request again). */
export function abilities(me: Pick<Me, 'roles'>) {
  return {
    guidance: me.roles.some((r) => r === 'guidance_worker' || r === 'supervisor'),
    supervisor: me.roles.includes('supervisor'),
    unit: me.roles.includes('unit_worker'),
    ed: me.roles.includes('ed_professional'),
    editor: me.roles.includes('catalogue_editor') || me.roles.includes('admin'),
  };
}

/** The signed-in staff member, or null; keeps the CSRF token for mutations. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api<Me>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.problem.status === 401) return null;
        throw err;
      }
    },
  });
}

export function useSetMe() {
  const client = useQueryClient();
  return (me: Me | null) => {
    setCsrfToken(me?.csrfToken ?? null);
    client.setQueryData(['me'], me);
  };
}
