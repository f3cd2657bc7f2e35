/**
 * The words the administration's pages share (issue 18): the section navigation. Each group of
 * pages adds its own words (messages-lines.ts, messages-people.ts) under `admin`. sv and en must
 * have every key fi has (the type says so).
 */
import type { i18n as I18n } from 'i18next';

const fi = {
  nav: {
    section: 'Hallinta', label: 'Hallinnan osiot',
    lines: 'Linjat ja aukioloajat', codes: 'Koodistot', organisation: 'Organisaatio', users: 'Käyttäjät',
    settings: 'Sivusto ja käytännöt', history: 'Muutoshistoria', counties: 'Hyvinvointialueet',
  },
};
const sv: typeof fi = {
  nav: {
    section: 'Administration', label: 'Administrationens delar',
    lines: 'Linjer och öppettider', codes: 'Kodverk', organisation: 'Organisation', users: 'Användare',
    settings: 'Webbplats och principer', history: 'Ändringshistorik', counties: 'Välfärdsområden',
  },
};
const en: typeof fi = {
  nav: {
    section: 'Administration', label: 'Administration sections',
    lines: 'Lines and hours', codes: 'Code sets', organisation: 'Organisation', users: 'Users',
    settings: 'Site and policies', history: 'Change history', counties: 'Wellbeing services counties',
  },
};

const MESSAGES = { fi, sv, en };

export function ensureAdminMessages(i18n: I18n): void {
  for (const [lng, messages] of Object.entries(MESSAGES)) {
    if (!i18n.getResource(lng, 'translation', 'admin.nav.section')) i18n.addResourceBundle(lng, 'translation', { admin: messages }, true, false);
  }
}
