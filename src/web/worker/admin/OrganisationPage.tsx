import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { problemMessage } from '../../lib/api';
import { LANGS, type Lang } from '../../lib/i18n';
import { Checkbox, CheckboxGroup, ErrorSummary, Notice, RadioGroup, SelectField, summaryEntries, TextField } from '../../lib/fields';
import type { AdminOrganisation, AdminUnit } from '../../../server/features/administration/administration.schemas';
import { AdminNav } from './AdminNav';
import { ensurePeopleMessages } from './messages-people';
import {
  emptyLabels, HISTORY_KEY, LabelFields, labelFieldMap, missingLabels, ORGANISATION_KEY, trimmedOrNull, useAdminOrganisation, useAdminSave, useServiceAreas, type Labels,
} from './org-common';
import './admin.css';

type Region = AdminOrganisation['regions'][number];
type Municipality = AdminOrganisation['municipalities'][number];
const CODE_RE = /^[a-z0-9_]{1,60}$/;
const PHONE_RE = /^[0-9 +]{3,20}$/;
const INVALIDATE = [ORGANISATION_KEY, HISTORY_KEY, ['organisation'], ['codes']] as const;

/** After a save: the section's status line says so and takes the focus (the form that had it is gone). */
function useStatus() {
  const [status, setStatus] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (status) ref.current?.focus(); }, [status]);
  return { status, setStatus, ref };
}

function StatusLine({ status, innerRef, qa }: { status: string | null; innerRef: React.RefObject<HTMLDivElement | null>; qa: string }) {
  return <div ref={innerRef} tabIndex={-1}>{status && <Notice kind="success" qa={qa}>{status}</Notice>}</div>;
}

const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

// ——— receiving units ———

interface UnitDraft {
  code: string; serviceArea: string; name: Labels; phone: string; email: string; address: string; days: string; inOpastin: 'yes' | 'no'; language: Lang; active: boolean;
}
const unitDraft = (u: AdminUnit | null): UnitDraft => (u
  ? { code: u.code, serviceArea: u.serviceArea, name: { ...u.name }, phone: u.phone ?? '', email: u.email ?? '', address: u.address ?? '', days: u.clientContactDays === null ? '' : String(u.clientContactDays), inOpastin: u.inOpastin ? 'yes' : 'no', language: u.language, active: u.active }
  : { code: '', serviceArea: '', name: emptyLabels(), phone: '', email: '', address: '', days: '', inOpastin: 'yes', language: 'fi', active: true });

