import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Block, Heading, Paragraph } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { AcuteBox } from '../lib/AcuteBox';
import { LanguageSwitcher } from '../lib/LanguageSwitcher';
import { formatDate, type Lang } from '../lib/i18n';

interface Line {
  code: string;
  menuNumber: number | null;
  phoneNumber: string;
  name: Record<Lang, string>;
  region: { code: string; name: Record<Lang, string> } | null;
  openNow: boolean;
  nextOpening: { date: string; opens: string } | null;
  weekly: { weekday: number; opens: string; closes: string }[];
}

function hoursText(weekly: Line['weekly'], days: string[]): string {
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

export function ResidentApp() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const promise = useQuery({
    queryKey: ['promise'],
    queryFn: () => api<{ respondBy: string }>(`/api/public/service-promise?receivedAt=${encodeURIComponent(new Date().toISOString())}`),
  });
  const lines = useQuery({ queryKey: ['lines'], queryFn: () => api<{ items: Line[] }>('/api/public/lines') });
  const days = t('resident.weekdays', { returnObjects: true }) as string[];

  return (
    <>
      <a href="#main" className="skip-link" style={{ position: 'absolute', left: -9999 }} onFocus={(e) => { e.currentTarget.style.left = '8px'; }} onBlur={(e) => { e.currentTarget.style.left = '-9999px'; }}>
        {t('common.skipToContent')}
      </a>
      <header style={{ borderBottom: '1px solid #c8cdd0', padding: '12px 16px', display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <strong style={{ fontSize: '1.25rem' }}>{t('resident.title')}</strong>
        <LanguageSwitcher />
      </header>
      <main id="main" style={{ maxWidth: 760, margin: '0 auto', padding: '0 16px 32px' }}>
        <Block margin="m">
          <Heading variant="h1">{t('resident.title')}</Heading>
          <Paragraph mb="m">{t('resident.lead')}</Paragraph>
          <AcuteBox />
          <section aria-labelledby="promise-title">
            <Heading variant="h2" id="promise-title">{t('resident.promiseTitle')}</Heading>
            <Paragraph data-qa="service-promise">
              {promise.data ? t('resident.promiseText', { date: formatDate(promise.data.respondBy, lang) }) : t('common.loading')}
            </Paragraph>
          </section>
          <section aria-labelledby="what-title">
            <Heading variant="h2" id="what-title">{t('resident.whatTitle')}</Heading>
            <Paragraph>{t('resident.whatText')}</Paragraph>
          </section>
          <section aria-labelledby="lines-title">
            <Heading variant="h2" id="lines-title">{t('resident.linesTitle')}</Heading>
            {lines.isError && <Paragraph>{t('common.error')}</Paragraph>}
            <ul style={{ listStyle: 'none', padding: 0 }} data-qa="lines">
              {lines.data?.items.map((line) => (
                <li key={line.code} style={{ borderTop: '1px solid #c8cdd0', padding: '8px 0' }} data-qa={`line-${line.code}`}>
                  <strong>{line.name[lang]}</strong>
                  {line.menuNumber !== null && <> ({t('resident.menuNumber', { n: line.menuNumber })})</>}
                  <br />
                  <a href={`tel:${line.phoneNumber.replace(/\s/g, '')}`}>{line.phoneNumber}</a>
                  {' · '}
                  {hoursText(line.weekly, days)}
                  <br />
                  <span data-qa="open-status">
                    {line.openNow
                      ? t('resident.openNow')
                      : `${t('resident.closedNow')}${line.nextOpening ? ` · ${t('resident.opensNext', { date: formatDate(line.nextOpening.date, lang), time: line.nextOpening.opens })}` : ''}`}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </Block>
      </main>
    </>
  );
}
