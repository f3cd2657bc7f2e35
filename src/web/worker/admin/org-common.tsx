import { useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, newIdempotencyKey, problemMessage } from '../../lib/api';
import { fieldErrorText, type Lang } from '../../lib/i18n';
import { TextField } from '../../lib/fields';
import type { AdminOrganisation } from '../../../server/features/administration/administration.schemas';
import type { Codes } from '../../../server/features/organisation/organisation.schemas';

/**
 * What the organisation, people, settings and counties pages share (issue 18): one save to the
 * administration API with its field errors in the reader's language, the three-language name
 * fields, and the county's organisation and service areas.
 */

export const ORGANISATION_KEY = ['admin', 'organisation'] as const;
export const USERS_KEY = ['admin', 'users'] as const;
export const SETTINGS_KEY = ['admin', 'settings'] as const;
export const HISTORY_KEY = ['admin', 'history'] as const;

export type Labels = { fi: string; sv: string; en: string };
export const emptyLabels = (): Labels => ({ fi: '', sv: '', en: '' });

/** The county's regions, municipalities and receiving units as the administrator sees them (retired units too). */
export function useAdminOrganisation() {
  return useQuery({ queryKey: ORGANISATION_KEY, queryFn: () => api<AdminOrganisation>('/api/admin/organisation') });
}

/** The service areas that may still be chosen, labelled in the UI language. */
export function useServiceAreas() {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const codes = useQuery({ queryKey: ['codes', 'service_area'], queryFn: () => api<Codes>('/api/codes?set=service_area') });
  const items = codes.data?.items ?? [];
  return {
    options: items.filter((c) => c.set === 'service_area' && c.active).map((c) => ({ value: c.code, label: c.label[lang] || c.label.fi })),
    label: (code: string) => { const c = items.find((x) => x.code === code); return c ? (c.label[lang] || c.label.fi) : code; },
  };
}

/** A field code as words: the administration's own codes (code_in_use, last_admin …) first, then the app's common ones. */
export function useFieldCodeText() {
  const { t, i18n } = useTranslation();
  return (code: string) => (i18n.exists(`admin.users.fieldErrors.${code}`) ? t(`admin.users.fieldErrors.${code}`) : fieldErrorText(code));
}

interface SaveInput { url: string; method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; body?: unknown }

/**
 * One change through the administration API. POST carries an Idempotency-Key that stays until it
 * succeeds; on success the named queries are refreshed. `errors` holds the last failure's field
 * errors (keyed `name.fi`, `units` …) and, when the server named no field, `form`.
 */
export function useAdminSave<R = unknown>(invalidate: readonly (readonly unknown[])[]) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const codeText = useFieldCodeText();
  const mutation = useMutation({
    mutationFn: (input: SaveInput) => api<R>(input.url, {
      method: input.method, body: input.body, lang: i18n.language, ...(input.method === 'POST' ? { idempotencyKey: key.current } : {}),
    }),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey: [...queryKey] })));
    },
  });
  const fields = mutation.error ? fieldErrors(mutation.error, codeText) : {};
  const errors: Record<string, string> = mutation.error && Object.keys(fields).length === 0
    ? { form: problemMessage(mutation.error, t('admin.users.saveFailed')) }
    : fields;
  return {
    /** Resolves to `{ value }` on success (value undefined for a 204), null on a failure (then `errors` says why). */
    save: (input: SaveInput): Promise<{ value: R } | null> => mutation.mutateAsync(input).then((value) => ({ value }), () => null),
    busy: mutation.isPending,
    errors,
    failed: mutation.isError,
    reset: () => mutation.reset(),
  };
}

/** Three text fields for a name in Finnish, Swedish and English; errors keyed `<key>.fi` etc. */
export function LabelFields({ idPrefix, legend, value, onChange, errors, errorKey = 'name' }: {
  idPrefix: string; legend: string; value: Labels; onChange: (v: Labels) => void; errors: Record<string, string | undefined>; errorKey?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field admin-labels" data-qa={`${idPrefix}-names`}>
      <legend>{legend}</legend>
      <div className="form-grid">
        {(['fi', 'sv', 'en'] as const).map((l) => (
          <TextField key={l} id={`${idPrefix}-${l}`} label={t(`admin.organisation.lang.${l}`)} value={value[l]} maxLength={200} required
            onChange={(v) => onChange({ ...value, [l]: v })} error={errors[`${errorKey}.${l}`]} />
        ))}
      </div>
    </fieldset>
  );
}

/** Summary entries' field map for a three-language name. */
export function labelFieldMap(idPrefix: string, legend: string, t: (k: string) => string, errorKey = 'name'): Record<string, { id: string; label: string }> {
  return Object.fromEntries((['fi', 'sv', 'en'] as const).map((l) => [`${errorKey}.${l}`, { id: `${idPrefix}-${l}`, label: `${legend} (${t(`admin.organisation.lang.${l}`)})` }]));
}

/** Local checks: each of the three names is given. */
export function missingLabels(value: Labels, required: string, errorKey = 'name'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of ['fi', 'sv', 'en'] as const) if (!value[l].trim()) out[`${errorKey}.${l}`] = required;
  return out;
}

export const trimmedOrNull = (v: string): string | null => (v.trim() ? v.trim() : null);