/** A receiving unit's details: a new one (with its code) or an existing one (with active). */
function UnitForm({ unit, onDone, onCancel }: { unit: AdminUnit | null; onDone: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const areas = useServiceAreas();
  const [d, setD] = useState<UnitDraft>(() => unitDraft(unit));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useAdminSave(INVALIDATE);
  const change = (next: Partial<UnitDraft>) => setD({ ...d, ...next });
  const L = (k: string) => t(`admin.organisation.units.${k}`);
  const fields: Record<string, { id: string; label: string }> = {
    code: { id: 'unit-code', label: L('code') },
    serviceArea: { id: 'unit-area', label: L('serviceArea') },
    ...labelFieldMap('unit-name', L('name'), t),
    phone: { id: 'unit-phone', label: L('phone') },
    email: { id: 'unit-email', label: L('email') },
    address: { id: 'unit-address', label: L('address') },
    clientContactDays: { id: 'unit-days', label: L('days') },
    language: { id: 'unit-language', label: L('language') },
    inOpastin: { id: 'unit-inbox-yes', label: L('inOpastin') },
    active: { id: 'unit-active', label: L('active') },
    form: { id: 'unit-code', label: '' },
  };
  const errors: Record<string, string> = { ...save.errors, ...local };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const required = t('admin.organisation.required');
    const problems: Record<string, string> = { ...missingLabels(d.name, required) };
    if (!unit && !CODE_RE.test(d.code.trim())) problems.code = t('admin.organisation.codeFormat');
    if (!d.serviceArea) problems.serviceArea = required;
    if (d.phone.trim() && !PHONE_RE.test(d.phone.trim())) problems.phone = t('admin.organisation.phoneFormat');
    const days = d.days.trim() === '' ? null : /^\d{1,2}$/.test(d.days.trim()) ? Number(d.days.trim()) : Number.NaN;
    if (days !== null && (Number.isNaN(days) || days > 30)) problems.clientContactDays = L('daysFormat');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const body = {
      serviceArea: d.serviceArea, name: { fi: d.name.fi.trim(), sv: d.name.sv.trim(), en: d.name.en.trim() },
      phone: trimmedOrNull(d.phone), email: trimmedOrNull(d.email), address: trimmedOrNull(d.address), clientContactDays: days, inOpastin: d.inOpastin === 'yes', language: d.language,
    };
    const ok = unit
      ? await save.save({ method: 'PATCH', url: `/api/admin/units/${unit.code}`, body: { ...body, active: d.active } })
      : await save.save({ method: 'POST', url: '/api/admin/units', body: { code: d.code.trim(), ...body } });
    if (ok) onDone(d.name.fi.trim());
  };

  const title = unit ? t('admin.organisation.units.editTitle', { name: unit.name.fi }) : L('newTitle');
  return (
    <form className="admin-form panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="unit-form-title" data-qa="unit-form">
      <Heading variant="h3" id="unit-form-title" tabIndex={-1}>{title}</Heading>
      <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, fields, 'unit-code')} qa="unit-form-errors" />
      <div className="form-grid">
        {unit
          ? <p className="admin-readonly"><span className="label-like">{L('code')}</span> <code data-qa="unit-code-readonly">{unit.code}</code></p>
          : <TextField id="unit-code" label={L('code')} hint={t('admin.organisation.codeHint')} value={d.code} onChange={(v) => change({ code: v })} maxLength={60} required error={errors.code} />}
        <SelectField id="unit-area" label={L('serviceArea')} value={d.serviceArea} onChange={(v) => change({ serviceArea: v })} required error={errors.serviceArea}
          options={unit && !areas.options.some((o) => o.value === unit.serviceArea) ? [...areas.options, { value: unit.serviceArea, label: areas.label(unit.serviceArea) }] : areas.options}
          empty={t('admin.organisation.choose')} />
      </div>
      <LabelFields idPrefix="unit-name" legend={L('name')} value={d.name} onChange={(name) => change({ name })} errors={errors} />
      <div className="form-grid">
        <TextField id="unit-phone" label={L('phone')} type="tel" inputMode="tel" value={d.phone} onChange={(v) => change({ phone: v })} maxLength={20} error={errors.phone} />
        <TextField id="unit-email" label={L('email')} type="email" inputMode="email" value={d.email} onChange={(v) => change({ email: v })} maxLength={200} error={errors.email} />
        <TextField id="unit-address" label={L('address')} value={d.address} onChange={(v) => change({ address: v })} maxLength={300} error={errors.address} />
        <TextField id="unit-days" label={L('days')} hint={L('daysHint')} inputMode="numeric" value={d.days} onChange={(v) => change({ days: v })} maxLength={2} error={errors.clientContactDays} />
        <SelectField id="unit-language" label={L('language')} hint={L('languageHint')} value={d.language} onChange={(v) => change({ language: LANGS.find((l) => l === v) ?? 'fi' })}
          error={errors.language} options={LANGS.map((l) => ({ value: l, label: t(`common.languageNames.${l}`) }))} />
      </div>
      <RadioGroup id="unit-inbox" legend={L('inOpastin')} value={d.inOpastin} onChange={(v) => change({ inOpastin: v === 'no' ? 'no' : 'yes' })} error={errors.inOpastin}
        options={[{ value: 'yes', label: L('inOpastinYes') }, { value: 'no', label: L('inOpastinNo') }]} />
      {unit && (
        <Checkbox id="unit-active" label={L('activeLabel')} checked={d.active} onChange={(v) => change({ active: v })} error={errors.active} />
      )}
      <div className="actions">
        <Button type="submit" disabled={save.busy} data-qa="unit-save">{unit ? t('admin.organisation.save') : L('add')}</Button>
        <Button variant="secondary" onClick={onCancel} data-qa="unit-cancel">{t('admin.organisation.cancel')}</Button>
      </div>
    </form>
  );
}

