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

/**
 * A date that ends a sentence ends it: "viimeistään maanantaina 30.11." and not "30.11..". In
 * Finnish and Swedish a day and month are written with a final dot, and a sentence's own full stop
 * after it is dropped (Kielitoimiston ohjepankki), whatever text the date was put into.
 */
export function oneFinalDot(text: string): string {
  return text.replace(/(\b\d{1,2}\.\d{1,2}\.)\.(?!\.)/g, '$1');
}

export function setupI18n(): typeof i18n {
  void i18n.use(initReactI18next).use({ type: 'postProcessor', name: 'oneFinalDot', process: (value: string) => oneFinalDot(value) }).init({
    resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
    lng: initialLang(),
    fallbackLng: 'fi',
    interpolation: { escapeValue: false },
    returnObjects: true,
    postProcess: ['oneFinalDot'],
  });
  const apply = (lng: string) => {
    document.documentElement.lang = lng;
    window.localStorage.setItem(STORAGE_KEY, lng);
  };
  apply(i18n.language);
  i18n.on('languageChanged', apply);
  return i18n;
}

const LOCALE: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
/** The Intl locale of a page's language (Finland's Swedish, British English). */
export const localeOf = (lang: string): string => LOCALE[(LANGS as string[]).includes(lang) ? (lang as Lang) : 'fi'];

/**
 * A date as a resident reads it: "maanantaina 28.12." / "måndag 28.12." / "Monday 28 December";
 * `{ year: true }` adds the year, `{ weekday: false }` leaves the day's name out: "15.1.2026" /
 * "15.1.2026" / "15 January 2026". Always the page's language, never the browser's.
 */
export function formatDate(isoDate: string, lang: Lang, opts: { year?: boolean; weekday?: boolean } = {}): string {
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return '–';
  const weekday = opts.weekday ?? true;
  const numeric = lang !== 'en';
  const text = new Intl.DateTimeFormat(localeOf(lang), {
    ...(weekday ? { weekday: 'long' } : {}), day: 'numeric', month: numeric ? 'numeric' : 'long', ...(opts.year ? { year: 'numeric' } : {}), timeZone: 'UTC',
  }).format(date);
  // Finland's Swedish writes the day and month as Finnish does: "28.12."; ICU leaves the last dot out
  return numeric && !opts.year && /\d{1,2}\.\d{1,2}$/.test(text) ? `${text}.` : text;
}

/** A month as "marraskuu 2026" / "november 2026" / "November 2026" from "2026-11". */
export function formatMonth(isoMonth: string, lang: Lang): string {
  const [y, m] = isoMonth.split('-').map(Number);
  if (!y || !m) return isoMonth;
  return new Intl.DateTimeFormat(localeOf(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** The twelve months' names in the page's language, January first: for a month picker that does not follow the browser's language. */
export function monthNames(lang: Lang): string[] {
  const format = new Intl.DateTimeFormat(localeOf(lang), { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2026, i, 15))));
}

/** The reader's-language text for a field error code from the server (problem+json `errors[].code`). */
export function fieldErrorText(code: string): string | undefined {
  return i18n.exists(`fieldErrors.${code}`) ? i18n.t(`fieldErrors.${code}`) : undefined;
}

/** A moment as staff read it, in Helsinki time: "23.11.2026 klo 10.00" / "2026-11-23 10:00" / "23/11/2026, 10:00". */
export function formatDateTime(isoInstant: string, lang: Lang): string {
  const at = new Date(isoInstant);
  if (Number.isNaN(at.getTime())) return '–';
  return at.toLocaleString(localeOf(lang), { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'short' });
}
