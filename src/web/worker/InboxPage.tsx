import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { formatDate, formatDateTime, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { Notice } from '../lib/fields';
import { useReferenceData } from './reference-data';
import { referralPath } from './ReferralSection';
import { ConsultationAnswerForm } from './ConsultationSection';
import type { ConsultationInbox, ReferralInbox } from '../../server/features/referrals/referrals.schemas';

const VIEWS = { open: '', completed: 'completed', returned: 'returned', cancelled: 'cancelled' } as const;

/**
 * The receiving unit's inbox: its own referrals only, by their next deadline (acceptance for new,
 * client contact for accepted), reminders and overdue ones marked; and consultations to answer.
 */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const lang = i18n.language as Lang;
  const [view, setView] = useState<keyof typeof VIEWS>('open');
  const status = VIEWS[view];
  const inbox = useQuery({
    queryKey: ['inbox', status], refetchInterval: 10_000,
    queryFn: () => api<ReferralInbox>(`/api/referrals${status ? `?status=${status}` : ''}`),
  });
  const consultations = useQuery({ queryKey: ['consultations'], queryFn: () => api<ConsultationInbox>('/api/consultations'), refetchInterval: 10_000 });

  return (
    <section aria-labelledby="inbox-title">
      <Heading variant="h1" id="inbox-title">{t('inbox.title')}</Heading>
      {inbox.data && view === 'open' && (
        <p data-qa="inbox-counts">{t('inbox.counts', { requested: inbox.data.counts.requested, accepted: inbox.data.counts.accepted, contacted: inbox.data.counts.client_contacted })}
          {inbox.data.counts.overdue > 0 && <> <span className="badge overdue">{t('inbox.overdueCount', { n: inbox.data.counts.overdue })}</span></>}</p>
      )}
      <div className="field">
        <label htmlFor="inbox-view">{t('inbox.show')}</label>
        <select id="inbox-view" value={view} onChange={(e) => setView(e.target.value as keyof typeof VIEWS)} data-qa="inbox-view">
          {(Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((v) => <option key={v} value={v}>{t(`inbox.views.${v}`)}</option>)}
        </select>
      </div>
      {inbox.isError && <Notice kind="error">{t('common.error')}</Notice>}
      {inbox.data && inbox.data.items.length === 0 && <p data-qa="inbox-empty">{t('inbox.empty')}</p>}
      {inbox.data && inbox.data.items.length > 0 && (
        <table className="queue" data-qa="inbox">
          <thead><tr>
            <th scope="col">{t('queue.colReference')}</th><th scope="col">{t('inbox.colDue')}</th><th scope="col">{t('referral.kind')}</th>
            <th scope="col">{t('referral.needs')}</th><th scope="col">{t('queue.colUrgency')}</th><th scope="col">{t('queue.colStatus')}</th><th scope="col">{t('referral.handler')}</th>
          </tr></thead>
          <tbody>
            {inbox.data.items.map((r) => (
              <tr key={r.id} className={r.overdue ? 'overdue' : undefined} data-qa={`inbox-row-${r.contactReference}`}>
                <td><a {...linkProps(referralPath(r.id))} data-qa="inbox-open">{r.contactReference}</a></td>
                <td>
                  {formatDate(r.status === 'requested' ? r.acceptBy : r.contactBy, lang)}{' '}
                  {r.overdue && <span className="badge overdue">{t('referral.overdue')}</span>}
                  {r.reminded && <span className="badge trigger" data-qa="inbox-reminded">{t('inbox.reminded')}</span>}
                  {r.legalBasis && <><br /><span className="badge today">{t(`referral.legalBases.${r.legalBasis}`)}</span></>}
                </td>
                <td>{t(`referral.kinds.${r.kind}`)}{r.bookedAt ? ` · ${formatDateTime(r.bookedAt, lang)}` : ''}</td>
                <td>{r.needs.map((n) => ref.label('reason', n)).join(', ')}</td>
                <td>{ref.label('urgency', r.urgency)}</td>
                <td data-qa="inbox-status">{t(`referral.statuses.${r.status}`)}</td>
                <td>{r.handler ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section className="panel" aria-labelledby="inbox-consultations-title" data-qa="inbox-consultations">
        <Heading variant="h2" id="inbox-consultations-title">{t('inbox.consultations')}</Heading>
        {consultations.data?.items.length === 0 && <p>{t('inbox.noConsultations')}</p>}
        <ul className="compact-list">
          {consultations.data?.items.map((c) => (
            <li key={c.id} data-qa="inbox-consultation">
              <strong>{t(`consultation.consultees.${c.consultee}`)}</strong> · {c.askedBy}, {formatDateTime(c.askedAt, lang)}{c.anonymous ? ` · ${t('consultation.anonymous')}` : ` · ${c.contactReference}`}
              <p>{c.question}</p>
              <ConsultationAnswerForm consultationId={c.id} refresh={[['consultations']]} byAsker={false} />
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
