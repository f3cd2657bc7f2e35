import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import type { Lang } from '../lib/i18n';

export interface Code { set: string; code: string; label: Record<Lang, string>; active: boolean }
export interface Line { code: string; name: Record<Lang, string>; serviceArea: string | null; region: { code: string; name: Record<Lang, string> } | null; authorityOnly: boolean }
export interface Org { municipalities: { code: string; name: { fi: string; sv: string }; region: string | null }[]; regions: { code: string; name: Record<Lang, string> }[] }

/** Code sets, lines and regions of the county, with labels in the UI language. */
export function useReferenceData() {
  const { i18n } = useTranslation();
  const lang = (i18n.language as Lang) ?? 'fi';
  const codes = useQuery({ queryKey: ['codes'], queryFn: () => api<{ items: Code[] }>('/api/codes'), staleTime: 600_000 });
  const lines = useQuery({ queryKey: ['staff-lines'], queryFn: () => api<{ items: Line[] }>('/api/lines'), staleTime: 600_000 });
  const org = useQuery({ queryKey: ['organisation'], queryFn: () => api<Org>('/api/organisation'), staleTime: 600_000 });
  const options = (set: string) => (codes.data?.items ?? []).filter((c) => c.set === set && c.active).map((c) => ({ value: c.code, label: c.label[lang] }));
  const label = (set: string, code: string | null | undefined) => (code ? (codes.data?.items.find((c) => c.set === set && c.code === code)?.label[lang] ?? code) : '–');
  const lineLabel = (code: string | null | undefined) => (code ? (lines.data?.items.find((l) => l.code === code)?.name[lang] ?? code) : '–');
  return {
    ready: codes.isSuccess && lines.isSuccess && org.isSuccess,
    options, label, lineLabel, lang,
    lines: lines.data?.items ?? [],
    regions: org.data?.regions ?? [],
    municipalities: org.data?.municipalities ?? [],
  };
}
