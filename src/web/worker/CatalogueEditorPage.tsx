import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { formatDate, formatDateTime, type Lang } from '../lib/i18n';
import { CheckboxGroup, Checkbox, Notice, SelectField, TextField } from '../lib/fields';
import { useReferenceData } from './reference-data';
import { useAction } from './use-action';
import { inLanguage, PROVIDER_TYPES } from '../../domain/catalogue';
import type { LocalServiceCreated, ServiceDetail, ServiceHistory, ServiceSearchResult, StaleServices } from '../../server/features/catalogue/catalogue.schemas';

/** A revision's changed columns as the editor's words ("Palvelualueet, Yhteydenoton syyt"), each named once; never the columns' names. */
const CHANGE_LABELS: Record<string, string> = {
  name: 'editor.name', summary: 'editor.summary', description: 'polish.changes.description', keywords: 'polish.changes.keywords',
  service_areas: 'editor.serviceAreas', reasons: 'editor.reasons', municipalities: 'editor.municipalities', nationwide: 'polish.changes.nationwide',
  review_interval_days: 'polish.changes.reviewInterval', reviewed_at: 'polish.changes.reviewedAt', active: 'polish.changes.active', owner_user_id: 'polish.changes.owner',
  target_groups: 'polish.changes.targetGroups', languages: 'polish.changes.languages', service_classes: 'polish.changes.serviceClasses', ontology_uris: 'polish.changes.ontology',
  charge_type: 'polish.changes.charge', ptv_modified: 'polish.changes.ptvModified', mapping_edited: 'polish.changes.mappingEdited', kind: 'polish.changes.kind',
  source: 'polish.changes.source', ptv_id: 'polish.changes.ptvId', county_id: 'polish.changes.county', organisation_id: 'editor.organisation',
};
function changedFields(changes: Record<string, unknown>, t: (key: string) => string): string {
  const labels = Object.keys(changes).map((column) => t(CHANGE_LABELS[column.replace(/_(fi|sv|en)$/, '')] ?? 'polish.changes.other'));
  return [...new Set(labels)].join(', ');
}

