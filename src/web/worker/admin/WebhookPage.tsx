import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import { api, problemMessage } from '../../lib/api';
import { linkProps } from '../../lib/router';
import { Notice, SelectField } from '../../lib/fields';
import { MAX_DELIVERY_ATTEMPTS } from '../../../domain/events';
import type { deliveryListSchema, replayAllSchema } from '../../../server/features/integration/integration.schemas';
import { AdminNav } from './AdminNav';
import { ADMIN_PATHS } from './paths';
import { ensureIntegrationMessages } from './messages-integration';
import { HISTORY_KEY, useAdminSave } from './org-common';
import { SecretPanel, useEventWords, useWebhooks, useWhen, WebhookForm, WEBHOOKS_KEY, type Webhook, type WebhookSaved } from './IntegrationsPage';
import './admin.css';

type Deliveries = z.infer<typeof deliveryListSchema>;
type Delivery = Deliveries['deliveries'][number];
type ReplayAll = z.infer<typeof replayAllSchema>;
const STATES = ['pending', 'delivered', 'dead'] as const;

/** A status line that takes the focus when it appears, so the result of a button is heard where the button was. */
function Status({ text, qa }: { text: string | null; qa: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (text) ref.current?.focus(); }, [text]);
  return <div ref={ref} tabIndex={-1}>{text && <Notice kind="success" qa={qa}>{text}</Notice>}</div>;
}

