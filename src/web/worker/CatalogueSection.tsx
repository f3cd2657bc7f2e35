import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { api } from '../lib/api';
import type { Lang } from '../lib/i18n';
import { useReferenceData } from './reference-data';
import { inLanguage } from '../../domain/catalogue';
import type { ServiceDetail, ServiceHit, ServiceSearchResult, TriageResult } from '../../server/features/catalogue/catalogue.schemas';

/**
 * The service catalogue inside the contact view: search by words (inflection and typos forgiven),
 * filtered to the contact's municipality, and suggestions from the contact's note with the words
 * that led to them. Keyboard-first: type, Enter, Tab through the results; a result opens in place,
 * and from there the person can be referred to it (the referral form below is filled in).
 * In an active chat the worker holds (issue 16), each service has a "Lähetä chattiin" button:
 * `onSendToChat` sends it to the resident as a service card and resolves true once it is stored.
 */
export function CatalogueSection({ note, municipality, onRefer, onSendToChat }: {
  note: string | null; municipality: string | null; onRefer?: (to: { name: string; serviceId: string }) => void;
  onSendToChat?: (service: { name: string; serviceId: string }) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ServiceHit[] | null>(null);
  const [suggested, setSuggested] = useState<TriageResult | null>(null);
  const [open, setOpen] = useState<Record<string, ServiceDetail>>({});
  const [sent, setSent] = useState<Record<string, 'sending' | 'sent' | 'failed'>>({});
  const sendToChat = async (serviceId: string, name: string) => {
    if (!onSendToChat) return;
    setSent((s) => ({ ...s, [serviceId]: 'sending' }));
    const ok = await onSendToChat({ serviceId, name });
    setSent((s) => ({ ...s, [serviceId]: ok ? 'sent' : 'failed' }));
  };
  /** The service's "Lähetä chattiin" and what became of it (a polite status beside it). */
  const chatButton = (id: string, name: string): ReactNode => onSendToChat && (
    <>
      {' '}
      <button type="button" className="link" onClick={() => void sendToChat(id, name)} disabled={sent[id] === 'sending'}
        aria-label={t('staffChat.panel.sendToChatNamed', { name })} data-qa="catalogue-send-to-chat">{t('staffChat.panel.sendToChat')}</button>
      <span className="catalogue-chat-status hint" role="status" data-qa="catalogue-chat-status">
        {sent[id] === 'sent' ? t('staffChat.panel.sentToChat') : sent[id] === 'failed' ? t('staffChat.panel.sendToChatFailed') : ''}
      </span>
    </>
  );
  const search = async () => {
    const params = new URLSearchParams({ q, lang, limit: '10', ...(municipality ? { municipality } : {}) });
    setHits((await api<ServiceSearchResult>(`/api/catalogue/services?${params}`)).items);
  };
  const suggest = async () => {
    if (!note) return;
    setSuggested(await api<TriageResult>('/api/public/triage', { method: 'POST', body: { text: note, lang, ...(municipality ? { municipality } : {}) } }));
  };
  const toggle = async (id: string) => {
    if (open[id]) { const { [id]: _, ...rest } = open; setOpen(rest); return; }
    const d = await api<ServiceDetail>(`/api/catalogue/services/${id}`);
    setOpen((o) => ({ ...o, [id]: d }));
  };
  const detail = (id: string, name: string) => open[id] && (
    <ul className="compact-list" data-qa={`service-detail-${id}`}>
      {onRefer && <li><button type="button" className="link" onClick={() => onRefer({ name, serviceId: id })} data-qa="catalogue-refer">{t('catalogue.referHere')}</button></li>}
      {open[id]!.channels.map((c) => (
        <li key={c.id}>
          {inLanguage(c.name, lang)}
          {c.phones.map((p) => <> · <a key={p.number} href={`tel:${p.number}`}>{p.number}</a></>)}
          {c.urls.slice(0, 1).map((u) => <> · <a key={u.url} href={u.url} rel="noopener" target="_blank">{t('catalogue.web')}</a></>)}
          {c.address?.street && ` · ${c.address.street}, ${c.address.postOffice ?? ''}`}
        </li>
      ))}
    </ul>
  );

  return (
    <section className="panel" aria-labelledby="catalogue-title" data-qa="catalogue">
      <Heading variant="h2" id="catalogue-title" className="visually-hidden">{t('catalogue.title')}</Heading>
      <form className="actions" role="search" onSubmit={(e) => { e.preventDefault(); void search(); }}>
        <div className="field">
          <label htmlFor="catalogue-q">{t('catalogue.search')}</label>
          <input id="catalogue-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} data-qa="catalogue-q" />
        </div>
        <button type="submit" className="button secondary" data-qa="catalogue-search">{t('catalogue.searchButton')}</button>
        {note && <button type="button" className="button secondary" onClick={() => void suggest()} data-qa="catalogue-suggest">{t('catalogue.suggest')}</button>}
      </form>
      {suggested && (
        <div data-qa="catalogue-suggestions" aria-live="polite">
          {suggested.acute && <p className="notice error" role="alert">{t('catalogue.acute', { why: suggested.acuteBecause.join(', ') })}</p>}
          <p>{t('catalogue.reasons')}: {suggested.reasons.slice(0, 3).map((r) => `${ref.label('reason', r.code)} (${r.because.join(', ')})`).join('; ') || '–'}</p>
          <ul>
            {suggested.services.map((s) => (
              <li key={s.id}>
                <button type="button" className="link" onClick={() => void toggle(s.id)} aria-expanded={!!open[s.id]}>{s.name}</button>
                {s.because.length > 0 && <span className="hint"> ({s.because.join(', ')})</span>}
                {chatButton(s.id, s.name)}
                {detail(s.id, s.name)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hits && (
        <ul data-qa="catalogue-results" aria-live="polite">
          {hits.length === 0 && <li>{t('catalogue.none')}</li>}
          {hits.map((h) => (
            <li key={h.id}>
              <button type="button" className="link" onClick={() => void toggle(h.id)} aria-expanded={!!open[h.id]} data-qa="catalogue-hit">{h.name}</button>
              {h.organisation && <span className="hint"> · {h.organisation.name}</span>}
              {chatButton(h.id, h.organisation ? `${h.organisation.name}: ${h.name}` : h.name)}
              {h.summary && <><br /><span>{h.summary}</span></>}
              {detail(h.id, h.organisation ? `${h.organisation.name}: ${h.name}` : h.name)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
