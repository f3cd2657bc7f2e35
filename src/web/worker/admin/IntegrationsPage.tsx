import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import { api, problemMessage } from '../../lib/api';
import { formatDateTime, type Lang } from '../../lib/i18n';
import { linkProps } from '../../lib/router';
import { Checkbox, ErrorSummary, Notice, RadioGroup, summaryEntries, TextField } from '../../lib/fields';
import type { webhookListSchema, webhookSavedSchema, webhookSchema } from '../../../server/features/integration/integration.schemas';
import { AdminNav } from './AdminNav';
import { ADMIN_PATHS } from './paths';
import { EVENT_WORDS, ensureIntegrationMessages } from './messages-integration';
import { HISTORY_KEY, useAdminSave } from './org-common';
import './admin.css';

export type WebhookList = z.infer<typeof webhookListSchema>;
export type Webhook = z.infer<typeof webhookSchema>;
export type WebhookSaved = z.infer<typeof webhookSavedSchema>;
export type EventTypeInfo = WebhookList['eventTypes'][number];

export const WEBHOOKS_KEY = ['admin', 'webhooks'] as const;

/** The county's subscriptions with their delivery state; refreshed now and then, as the dispatcher works in the background. */
export function useWebhooks() {
  return useQuery({ queryKey: WEBHOOKS_KEY, queryFn: () => api<WebhookList>('/api/admin/webhooks'), refetchInterval: 30_000 });
}

/** An event type's name and meaning in the reader's language; the catalogue's own description for a type this build does not know. */
export function useEventWords() {
  const { i18n } = useTranslation();
  const lang = (['fi', 'sv', 'en'] as const).find((l) => l === i18n.language) ?? 'fi';
  const words: Partial<Record<string, { label: string; description: string }>> = EVENT_WORDS[lang];
  return (e: EventTypeInfo | string) => {
    const type = typeof e === 'string' ? e : e.type;
    return words[type] ?? { label: type, description: typeof e === 'string' ? '' : e.description };
  };
}

/** "23.11.2026 klo 10.00", or the dash for nothing. */
export function useWhen() {
  const { i18n } = useTranslation();
  return (iso: string | null) => (iso ? formatDateTime(iso, i18n.language as Lang) : '–');
}

const isWebAddress = (s: string) => { try { return ['https:', 'http:'].includes(new URL(s.trim()).protocol); } catch { return false; } };

/**
 * A subscription's form, for a new one and for editing: its name, push to an address or pull
 * only, the event types (each with what it means), personal data with its legal basis, and (when
 * editing) whether it is in use. The server's answer decides what is accepted (https only unless
 * the deployment allows http); the form checks only what it can see.
 */