/** One service: its mapping to our codes, area, review interval and whether it is shown; a local service's texts too. */
function ServiceEditor({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const detail = useQuery({ queryKey: ['catalogue-service', id], queryFn: () => api<ServiceDetail>(`/api/catalogue/services/${id}`) });
  const history = useQuery({ queryKey: ['catalogue-history', id], queryFn: () => api<ServiceHistory>(`/api/catalogue/services/${id}/history`) });
  const keys = [['catalogue-service', id], ['catalogue-history', id], ['catalogue-stale'], ['catalogue-search']];
  const save = useAction<Record<string, unknown>>(`/api/catalogue/services/${id}`, keys, 'PATCH');
  const review = useAction(`/api/catalogue/services/${id}/review`, keys);
  const [form, setForm] = useState<{ nameFi: string; summaryFi: string; areas: string[]; reasons: string[]; interval: string; active: boolean } | null>(null);
  useEffect(() => {
    const d = detail.data;
    if (d) setForm({ nameFi: d.name.fi ?? '', summaryFi: d.summary.fi ?? '', areas: d.serviceAreas, reasons: d.reasons, interval: String(d.reviewIntervalDays), active: d.active });
  }, [detail.data]);
  if (!detail.data || !form) return <p>{t('common.loading')}</p>;
  const d = detail.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.run({
      serviceAreas: form.areas, reasons: form.reasons, reviewIntervalDays: Number(form.interval), active: form.active,
      ...(d.source === 'local' ? { name: { ...d.name, fi: form.nameFi }, summary: { ...d.summary, fi: form.summaryFi || null } } : {}),
    });
  };
  return (
    <section className="panel" aria-labelledby="editor-title" data-qa="catalogue-editor">
      <Heading variant="h2" id="editor-title">{inLanguage(d.name, lang)}</Heading>
      <p>{d.source === 'ptv' ? t('editor.fromPtv') : t('editor.local')} · {t('editor.reviewed', { date: formatDate(d.reviewedAt.slice(0, 10), lang) })}</p>
      <form onSubmit={submit} data-qa="catalogue-edit-form" noValidate>
        {d.source === 'local' && (
          <>
            <TextField id="edit-name" label={t('editor.name')} value={form.nameFi} onChange={(v) => setForm({ ...form, nameFi: v })} maxLength={300} error={save.errors['name.fi']} />
            <TextField id="edit-summary" label={t('editor.summary')} value={form.summaryFi} onChange={(v) => setForm({ ...form, summaryFi: v })} multiline maxLength={5000} />
          </>
        )}
        <CheckboxGroup id="edit-areas" legend={t('editor.serviceAreas')} options={ref.options('service_area')} values={form.areas} onChange={(v) => setForm({ ...form, areas: v })} error={save.errors.serviceAreas} />
        <details className="needs"><summary>{t('editor.reasons')}: {form.reasons.map((r) => ref.label('reason', r)).join(', ') || '–'}</summary>
          <CheckboxGroup id="edit-reasons" legend={t('editor.reasons')} options={ref.options('reason')} values={form.reasons} onChange={(v) => setForm({ ...form, reasons: v })} error={save.errors.reasons} />
        </details>
        <div className="form-grid">
          <TextField id="edit-interval" label={t('editor.interval')} type="number" value={form.interval} onChange={(v) => setForm({ ...form, interval: v })} error={save.errors.reviewIntervalDays} />
          <Checkbox id="edit-active" label={t('editor.active')} checked={form.active} onChange={(v) => setForm({ ...form, active: v })} />
        </div>
        {save.errors.form && <Notice kind="error" qa="catalogue-edit-error">{save.errors.form}</Notice>}
        {save.succeeded && <Notice kind="success" qa="catalogue-saved">{t('editor.saved')}</Notice>}
        <div className="actions">
          <Button type="submit" disabled={save.busy} data-qa="catalogue-save">{t('editor.save')}</Button>
          <Button variant="secondary" onClick={() => review.run()} disabled={review.busy} data-qa="catalogue-review">{t('editor.markReviewed')}</Button>
          <Button variant="secondaryNoBorder" onClick={onClose}>{t('editor.close')}</Button>
        </div>
      </form>
      <Heading variant="h3">{t('editor.history')}</Heading>
      <ol data-qa="catalogue-history">
        {history.data?.items.map((h) => (
          <li key={h.id}>{formatDateTime(h.at, lang)} · {t(`editor.sources.${h.source}`)}{h.actor ? ` (${h.actor})` : ''}: {changedFields(h.changes, t) || '–'}</li>
        ))}
      </ol>
    </section>
  );
}

