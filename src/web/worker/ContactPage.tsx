import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, ApiError } from '../lib/api';
import { formatDate } from '../lib/i18n';
import { linkProps } from './router';
import { useReferenceData } from './reference-data';
import { CloseForm } from './CloseForm';

interface ContactView {
  id: string; reference: string; channel: string; line: string | null; status: string; waitingReason: string | null; urgency: string; anonymous: boolean;
  mainReason: string | null; contactor: string; note: string | null; receivedAt: string; respondBy: string; overdue: boolean; outcome: string | null;
  assignedTo: { id: string; name: string } | null; repeatContacts30d: number; repeatTrigger: boolean; callerNumber: string | null;
  person: { name: string | null; phone: string | null; hetu: string | null; callbackWindow: string | null } | null;
  timeline: { id: string; at: string; kind: string; actor: string | null; details: Record<string, unknown> }[];
}

export function ContactPage({ id, myId }: { id: string; myId: string }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const contact = useQuery({ queryKey: ['contact', id], queryFn: () => api<ContactView>(`/api/contacts/${id}`), refetchInterval: 5000 });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api(`/api/contacts/${id}/${path}`, { method: 'POST', body: body ?? {}, lang: ref.lang }),
    onSuccess: async () => { setError(null); await client.invalidateQueries({ queryKey: ['contact', id] }); await client.invalidateQueries({ queryKey: ['queue'] }); },
    onError: (err) => setError(err instanceof ApiError ? [err.problem.title, err.problem.detail, ...(err.problem.errors ?? []).map((e) => e.message)].filter(Boolean).join(' ') : t('common.error')),
  });
  const [waitReason, setWaitReason] = useState('consultation');
  const [reopenReason, setReopenReason] = useState('');

  if (!contact.data) return <p>{contact.isError ? t('common.error') : t('common.loading')}</p>;
  const c = contact.data;
  const mine = c.assignedTo?.id === myId;
  const isCallback = c.channel === 'callback' || c.waitingReason === 'callback_attempt';

  return (
    <section aria-labelledby="contact-title" data-qa="contact-view">
      <p><a {...linkProps('/tyo/')}>← {t('queue.back')}</a></p>
      <Heading variant="h1" id="contact-title">{t('queue.reference')} {c.reference}</Heading>
      {c.repeatTrigger && <p className="badge trigger" data-qa="repeat-trigger">{t('queue.repeatTrigger', { n: c.repeatContacts30d })}</p>}
      <dl className="form-grid">
        <div><dt>{t('queue.colStatus')}</dt><dd data-qa="contact-status">{t(`queue.statusNames.${c.status}`)}{c.waitingReason ? ` (${t(`queue.waitingNames.${c.waitingReason}`)})` : ''}</dd></div>
        <div><dt>{t('queue.respondBy')}</dt><dd data-qa="contact-respond-by">{formatDate(c.respondBy, ref.lang)} {c.overdue && <span className="badge overdue">{t('queue.overdue')}</span>}</dd></div>
        <div><dt>{t('queue.channel')}</dt><dd>{ref.label('channel', c.channel)}</dd></div>
        <div><dt>{t('queue.line')}</dt><dd>{ref.lineLabel(c.line)}</dd></div>
        <div><dt>{t('queue.urgency')}</dt><dd>{ref.label('urgency', c.urgency)}</dd></div>
        <div><dt>{t('queue.assignedTo')}</dt><dd>{c.assignedTo?.name ?? '–'}</dd></div>
        <div><dt>{t('queue.mainReason')}</dt><dd>{ref.label('reason', c.mainReason)}</dd></div>
        <div><dt>{t('queue.outcome')}</dt><dd>{ref.label('outcome', c.outcome)}</dd></div>
        <div><dt>{t('queue.person')}</dt><dd data-qa="contact-person">{c.anonymous ? t('queue.anonymous') : [c.person?.name, c.person?.phone, c.person?.hetu, c.person?.callbackWindow].filter(Boolean).join(', ')}</dd></div>
        {c.callerNumber && <div><dt>{t('queue.phone')}</dt><dd><a href={`tel:${c.callerNumber}`} data-qa="caller-number">{c.callerNumber}</a></dd></div>}
      </dl>
      {c.note && <p>{c.note}</p>}
      {error && <p className="notice error" role="alert" data-qa="contact-error">{error}</p>}

      <div className="actions">
        {(c.status === 'new' || (c.status === 'waiting' && (mine || !c.assignedTo))) && <Button onClick={() => act.mutate({ path: 'claim' })} data-qa="claim">{t('queue.claim')}</Button>}
        {c.status !== 'closed' && c.status !== 'new' && mine && <Button variant="secondary" onClick={() => act.mutate({ path: 'release' })} data-qa="release">{t('queue.release')}</Button>}
      </div>

      {c.status === 'in_progress' && mine && (
        <div className="actions">
          <div className="field">
            <label htmlFor="wait-reason">{t('queue.waitReason')}</label>
            <select id="wait-reason" value={waitReason} onChange={(e) => setWaitReason(e.target.value)}>
              {(['consultation', 'callback_attempt', 'client_to_call_back'] as const).map((w) => <option key={w} value={w}>{t(`queue.waitingNames.${w}`)}</option>)}
            </select>
          </div>
          <Button variant="secondary" onClick={() => act.mutate({ path: 'wait', body: { reason: waitReason } })} data-qa="wait">{t('queue.wait')}</Button>
        </div>
      )}

      {isCallback && c.status !== 'closed' && (mine || !c.assignedTo) && (
        <fieldset className="actions" style={{ border: 0, padding: 0 }}>
          <legend style={{ fontWeight: 600 }}>{t('queue.callbackAttempt')}</legend>
          {(['reached', 'no_answer', 'busy'] as const).map((r) => (
            <Button key={r} variant="secondary" onClick={() => act.mutate({ path: 'callback-attempts', body: { result: r } })} data-qa={`attempt-${r}`}>{t(`queue.attemptResults.${r}`)}</Button>
          ))}
        </fieldset>
      )}

      {c.status !== 'closed' && (mine || !c.assignedTo) && (
        <CloseForm initial={{ mainReason: c.mainReason, contactor: c.contactor }} onClose={(body) => act.mutate({ path: 'close', body })} busy={act.isPending} />
      )}

      {c.status === 'closed' && (
        <div className="actions">
          <div className="field">
            <label htmlFor="reopen-reason">{t('queue.reopenReason')}</label>
            <input id="reopen-reason" value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} data-qa="reopen-reason" />
          </div>
          <Button variant="secondary" onClick={() => act.mutate({ path: 'reopen', body: { reason: reopenReason } })} data-qa="reopen">{t('queue.reopen')}</Button>
        </div>
      )}

      <Heading variant="h2">{t('queue.timeline')}</Heading>
      <ol data-qa="timeline">
        {c.timeline.map((e) => (
          <li key={e.id} data-qa={`event-${e.kind}`}>
            {new Date(e.at).toLocaleString(ref.lang === 'en' ? 'en-GB' : `${ref.lang}-FI`, { timeZone: 'Europe/Helsinki' })} – {t(`queue.kinds.${e.kind}`, { defaultValue: e.kind })}
            {e.actor ? ` (${e.actor})` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