export function WebhookForm({ idPrefix, initial, eventTypes, onSaved, onCancel, title, submitLabel }: {
  idPrefix: string; initial: Webhook | null; eventTypes: EventTypeInfo[]; onSaved: (saved: WebhookSaved) => void; onCancel?: () => void;
  title: string; submitLabel: string;
}) {
  const { t } = useTranslation();
  const words = useEventWords();
  const save = useAdminSave<WebhookSaved>([WEBHOOKS_KEY, HISTORY_KEY]);
  const [name, setName] = useState(initial?.name ?? '');
  const [mode, setMode] = useState<'push' | 'pull'>(initial && initial.url === null ? 'pull' : 'push');
  const [url, setUrl] = useState(initial?.url ?? '');
  const [types, setTypes] = useState<string[]>(initial?.eventTypes ?? []);
  const [personalData, setPersonalData] = useState(initial?.personalData ?? false);
  const [legalBasis, setLegalBasis] = useState(initial?.legalBasis ?? '');
  const [active, setActive] = useState(initial?.active ?? true);
  const [local, setLocal] = useState<Record<string, string>>({});
  const L = (k: string) => t(`admin.integrations.form.${k}`);
  const p = idPrefix;
  // the server names a bad event type by its index (eventTypes.3): shown at the group
  const serverErrors = Object.fromEntries(Object.entries(save.errors).map(([k, v]) => [k.startsWith('eventTypes') ? 'eventTypes' : k, v]));
  const errors: Record<string, string | undefined> = { ...serverErrors, ...local };
  const fields = {
    name: { id: `${p}-name`, label: L('name') }, url: { id: `${p}-url`, label: L('url') }, eventTypes: { id: `${p}-type-0`, label: L('types') },
    personalData: { id: `${p}-personal`, label: L('personalData') }, legalBasis: { id: `${p}-legal-basis`, label: L('legalBasis') },
    active: { id: `${p}-active`, label: L('active') }, form: { id: `${p}-name`, label: '' },
  };
  // the types in the catalogue's order; a type the catalogue no longer lists stays as it was
  const ordered = (chosen: string[]) => [...eventTypes.map((e) => e.type).filter((x) => chosen.includes(x)), ...chosen.filter((x) => !eventTypes.some((e) => e.type === x))];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = L('required');
    if (mode === 'push' && !url.trim()) problems.url = L('required');
    else if (mode === 'push' && !isWebAddress(url)) problems.url = L('urlFormat');
    if (types.length === 0) problems.eventTypes = L('typesRequired');
    if (personalData && !legalBasis.trim()) problems.legalBasis = L('required');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const body = {
      name: name.trim(), url: mode === 'push' ? url.trim() : null, eventTypes: ordered(types), personalData, legalBasis: personalData ? legalBasis.trim() : null,
      ...(initial ? { active } : {}),
    };
    const saved = initial
      ? await save.save({ method: 'PATCH', url: `/api/admin/webhooks/${initial.id}`, body })
      : await save.save({ method: 'POST', url: '/api/admin/webhooks', body });
    if (saved) onSaved(saved.value);
  };
  return (
    <form className="admin-form panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${p}-title`} data-qa={`${p}-form`}>
      <Heading variant="h2" id={`${p}-title`} tabIndex={-1}>{title}</Heading>
      <ErrorSummary title={t('admin.integrations.errorsTitle')} errors={summaryEntries(errors, fields, `${p}-name`)} qa={`${p}-errors`} />
      <TextField id={`${p}-name`} label={L('name')} hint={L('nameHint')} value={name} onChange={setName} maxLength={200} required error={errors.name} />
      <RadioGroup id={`${p}-mode`} legend={L('mode')} value={mode} onChange={(v) => setMode(v as 'push' | 'pull')}
        options={[{ value: 'push', label: L('modePush') }, { value: 'pull', label: L('modePull') }]} />
      {mode === 'push' && (
        <TextField id={`${p}-url`} label={L('url')} hint={L('urlHint')} type="url" value={url} onChange={setUrl} maxLength={2000} required error={errors.url} />
      )}
      <fieldset className="field checkboxes webhook-types" aria-describedby={errors.eventTypes ? `${p}-types-error` : undefined} data-qa={`${p}-types`}>
        <legend>{L('types')}</legend>
        <ul>
          {eventTypes.map((e, i) => {
            const w = words(e);
            return (
              <li key={e.type}>
                <label htmlFor={`${p}-type-${i}`}>
                  <input type="checkbox" id={`${p}-type-${i}`} checked={types.includes(e.type)} aria-describedby={`${p}-type-${i}-desc`}
                    aria-invalid={errors.eventTypes ? true : undefined} data-qa={`${p}-type-${e.type}`}
                    onChange={(ev) => setTypes(ev.target.checked ? [...types, e.type] : types.filter((x) => x !== e.type))} /> {w.label}
                </label>
                <span className="hint" id={`${p}-type-${i}-desc`}>{w.description} <code>{e.type}</code></span>
              </li>
            );
          })}
        </ul>
        <button type="button" className="link" onClick={() => setTypes(eventTypes.map((e) => e.type))} data-qa={`${p}-types-all`}>{L('selectAll')}</button>
        {errors.eventTypes && <span id={`${p}-types-error`} className="error" data-qa={`${p}-types-error`}>{errors.eventTypes}</span>}
      </fieldset>
      <Checkbox id={`${p}-personal`} label={L('personalData')} checked={personalData} onChange={setPersonalData} error={errors.personalData} />
      <p className="hint webhook-personal-hint">{L('personalDataHint')}</p>
      {personalData && (
        <TextField id={`${p}-legal-basis`} label={L('legalBasis')} hint={L('legalBasisHint')} value={legalBasis} onChange={setLegalBasis} multiline rows={2} maxLength={500}
          required error={errors.legalBasis} />
      )}
      {initial && <Checkbox id={`${p}-active`} label={L('active')} checked={active} onChange={setActive} error={errors.active} />}
      <div className="actions">
        <Button type="submit" disabled={save.busy} data-qa={`${p}-save`}>{submitLabel}</Button>
        {onCancel && <Button variant="secondary" onClick={onCancel} data-qa={`${p}-cancel`}>{t('admin.integrations.cancel')}</Button>}
      </div>
    </form>
  );
}

