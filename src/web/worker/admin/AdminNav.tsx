import { useTranslation } from 'react-i18next';
import { linkProps, usePath } from '../../lib/router';
import { ADMIN_PATHS } from './paths';

/** The administration's section links, on every administration page. */
export function AdminNav() {
  const { t } = useTranslation();
  const path = usePath();
  const item = (to: string, key: string) => (
    <li><a {...linkProps(to)} aria-current={path === to ? 'page' : undefined} data-qa={`admin-nav-${key}`}>{t(`admin.nav.${key}`)}</a></li>
  );
  return (
    <nav aria-label={t('admin.nav.label')} className="admin-nav">
      <ul>
        {item(ADMIN_PATHS.lines, 'lines')}
        {item(ADMIN_PATHS.codes, 'codes')}
        {item(ADMIN_PATHS.organisation, 'organisation')}
        {item(ADMIN_PATHS.users, 'users')}
        {item(ADMIN_PATHS.settings, 'settings')}
        {item(ADMIN_PATHS.history, 'history')}
      </ul>
    </nav>
  );
}
