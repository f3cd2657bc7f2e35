import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { formatDate } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { useReferenceData } from './reference-data';
import { AcuteMark, type AcuteFields } from './acute';

export interface QueueItem extends AcuteFields {
  id: string; reference: string; channel: string; status: string; waitingReason: string | null; urgency: string; receivedAt: string;
  respondBy: string; overdue: boolean; dueToday: boolean; anonymous: boolean; mainReason: string | null; line: string | null; region: string | null;
  assignedTo: { id: string; name: string } | null;
  legalDeadline: string | null; legalBasis: 'lsl_26' | null; notificationKind: 'social_welfare' | 'child_welfare' | null; reached: boolean; urgencyAssessmentDue: boolean;
}

export function QueuePage() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const [filters, setFilters] = useState({ line: '', region: '', channel: '', status: '', mine: false, overdue: false });
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  // Live: the queue refetches every few seconds, so new calls and claims by colleagues appear without reload.
  const queue = useQuery({ queryKey: ['queue', params.toString()], queryFn: () => api<{ items: QueueItem[] }>(`/api/contacts?${params}`), refetchInterval: 3000 });
  const set = (k: keyof typeof filters) => (e: React.ChangeEvent<HTMLSelectElement | HTMLInputElement>) =>
    setFilters((f) => ({ ...f, [k]: e.target.type === 'checkbox' ? (e.target as HTMLInputElement).checked : e.target.value }));

  const select = (key: 'line' | 'region' | 'channel' | 'status', label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} value={filters[key]} onChange={set(key)} data-qa={`filter-${key}`}>
        <option value="">{t('queue.all')}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );

  return (
    <section aria-labelledby="queue-title">
      <Heading variant="h1" id="queue-title">{t('queue.queueTitle')}</Heading>
      <div className="form-grid" role="group" aria-label={t('queue.filterStatus')}>
        {select('line', t('queue.filterLine'), ref.lines.map((l) => ({ value: l.code, label: l.name[ref.lang] })))}
        {select('region', t('queue.filterRegion'), ref.regions.map((r) => ({ value: r.code, label: r.name[ref.lang] })))}
        {select('channel', t('queue.filterChannel'), ref.options('channel'))}
        {select('status', t('queue.filterStatus'), (['new', 'in_progress', 'waiting', 'closed'] as const).map((s) => ({ value: s, label: t(`queue.statusNames.${s}`) })))}
        <div className="field checkboxes"><label><input type="checkbox" checked={filters.mine} onChange={set('mine')} data-qa="filter-mine" /> {t('queue.filterMine')}</label>
          <label><input type="checkbox" checked={filters.overdue} onChange={set('overdue')} data-qa="filter-overdue" /> {t('queue.filterOverdue')}</label></div>
      </div>
      <p className="visually-hidden" aria-live="polite">{t('queue.liveNote')}</p>
      {queue.isError && <p className="notice error">{t('common.error')}</p>}
      {queue.data && queue.data.items.length === 0 && <p data-qa="queue-empty">{t('queue.empty')}</p>}
      {queue.data && queue.data.items.length > 0 && (
        <table className="queue" data-qa="queue">
          <thead>
            <tr>
              <th scope="col">{t('queue.colReference')}</th><th scope="col">{t('queue.colRespondBy')}</th><th scope="col">{t('queue.colUrgency')}</th>
              <th scope="col">{t('queue.colChannel')}</th><th scope="col">{t('queue.colLine')}</th><th scope="col">{t('queue.colReason')}</th>
              <th scope="col">{t('queue.colStatus')}</th><th scope="col">{t('queue.colAssignee')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.data.items.map((c) => (
              <tr key={c.id} className={c.acute ? 'acute' : c.overdue ? 'overdue' : undefined} data-qa={`queue-row-${c.reference}`} data-acute={c.acute || undefined}>
                <td>
                  <a {...linkProps(`/tyo/yhteydenotot/${c.id}`)} data-qa="queue-open">{c.reference}</a>
                  {c.acute && <AcuteMark reasons={c.acuteReasons} triggerWords={c.acuteTriggerWords} qa="queue-acute" />}
                </td>
                <td>
                  {formatDate(c.respondBy, ref.lang)}{' '}
                  {c.overdue && <span className="badge overdue">{t('queue.overdue')}</span>}
                  {c.dueToday && <span className="badge today">{t('queue.dueToday')}</span>}
                  {c.urgencyAssessmentDue && <><br /><span className="badge overdue" data-qa="queue-urgency-assessment-due">{t('queue.urgencyAssessmentDue')}</span></>}
                  {c.legalDeadline && <><br /><span className="badge trigger" data-qa="queue-legal-deadline">{t('queue.legalDeadline', { date: formatDate(c.legalDeadline, ref.lang) })}</span></>}
                </td>
                <td>{ref.label('urgency', c.urgency)}</td>
                <td>{ref.label('channel', c.channel)}</td>
                <td>{ref.lineLabel(c.line)}</td>
                <td>{ref.label('reason', c.mainReason)}</td>
                <td data-qa="queue-status">{t(`queue.statusNames.${c.status}`)}{c.waitingReason ? ` (${t(`queue.waitingNames.${c.waitingReason}`)})` : ''}</td>
                <td>{c.assignedTo?.name ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
