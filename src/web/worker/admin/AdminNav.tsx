import { useTranslation } from 'react-i18next';
import { linkProps, usePath } from '../../lib/router';
import { ADMIN_PATHS } from './paths';
import { ensureIntegrationMessages } from './messages-integration';

/** The administration's section links, on every administration page. */
export function AdminNav() {
  const { t, i18n } = useTranslation();
  ensureIntegrationMessages(i18n);
  const path = usePath();
  // a section's own sub-pages (one subscription) keep the section current
  const item = (to: string, key: string, section = false) => (
    <li><a {...linkProps(to)} aria-current={path === to || (section && path.startsWith(`${to}/`)) ? 'page' : undefined} data-qa={`admin-nav-${key}`}>{t(`admin.nav.${key}`)}</a></li>
  );
  return (
    <nav aria-label={t('admin.nav.label')} className="admin-nav">
      <ul>
        {item(ADMIN_PATHS.lines, 'lines')}
        {item(ADMIN_PATHS.codes, 'codes')}
        {item(ADMIN_PATHS.organisation, 'organisation')}
        {item(ADMIN_PATHS.users, 'users')}
        {item(ADMIN_PATHS.settings, 'settings')}
        {item(ADMIN_PATHS.integrations, 'integrations', true)}
        {item(ADMIN_PATHS.messages, 'messages')}
        {item(ADMIN_PATHS.history, 'history')}
      </ul>
    </nav>
  );
}
