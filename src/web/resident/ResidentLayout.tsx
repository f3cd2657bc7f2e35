import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AcuteBox } from '../lib/AcuteBox';
import { LanguageSwitcher } from '../lib/LanguageSwitcher';
import type { Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { useSite } from './site';
import { PUBLIC_PATHS } from './paths';

/** Every public page: skip link, header with the languages, the acute box, the page, the footer. */
export function ResidentLayout({ path, children }: { path: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const site = useSite();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // a new page: focus moves to its content, so a screen reader starts reading there
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);
  const nav = (to: string, label: string, qa: string) => (
    <li><a {...linkProps(to)} aria-current={path === to ? 'page' : undefined} data-qa={qa}>{label}</a></li>
  );
  return (
    <>
      <a href="#main" className="skip-link">{t('common.skipToContent')}</a>
      <header className="site-header">
        <a {...linkProps(PUBLIC_PATHS.home)} className="site-title">{t('resident.title')}</a>
        <LanguageSwitcher />
      </header>
      <nav aria-label={t('resident.navLabel')} className="site-nav">
        <ul>
          {nav(PUBLIC_PATHS.home, t('resident.nav.home'), 'nav-home')}
          {nav(PUBLIC_PATHS.contact, t('resident.nav.contact'), 'nav-contact')}
          {nav(PUBLIC_PATHS.callback, t('resident.nav.callback'), 'nav-callback')}
          {nav(PUBLIC_PATHS.professional, t('resident.nav.professional'), 'nav-professional')}
        </ul>
      </nav>
      <main id="main" ref={main} className="site-main">
        {children}
        {/* the front page shows it near the top; elsewhere it follows the page's task */}
        {path !== PUBLIC_PATHS.home && <AcuteBox crisisPhone={site.data?.crisisPhone ?? null} socialEmergencyPhone={site.data?.socialEmergency?.phone ?? null} />}
      </main>
      <footer className="site-footer">
        <ul>
          <li><a {...linkProps(PUBLIC_PATHS.accessibility)} data-qa="nav-accessibility">{t('resident.nav.accessibility')}</a></li>
          <li><a href="/tyo/">{t('resident.staffLogin')}</a></li>
        </ul>
        {site.data && <p>{site.data.county.name[lang]}</p>}
      </footer>
    </>
  );
}