/**
 * The signing secret, shown once (after creating a subscription or a new secret): a read-only
 * field to select, a copy button, and the warning that it is not shown again. It takes the focus,
 * so a screen reader hears it first; it is gone once the administrator says they saved it.
 */
export function SecretPanel({ secret, message, onDone, children }: { secret: string; message: string; onDone: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { heading.current?.focus(); }, [secret]);
  const L = (k: string) => t(`admin.integrations.secret.${k}`);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('copied');
    } catch {
      setCopied('failed');
      input.current?.focus();
      input.current?.select();
    }
  };
  return (
    <section className="webhook-secret" aria-labelledby="webhook-secret-title" data-qa="webhook-secret">
      <Heading variant="h2" id="webhook-secret-title" ref={heading} tabIndex={-1}>{L('title')}</Heading>
      <p data-qa="webhook-secret-message">{message}</p>
      <p><strong>{L('note')}</strong> {L('use')}</p>
      <div className="field">
        <label htmlFor="webhook-secret-value">{L('label')}</label>
        <input id="webhook-secret-value" ref={input} className="secret-value" readOnly value={secret} spellCheck={false} autoComplete="off"
          onFocus={(e) => e.currentTarget.select()} data-qa="webhook-secret-value" />
      </div>
      <div className="actions">
        <Button onClick={() => void copy()} data-qa="webhook-secret-copy">{L('copy')}</Button>
        {children}
        <Button variant="secondary" onClick={onDone} data-qa="webhook-secret-done">{L('done')}</Button>
      </div>
      <p role="status" className="webhook-copy-status" data-qa="webhook-secret-copied">{copied ? L(copied === 'copied' ? 'copied' : 'copyFailed') : ''}</p>
    </section>
  );
}

/** How an integrating system fetches the events itself, and where the catalogue is. */
function PullHelp() {
  const { t } = useTranslation();
  const L = (k: string) => t(`admin.integrations.pull.${k}`);
  const secretWord = t('admin.integrations.secret.label').toLocaleLowerCase();
  return (
    <section className="panel" aria-labelledby="pull-title" data-qa="integrations-pull">
      <Heading variant="h2" id="pull-title">{L('title')}</Heading>
      <p>{t('admin.integrations.pull.request', { request: 'GET /api/events', header: 'Authorization' })}</p>
      <pre className="admin-code" data-qa="integrations-pull-example"><code>{`GET /api/events?after=<next>\nAuthorization: Bearer <${secretWord}>`}</code></pre>
      <p>{t('admin.integrations.pull.cursor', { next: 'next', after: 'after' })}</p>
      <p><a href="/api/events/catalogue" data-qa="integrations-catalogue">{L('catalogue')}</a></p>
    </section>
  );
}