function UnitsSection({ org }: { org: AdminOrganisation }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const areas = useServiceAreas();
  const [editing, setEditing] = useState<string | null>(null);
  const { status, setStatus, ref } = useStatus();
  const L = (k: string) => t(`admin.organisation.units.${k}`);
  const editingUnit = editing && editing !== 'new' ? org.units.find((u) => u.code === editing) ?? null : null;
  return (
    <section className="panel" aria-labelledby="units-title" data-qa="admin-units">
      <Heading variant="h2" id="units-title">{L('title')}</Heading>
      <p className="hint">{L('intro')}</p>
      <StatusLine status={status} innerRef={ref} qa="units-status" />
      <div className="admin-scroll" role="region" aria-label={L('title')} tabIndex={0}>
        <table className="data" data-qa="units-table">
          <caption className="visually-hidden">{L('title')}</caption>
          <thead>
            <tr>
              <th scope="col">{L('name')}</th><th scope="col">{L('code')}</th><th scope="col">{L('serviceArea')}</th>
              <th scope="col">{L('contact')}</th><th scope="col" className="num">{L('daysShort')}</th><th scope="col">{L('inOpastinShort')}</th>
              <th scope="col" className="num">{L('members')}</th><th scope="col">{L('state')}</th><th scope="col"><span className="visually-hidden">{L('actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {org.units.map((u) => (
              <tr key={u.code} data-qa={`unit-row-${u.code}`}>
                <th scope="row" data-qa="unit-name">{u.name[lang] || u.name.fi}</th>
                <td><code>{u.code}</code></td>
                <td>{areas.label(u.serviceArea)}</td>
                <td>{[u.phone, u.email, u.address].filter(Boolean).join(', ') || '–'}</td>
                <td className="num">{u.clientContactDays ?? t('admin.organisation.units.daysDefault', { n: 3 })}</td>
                <td data-qa="unit-in-opastin">{u.inOpastin ? t('admin.organisation.yes') : t('admin.organisation.no')}</td>
                <td className="num">{u.members}</td>
                <td data-qa="unit-state">{u.active ? L('activeState') : L('inactiveState')}</td>
                <td>
                  <Button variant="secondaryNoBorder" id={`unit-edit-${u.code}`} data-qa="unit-edit" aria-label={t('admin.organisation.editNamed', { name: u.name[lang] || u.name.fi })}
                    onClick={() => { setStatus(null); setEditing(u.code); focusLater('unit-form-title'); }}>{t('admin.organisation.edit')}</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing === null && (
        <Button variant="secondary" id="unit-new" data-qa="unit-new" onClick={() => { setStatus(null); setEditing('new'); focusLater('unit-form-title'); }}>{L('add')}</Button>
      )}
      {editing !== null && (
        <UnitForm key={editing} unit={editingUnit}
          onDone={(name) => { setEditing(null); setStatus(t(editingUnit ? 'admin.organisation.units.saved' : 'admin.organisation.units.created', { name })); }}
          onCancel={() => { const back = editingUnit ? `unit-edit-${editingUnit.code}` : 'unit-new'; setEditing(null); focusLater(back); }} />
      )}
    </section>
  );
}

// ——— regions ———

function RegionForm({ region, org, onDone, onCancel }: { region: Region | null; org: AdminOrganisation; onDone: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState<Labels>(region ? { ...region.name } : emptyLabels());
  const [members, setMembers] = useState<string[]>(region ? [...region.municipalities] : []);
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useAdminSave(INVALIDATE);
  const L = (k: string) => t(`admin.organisation.regions.${k}`);
  const fields = { code: { id: 'region-code', label: L('code') }, ...labelFieldMap('region-name', L('name'), t), municipalities: { id: 'region-municipalities', label: L('municipalities') } };
  const errors = { ...save.errors, ...local };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = missingLabels(name, t('admin.organisation.required'));
    if (!region && !CODE_RE.test(code.trim())) problems.code = t('admin.organisation.codeFormat');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const body = { name: { fi: name.fi.trim(), sv: name.sv.trim(), en: name.en.trim() }, municipalities: members };
    const ok = region
      ? await save.save({ method: 'PATCH', url: `/api/admin/regions/${region.code}`, body })
      : await save.save({ method: 'POST', url: '/api/admin/regions', body: { code: code.trim(), ...body } });
    if (ok) onDone(name.fi.trim());
  };
  const owner = (m: Municipality) => (m.region && m.region !== region?.code ? org.regions.find((r) => r.code === m.region)?.name.fi : undefined);
  return (
    <form className="admin-form panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="region-form-title" data-qa="region-form">
      <Heading variant="h3" id="region-form-title" tabIndex={-1}>{region ? t('admin.organisation.regions.editTitle', { name: region.name.fi }) : L('newTitle')}</Heading>
      <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, fields, 'region-fi')} qa="region-form-errors" />
      {!region && <TextField id="region-code" label={L('code')} hint={t('admin.organisation.codeHint')} value={code} onChange={setCode} maxLength={60} required error={errors.code} />}
      <LabelFields idPrefix="region-name" legend={L('name')} value={name} onChange={setName} errors={errors} />
      <p className="hint" id="region-municipalities-hint">{L('municipalitiesHint')}</p>
      <CheckboxGroup id="region-municipalities" legend={L('municipalities')} values={members} onChange={setMembers} error={errors.municipalities}
        options={org.municipalities.map((m) => ({ value: m.code, label: owner(m) ? `${m.name.fi} (${t('admin.organisation.regions.nowIn', { region: owner(m) })})` : m.name.fi }))} />
      <div className="actions">
        <Button type="submit" disabled={save.busy} data-qa="region-save">{region ? t('admin.organisation.save') : L('add')}</Button>
        <Button variant="secondary" onClick={onCancel} data-qa="region-cancel">{t('admin.organisation.cancel')}</Button>
      </div>
    </form>
  );
}

