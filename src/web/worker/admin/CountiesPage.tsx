import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, problemMessage } from '../../lib/api';
import { formatDate, type Lang } from '../../lib/i18n';
import { ErrorSummary, Notice, summaryEntries, TextField } from '../../lib/fields';
import type { countyCreatedSchema, countyListSchema } from '../../../server/features/administration/administration.schemas';
import type { z } from 'zod';
import { ensurePeopleMessages } from './messages-people';
import { emptyLabels, LabelFields, labelFieldMap, missingLabels, trimmedOrNull, useAdminSave, type Labels } from './org-common';
import { MIN_PASSWORD } from './users-common';
import './admin.css';

type Counties = z.infer<typeof countyListSchema>;
type Created = z.infer<typeof countyCreatedSchema>;
const COUNTIES_KEY = ['platform', 'counties'] as const;
const CODE_RE = /^[a-z0-9_]{1,60}$/;
const USERNAME_RE = /^[a-z0-9._@-]{2,100}$/;

/** A new county with its first administrator. */
function NewCountyForm({ onCreated }: { onCreated: (name: string, admin: string) => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<Created>([COUNTIES_KEY]);
  const [code, setCode] = useState('');
  const [name, setName] = useState<Labels>(emptyLabels());
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.counties.${k}`);
  const fields = {
    code: { id: 'county-code', label: L('code') }, ...labelFieldMap('county-name', L('name'), t),
    'admin.username': { id: 'county-admin-username', label: L('adminUsername') }, 'admin.displayName': { id: 'county-admin-name', label: L('adminName') },
    'admin.email': { id: 'county-admin-email', label: L('adminEmail') }, 'admin.password': { id: 'county-admin-password', label: L('adminPassword') },
    form: { id: 'county-code', label: '' },
  };
  const errors = { ...save.errors, ...local };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const required = t('admin.organisation.required');
    const problems = missingLabels(name, required);
    if (!CODE_RE.test(code.trim())) problems.code = t('admin.organisation.codeFormat');
    if (!USERNAME_RE.test(username.trim().toLowerCase())) problems['admin.username'] = t('admin.users.errors.username');
    if (!displayName.trim()) problems['admin.displayName'] = required;
    if (password.length < MIN_PASSWORD) problems['admin.password'] = t('admin.users.errors.password', { n: MIN_PASSWORD });
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const created = await save.save({
      method: 'POST', url: '/api/platform/counties',
      body: {
        code: code.trim(), name: { fi: name.fi.trim(), sv: name.sv.trim(), en: name.en.trim() },
        admin: { username: username.trim().toLowerCase(), displayName: displayName.trim(), email: trimmedOrNull(email), password },
      },
    });
    if (created) {
      onCreated(name.fi.trim(), username.trim().toLowerCase());
      setCode(''); setName(emptyLabels()); setUsername(''); setDisplayName(''); setEmail(''); setPassword('');
    }
  };
  return (
    <section className="panel" aria-labelledby="county-new-title" data-qa="county-new">
      <Heading variant="h2" id="county-new-title">{L('newTitle')}</Heading>
      <p className="hint">{L('newHint')}</p>
      <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="county-new-title" data-qa="county-new-form">
        <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, fields, 'county-code')} qa="county-new-errors" />
        <TextField id="county-code" label={L('code')} hint={t('admin.organisation.codeHint')} value={code} onChange={setCode} maxLength={60} required error={errors.code} />
        <LabelFields idPrefix="county-name" legend={L('name')} value={name} onChange={setName} errors={errors} />
        <fieldset className="field" data-qa="county-admin">
          <legend>{L('adminTitle')}</legend>
          <div className="form-grid">
            <TextField id="county-admin-username" label={L('adminUsername')} hint={t('admin.users.usernameHint')} value={username} onChange={setUsername} maxLength={100} required error={errors['admin.username']} />
            <TextField id="county-admin-name" label={L('adminName')} value={displayName} onChange={setDisplayName} maxLength={200} required error={errors['admin.displayName']} />
            <TextField id="county-admin-email" label={L('adminEmail')} type="email" inputMode="email" value={email} onChange={setEmail} maxLength={200} error={errors['admin.email']} />
            <TextField id="county-admin-password" label={L('adminPassword')} hint={t('admin.users.passwordHint', { n: MIN_PASSWORD })} type="password" autoComplete="new-password"
              value={password} onChange={setPassword} maxLength={256} required error={errors['admin.password']} />
          </div>
        </fieldset>
        <Button type="submit" disabled={save.busy} data-qa="county-new-save">{L('create')}</Button>
      </form>
    </section>
  );
}

/**
 * The installation's counties (issue 18), for the platform administrator: each county with its
 * administrators and users, and a new county with its first administrator. A county's own data
 * is its administrator's, not shown here.
 */
export function CountiesPage() {
  const { t, i18n } = useTranslation();
  ensurePeopleMessages(i18n);
  const lang = i18n.language as Lang;
  const counties = useQuery({ queryKey: COUNTIES_KEY, queryFn: () => api<Counties>('/api/platform/counties') });
  const [status, setStatus] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (status) ref.current?.focus(); }, [status]);
  const L = (k: string) => t(`admin.counties.${k}`);
  return (
    <section aria-labelledby="counties-title" data-qa="admin-counties">
      <Heading variant="h1" id="counties-title">{L('title')}</Heading>
      <p className="hint">{L('intro')}</p>
      <div ref={ref} tabIndex={-1}>{status && <Notice kind="success" qa="county-created">{status}</Notice>}</div>
      {counties.isError && <Notice kind="error" qa="counties-failed">{problemMessage(counties.error, L('failed'))}</Notice>}
      {counties.data && (
        <table className="data" data-qa="counties-table">
          <caption>{t('admin.counties.count', { count: counties.data.total })}</caption>
          <thead><tr><th scope="col">{L('name')}</th><th scope="col">{L('code')}</th><th scope="col" className="num">{L('admins')}</th><th scope="col" className="num">{L('users')}</th><th scope="col">{L('createdAt')}</th></tr></thead>
          <tbody>
            {counties.data.items.map((c) => (
              <tr key={c.id} data-qa={`county-row-${c.code}`}>
                <th scope="row" data-qa="county-name">{c.name[lang] || c.name.fi}</th>
                <td><code>{c.code}</code></td>
                <td className="num" data-qa="county-admins">{c.admins}</td>
                <td className="num" data-qa="county-users">{c.users}</td>
                <td>{formatDate(c.createdAt, lang, { weekday: false, year: true })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewCountyForm onCreated={(name, admin) => setStatus(t('admin.counties.created', { name, admin }))} />
    </section>
  );
}
