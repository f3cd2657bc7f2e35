import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, ApiError, problemMessage } from '../../lib/api';
import { formatDateTime, type Lang } from '../../lib/i18n';
import { linkProps } from '../../lib/router';
import { ErrorSummary, Notice, summaryEntries, TextField } from '../../lib/fields';
import type { AdminOrganisation, AdminUser, historySchema } from '../../../server/features/administration/administration.schemas';
import type { z } from 'zod';
import { AdminNav } from './AdminNav';
import { ADMIN_PATHS } from './paths';
import { ensurePeopleMessages } from './messages-people';
import { HISTORY_KEY, ORGANISATION_KEY, trimmedOrNull, useAdminOrganisation, useAdminSave, USERS_KEY } from './org-common';
import { MIN_PASSWORD, roleProblems, RolesAndUnits, unitNames } from './users-common';
import './admin.css';

type History = z.infer<typeof historySchema>;
const userKey = (id: string) => [...USERS_KEY, id];

function useStatusFocus(status: string | null) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (status) ref.current?.focus(); }, [status]);
  return ref;
}

/** Name, e-mail, roles and units. A change of roles or units ends the user's sessions (they sign in again with the new ones). */
function DetailsForm({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const org = useAdminOrganisation();
  const save = useAdminSave<AdminUser>([USERS_KEY, HISTORY_KEY, ORGANISATION_KEY]);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [roles, setRoles] = useState<string[]>(user.roles.filter((r) => r !== 'platform_admin'));
  const [units, setUnits] = useState<string[]>(user.units);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useStatusFocus(status);
  const L = (k: string) => t(`admin.users.${k}`);
  const fields = {
    displayName: { id: 'user-name', label: L('displayName') }, email: { id: 'user-email', label: L('email') },
    roles: { id: 'user-roles-guidance_worker', label: L('roles') }, units: { id: 'user-units', label: L('units') }, form: { id: 'user-name', label: '' },
  };
  const errors = { ...save.errors, ...local };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const problems = roleProblems(roles, units, t);
    if (!displayName.trim()) problems.displayName = t('admin.organisation.required');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const ok = await save.save({ method: 'PATCH', url: `/api/admin/users/${user.id}`, body: { displayName: displayName.trim(), email: trimmedOrNull(email), roles, units } });
    if (ok) setStatus(L('saved'));
  };
  return (
    <form className="admin-form panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="user-details-title" data-qa="user-details-form">
      <Heading variant="h2" id="user-details-title">{L('detailsTitle')}</Heading>
      <p className="hint">{L('detailsHint')}</p>
      <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, fields, 'user-name')} qa="user-details-errors" />
      <div className="form-grid">
        <TextField id="user-name" label={L('displayName')} value={displayName} onChange={setDisplayName} maxLength={200} required error={errors.displayName} />
        <TextField id="user-email" label={L('email')} type="email" inputMode="email" value={email} onChange={setEmail} maxLength={200} error={errors.email} />
      </div>
      <RolesAndUnits idPrefix="user" roles={roles} units={units} onRoles={setRoles} onUnits={setUnits} org={org.data} errors={errors} current={user.units} />
      <div ref={statusRef} tabIndex={-1}>{status && <Notice kind="success" qa="user-details-saved">{status}</Notice>}</div>
      <Button type="submit" disabled={save.busy} data-qa="user-details-save">{t('admin.organisation.save')}</Button>
    </form>
  );
}