/** A button that first asks: the question, a yes and a cancel (focus goes to the question, and back to the button on cancel). */
function Confirmed({ id, label, question, yes, busy, onYes, error }: {
  id: string; label: string; question: string; yes: string; busy: boolean; onYes: () => Promise<unknown>; error?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const later = (target: string) => window.setTimeout(() => document.getElementById(target)?.focus(), 0);
  return (
    <>
      {error && <p className="notice error" role="alert" data-qa={`${id}-error`}>{error}</p>}
      {!asking && <Button variant="secondary" id={id} data-qa={id} onClick={() => { setAsking(true); later(`${id}-question`); }}>{label}</Button>}
      {asking && (
        <div className="admin-confirm" role="group" aria-labelledby={`${id}-question`} data-qa={`${id}-confirm`}>
          <p id={`${id}-question`} tabIndex={-1}><strong>{question}</strong></p>
          <div className="actions">
            <Button disabled={busy} data-qa={`${id}-yes`} onClick={() => void onYes().then(() => setAsking(false))}>{yes}</Button>
            <Button variant="secondary" data-qa={`${id}-no`} onClick={() => { setAsking(false); later(id); }}>{t('admin.integrations.cancel')}</Button>
          </div>
        </div>
      )}
    </>
  );
}

/** The deliveries of one subscription, newest first, with a state filter; a failed one (or all) sent again. */
function DeliveriesSection({ sub }: { sub: Webhook }) {
  const { t } = useTranslation();
  const when = useWhen();
  const words = useEventWords();
  const [state, setState] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const deliveries = useQuery({
    queryKey: [...WEBHOOKS_KEY, sub.id, 'deliveries', state],
    queryFn: () => api<Deliveries>(`/api/admin/webhooks/${sub.id}/deliveries?limit=100${state ? `&state=${state}` : ''}`),
    refetchInterval: 30_000,
  });
  const replay = useAdminSave<Delivery>([WEBHOOKS_KEY]);
  const replayAll = useAdminSave<ReplayAll>([WEBHOOKS_KEY]);
  const L = (k: string) => t(`admin.webhook.deliveries.${k}`);
  const items = deliveries.data?.deliveries ?? [];
  const resultOf = (d: Delivery) => [d.lastStatus !== null ? t('admin.webhook.deliveries.status', { status: d.lastStatus }) : null, d.lastError].filter(Boolean).join(' · ') || '–';
  const timeOf = (d: Delivery) => {
    if (d.state === 'delivered' && d.deliveredAt) return t('admin.webhook.deliveries.deliveredAt', { at: when(d.deliveredAt) });
    if (d.state === 'dead' && d.deadAt) return t('admin.webhook.deliveries.deadAt', { at: when(d.deadAt) });
    if (d.state === 'pending' && d.nextAttemptAt) return t('admin.webhook.deliveries.nextAttempt', { at: when(d.nextAttemptAt) });
    return '–';
  };
  const sendAgain = async (d: Delivery) => {
    setStatus(null);
    const ok = await replay.save({ method: 'POST', url: `/api/admin/webhooks/${sub.id}/deliveries/${d.id}/replay` });
    if (ok) setStatus(L('replayed'));
  };
  const sendAllAgain = async () => {
    setStatus(null);
    const ok = await replayAll.save({ method: 'POST', url: `/api/admin/webhooks/${sub.id}/replay` });
    if (ok) setStatus(t('admin.webhook.deliveries.replayedAll', { count: ok.value.replayed }));
  };
  const error = replay.errors.form ?? replayAll.errors.form;
  return (
    <section className="panel" aria-labelledby="deliveries-title" data-qa="webhook-deliveries">
      <Heading variant="h2" id="deliveries-title">{L('title')}</Heading>
      <p className="hint">{t('admin.webhook.deliveries.intro', { max: MAX_DELIVERY_ATTEMPTS })}</p>
      <div className="actions">
        <SelectField id="deliveries-state" label={L('filter')} value={state} onChange={setState} empty={L('all')}
          options={STATES.map((s) => ({ value: s, label: t(`admin.webhook.deliveries.states.${s}`) }))} />
        <Button variant="secondary" onClick={() => void deliveries.refetch()} data-qa="deliveries-refresh">{L('refresh')}</Button>
        {sub.deliveries.dead > 0 && (
          <Button variant="secondary" disabled={replayAll.busy} onClick={() => void sendAllAgain()} data-qa="deliveries-replay-all">{L('replayAll')}</Button>
        )}
      </div>
      <Status text={status} qa="deliveries-replayed" />
      {error && <Notice kind="error" qa="deliveries-replay-failed">{error}</Notice>}
      {deliveries.isError && <Notice kind="error" qa="deliveries-failed">{problemMessage(deliveries.error, L('failed'))}</Notice>}
      {deliveries.data && (
        <p className="list-summary" role="status" data-qa={items.length ? 'deliveries-count' : 'deliveries-none'}>
          {items.length ? t('admin.webhook.deliveries.count', { count: items.length }) : L('none')}
        </p>
      )}
      {items.length > 0 && (
        <div className="admin-scroll" role="region" aria-label={L('title')} tabIndex={0}>
          <table className="data" data-qa="deliveries-table">
            <caption className="visually-hidden">{L('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{L('cols.created')}</th><th scope="col">{L('cols.type')}</th><th scope="col">{L('cols.subject')}</th>
                <th scope="col" className="num">{L('cols.sequence')}</th><th scope="col">{L('cols.state')}</th><th scope="col" className="num">{L('cols.attempts')}</th>
                <th scope="col">{L('cols.result')}</th><th scope="col">{L('cols.when')}</th><th scope="col">{L('cols.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const label = words(d.type).label;
                return (
                  <tr key={d.id} data-qa="delivery-row" data-state={d.state} data-type={d.type}>
                    <td className="nowrap">{when(d.createdAt)}</td>
                    <th scope="row" data-qa="delivery-type">{label}</th>
                    <td><code>{d.subject}</code></td>
                    <td className="num">{d.sequence}</td>
                    <td data-qa="delivery-state">{t(`admin.webhook.deliveries.states.${d.state}`)}</td>
                    <td className="num" data-qa="delivery-attempts">{d.attempts}</td>
                    <td data-qa="delivery-result">{resultOf(d)}</td>
                    <td>{timeOf(d)}</td>
                    <td className="actions-cell">
                      {d.state === 'dead' && (
                        <Button variant="secondary" disabled={replay.busy} onClick={() => void sendAgain(d)} data-qa="delivery-replay"
                          aria-label={t('admin.webhook.deliveries.replayNamed', { type: label, sequence: d.sequence })}>{L('replay')}</Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A new signing secret after a confirmation; the new one is shown once. */
function RotateSection({ sub, onRotated }: { sub: Webhook; onRotated: (saved: WebhookSaved) => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<WebhookSaved>([WEBHOOKS_KEY, HISTORY_KEY]);
  const L = (k: string) => t(`admin.webhook.${k}`);
  return (
    <section className="panel" aria-labelledby="rotate-title" data-qa="webhook-rotate-section">
      <Heading variant="h2" id="rotate-title">{L('rotateTitle')}</Heading>
      <p>{L('rotateText')}</p>
      <Confirmed id="webhook-rotate" label={L('rotate')} question={L('rotateConfirm')} yes={L('rotateYes')} busy={save.busy} error={save.errors.form}
        onYes={async () => { const ok = await save.save({ method: 'PATCH', url: `/api/admin/webhooks/${sub.id}`, body: { rotateSecret: true } }); if (ok) onRotated(ok.value); }} />
    </section>
  );
}

/** Deleting the subscription after a confirmation. */
function DeleteSection({ sub, onDeleting, onDeleted }: { sub: Webhook; onDeleting: (busy: boolean) => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave([WEBHOOKS_KEY, HISTORY_KEY]);
  const L = (k: string) => t(`admin.webhook.${k}`);
  return (
    <section className="panel" aria-labelledby="delete-title" data-qa="webhook-delete-section">
      <Heading variant="h2" id="delete-title">{L('deleteTitle')}</Heading>
      <p>{L('deleteText')}</p>
      <Confirmed id="webhook-delete" label={L('delete')} question={t('admin.webhook.deleteConfirm', { name: sub.name })} yes={L('deleteYes')} busy={save.busy}
        error={save.errors.form} onYes={async () => {
          // the list is refreshed before the answer returns: meanwhile the page says neither "not found" nor anything else
          onDeleting(true);
          if (await save.save({ method: 'DELETE', url: `/api/admin/webhooks/${sub.id}` })) onDeleted();
          else onDeleting(false);
        }} />
    </section>
  );
}

/**
 * One webhook subscription (issue 19): how its deliveries stand, its settings, a new secret (shown
 * once), deleting it, and its deliveries with "send again" for the failed ones. Another county's
 * subscription is not found.
 */
export function WebhookPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  ensureIntegrationMessages(i18n);
  const list = useWebhooks();
  const when = useWhen();
  const [secret, setSecret] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const deletedRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (deleted) deletedRef.current?.focus(); }, [deleted]);
  const L = (k: string) => t(`admin.webhook.${k}`);
  const sub = list.data?.subscriptions.find((s) => s.id === id);
  const back = <p><a {...linkProps(ADMIN_PATHS.integrations)} data-qa="webhook-back">{L('back')}</a></p>;
  if (deleted) {
    return (
      <>
        <AdminNav />
        <div ref={deletedRef} tabIndex={-1}><Notice kind="success" qa="webhook-deleted">{t('admin.webhook.deleted', { name: deleted })}</Notice></div>
        {back}
      </>
    );
  }
  return (
    <>
      <AdminNav />
      {back}
      {list.isError && <Notice kind="error" qa="webhook-failed">{problemMessage(list.error, t('admin.integrations.failed'))}</Notice>}
      {list.isPending && <p>{t('common.loading')}</p>}
      {list.data && !sub && !deleting && (
        <section aria-labelledby="webhook-title" data-qa="webhook-not-found">
          <Heading variant="h1" id="webhook-title">{L('notFoundTitle')}</Heading>
          <p>{L('notFound')}</p>
        </section>
      )}
      {list.data && sub && (
        <section aria-labelledby="webhook-title" data-qa="admin-webhook">
          <Heading variant="h1" id="webhook-title">{sub.name}</Heading>
          {secret && (
            <SecretPanel secret={secret} message={t('admin.integrations.secret.rotated', { name: sub.name })}
              onDone={() => { setSecret(null); window.setTimeout(() => document.getElementById('webhook-rotate')?.focus(), 0); }} />
          )}
          <dl className="admin-facts" data-qa="webhook-facts">
            <dt>{L('facts.delivery')}</dt><dd data-qa="webhook-delivery">{sub.url ? t('admin.integrations.push') : t('admin.integrations.pullOnly')}</dd>
            {sub.url && <><dt>{L('facts.url')}</dt><dd className="admin-url" data-qa="webhook-url">{sub.url}</dd></>}
            <dt>{L('facts.state')}</dt><dd data-qa="webhook-state">{sub.active ? t('admin.integrations.active') : t('admin.integrations.inactive')}</dd>
            <dt>{L('facts.personalData')}</dt><dd data-qa="webhook-personal">{sub.personalData ? t('admin.webhook.facts.personalDataYes', { basis: sub.legalBasis ?? '' }) : L('facts.personalDataNo')}</dd>
            <dt>{t('admin.integrations.cols.pending')}</dt><dd data-qa="webhook-pending">{sub.deliveries.pending}</dd>
            <dt>{t('admin.integrations.cols.delivered')}</dt><dd data-qa="webhook-delivered">{sub.deliveries.delivered}</dd>
            <dt>{t('admin.integrations.cols.dead')}</dt><dd data-qa="webhook-dead">{sub.deliveries.dead}</dd>
            <dt>{L('facts.lastDelivered')}</dt><dd>{sub.deliveries.lastDeliveredAt ? when(sub.deliveries.lastDeliveredAt) : L('facts.never')}</dd>
            <dt>{L('facts.behind')}</dt><dd data-qa="webhook-behind">{when(sub.deliveries.oldestPendingAt)}</dd>
            <dt>{L('facts.lastError')}</dt><dd data-qa="webhook-last-error">{sub.deliveries.lastError ?? '–'}</dd>
            <dt>{L('facts.created')}</dt><dd>{when(sub.createdAt)}</dd>
          </dl>
          <DeliveriesSection sub={sub} />
          <WebhookForm key={`edit-${sub.id}`} idPrefix="webhook-edit" initial={sub} eventTypes={list.data.eventTypes} title={L('editTitle')} submitLabel={L('save')}
            onSaved={() => setSaved(L('saved'))} />
          <Status text={saved} qa="webhook-saved" />
          <RotateSection sub={sub} onRotated={(s) => { setSaved(null); setSecret(s.secret); }} />
          <DeleteSection sub={sub} onDeleting={setDeleting} onDeleted={() => setDeleted(sub.name)} />
        </section>
      )}
    </>
  );
}
