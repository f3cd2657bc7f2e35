import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AcuteBox } from '../lib/AcuteBox';
import { api } from '../lib/api';
import { formatDate, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { PUBLIC_PATHS } from './paths';
import { telHref, useLines, usePageTitle, usePromise, useSite, type Line } from './site';
import type { ChatAvailability } from '../../server/features/chat/chat.schemas';

/** The chat's hours and whether it is open now (the server's clock), kept fresh each minute. */
export const useChatStatus = () => useQuery({
  queryKey: ['chat-status'],
  queryFn: () => api<ChatAvailability>('/api/public/chats/status'),
  staleTime: 30_000,
  refetchInterval: 60_000,
});

/** "Avoinna nyt" / "Suljettu nyt · Avautuu …" for the chat, as for a phone line. */
export function ChatOpenStatus({ status }: { status: ChatAvailability }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <span data-qa="chat-open-status" className={status.open ? 'open-now' : 'closed-now'}>
      {status.open
        ? t('resident.openNow')
        : `${t('resident.closedNow')}${status.nextOpening ? ` · ${t('resident.opensNext', { date: formatDate(status.nextOpening.date, lang), time: status.nextOpening.opens })}` : ''}`}
    </span>
  );
}

export function hoursText(weekly: Line['weekly'], days: string[]): string {
  const byDay = new Map<number, string>();
  for (const s of weekly) byDay.set(s.weekday, [byDay.get(s.weekday), `${s.opens}–${s.closes}`].filter(Boolean).join(', '));
  const groups: { from: number; to: number; hours: string }[] = [];
  for (const [day, hours] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    const last = groups.at(-1);
    if (last && last.hours === hours && last.to === day - 1) last.to = day;
    else groups.push({ from: day, to: day, hours });
  }
  return groups.map((g) => `${days[g.from - 1]}${g.to !== g.from ? `–${days[g.to - 1]}` : ''} ${g.hours}`).join('; ');
}

export function OpenStatus({ line }: { line: Line }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <span data-qa="open-status" className={line.openNow ? 'open-now' : 'closed-now'}>
      {line.openNow
        ? t('resident.openNow')
        : `${t('resident.closedNow')}${line.nextOpening ? ` · ${t('resident.opensNext', { date: formatDate(line.nextOpening.date, lang), time: line.nextOpening.opens })}` : ''}`}
    </span>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  usePageTitle(t('resident.nav.home'));
  const promise = usePromise();
  const lines = useLines();
  const site = useSite();
  const chat = useChatStatus();
  const days = t('resident.weekdays', { returnObjects: true }) as string[];
  // lines without a region serve the whole county; the family centre lines by region
  const groups = new Map<string, { title: string; lines: Line[] }>();
  for (const line of lines.data?.items ?? []) {
    const key = line.region?.code ?? '';
    const group = groups.get(key) ?? groups.set(key, { title: line.region ? line.region.name[lang] : t('resident.allRegions'), lines: [] }).get(key)!;
    group.lines.push(line);
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('resident.title')}</h1>
      <p className="lead">{t('resident.lead')}</p>
      <section aria-labelledby="promise-title" className="promise">
        <h2 id="promise-title">{t('resident.promiseTitle')}</h2>
        <p data-qa="service-promise">
          {promise.data ? t('resident.promiseText', { date: formatDate(promise.data.respondBy, lang) }) : t('common.loading')}
        </p>
        <p>{t('resident.promiseOne')}</p>
      </section>
      <AcuteBox crisisPhone={site.data?.crisisPhone ?? null} socialEmergencyPhone={site.data?.socialEmergency?.phone ?? null} />
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t('resident.actionsTitle')}</h2>
        <ul className="actions-list">
          <li>
            <a {...linkProps(PUBLIC_PATHS.contact)} className="action-link" data-qa="start-contact">{t('resident.nav.contact')}</a>
            <p>{t('resident.contactText')}</p>
          </li>
          <li>
            <a {...linkProps(PUBLIC_PATHS.chat)} className="action-link" data-qa="start-chat">{t('chat.homeLink')}</a>
            <p>
              {t('chat.homeText')}
              {chat.data && <><br />{hoursText(chat.data.weekly, days)} · <ChatOpenStatus status={chat.data} /></>}
            </p>
          </li>
          <li>
            <a {...linkProps(PUBLIC_PATHS.callback)} className="action-link" data-qa="start-callback">{t('resident.nav.callback')}</a>
            <p>{t('resident.callbackText')}</p>
          </li>
          <li>
            <a {...linkProps(PUBLIC_PATHS.professional)} className="action-link" data-qa="start-professional">{t('resident.nav.professional')}</a>
            <p>{t('resident.professionalText')}</p>
          </li>
        </ul>
      </section>
      <section aria-labelledby="what-title">
        <h2 id="what-title">{t('resident.whatTitle')}</h2>
        <ul>{(t('resident.whatItems', { returnObjects: true }) as string[]).map((s) => <li key={s}>{s}</li>)}</ul>
        <h3>{t('resident.notTitle')}</h3>
        <ul>{(t('resident.notItems', { returnObjects: true }) as string[]).map((s) => <li key={s}>{s}</li>)}</ul>
      </section>
      <section aria-labelledby="lines-title">
        <h2 id="lines-title">{t('resident.linesTitle')}</h2>
        <p>{t('resident.linesIntro')}</p>
        {lines.isError && <p role="alert">{t('common.error')}</p>}
        <div data-qa="lines">
          {[...groups.entries()].map(([key, group]) => (
            <div key={key || 'all'}>
              <h3>{group.title}</h3>
              <ul className="line-list">
                {group.lines.map((line) => (
                  <li key={line.code} data-qa={`line-${line.code}`}>
                    <strong>{line.name[lang]}</strong>
                    {line.menuNumber !== null && <> ({t('resident.menuNumber', { n: line.menuNumber })})</>}
                    <br />
                    <a href={telHref(line.phoneNumber)}>{line.phoneNumber}</a>
                    {' · '}
                    {hoursText(line.weekly, days)}
                    <br />
                    <OpenStatus line={line} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
      {site.data && site.data.selfServiceLinks.length > 0 && (
        <section aria-labelledby="self-service-title">
          <h2 id="self-service-title">{t('resident.selfServiceTitle')}</h2>
          <p>{t('resident.selfServiceIntro')}</p>
          <ul data-qa="self-service-links">
            {site.data.selfServiceLinks.map((l) => <li key={l.url}><a href={l.url} rel="noopener">{l.label[lang]}</a></li>)}
          </ul>
        </section>
      )}
    </>
  );
}