function RegionsSection({ org }: { org: AdminOrganisation }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [editing, setEditing] = useState<string | null>(null);
  const { status, setStatus, ref } = useStatus();
  const L = (k: string) => t(`admin.organisation.regions.${k}`);
  const municipalityName = (code: string) => { const m = org.municipalities.find((x) => x.code === code); return m ? (lang === 'sv' ? m.name.sv : m.name.fi) : code; };
  const editingRegion = editing && editing !== 'new' ? org.regions.find((r) => r.code === editing) ?? null : null;
  return (
    <section className="panel" aria-labelledby="regions-title" data-qa="admin-regions">
      <Heading variant="h2" id="regions-title">{L('title')}</Heading>
      <p className="hint">{L('intro')}</p>
      <StatusLine status={status} innerRef={ref} qa="regions-status" />
      <table className="data" data-qa="regions-table">
        <caption className="visually-hidden">{L('title')}</caption>
        <thead><tr><th scope="col">{L('name')}</th><th scope="col">{L('code')}</th><th scope="col">{L('municipalities')}</th><th scope="col"><span className="visually-hidden">{t('admin.organisation.units.actions')}</span></th></tr></thead>
        <tbody>
          {org.regions.map((r) => (
            <tr key={r.code} data-qa={`region-row-${r.code}`}>
              <th scope="row">{r.name[lang] || r.name.fi}</th>
              <td><code>{r.code}</code></td>
              <td data-qa="region-municipalities">{r.municipalities.map(municipalityName).join(', ') || '–'}</td>
              <td><Button variant="secondaryNoBorder" id={`region-edit-${r.code}`} data-qa="region-edit" aria-label={t('admin.organisation.editNamed', { name: r.name[lang] || r.name.fi })}
                onClick={() => { setStatus(null); setEditing(r.code); focusLater('region-form-title'); }}>{t('admin.organisation.edit')}</Button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing === null && <Button variant="secondary" id="region-new" data-qa="region-new" onClick={() => { setStatus(null); setEditing('new'); focusLater('region-form-title'); }}>{L('add')}</Button>}
      {editing !== null && (
        <RegionForm key={editing} region={editingRegion} org={org}
          onDone={(name) => { setEditing(null); setStatus(t('admin.organisation.regions.saved', { name })); }}
          onCancel={() => { const back = editingRegion ? `region-edit-${editingRegion.code}` : 'region-new'; setEditing(null); focusLater(back); }} />
      )}
    </section>
  );
}

// ——— municipalities ———

function MunicipalityForm({ municipality, org, onDone, onCancel }: { municipality: Municipality | null; org: AdminOrganisation; onDone: (name: string) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [code, setCode] = useState('');
  const [fi, setFi] = useState(municipality?.name.fi ?? '');
  const [sv, setSv] = useState(municipality?.name.sv ?? '');
  const [region, setRegion] = useState(municipality?.region ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useAdminSave(INVALIDATE);
  const L = (k: string) => t(`admin.organisation.municipalities.${k}`);
  const fields = {
    code: { id: 'municipality-code', label: L('code') }, 'name.fi': { id: 'municipality-fi', label: L('nameFi') }, 'name.sv': { id: 'municipality-sv', label: L('nameSv') },
    region: { id: 'municipality-region', label: L('region') },
  };
  const errors = { ...save.errors, ...local };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!municipality && !/^[0-9]{3}$/.test(code.trim())) problems.code = L('codeFormat');
    if (!fi.trim()) problems['name.fi'] = t('admin.organisation.required');
    if (!sv.trim()) problems['name.sv'] = t('admin.organisation.required');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const body = { name: { fi: fi.trim(), sv: sv.trim() }, region: region || null };
    const ok = municipality
      ? await save.save({ method: 'PATCH', url: `/api/admin/municipalities/${municipality.code}`, body })
      : await save.save({ method: 'POST', url: '/api/admin/municipalities', body: { code: code.trim(), ...body } });
    if (ok) onDone(fi.trim());
  };
  return (
    <form className="admin-form panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="municipality-form-title" data-qa="municipality-form">
      <Heading variant="h3" id="municipality-form-title" tabIndex={-1}>{municipality ? t('admin.organisation.municipalities.editTitle', { name: municipality.name.fi }) : L('newTitle')}</Heading>
      <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, fields, 'municipality-fi')} qa="municipality-form-errors" />
      <div className="form-grid">
        {!municipality && <TextField id="municipality-code" label={L('code')} hint={L('codeHint')} inputMode="numeric" value={code} onChange={setCode} maxLength={3} required error={errors.code} />}
        <TextField id="municipality-fi" label={L('nameFi')} value={fi} onChange={setFi} maxLength={100} required error={errors['name.fi']} />
        <TextField id="municipality-sv" label={L('nameSv')} value={sv} onChange={setSv} maxLength={100} required error={errors['name.sv']} />
        <SelectField id="municipality-region" label={L('region')} value={region} onChange={setRegion} error={errors.region} empty={L('noRegion')}
          options={org.regions.map((r) => ({ value: r.code, label: r.name[lang] || r.name.fi }))} />
      </div>
      <div className="actions">
        <Button type="submit" disabled={save.busy} data-qa="municipality-save">{municipality ? t('admin.organisation.save') : L('add')}</Button>
        <Button variant="secondary" onClick={onCancel} data-qa="municipality-cancel">{t('admin.organisation.cancel')}</Button>
      </div>
    </form>
  );
}