/** A service PTV does not have: an NGO, a parish, a peer group. The editor owns it. */
function NewLocalService({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const create = useAction<Record<string, unknown>, LocalServiceCreated>('/api/catalogue/services', [['catalogue-search'], ['catalogue-stale']]);
  const empty = { name: '', summary: '', organisation: '', providerType: 'ngo', phone: '', url: '', areas: [] as string[], municipalities: [] as string[] };
  const [f, setF] = useState(empty);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await create.runAsync({
      name: { fi: f.name }, summary: { fi: f.summary || null }, organisation: { name: f.organisation, providerType: f.providerType },
      phone: f.phone || null, url: f.url || null, serviceAreas: f.areas, municipalities: f.municipalities, nationwide: f.municipalities.length === 0,
    }).then((r) => { setF(empty); onCreated(r.id); }, () => undefined);
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} data-qa="catalogue-new-form" noValidate aria-labelledby="new-service-title">
      <Heading variant="h2" id="new-service-title">{t('editor.newTitle')}</Heading>
      <div className="form-grid">
        <TextField id="new-service-name" label={t('editor.name')} value={f.name} onChange={(v) => setF({ ...f, name: v })} maxLength={300} error={create.errors['name.fi'] ?? create.errors.name} />
        <TextField id="new-service-org" label={t('editor.organisation')} value={f.organisation} onChange={(v) => setF({ ...f, organisation: v })} maxLength={200} error={create.errors['organisation.name']} />
        <SelectField id="new-service-provider" label={t('editor.providerType')} value={f.providerType} onChange={(v) => setF({ ...f, providerType: v })}
          options={PROVIDER_TYPES.map((p) => ({ value: p, label: t(`editor.providerTypes.${p}`) }))} />
        <TextField id="new-service-phone" label={t('contact.phone')} type="tel" value={f.phone} onChange={(v) => setF({ ...f, phone: v })} maxLength={40} error={create.errors.phone} />
        <TextField id="new-service-url" label={t('editor.url')} type="url" value={f.url} onChange={(v) => setF({ ...f, url: v })} maxLength={500} error={create.errors.url} />
      </div>
      <TextField id="new-service-summary" label={t('editor.summary')} value={f.summary} onChange={(v) => setF({ ...f, summary: v })} multiline maxLength={5000} />
      <CheckboxGroup id="new-service-areas" legend={t('editor.serviceAreas')} options={ref.options('service_area')} values={f.areas} onChange={(v) => setF({ ...f, areas: v })} />
      <details className="needs"><summary>{t('editor.municipalities')}: {f.municipalities.map((m) => ref.municipalityLabel(m)).join(', ') || t('editor.nationwide')}</summary>
        <CheckboxGroup id="new-service-municipalities" legend={t('editor.municipalities')} options={ref.municipalityOptions} values={f.municipalities} onChange={(v) => setF({ ...f, municipalities: v })} />
      </details>
      {create.errors.form && <Notice kind="error" qa="catalogue-new-error">{create.errors.form}</Notice>}
      <Button type="submit" disabled={create.busy} data-qa="catalogue-create">{t('editor.create')}</Button>
    </form>
  );
}

/**
 * The catalogue editor's desk ("ajan hermolla"): entries past their review date, a search to
 * open any entry, the mapping and currency of each, and services PTV does not have.
 */
export function CatalogueEditorPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const [mine, setMine] = useState(true);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const stale = useQuery({ queryKey: ['catalogue-stale', mine], queryFn: () => api<StaleServices>(`/api/catalogue/stale?mine=${mine}`) });
  const hits = useQuery({
    queryKey: ['catalogue-search', q], enabled: q.trim().length >= 2,
    queryFn: () => api<ServiceSearchResult>(`/api/catalogue/services?${new URLSearchParams({ q, lang, includeInactive: 'true', limit: '20' })}`),
  });

  return (
    <section aria-labelledby="catalogue-editor-title">
      <Heading variant="h1" id="catalogue-editor-title">{t('editor.title')}</Heading>
      {open && <ServiceEditor key={open} id={open} onClose={() => setOpen(null)} />}
      <section className="panel" aria-labelledby="stale-title" data-qa="catalogue-stale">
        <Heading variant="h2" id="stale-title">{t('editor.staleTitle')}</Heading>
        <Checkbox id="stale-mine" label={t('editor.onlyMine')} checked={mine} onChange={setMine} />
        {stale.data?.items.length === 0 && <p>{t('editor.noneStale')}</p>}
        <ul className="compact-list">
          {stale.data?.items.slice(0, 100).map((s) => (
            <li key={s.id} data-qa="stale-item">
              <button type="button" className="link" onClick={() => setOpen(s.id)} data-qa="stale-open">{s.name}</button>
              {' · '}{t('editor.overdueDays', { n: s.daysOverdue })}{s.owner ? ` · ${s.owner}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="search-title">
        <Heading variant="h2" id="search-title">{t('editor.searchTitle')}</Heading>
        <TextField id="catalogue-editor-q" label={t('catalogue.search')} value={q} onChange={setQ} maxLength={200} />
        <ul className="compact-list" data-qa="catalogue-editor-hits">
          {hits.data?.items.map((h) => (
            <li key={h.id}>
              <button type="button" className="link" onClick={() => setOpen(h.id)} data-qa="hit-open">{h.name}</button>
              {h.organisation ? ` · ${h.organisation.name}` : ''} · {h.source === 'ptv' ? 'PTV' : t('editor.local')}
              {h.serviceAreas.length ? ` · ${h.serviceAreas.map((a) => ref.label('service_area', a)).join(', ')}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <NewLocalService onCreated={setOpen} />
    </section>
  );
}