/** A new password; the user's sessions end. */
function PasswordForm({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const save = useAdminSave([HISTORY_KEY]);
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useStatusFocus(status);
  const L = (k: string) => t(`admin.users.${k}`);
  const errors = { ...save.errors, ...local };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const problems: Record<string, string> = {};
    if (password.length < MIN_PASSWORD) problems.password = t('admin.users.errors.password', { n: MIN_PASSWORD });
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const ok = await save.save({ method: 'PATCH', url: `/api/admin/users/${user.id}`, body: { password } });
    if (ok) { setPassword(''); setStatus(L('passwordSaved')); }
  };
  return (
    <form className="admin-form panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="user-password-title" data-qa="user-password-form">
      <Heading variant="h2" id="user-password-title">{L('passwordTitle')}</Heading>
      <ErrorSummary title={t('admin.organisation.errorsTitle')} errors={summaryEntries(errors, { password: { id: 'user-password', label: L('newPassword') }, form: { id: 'user-password', label: '' } }, 'user-password')} qa="user-password-errors" />
      <TextField id="user-password" label={L('newPassword')} hint={`${t('admin.users.passwordHint', { n: MIN_PASSWORD })} ${L('sessionsEnd')}`} type="password" autoComplete="new-password"
        value={password} onChange={setPassword} maxLength={256} error={errors.password} />
      <div ref={statusRef} tabIndex={-1}>{status && <Notice kind="success" qa="user-password-saved">{status}</Notice>}</div>
      <Button type="submit" disabled={save.busy} data-qa="user-password-save">{L('setPassword')}</Button>
    </form>
  );
}

/** Deactivate (after a confirmation that says the sessions end at once) or activate again; the last administrator is kept. */
function ActiveSection({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const save = useAdminSave<AdminUser>([USERS_KEY, HISTORY_KEY, ORGANISATION_KEY]);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useStatusFocus(status);
  const L = (k: string) => t(`admin.users.${k}`);
  const error = save.errors.active ?? save.errors.form;
  const change = async (active: boolean) => {
    setStatus(null);
    const ok = await save.save({ method: 'PATCH', url: `/api/admin/users/${user.id}`, body: { active } });
    setConfirming(false);
    if (ok) setStatus(active ? L('activated') : L('deactivated'));
    else window.setTimeout(() => document.getElementById('user-active-error')?.focus(), 0);
  };
  return (
    <section className="panel" aria-labelledby="user-active-title" data-qa="user-active">
      <Heading variant="h2" id="user-active-title">{L('activeTitle')}</Heading>
      <p data-qa="user-active-state">{user.active ? L('isActive') : L('isInactive')}</p>
      <div ref={statusRef} tabIndex={-1}>{status && <Notice kind="success" qa="user-active-saved">{status}</Notice>}</div>
      {error && <p className="notice error" role="alert" id="user-active-error" tabIndex={-1} data-qa="user-active-error">{error}</p>}
      {user.active && !confirming && (
        <Button variant="secondary" id="user-deactivate" data-qa="user-deactivate" onClick={() => { setStatus(null); save.reset(); setConfirming(true); window.setTimeout(() => document.getElementById('user-deactivate-confirm-text')?.focus(), 0); }}>
          {L('deactivate')}
        </Button>
      )}
      {user.active && confirming && (
        <div className="admin-confirm" role="group" aria-labelledby="user-deactivate-confirm-text" data-qa="user-deactivate-confirm">
          <p id="user-deactivate-confirm-text" tabIndex={-1}><strong>{t('admin.users.deactivateConfirm', { name: user.displayName })}</strong></p>
          <div className="actions">
            <Button disabled={save.busy} onClick={() => void change(false)} data-qa="user-deactivate-yes">{L('deactivateYes')}</Button>
            <Button variant="secondary" onClick={() => { setConfirming(false); window.setTimeout(() => document.getElementById('user-deactivate')?.focus(), 0); }} data-qa="user-deactivate-no">{t('admin.organisation.cancel')}</Button>
          </div>
        </div>
      )}
      {!user.active && <Button variant="secondary" disabled={save.busy} onClick={() => void change(true)} data-qa="user-activate">{L('activate')}</Button>}
    </section>
  );
}

const show = (v: unknown, t: (k: string) => string, key: string, org: AdminOrganisation | undefined, lang: Lang): string => {
  if (v === null || v === undefined || v === '') return '–';
  if (key === 'roles' && Array.isArray(v)) return v.map((r) => t(`worker.roleNames.${String(r)}`)).join(', ') || '–';
  if (key === 'units' && Array.isArray(v)) return unitNames(v.map(String), org, lang) || '–';
  if (typeof v === 'boolean') return v ? t('admin.organisation.yes') : t('admin.organisation.no');
  if (Array.isArray(v)) return v.map(String).join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v as string | number);
};

