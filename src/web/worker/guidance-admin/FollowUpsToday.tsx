import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { formatDate, type Lang } from '../../lib/i18n';
import { linkProps } from '../../lib/router';
import type { followUpListSchema } from '../../../server/features/guidance/guidance.schemas';
import type { z } from 'zod';
import { LevelBadge } from './LevelBadge';
import { CASES_PATH } from './CasesPage';
import { ensureGuidanceAdminMessages } from './messages';
import './guidance-admin.css';

type FollowUps = z.infer<typeof followUpListSchema>;
const SHOWN = 20;
export const FOLLOW_UPS_TODAY_KEY = ['guidance', 'follow-ups', 'today'] as const;
export const casePath = (caseId: string) => `/tyo/ohjaus/${caseId}`;

/**
 * The worker's own follow-ups due today or overdue (issue 17, PAKU step 4), on the queue page:
 * each with its case's reference (a link to the case), the day (an overdue one says so in words),
 * whether it is a follow-up or an outreach attempt, and its purpose. One line when there are none.
 */
export function FollowUpsToday() {
  const { t, i18n } = useTranslation();
  ensureGuidanceAdminMessages(i18n);
  const lang = i18n.language as Lang;
  const list = useQuery({
    queryKey: FOLLOW_UPS_TODAY_KEY,
    queryFn: () => api<FollowUps>(`/api/guidance/follow-ups?mine=true&due=today&limit=${SHOWN}`),
    refetchInterval: 120_000,
  });
  const data = list.data;
  // nothing while loading; one quiet line when nothing is due
  if (data && data.items.length === 0) return <p className="follow-ups-today-none hint" data-qa="follow-ups-today-none">{t('guidanceAdmin.followUps.none')}</p>;
  if (!data && !list.isError) return null;
  return (
    <section className="follow-ups-today panel" aria-labelledby="follow-ups-today-title" data-qa="follow-ups-today">
      <h2 id="follow-ups-today-title">{data ? t('guidanceAdmin.followUps.titleCount', { count: data.total }) : t('guidanceAdmin.followUps.title')}</h2>
      {list.isError && <p className="notice error" role="alert" data-qa="follow-ups-today-failed">{t('guidanceAdmin.followUps.failed')}</p>}
      {data && data.items.length > 0 && (
        <>
          <ul>
            {data.items.map((f) => (
              <li key={f.id} data-qa="follow-up-today" data-overdue={f.overdue || undefined}>
                <a {...linkProps(casePath(f.caseId))} className="reference" data-qa="follow-up-open">{f.reference}</a>
                {f.level > 1 && <> <LevelBadge level={f.level} /></>}
                {' · '}
                <span className={f.overdue ? 'due overdue' : 'due'} data-qa="follow-up-due">
                  {f.overdue
                    ? t('guidanceAdmin.followUps.overdue', { date: formatDate(f.dueOn, lang) })
                    : t('guidanceAdmin.followUps.today')}
                </span>
                {' · '}
                <span data-qa="follow-up-kind">{t(`guidanceAdmin.followUps.kinds.${f.kind}`)}</span>
                {': '}
                <span data-qa="follow-up-purpose">{f.purpose ?? t('guidanceAdmin.followUps.noPurpose')}</span>
              </li>
            ))}
          </ul>
          {data.total > data.items.length && (
            <p className="hint" data-qa="follow-ups-today-more">
              {t('guidanceAdmin.followUps.more', { shown: data.items.length, total: data.total })}{' '}
              <a {...linkProps(CASES_PATH)}>{t('guidanceAdmin.followUps.allCases')}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
