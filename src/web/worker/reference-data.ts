import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import type { Lang } from '../lib/i18n';
import type { Codes, Organisation, PhoneLines } from '../../server/features/organisation/organisation.schemas';

/** Code sets, lines, regions, municipalities and units of the county, with labels in the UI language. */
export function useReferenceData() {
  const { i18n } = useTranslation();
  const lang = (i18n.language as Lang) ?? 'fi';
  const codes = useQuery({ queryKey: ['codes'], queryFn: () => api<Codes>('/api/codes'), staleTime: 600_000 });
  const lines = useQuery({ queryKey: ['staff-lines'], queryFn: () => api<PhoneLines>('/api/lines'), staleTime: 600_000 });
  const org = useQuery({ queryKey: ['organisation'], queryFn: () => api<Organisation>('/api/organisation'), staleTime: 600_000 });
  const options = (set: string) => (codes.data?.items ?? []).filter((c) => c.set === set && c.active).map((c) => ({ value: c.code, label: c.label[lang] }));
  const label = (set: string, code: string | null | undefined) => (code ? (codes.data?.items.find((c) => c.set === set && c.code === code)?.label[lang] ?? code) : '–');
  const lineLabel = (code: string | null | undefined) => {
    const line = code ? lines.data?.items.find((l) => l.code === code) : undefined;
    if (!code) return '–';
    if (!line) return code;
    return line.region ? `${line.name[lang]} (${line.region.name[lang]})` : line.name[lang];
  };
  const municipalityName = (m: Organisation['municipalities'][number]) => (lang === 'sv' ? m.name.sv : m.name.fi);
  return {
    ready: codes.isSuccess && lines.isSuccess && org.isSuccess,
    options, label, lineLabel, lang,
    lines: lines.data?.items ?? [],
    lineOptions: (lines.data?.items ?? []).map((l) => ({ value: l.code, label: lineLabel(l.code) })),
    regions: org.data?.regions ?? [],
    municipalities: org.data?.municipalities ?? [],
    municipalityOptions: (org.data?.municipalities ?? []).map((m) => ({ value: m.code, label: municipalityName(m) })),
    municipalityLabel: (code: string | null | undefined) => {
      const m = code ? org.data?.municipalities.find((x) => x.code === code) : undefined;
      return m ? municipalityName(m) : (code ?? '–');
    },
    units: (org.data?.units ?? []).filter((u) => u.active),
    unitLabel: (code: string) => org.data?.units.find((u) => u.code === code)?.name[lang] ?? code,
  };
}
