import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, problemMessage } from '../../lib/api';
import { formatDate, type Lang } from '../../lib/i18n';
import { Checkbox, ErrorSummary, Notice, SelectField, summaryEntries, TextField } from '../../lib/fields';
import type { AdminSettings } from '../../../server/features/administration/administration.schemas';
import { AdminNav } from './AdminNav';
import { ensurePeopleMessages } from './messages-people';
import { emptyLabels, HISTORY_KEY, LabelFields, labelFieldMap, missingLabels, SETTINGS_KEY, trimmedOrNull, useAdminOrganisation, useAdminSave, type Labels } from './org-common';
import { readSlots, slotDrafts, slotFieldMap, WeeklyEditor, type SlotDraft } from './settings-weekly';
import './admin.css';

type Link = AdminSettings['links'][number];
const PHONE_RE = /^[0-9 +]{3,20}$/;
const INVALIDATE = [SETTINGS_KEY, HISTORY_KEY] as const;
const whole = (s: string): number => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
const isHttps = (s: string) => { try { return new URL(s.trim()).protocol === 'https:'; } catch { return false; } };

/**
 * One group of settings: its heading, its legal note, its own form and save (a PATCH of its own
 * fields only), its errors at the fields and summarised at the top, and a status line after a save.
 */
function SettingsGroup({ id, children, fields, localErrors, onSubmit, save }: {
  id: string; children: ReactNode; fields: Record<string, { id: string; label: string }>; localErrors: Record<string, string>;
  onSubmit: () => Promise<boolean | null>; save: ReturnType<typeof useAdminSave>;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (saved) ref.current?.focus(); }, [saved]);
  const errors = { ...save.errors, ...localErrors };
  const first = Object.values(fields)[0]?.id ?? id;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const ok = await onSubmit();
    if (ok) setSaved(true);
  };
  return (
    <section className="panel admin-settings-group" aria-labelledby={`${id}-title`} data-qa={id}>
      <Heading variant="h2" id={`${id}-title`}>{t(`admin.settings.${camel(id)}.title`)}</Heading>
      <p className="admin-legal" data-qa={`${id}-legal`}><span className="label-like">{t('admin.settings.legalLabel')}</span> {t(`admin.settings.${camel(id)}.legal`)}</p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`} data-qa={`${id}-form`}>
        <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, { ...fields, form: { id: first, label: '' } }, first)} qa={`${id}-errors`} />
        {children}
        <div ref={ref} tabIndex={-1}>{saved && <Notice kind="success" qa={`${id}-saved`}>{t('admin.settings.saved')}</Notice>}</div>
        <Button type="submit" disabled={save.busy} data-qa={`${id}-save`}>{t('admin.settings.save')}</Button>
      </form>
    </section>
  );
}
const camel = (id: string) => id.replace(/^settings-/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function CrisisGroup({ s }: { s: AdminSettings }) {
  const { t } = useTranslation();
  const save = useAdminSave(INVALIDATE);
  const [phone, setPhone] = useState(s.crisisPhone ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const fields = { crisisPhone: { id: 'settings-crisis-phone', label: t('admin.settings.crisis.phone') } };
  const errors = { ...save.errors, ...local };
  return (
    <SettingsGroup id="settings-crisis" fields={fields} localErrors={local} save={save} onSubmit={async () => {
      const problems: Record<string, string> = {};
      if (phone.trim() && !PHONE_RE.test(phone.trim())) problems.crisisPhone = t('admin.organisation.phoneFormat');
      setLocal(problems);
      if (Object.keys(problems).length) return null;
      return !!(await save.save({ method: 'PATCH', url: '/api/admin/settings', body: { crisisPhone: trimmedOrNull(phone) } }));
    }}>
      <TextField id="settings-crisis-phone" label={fields.crisisPhone.label} hint={t('admin.settings.crisis.hint')} type="tel" inputMode="tel" value={phone} onChange={setPhone}
        maxLength={20} error={errors.crisisPhone} />
    </SettingsGroup>
  );
}

function AccessibilityGroup({ s }: { s: AdminSettings }) {
  const { t, i18n } = useTranslation();
  const save = useAdminSave(INVALIDATE);
  const [email, setEmail] = useState(s.feedbackEmail ?? '');
  const [date, setDate] = useState(s.statementDate ?? '');
  const [url, setUrl] = useState(s.statementUrl ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.settings.accessibility.${k}`);
  const fields = {
    feedbackEmail: { id: 'settings-feedback-email', label: L('email') }, statementDate: { id: 'settings-statement-date', label: L('date') },
    statementUrl: { id: 'settings-statement-url', label: L('url') },
  };
  const errors = { ...save.errors, ...local };
  return (
    <SettingsGroup id="settings-accessibility" fields={fields} localErrors={local} save={save} onSubmit={async () => {
      const problems: Record<string, string> = {};
      if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) problems.feedbackEmail = t('admin.settings.emailFormat');
      if (date.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) problems.statementDate = L('dateFormat');
      if (url.trim() && !isHttps(url)) problems.statementUrl = t('admin.settings.httpsFormat');
      setLocal(problems);
      if (Object.keys(problems).length) return null;
      return !!(await save.save({ method: 'PATCH', url: '/api/admin/settings', body: { feedbackEmail: trimmedOrNull(email), statementDate: trimmedOrNull(date), statementUrl: trimmedOrNull(url) } }));
    }}>
      <div className="form-grid">
        <TextField id="settings-feedback-email" label={fields.feedbackEmail.label} type="email" inputMode="email" value={email} onChange={setEmail} maxLength={200} error={errors.feedbackEmail} />
        <TextField id="settings-statement-date" label={fields.statementDate.label} type="date" value={date} onChange={setDate} error={errors.statementDate}
          hint={s.statementDate ? t('admin.settings.accessibility.dateNow', { date: formatDate(s.statementDate, i18n.language as Lang, { year: true }) }) : undefined} />
        <TextField id="settings-statement-url" label={fields.statementUrl.label} type="url" value={url} onChange={setUrl} maxLength={500} error={errors.statementUrl} hint={t('admin.settings.httpsHint')} />
      </div>
    </SettingsGroup>
  );
}

