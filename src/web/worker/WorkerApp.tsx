import { useTranslation } from 'react-i18next';
import { Button, LoadingSpinner, Paragraph } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { LanguageSwitcher } from '../lib/LanguageSwitcher';
import { LoginPage } from './LoginPage';
import { abilities, useMe, useSetMe, type Me } from './session';
import { linkProps, usePath } from '../lib/router';
import { QueuePage } from './QueuePage';
import { QuickLogPage } from './QuickLogPage';
import { NewContactPage } from './NewContactPage';
import { ContactPage } from './ContactPage';
import { SupervisorPage } from './SupervisorPage';
import { StaffingPage, STAFFING_PATH } from './StaffingPage';
import { InboxPage } from './InboxPage';
import { ReferralPage } from './ReferralPage';
import { EdReferralPage } from './EdReferralPage';
import { CatalogueEditorPage } from './CatalogueEditorPage';
import { AcuteAlerts } from './AcuteAlerts';
import { EmergencyPage } from './EmergencyPage';
import { SearchBox } from './SearchBox';
import { SearchPage } from './SearchPage';
import { NewWorkNotifier } from './NewWork';
import { useLiveInvalidation } from './live';
import { ChatSettingsPage, CHAT_SETTINGS_PATH } from './chat/ChatSettingsPage';
import { ChatTitle } from './chat/MyChats';
import { ensureChatMessages } from './chat/messages';
import { CasePage, PersonPage, ensureGuidanceMessages } from './guidance';
import { CasesPage, CASES_PATH, BatteriesPage, BATTERIES_PATH, ensureGuidanceAdminMessages } from './guidance-admin';
import { ADMIN_PATHS, CodesPage, CountiesPage, HistoryPage, LinePage, LinesPage, OrganisationPage, SettingsPage, UserPage, UsersPage, ensureAllAdminMessages } from './admin';
import { IntegrationsPage } from './admin/IntegrationsPage';
import { WebhookPage } from './admin/WebhookPage';
import { MessagesPage } from './admin/MessagesPage';


export const PATHS = {
  queue: '/tyo/',
  quickLog: '/tyo/pikakirjaus',
  newContact: '/tyo/uusi',
  supervisor: '/tyo/tilannekuva',
  staffing: STAFFING_PATH,
  chat: CHAT_SETTINGS_PATH,
  contact: (id: string) => `/tyo/yhteydenotot/${id}`,
  inbox: '/tyo/lahetteet',
  ed: '/tyo/paivystys',
  catalogue: '/tyo/palvelutarjotin',
  search: '/tyo/haku',
  cases: CASES_PATH,
  batteries: BATTERIES_PATH,
};

function Page({ me, path }: { me: Me; path: string }) {
  const { t } = useTranslation();
  const { guidance, supervisor, unit, ed, editor } = abilities(me);
  // each role's home page: /tyo/ is the queue for guidance, else the first thing the person works on
  const admin = me.roles.includes('admin');
  const platform = me.roles.includes('platform_admin');
  const home = guidance ? PATHS.queue : unit ? PATHS.inbox : ed ? PATHS.ed : me.roles.includes('catalogue_editor') ? PATHS.catalogue
    : admin ? ADMIN_PATHS.lines : platform ? ADMIN_PATHS.counties : null;
  const at = (path === PATHS.queue || path === '/tyo') && home ? home : path;
  const contact = /^\/tyo\/yhteydenotot\/([0-9a-f-]{36})$/.exec(at);
  const referral = /^\/tyo\/lahetteet\/([0-9a-f-]{36})$/.exec(at);
  const guidanceCase = /^\/tyo\/ohjaus\/([0-9a-f-]{36})$/.exec(at);
  const person = /^\/tyo\/yhteydenotot\/([0-9a-f-]{36})\/henkilo$/.exec(at);
  if (guidance && at === PATHS.queue) return <QueuePage />;
  if (guidance && at === PATHS.quickLog) return <QuickLogPage />;
  if (guidance && at === PATHS.newContact) return <NewContactPage />;
  if (guidance && at === PATHS.search) return <SearchPage />;
  if (guidance && contact) return <ContactPage id={contact[1]!} me={me} />;
  if (guidance && guidanceCase) return <CasePage id={guidanceCase[1]!} />;
  if (guidance && person) return <PersonPage contactId={person[1]!} />;
  if (guidance && at === PATHS.cases) return <CasesPage supervisor={supervisor} />;
  if ((supervisor || me.roles.includes('admin')) && at === PATHS.batteries) return <BatteriesPage />;
  if (supervisor && at === PATHS.supervisor) return <SupervisorPage />;
  if (supervisor && at === PATHS.staffing) return <StaffingPage />;
  if (supervisor && at === PATHS.chat) return <ChatSettingsPage />;
  if ((guidance || unit) && referral) return <ReferralPage id={referral[1]!} me={me} />;
  if (unit && at === PATHS.inbox) return <InboxPage />;
  if (editor && at === PATHS.catalogue) return <CatalogueEditorPage />;
  if (ed && at === PATHS.ed) return <EdReferralPage />;
  if ((unit || supervisor) && at === '/tyo/sosiaalipaivystys') return <EmergencyPage />;
  const adminLine = /^\/tyo\/hallinta\/linjat\/([a-z0-9_]{1,60})$/.exec(at);
  const adminUser = /^\/tyo\/hallinta\/kayttajat\/([0-9a-f-]{36})$/.exec(at);
  const adminWebhook = /^\/tyo\/hallinta\/integraatiot\/([0-9a-f-]{36})$/.exec(at);
  if (admin && (at === ADMIN_PATHS.home || at === ADMIN_PATHS.lines)) return <LinesPage />;
  if (admin && adminLine) return <LinePage code={adminLine[1]!} />;
  if (admin && at === ADMIN_PATHS.codes) return <CodesPage />;
  if (admin && at === ADMIN_PATHS.organisation) return <OrganisationPage />;
  if (admin && at === ADMIN_PATHS.users) return <UsersPage />;
  if (admin && adminUser) return <UserPage id={adminUser[1]!} />;
  if (admin && at === ADMIN_PATHS.settings) return <SettingsPage />;
  if (admin && at === ADMIN_PATHS.history) return <HistoryPage />;
  if (admin && at === ADMIN_PATHS.integrations) return <IntegrationsPage />;
  if (admin && adminWebhook) return <WebhookPage id={adminWebhook[1]!} />;
  if (admin && at === ADMIN_PATHS.messages) return <MessagesPage />;
  if (platform && at === ADMIN_PATHS.counties) return <CountiesPage />;
  if (at === PATHS.queue || at === '/tyo') {
    return <Paragraph data-qa="welcome">{t('worker.welcome', { name: me.displayName })} · {t('worker.roles')}: {me.roles.map((r) => t(`worker.roleNames.${r}`)).join(', ')}</Paragraph>;
  }
  return <Paragraph data-qa="not-found">{t('nav.notFound')}</Paragraph>;
}

