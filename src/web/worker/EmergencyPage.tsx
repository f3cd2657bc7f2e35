import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { api, ApiError } from '../lib/api';
import { formatDateTime, type Lang } from '../lib/i18n';
import { Notice } from '../lib/fields';
import type { EmergencyHandoffs } from '../../server/features/emergency/emergency.schemas';

/**
 * The social emergency service's list (issue 11): contacts handed to it out of guidance hours,
 * the oldest open first, with how long each has waited; no personal data. A worker acknowledges
 * one to say "I have it"; a colleague who was quicker is named.
 */
export function EmergencyPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const client = useQueryClient();
  const [all, setAll] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['emergency-handoffs', all], refetchInterval: 10_000, retry: false,
    queryFn: () => api<EmergencyHandoffs>(`/api/emergency-handoffs${all ? '?all=true' : ''}`),
  });
  const acknowledge = async (id: string) => {
    setProblem(null);
    try {
      await api(`/api/emergency-handoffs/${id}/acknowledge`, { method: 'POST' });
    } catch (err) {
      setProblem(err instanceof ApiError ? err.problem.detail ?? err.problem.title : t('common.error'));
    }
    await client.invalidateQueries({ queryKey: ['emergency-handoffs'] });
  };
  const forbidden = list.error instanceof ApiError && list.error.problem.status === 403;

  return (
    <section aria-labelledby="emergency-title">
      <Heading variant="h1" id="emergency-title">{t('socialEmergency.title')}</Heading>
      <p>{t('socialEmergency.intro')}</p>
      <div className="field checkbox">
        <label htmlFor="emergency-all"><input type="checkbox" id="emergency-all" checked={all} onChange={(e) => setAll(e.target.checked)} data-qa="emergency-all" /> {t('socialEmergency.showAll')}</label>
      </div>
      {problem && <Notice kind="error" qa="emergency-problem">{problem}</Notice>}
      {forbidden && <Notice kind="error" qa="emergency-forbidden">{t('socialEmergency.forbidden')}</Notice>}
      {list.isError && !forbidden && <Notice kind="error">{t('common.error')}</Notice>}
      {list.data && list.data.items.length === 0 && <p data-qa="emergency-empty">{t('socialEmergency.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="queue data" data-qa="emergency-handoffs">
          <caption className="visually-hidden">{t('socialEmergency.title')}</caption>
          <thead><tr>
            <th scope="col">{t('socialEmergency.colReference')}</th><th scope="col">{t('socialEmergency.colReason')}</th>
            <th scope="col">{t('socialEmergency.colReceived')}</th><th scope="col">{t('socialEmergency.colWaited')}</th><th scope="col">{t('socialEmergency.colAcknowledged')}</th>
          </tr></thead>
          <tbody>
            {list.data.items.map((h) => (
              <tr key={h.id} data-qa={`handoff-${h.reference}`}>
                <th scope="row" className="reference">{h.reference}</th>
                <td>
                  {h.acute ? <strong>{t(`socialEmergency.reasons.${h.reason}`)}</strong> : t(`socialEmergency.reasons.${h.reason}`)}
                  {h.acuteReasons.length > 0 && <>: {h.acuteReasons.map((r) => t(`queue.acute.reasons.${r}`)).join(', ')}</>}
                </td>
                <td>{formatDateTime(h.receivedAt, lang)}</td>
                <td>{t('socialEmergency.minutes', { n: h.waitedMinutes })}</td>
                <td>
                  {h.acknowledgedAt
                    ? <span data-qa="handoff-acknowledged">{t('socialEmergency.acknowledgedBy', { name: h.acknowledgedBy ?? '', at: formatDateTime(h.acknowledgedAt, lang) })}</span>
                    : <button type="button" className="button" onClick={() => void acknowledge(h.id)} data-qa="handoff-acknowledge">{t('socialEmergency.acknowledge')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
