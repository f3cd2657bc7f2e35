import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, problemMessage } from '../../lib/api';
import type { Lang } from '../../lib/i18n';
import { linkProps } from '../../lib/router';
import { ErrorSummary, Notice, summaryEntries, TextField } from '../../lib/fields';
import type { AdminUser, adminUsersSchema } from '../../../server/features/administration/administration.schemas';
import type { z } from 'zod';
import { AdminNav } from './AdminNav';
import { ADMIN_PATHS } from './paths';
import { ensurePeopleMessages } from './messages-people';
import { HISTORY_KEY, ORGANISATION_KEY, trimmedOrNull, useAdminOrganisation, useAdminSave, USERS_KEY } from './org-common';
import { MIN_PASSWORD, roleProblems, RolesAndUnits, unitNames } from './users-common';
import './admin.css';

type Users = z.infer<typeof adminUsersSchema>;
const USERNAME_RE = /^[a-z0-9._@-]{2,100}$/;

/** A new staff account: username, name, e-mail, password, roles and units. */
function NewUserForm({ onCreated, onCancel }: { onCreated: (u: AdminUser) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const org = useAdminOrganisation();
  const save = useAdminSave<AdminUser>([USERS_KEY, HISTORY_KEY, ORGANISATION_KEY]);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [units, setUnits] = useState<string[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.users.${k}`);
  const fields = {
    username: { id: 'user-new-username', label: L('username') }, displayName: { id: 'user-new-name', label: L('displayName') },
    email: { id: 'user-new-email', label: L('email') }, password: { id: 'user-new-password', label: L('password') },
    roles: { id: 'user-new-roles-guidance_worker', label: L('roles') }, units: { id: 'user-new-units', label: L('units') },
    form: { id: 'user-new-username', label: '' },
  };
  const errors = { ...save.errors, ...local };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = roleProblems(roles, units, t);
    if (!USERNAME_RE.test(username.trim().toLowerCase())) problems.username = L('errors.username');
    if (!displayName.trim()) problems.displayName = t('admin.organisation.required');
    if (password.length < MIN_PASSWORD) problems.password = t('admin.users.errors.password', { n: MIN_PASSWORD });
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const created = await save.save({
      method: 'POST', url: '/api/admin/users',
      body: { username: username.trim().toLowerCase(), displayName: displayName.trim(), email: trimmedOrNull(email), password, roles, units },
    });
    if (created) onCreated(created.value);
  };
  return (
    <form className="admin-form panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="user-new-title" data-qa="user-new-form">
      <Heading variant="h2" id="user-new-title" tabIndex={-1}>{L('newTitle')}</Heading>
      <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, fields, 'user-new-username')} qa="user-new-errors" />
      <div className="form-grid">
        <TextField id="user-new-username" label={L('username')} hint={L('usernameHint')} value={username} onChange={setUsername} maxLength={100} required error={errors.username} />
        <TextField id="user-new-name" label={L('displayName')} value={displayName} onChange={setDisplayName} maxLength={200} required error={errors.displayName} autoComplete="off" />
        <TextField id="user-new-email" label={L('email')} type="email" inputMode="email" value={email} onChange={setEmail} maxLength={200} error={errors.email} />
        <TextField id="user-new-password" label={L('password')} hint={t('admin.users.passwordHint', { n: MIN_PASSWORD })} type="password" autoComplete="new-password"
          value={password} onChange={setPassword} maxLength={256} required error={errors.password} />
      </div>
      <RolesAndUnits idPrefix="user-new" roles={roles} units={units} onRoles={setRoles} onUnits={setUnits} org={org.data} errors={errors} />
      <div className="actions">
        <Button type="submit" disabled={save.busy} data-qa="user-new-save">{L('create')}</Button>
        <Button variant="secondary" onClick={onCancel} data-qa="user-new-cancel">{t('admin.organisation.cancel')}</Button>
      </div>
    </form>
  );
}

/**
 * The county's staff accounts (issue 18): name, username, roles, units and whether the account is
 * in use, filtered by a text; each leads to its own page. A new account is made here.
 */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  ensurePeopleMessages(i18n);
  const lang = i18n.language as Lang;
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => api<Users>('/api/admin/users') });
  const org = useAdminOrganisation();
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<AdminUser | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (created) statusRef.current?.focus(); }, [created]);
  const needle = filter.trim().toLocaleLowerCase('fi');
  const roleText = (roles: string[]) => roles.map((r) => t(`worker.roleNames.${r}`)).join(', ');
  const items = (users.data?.items ?? []).filter((u) => !needle
    || [u.displayName, u.username, roleText(u.roles), unitNames(u.units, org.data, lang)].some((s) => s.toLocaleLowerCase('fi').includes(needle)));
  const L = (k: string) => t(`admin.users.${k}`);
  return (
    <>
      <AdminNav />
      <section aria-labelledby="users-title" data-qa="admin-users">
        <Heading variant="h1" id="users-title">{L('title')}</Heading>
        <p className="hint">{L('intro')}</p>
        <div ref={statusRef} tabIndex={-1}>
          {created && (
            <Notice kind="success" qa="user-created">
              {t('admin.users.created', { name: created.displayName })}{' '}
              <a {...linkProps(ADMIN_PATHS.user(created.id))} data-qa="user-created-open">{L('openCreated')}</a>
            </Notice>
          )}
        </div>
        {!creating && (
          <Button variant="secondary" id="user-new" data-qa="user-new" onClick={() => { setCreated(null); setCreating(true); window.setTimeout(() => document.getElementById('user-new-title')?.focus(), 0); }}>
            {L('newTitle')}
          </Button>
        )}
        {creating && (
          <NewUserForm onCreated={(u) => { setCreating(false); setCreated(u); }}
            onCancel={() => { setCreating(false); window.setTimeout(() => document.getElementById('user-new')?.focus(), 0); }} />
        )}
        <section className="panel" aria-labelledby="users-list-title">
          <Heading variant="h2" id="users-list-title">{L('listTitle')}</Heading>
          <div className="actions">
            <TextField id="users-filter" label={L('filter')} hint={L('filterHint')} value={filter} onChange={setFilter} maxLength={100} />
          </div>
          {users.isError && <Notice kind="error" qa="users-failed">{problemMessage(users.error, L('failed'))}</Notice>}
          {users.data && (
            <p className="list-summary" role="status" data-qa="users-count">{t('admin.users.count', { count: items.length, total: users.data.total })}</p>
          )}
          {users.data && items.length > 0 && (
            <div className="admin-scroll" role="region" aria-label={L('listTitle')} tabIndex={0}>
              <table className="data" data-qa="users-table">
                <caption className="visually-hidden">{L('listTitle')}</caption>
                <thead>
                  <tr><th scope="col">{L('displayName')}</th><th scope="col">{L('username')}</th><th scope="col">{L('roles')}</th><th scope="col">{L('units')}</th><th scope="col">{L('state')}</th></tr>
                </thead>
                <tbody>
                  {items.map((u) => (
                    <tr key={u.id} data-qa={`user-row-${u.username}`}>
                      <th scope="row"><a {...linkProps(ADMIN_PATHS.user(u.id))} data-qa="user-open">{u.displayName}</a></th>
                      <td data-qa="user-username">{u.username}</td>
                      <td data-qa="user-roles">{roleText(u.roles)}</td>
                      <td data-qa="user-units">{unitNames(u.units, org.data, lang) || '–'}</td>
                      <td data-qa="user-state">{u.active ? L('active') : L('inactive')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </section>
    </>
  );
}
