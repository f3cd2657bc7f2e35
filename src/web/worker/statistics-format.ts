import { localeOf, type Lang } from '../lib/i18n';

/**
 * Numbers of the supervisor's statistics in the page's language (never the browser's), "–" for a
 * figure that does not exist (nothing offered, no answered call): 1 234 / 75 % / 45 s / 1 min 5 s /
 * 2,5 t in Finnish, 1,234 / 75% / 45 sec / 2.5 hr in English.
 */
export function statisticsFormat(lang: Lang) {
  const locale = localeOf(lang);
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const second = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 });
  const minute = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 0 });
  const hour = new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 });
  const none = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);
  return {
    int: (v: number | null | undefined) => (none(v) ? '–' : integer.format(v)),
    dec: (v: number | null | undefined) => (none(v) ? '–' : decimal.format(v)),
    pct: (share: number | null | undefined) => (none(share) ? '–' : percent.format(share)),
    /** A wait: "45 s" under two minutes, else "3 min 5 s". */
    seconds: (v: number | null | undefined) => {
      if (none(v)) return '–';
      const s = Math.round(v);
      if (s < 120) return second.format(s);
      return s % 60 === 0 ? minute.format(s / 60) : `${minute.format(Math.floor(s / 60))} ${second.format(s % 60)}`;
    },
    hours: (v: number | null | undefined) => (none(v) ? '–' : hour.format(v)),
    /** A percentage typed by a person ("80", "80,5") as a share (0.8), NaN when it is not a number. */
    parseShare: (text: string) => parseNumber(text) / 100,
    /** A share (0.8) as a person types it: "80" / "80,5". */
    shareText: (share: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(share * 100),
  };
}

/** A number a person typed, with a decimal comma or point; NaN when it is anything else. */
export function parseNumber(text: string): number {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** A whole number a person typed ("4", " 12 "), or NaN. Empty is NaN too: the caller decides what empty means. */
export function parseWhole(text: string): number {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** The weekday's name (ISO 1 Monday … 7 Sunday) in the page's language, capitalised for a column heading. */
export function weekdayName(weekday: number, lang: Lang): string {
  // 2026-11-23 is a Monday
  const name = new Intl.DateTimeFormat(localeOf(lang), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 22 + weekday, 12)));
  return name.charAt(0).toLocaleUpperCase(localeOf(lang)) + name.slice(1);
}

/** A day as a person types it in the page's language: "29.9.2026" (fi, sv), "29/09/2026" (en). */
export function dayInputText(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** A typed day, day first ("29.9.2026", "29/09/2026", "29-9-2026") or ISO ("2026-09-29"), as ISO; null when it is no real day. */
export function parseDayInput(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dayFirst = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]].map(Number) : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]].map(Number) : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