/** The account's changes: who, when, what, before and after. */
function UserHistory({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const org = useAdminOrganisation();
  const history = useQuery({
    queryKey: [...HISTORY_KEY, 'user', user.id],
    queryFn: () => api<History>(`/api/admin/history?objectType=user&objectKey=${encodeURIComponent(user.id)}`),
  });
  const L = (k: string) => t(`admin.users.${k}`);
  const fieldName = (k: string) => (i18n.exists(`admin.users.historyFields.${k}`) ? t(`admin.users.historyFields.${k}`) : k);
  return (
    <section className="panel" aria-labelledby="user-history-title" data-qa="user-history">
      <Heading variant="h2" id="user-history-title">{L('historyTitle')}</Heading>
      {history.isError && <Notice kind="error" qa="user-history-failed">{problemMessage(history.error, L('historyFailed'))}</Notice>}
      {history.data && history.data.items.length === 0 && <p data-qa="user-history-none">{L('historyNone')}</p>}
      {history.data && history.data.items.length > 0 && (
        <ol className="admin-history" data-qa="user-history-list">
          {history.data.items.map((h) => {
            const keys = [...new Set([...Object.keys(h.before ?? {}), ...Object.keys(h.after ?? {})])]
              .filter((k) => JSON.stringify(h.before?.[k]) !== JSON.stringify(h.after?.[k]));
            return (
              <li key={h.id} data-qa="user-history-item">
                <strong>{formatDateTime(h.at, lang)}</strong> · {h.actor.name} · <span data-qa="user-history-action">{t(`admin.users.actions.${h.action}`)}</span>
                {keys.length > 0 && (
                  <ul>
                    {keys.map((k) => (
                      <li key={k}>{fieldName(k)}: {h.before ? `${show(h.before[k], t, k, org.data, lang)} → ` : ''}{show(h.after?.[k], t, k, org.data, lang)}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/**
 * One staff account (issue 18): its details, roles and units, a new password, deactivation (the
 * sessions end at once) and its change history. Another county's account is not found.
 */
export function UserPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  ensurePeopleMessages(i18n);
  const user = useQuery({ queryKey: userKey(id), queryFn: () => api<AdminUser>(`/api/admin/users/${id}`), retry: false });
  const L = (k: string) => t(`admin.users.${k}`);
  const notFound = user.error instanceof ApiError && user.error.problem.status === 404;
  const u = user.data;
  return (
    <>
      <AdminNav />
      <p><a {...linkProps(ADMIN_PATHS.users)} data-qa="user-back">{L('back')}</a></p>
      {notFound && (
        <section aria-labelledby="user-title" data-qa="user-not-found">
          <Heading variant="h1" id="user-title">{L('notFoundTitle')}</Heading>
          <p>{L('notFound')}</p>
        </section>
      )}
      {user.isError && !notFound && <Notice kind="error" qa="user-failed">{problemMessage(user.error, L('failed'))}</Notice>}
      {user.isPending && <p>{t('common.loading')}</p>}
      {u && (
        <section aria-labelledby="user-title" data-qa="admin-user">
          <Heading variant="h1" id="user-title">{u.displayName}</Heading>
          <dl className="admin-facts" data-qa="user-facts">
            <dt>{L('username')}</dt><dd data-qa="user-username">{u.username}</dd>
            <dt>{L('state')}</dt><dd data-qa="user-state">{u.active ? L('active') : L('inactive')}</dd>
            <dt>{L('signIn')}</dt><dd>{u.sso ? L('signInSso') : L('signInPassword')}</dd>
            <dt>{L('lastLogin')}</dt><dd data-qa="user-last-login">{u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language as Lang) : L('never')}</dd>
          </dl>
          <DetailsForm key={`details-${u.id}`} user={u} />
          <PasswordForm user={u} />
          <ActiveSection user={u} />
          <UserHistory user={u} />
        </section>
      )}
    </>
  );
}
