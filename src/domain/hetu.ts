/**
 * Finnish personal identity code (henkilötunnus): DDMMYYCZZZQ.
 * C is the century sign (Act 128/2022 added Y X W V U for the 1900s and B–F for the 2000s),
 * ZZZ the individual number (002–899 permanent; 900–999 temporary), Q the check character.
 */
import { daysInMonth, localDate, parts, type LocalDate } from './local-date.js';

const CENTURY: Record<string, number> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};
const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const HETU_RE = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/;

export type HetuError = 'format' | 'date' | 'individual_number' | 'checksum';

export type HetuResult =
  | { valid: true; hetu: string; birthDate: LocalDate; temporary: boolean; sex: 'male' | 'female' }
  | { valid: false; error: HetuError };

export function checkCharacter(ddmmyy: string, individualNumber: string): string {
  return CHECK_CHARS[Number(ddmmyy + individualNumber) % 31]!;
}

export function parseHetu(input: string): HetuResult {
  const hetu = input.trim().toUpperCase();
  const m = HETU_RE.exec(hetu);
  if (!m) return { valid: false, error: 'format' };
  const [, dd, mm, yy, sign, zzz, q] = m as unknown as [string, string, string, string, string, string, string];
  const century = CENTURY[sign];
  if (century === undefined) return { valid: false, error: 'format' };
  const year = century + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { valid: false, error: 'date' };
  const individual = Number(zzz);
  if (individual < 2) return { valid: false, error: 'individual_number' };
  if (checkCharacter(dd + mm + yy, zzz) !== q) return { valid: false, error: 'checksum' };
  return {
    valid: true,
    hetu,
    birthDate: localDate(year, month, day),
    temporary: individual >= 900,
    sex: individual % 2 === 1 ? 'male' : 'female',
  };
}

export function isValidHetu(input: string): boolean {
  return parseHetu(input).valid;
}

/** Age in whole years on a given day; a person born on 29 February turns a year older on 1 March in common years. */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const b = parts(birthDate);
  const d = parts(on);
  let age = d.year - b.year;
  if (d.month < b.month || (d.month === b.month && d.day < b.day)) age -= 1;
  return age;
}

export function formatHetu(birthDate: LocalDate, individualNumber: number, centurySign?: string): string {
  const { year, month, day } = parts(birthDate);
  const sign = centurySign ?? (year < 1900 ? '+' : year < 2000 ? '-' : 'A');
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const yy = String(year % 100).padStart(2, '0');
  const zzz = String(individualNumber).padStart(3, '0');
  return `${dd}${mm}${yy}${sign}${zzz}${checkCharacter(dd + mm + yy, zzz)}`;
}