/** One self-service link: a new one or an existing one. */
function LinkForm({ link, onDone, onCancel }: { link: Link | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave(INVALIDATE);
  const [url, setUrl] = useState(link?.url ?? '');
  const [label, setLabel] = useState<Labels>(link ? { ...link.label } : emptyLabels());
  const [order, setOrder] = useState(link ? String(link.sortOrder) : '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.settings.links.${k}`);
  const fields = { url: { id: 'link-url', label: L('url') }, ...labelFieldMap('link-label', L('label'), t, 'label'), sortOrder: { id: 'link-order', label: L('order') }, form: { id: 'link-url', label: '' } };
  const errors = { ...save.errors, ...local };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = missingLabels(label, t('admin.organisation.required'), 'label');
    if (!isHttps(url)) problems.url = t('admin.settings.httpsFormat');
    const sortOrder = order.trim() === '' ? undefined : whole(order);
    if (sortOrder !== undefined && (Number.isNaN(sortOrder) || sortOrder > 1000)) problems.sortOrder = L('orderFormat');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const body = { url: url.trim(), label: { fi: label.fi.trim(), sv: label.sv.trim(), en: label.en.trim() }, ...(sortOrder === undefined ? {} : { sortOrder }) };
    const ok = link
      ? await save.save({ method: 'PATCH', url: `/api/admin/links/${link.id}`, body })
      : await save.save({ method: 'POST', url: '/api/admin/links', body });
    if (ok) onDone();
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="link-form-title" data-qa="link-form">
      <Heading variant="h3" id="link-form-title" tabIndex={-1}>{link ? L('editTitle') : L('newTitle')}</Heading>
      <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, fields, 'link-url')} qa="link-form-errors" />
      <div className="form-grid">
        <TextField id="link-url" label={L('url')} hint={t('admin.settings.httpsHint')} type="url" value={url} onChange={setUrl} maxLength={500} required error={errors.url} />
        <TextField id="link-order" label={L('order')} hint={L('orderHint')} inputMode="numeric" value={order} onChange={setOrder} maxLength={4} error={errors.sortOrder} />
      </div>
      <LabelFields idPrefix="link-label" legend={L('label')} value={label} onChange={setLabel} errors={errors} errorKey="label" />
      <div className="actions">
        <Button type="submit" disabled={save.busy} data-qa="link-save">{link ? t('admin.organisation.save') : L('add')}</Button>
        <Button variant="secondary" onClick={onCancel} data-qa="link-cancel">{t('admin.organisation.cancel')}</Button>
      </div>
    </form>
  );
}

