/** County administration (issue 18): lines and hours, code sets, organisation, people, site and policies, history, counties. */
import type { i18n as I18n } from 'i18next';
import { ensureAdminMessages } from './messages';
import { ensurePeopleMessages } from './messages-people';
export { ADMIN_PATHS } from './paths';
export { LinesPage } from './LinesPage';
export { LinePage } from './LinePage';
export { CodesPage } from './CodesPage';
export { HistoryPage } from './HistoryPage';
export { OrganisationPage } from './OrganisationPage';
export { UsersPage } from './UsersPage';
export { UserPage } from './UserPage';
export { SettingsPage } from './SettingsPage';
export { CountiesPage } from './CountiesPage';

export function ensureAllAdminMessages(i18n: I18n): void {
  ensureAdminMessages(i18n);
  ensurePeopleMessages(i18n);
}
