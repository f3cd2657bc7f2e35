import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import fi from './fi';
import sv from './sv';
import en from './en';

export type Lang = 'fi' | 'sv' | 'en';
export const LANGS: Lang[] = ['fi', 'sv', 'en'];
const STORAGE_KEY = 'opastin.lang';

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  const stored = window.localStorage.getItem(STORAGE_KEY);
  for (const candidate of [fromUrl, stored]) if (candidate === 'fi' || candidate === 'sv' || candidate === 'en') return candidate;
  return 'fi';
}

export function setupI18n(): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
    lng: initialLang(),
    fallbackLng: 'fi',
    interpolation: { escapeValue: false },
    returnObjects: true,
  });
  const apply = (lng: string) => {
    document.documentElement.lang = lng;
    window.localStorage.setItem(STORAGE_KEY, lng);
  };
  apply(i18n.language);
  i18n.on('languageChanged', apply);
  return i18n;
}

/** A date as a resident reads it: "maanantaina 28.12." / "måndag 28.12." / "Monday 28 December". */
export function formatDate(isoDate: string, lang: Lang): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const locale = lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: lang === 'en' ? 'long' : 'numeric', timeZone: 'UTC' }).format(date);
}

/** The reader's-language text for a field error code from the server (problem+json `errors[].code`). */
export function fieldErrorText(code: string): string | undefined {
  return i18n.exists(`fieldErrors.${code}`) ? i18n.t(`fieldErrors.${code}`) : undefined;
}

/** A moment as staff read it, in Helsinki time: "23.11.2026 klo 10.00" / "2026-11-23 10:00" / "23/11/2026, 10:00". */
export function formatDateTime(isoInstant: string, lang: Lang): string {
  return new Date(isoInstant).toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`, { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'short' });
}