function MunicipalitiesSection({ org }: { org: AdminOrganisation }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [editing, setEditing] = useState<string | null>(null);
  const { status, setStatus, ref } = useStatus();
  const L = (k: string) => t(`admin.organisation.municipalities.${k}`);
  const regionName = (code: string | null) => { const r = code ? org.regions.find((x) => x.code === code) : undefined; return r ? (r.name[lang] || r.name.fi) : '–'; };
  const editingOne = editing && editing !== 'new' ? org.municipalities.find((m) => m.code === editing) ?? null : null;
  return (
    <section className="panel" aria-labelledby="municipalities-title" data-qa="admin-municipalities">
      <Heading variant="h2" id="municipalities-title">{L('title')}</Heading>
      <StatusLine status={status} innerRef={ref} qa="municipalities-status" />
      <table className="data" data-qa="municipalities-table">
        <caption className="visually-hidden">{L('title')}</caption>
        <thead><tr><th scope="col">{L('nameFi')}</th><th scope="col">{L('nameSv')}</th><th scope="col">{L('code')}</th><th scope="col">{L('region')}</th><th scope="col"><span className="visually-hidden">{t('admin.organisation.units.actions')}</span></th></tr></thead>
        <tbody>
          {org.municipalities.map((m) => (
            <tr key={m.code} data-qa={`municipality-row-${m.code}`}>
              <th scope="row">{m.name.fi}</th><td lang="sv">{m.name.sv}</td><td>{m.code}</td><td>{regionName(m.region)}</td>
              <td><Button variant="secondaryNoBorder" id={`municipality-edit-${m.code}`} data-qa="municipality-edit" aria-label={t('admin.organisation.editNamed', { name: m.name.fi })}
                onClick={() => { setStatus(null); setEditing(m.code); focusLater('municipality-form-title'); }}>{t('admin.organisation.edit')}</Button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing === null && <Button variant="secondary" id="municipality-new" data-qa="municipality-new" onClick={() => { setStatus(null); setEditing('new'); focusLater('municipality-form-title'); }}>{L('add')}</Button>}
      {editing !== null && (
        <MunicipalityForm key={editing} municipality={editingOne} org={org}
          onDone={(name) => { setEditing(null); setStatus(t('admin.organisation.municipalities.saved', { name })); }}
          onCancel={() => { const back = editingOne ? `municipality-edit-${editingOne.code}` : 'municipality-new'; setEditing(null); focusLater(back); }} />
      )}
    </section>
  );
}

/**
 * The county's organisation (issue 18): its receiving units (contact details, days to reach a
 * referred client, in Opastin's inbox or reached outside it, active), its regions with their
 * municipalities, and the municipalities.
 */
export function OrganisationPage() {
  const { t, i18n } = useTranslation();
  ensurePeopleMessages(i18n);
  const org = useAdminOrganisation();
  return (
    <>
      <AdminNav />
      <section aria-labelledby="organisation-title" data-qa="admin-organisation">
        <Heading variant="h1" id="organisation-title">{t('admin.organisation.title')}</Heading>
        {org.isError && <Notice kind="error" qa="organisation-failed">{problemMessage(org.error, t('admin.organisation.failed'))}</Notice>}
        {org.isPending && <p>{t('common.loading')}</p>}
        {org.data && (
          <>
            <UnitsSection org={org.data} />
            <RegionsSection org={org.data} />
            <MunicipalitiesSection org={org.data} />
          </>
        )}
      </section>
    </>
  );
}