function LinksGroup({ s }: { s: AdminSettings }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const remove = useAdminSave(INVALIDATE);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (status) ref.current?.focus(); }, [status]);
  const L = (k: string) => t(`admin.settings.links.${k}`);
  const editingLink = editing && editing !== 'new' ? s.links.find((l) => l.id === editing) ?? null : null;
  const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);
  return (
    <section className="panel admin-settings-group" aria-labelledby="settings-links-title" data-qa="settings-links">
      <Heading variant="h2" id="settings-links-title">{L('title')}</Heading>
      <p className="admin-legal" data-qa="settings-links-legal"><span className="label-like">{t('admin.settings.legalLabel')}</span> {L('legal')}</p>
      <div ref={ref} tabIndex={-1}>{status && <Notice kind="success" qa="settings-links-status">{status}</Notice>}</div>
      {remove.errors.form && <Notice kind="error" qa="settings-links-failed">{remove.errors.form}</Notice>}
      {s.links.length === 0 && <p data-qa="settings-links-none">{L('none')}</p>}
      {s.links.length > 0 && (
        <table className="data" data-qa="settings-links-table">
          <caption className="visually-hidden">{L('title')}</caption>
          <thead><tr><th scope="col">{L('label')}</th><th scope="col">{L('url')}</th><th scope="col" className="num">{L('order')}</th><th scope="col"><span className="visually-hidden">{t('admin.organisation.units.actions')}</span></th></tr></thead>
          <tbody>
            {s.links.map((l) => (
              <tr key={l.id} data-qa="settings-link-row">
                <th scope="row">{l.label[lang] || l.label.fi}</th>
                <td className="admin-url">{l.url}</td>
                <td className="num">{l.sortOrder}</td>
                <td className="nowrap">
                  <Button variant="secondaryNoBorder" id={`link-edit-${l.id}`} data-qa="settings-link-edit" aria-label={t('admin.organisation.editNamed', { name: l.label[lang] || l.label.fi })}
                    onClick={() => { setStatus(null); setEditing(l.id); focusLater('link-form-title'); }}>{t('admin.organisation.edit')}</Button>
                  <Button variant="secondaryNoBorder" data-qa="settings-link-remove" aria-label={t('admin.settings.links.removeNamed', { name: l.label[lang] || l.label.fi })} disabled={remove.busy}
                    onClick={() => void remove.save({ method: 'DELETE', url: `/api/admin/links/${l.id}` }).then((ok) => { if (ok) setStatus(t('admin.settings.links.removed', { name: l.label[lang] || l.label.fi })); })}>
                    {L('remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null && <Button variant="secondary" id="link-new" data-qa="settings-link-new" onClick={() => { setStatus(null); setEditing('new'); focusLater('link-form-title'); }}>{L('add')}</Button>}
      {editing !== null && (
        <LinkForm key={editing} link={editingLink}
          onDone={() => { setEditing(null); setStatus(L('saved')); }}
          onCancel={() => { const back = editingLink ? `link-edit-${editingLink.id}` : 'link-new'; setEditing(null); focusLater(back); }} />
      )}
    </section>
  );
}

function SocialEmergencyGroup({ s }: { s: AdminSettings }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const org = useAdminOrganisation();
  const save = useAdminSave(INVALIDATE);
  const [phone, setPhone] = useState(s.socialEmergency.phone ?? '');
  const [unit, setUnit] = useState(s.socialEmergency.unit ?? '');
  const [rows, setRows] = useState<SlotDraft[]>(() => slotDrafts(s.socialEmergency.weekly));
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.settings.socialEmergency.${k}`);
  const fields = {
    socialEmergencyPhone: { id: 'settings-se-phone', label: L('phone') }, socialEmergencyUnit: { id: 'settings-se-unit', label: L('unit') },
    ...slotFieldMap(rows, 'settings-se-hours', 'socialEmergencyWeekly', t),
  };
  const errors = { ...save.errors, ...local };
  const units = (org.data?.units ?? []).filter((u) => u.active || u.code === s.socialEmergency.unit);
  return (
    <SettingsGroup id="settings-social-emergency" fields={fields} localErrors={local} save={save} onSubmit={async () => {
      const { slots, problems } = readSlots(rows, 'socialEmergencyWeekly', t);
      if (phone.trim() && !PHONE_RE.test(phone.trim())) problems.socialEmergencyPhone = t('admin.organisation.phoneFormat');
      setLocal(problems);
      if (Object.keys(problems).length) return null;
      return !!(await save.save({ method: 'PATCH', url: '/api/admin/settings', body: { socialEmergencyPhone: trimmedOrNull(phone), socialEmergencyUnit: unit || null, socialEmergencyWeekly: slots } }));
    }}>
      <div className="form-grid">
        <TextField id="settings-se-phone" label={L('phone')} type="tel" inputMode="tel" value={phone} onChange={setPhone} maxLength={20} error={errors.socialEmergencyPhone} />
        <SelectField id="settings-se-unit" label={L('unit')} value={unit} onChange={setUnit} error={errors.socialEmergencyUnit} empty={L('noUnit')}
          options={units.map((u) => ({ value: u.code, label: u.name[lang] || u.name.fi }))} />
      </div>
      <WeeklyEditor idPrefix="settings-se-hours" legend={L('hours')} hint={L('hoursHint')} emptyText={L('aroundTheClock')} rows={rows} onChange={setRows} errors={errors} prefix="socialEmergencyWeekly" />
    </SettingsGroup>
  );
}

function ChatGroup({ s }: { s: AdminSettings }) {
  const { t } = useTranslation();
  const save = useAdminSave([...INVALIDATE, ['chat-settings']]);
  const [max, setMax] = useState(String(s.chat.maxPerWorker));
  const [idle, setIdle] = useState(String(s.chat.idleMinutes));
  const [feedback, setFeedback] = useState(s.feedbackEnabled);
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.settings.chat.${k}`);
  const fields = { chatMaxPerWorker: { id: 'settings-chat-max', label: L('max') }, chatIdleMinutes: { id: 'settings-chat-idle', label: L('idle') }, feedbackEnabled: { id: 'settings-feedback', label: L('feedback') } };
  const errors = { ...save.errors, ...local };
  return (
    <SettingsGroup id="settings-chat" fields={fields} localErrors={local} save={save} onSubmit={async () => {
      const problems: Record<string, string> = {};
      const m = whole(max);
      const i = whole(idle);
      if (Number.isNaN(m) || m < 1 || m > 10) problems.chatMaxPerWorker = L('maxFormat');
      if (Number.isNaN(i) || i < 2 || i > 120) problems.chatIdleMinutes = L('idleFormat');
      setLocal(problems);
      if (Object.keys(problems).length) return null;
      return !!(await save.save({ method: 'PATCH', url: '/api/admin/settings', body: { chatMaxPerWorker: m, chatIdleMinutes: i, feedbackEnabled: feedback } }));
    }}>
      <div className="form-grid">
        <TextField id="settings-chat-max" label={L('max')} hint={L('maxHint')} inputMode="numeric" value={max} onChange={setMax} maxLength={2} error={errors.chatMaxPerWorker} />
        <TextField id="settings-chat-idle" label={L('idle')} hint={L('idleHint')} inputMode="numeric" value={idle} onChange={setIdle} maxLength={3} error={errors.chatIdleMinutes} />
      </div>
      <Checkbox id="settings-feedback" label={L('feedback')} checked={feedback} onChange={setFeedback} error={errors.feedbackEnabled} />
    </SettingsGroup>
  );
}

function RetentionGroup({ s }: { s: AdminSettings }) {
  const { t } = useTranslation();
  const save = useAdminSave(INVALIDATE);
  const [days, setDays] = useState(s.adviceRetentionDays === null ? '' : String(s.adviceRetentionDays));
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.settings.retention.${k}`);
  const fields = { adviceRetentionDays: { id: 'settings-retention-days', label: L('days') } };
  const errors = { ...save.errors, ...local };
  return (
    <SettingsGroup id="settings-retention" fields={fields} localErrors={local} save={save} onSubmit={async () => {
      const problems: Record<string, string> = {};
      const n = days.trim() === '' ? null : whole(days);
      if (n !== null && (Number.isNaN(n) || n > 30)) problems.adviceRetentionDays = L('daysFormat');
      setLocal(problems);
      if (Object.keys(problems).length) return null;
      return !!(await save.save({ method: 'PATCH', url: '/api/admin/settings', body: { adviceRetentionDays: n } }));
    }}>
      <TextField id="settings-retention-days" label={L('days')} hint={t('admin.settings.retention.daysHint', { n: s.installationAdviceRetentionDays })} inputMode="numeric"
        value={days} onChange={setDays} maxLength={3} error={errors.adviceRetentionDays} />
      <p data-qa="settings-retention-now">
        {s.adviceRetentionDays === null
          ? t('admin.settings.retention.nowDefault', { count: s.installationAdviceRetentionDays })
          : t('admin.settings.retention.now', { count: s.adviceRetentionDays })}
      </p>
    </SettingsGroup>
  );
}

function ServiceLevelGroup({ s }: { s: AdminSettings }) {
  const { t } = useTranslation();
  const save = useAdminSave([...INVALIDATE, ['statistics']]);
  const [seconds, setSeconds] = useState(String(s.serviceLevel.seconds));
  const [target, setTarget] = useState(String(Math.round(s.serviceLevel.target * 1000) / 10));
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.settings.serviceLevel.${k}`);
  const fields = { serviceLevelSeconds: { id: 'settings-sl-seconds', label: L('seconds') }, serviceLevelTarget: { id: 'settings-sl-target', label: L('target') } };
  const errors = { ...save.errors, ...local };
  return (
    <SettingsGroup id="settings-service-level" fields={fields} localErrors={local} save={save} onSubmit={async () => {
      const problems: Record<string, string> = {};
      const sec = whole(seconds);
      const pct = Number(target.trim().replace(',', '.'));
      if (Number.isNaN(sec) || sec < 5 || sec > 3600) problems.serviceLevelSeconds = L('secondsFormat');
      if (!target.trim() || Number.isNaN(pct) || pct <= 0 || pct >= 100) problems.serviceLevelTarget = L('targetFormat');
      setLocal(problems);
      if (Object.keys(problems).length) return null;
      return !!(await save.save({ method: 'PATCH', url: '/api/admin/settings', body: { serviceLevelSeconds: sec, serviceLevelTarget: Math.round(pct * 10) / 1000 } }));
    }}>
      <div className="form-grid">
        <TextField id="settings-sl-seconds" label={L('seconds')} inputMode="numeric" value={seconds} onChange={setSeconds} maxLength={4} error={errors.serviceLevelSeconds} />
        <TextField id="settings-sl-target" label={L('target')} hint={L('targetHint')} inputMode="text" value={target} onChange={setTarget} maxLength={5} error={errors.serviceLevelTarget} />
      </div>
    </SettingsGroup>
  );
}

/**
 * The county's site and policy settings (issue 18): the public site's crisis line, accessibility
 * feedback and statement, self-service links, the social emergency service, chat, feedback,
 * retention of advice contacts and the phone service level, each group with its legal note. The
 * service promise and the legal time limits are set by law and are not here.
 */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  ensurePeopleMessages(i18n);
  const lang = i18n.language as Lang;
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api<AdminSettings>('/api/admin/settings') });
  const s = settings.data;
  return (
    <>
      <AdminNav />
      <section aria-labelledby="settings-title" data-qa="admin-settings">
        <Heading variant="h1" id="settings-title">{t('admin.settings.title')}</Heading>
        {s && <p className="hint" data-qa="settings-county">{t('admin.settings.county', { name: s.county.name[lang] || s.county.name.fi })}</p>}
        <p className="admin-legal" data-qa="settings-law-note"><span className="label-like">{t('admin.settings.legalLabel')}</span> {t('admin.settings.lawNote')}</p>
        {settings.isError && <Notice kind="error" qa="settings-failed">{problemMessage(settings.error, t('admin.settings.failed'))}</Notice>}
        {settings.isPending && <p>{t('common.loading')}</p>}
        {s && (
          <>
            <CrisisGroup s={s} />
            <AccessibilityGroup s={s} />
            <LinksGroup s={s} />
            <SocialEmergencyGroup s={s} />
            <ChatGroup s={s} />
            <RetentionGroup s={s} />
            <ServiceLevelGroup s={s} />
          </>
        )}
      </section>
    </>
  );
}