export function WorkerApp() {
  const { t, i18n } = useTranslation();
  ensureChatMessages(i18n);
  ensureGuidanceMessages(i18n);
  ensureGuidanceAdminMessages(i18n);
  ensureAllAdminMessages(i18n);
  const me = useMe();
  const setMe = useSetMe();
  const path = usePath();

  const logout = async (everywhere: boolean) => {
    await api(everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout', { method: 'POST' });
    setMe(null);
  };
  const nav = (to: string, label: string, qa: string) => (
    <li><a {...linkProps(to)} aria-current={path === to ? 'page' : undefined} data-qa={qa}>{label}</a></li>
  );
  const user = me.data;
  const { guidance, supervisor, unit, ed, editor } = abilities(user ?? { roles: [] });
  const admin = !!user?.roles.includes('admin');
  const platform = !!user?.roles.includes('platform_admin');
  // one event stream per tab for guidance workers and supervisors: the queue, the acute alerts and the open contact refresh on changes
  useLiveInvalidation(!!user && guidance);

  return (
    <>
      <a href="#main" className="skip-link">{t('common.skipToContent')}</a>
      <header className="worker-header">
        <span><strong>{t('worker.title')}</strong> · {t('worker.subtitle')}</span>
        {user && (guidance || unit || ed || editor || admin || platform) && (
          <nav aria-label={t('nav.main')} className="worker-nav">
            <ul>
              {guidance && nav(PATHS.queue, t('nav.queue'), 'nav-queue')}
              {guidance && nav(PATHS.quickLog, t('nav.quickLog'), 'nav-quick-log')}
              {guidance && nav(PATHS.newContact, t('nav.newContact'), 'nav-new')}
              {guidance && nav(PATHS.cases, t('guidanceAdmin.nav.cases'), 'nav-cases')}
              {unit && nav(PATHS.inbox, t('nav.inbox'), 'nav-inbox')}
              {ed && nav(PATHS.ed, t('nav.ed'), 'nav-ed')}
              {editor && nav(PATHS.catalogue, t('nav.catalogue'), 'nav-catalogue')}
              {supervisor && nav(PATHS.supervisor, t('nav.supervisor'), 'nav-supervisor')}
              {supervisor && nav(PATHS.staffing, t('nav.staffing'), 'nav-staffing')}
              {supervisor && nav(PATHS.chat, t('staffChat.nav'), 'nav-chat')}
              {(supervisor || user.roles.includes('admin')) && nav(PATHS.batteries, t('guidanceAdmin.nav.batteries'), 'nav-batteries')}
              {(unit || supervisor) && nav('/tyo/sosiaalipaivystys', t('socialEmergency.nav'), 'nav-social-emergency')}
              {admin && <li><a {...linkProps(ADMIN_PATHS.lines)} aria-current={path.startsWith(ADMIN_PATHS.home) ? 'page' : undefined} data-qa="nav-admin">{t('admin.nav.section')}</a></li>}
              {platform && nav(ADMIN_PATHS.counties, t('admin.nav.counties'), 'nav-counties')}
            </ul>
          </nav>
        )}
        {user && guidance && <SearchBox />}
        <div className="header-tools">
          {user && <span data-qa="signed-in-as">{t('nav.signedInAs', { name: user.displayName })}</span>}
          <LanguageSwitcher />
          {user && <Button variant="secondaryNoBorder" onClick={() => void logout(false)} data-qa="logout">{t('worker.logout')}</Button>}
        </div>
      </header>
      {user && guidance && <AcuteAlerts />}
      {user && guidance && <NewWorkNotifier meId={user.id} />}
      {user && guidance && <ChatTitle />}
      <main id="main" tabIndex={-1}>
        {me.isPending && <LoadingSpinner status="loading" text={t('common.loading')} />}
        {me.isError && <Paragraph>{t('common.error')}</Paragraph>}
        {me.data === null && <LoginPage />}
        {user && <Page me={user} path={path} />}
        {user && (
          <p className="logout-everywhere">
            <Button variant="secondaryNoBorder" onClick={() => void logout(true)} data-qa="logout-everywhere">{t('worker.logoutEverywhere')}</Button>
          </p>
        )}
      </main>
    </>
  );
}