/**
 * The county's integrations (issue 19): its webhook subscriptions with how their deliveries stand
 * (waiting, delivered, failed, how far behind, the latest error), a new subscription (its secret
 * shown once), and how a system pulls the events instead. Each subscription has its own page.
 */
export function IntegrationsPage() {
  const { t, i18n } = useTranslation();
  ensureIntegrationMessages(i18n);
  const list = useWebhooks();
  const when = useWhen();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<WebhookSaved | null>(null);
  const L = (k: string) => t(`admin.integrations.${k}`);
  const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);
  const items = list.data?.subscriptions ?? [];
  return (
    <>
      <AdminNav />
      <section aria-labelledby="integrations-title" data-qa="admin-integrations">
        <Heading variant="h1" id="integrations-title">{L('title')}</Heading>
        <p className="hint">{L('intro')}</p>
        {created?.secret && (
          <SecretPanel secret={created.secret} message={t('admin.integrations.secret.created', { name: created.subscription.name })}
            onDone={() => { setCreated(null); focusLater('webhook-new'); }}>
            <a {...linkProps(ADMIN_PATHS.webhook(created.subscription.id))} data-qa="webhook-created-open">{t('admin.integrations.secret.open')}</a>
          </SecretPanel>
        )}
        {!creating && !created && (
          <Button variant="secondary" id="webhook-new" data-qa="webhook-new" onClick={() => { setCreating(true); focusLater('webhook-new-title'); }}>{L('newTitle')}</Button>
        )}
        {creating && list.data && (
          <WebhookForm idPrefix="webhook-new" initial={null} eventTypes={list.data.eventTypes} title={L('newTitle')} submitLabel={L('create')}
            onSaved={(saved) => { setCreating(false); setCreated(saved); }}
            onCancel={() => { setCreating(false); focusLater('webhook-new'); }} />
        )}
        <section className="panel" aria-labelledby="webhooks-list-title">
          <Heading variant="h2" id="webhooks-list-title">{L('listTitle')}</Heading>
          {list.isError && <Notice kind="error" qa="webhooks-failed">{problemMessage(list.error, L('failed'))}</Notice>}
          {list.isPending && <p>{t('common.loading')}</p>}
          {list.data && items.length === 0 && <p data-qa="webhooks-none">{L('none')}</p>}
          {items.length > 0 && (
            <div className="admin-scroll" role="region" aria-label={L('listTitle')} tabIndex={0}>
              <table className="data" data-qa="webhooks-table">
                <caption className="visually-hidden">{L('listTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{L('cols.name')}</th><th scope="col">{L('cols.delivery')}</th><th scope="col">{L('cols.state')}</th>
                    <th scope="col" className="num">{L('cols.pending')}</th><th scope="col" className="num">{L('cols.delivered')}</th><th scope="col" className="num">{L('cols.dead')}</th>
                    <th scope="col">{L('cols.behind')}</th><th scope="col">{L('cols.lastError')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((s) => (
                    <tr key={s.id} data-qa={`webhook-row-${s.name}`} className={s.active ? undefined : 'inactive'}>
                      <th scope="row"><a {...linkProps(ADMIN_PATHS.webhook(s.id))} data-qa="webhook-open">{s.name}</a></th>
                      <td data-qa="webhook-delivery">{s.url ? <>{L('push')}<br /><span className="admin-url" data-qa="webhook-url">{s.url}</span></> : L('pullOnly')}</td>
                      <td data-qa="webhook-state">{s.active ? L('active') : L('inactive')}</td>
                      <td className="num" data-qa="webhook-pending">{s.deliveries.pending}</td>
                      <td className="num" data-qa="webhook-delivered">{s.deliveries.delivered}</td>
                      <td className="num" data-qa="webhook-dead">{s.deliveries.dead}</td>
                      <td data-qa="webhook-behind">{when(s.deliveries.oldestPendingAt)}</td>
                      <td data-qa="webhook-last-error">{s.deliveries.lastError ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <PullHelp />
      </section>
    </>
  );
}
