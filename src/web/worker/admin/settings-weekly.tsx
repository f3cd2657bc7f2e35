import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button } from 'suomifi-ui-components';
import type { Lang } from '../../lib/i18n';
import { SelectField, TextField } from '../../lib/fields';
import { parseClock } from '../chat-panel-logic';
import { weekdayName } from '../statistics-format';

export interface SlotDraft { key: number; weekday: string; opens: string; closes: string }
export interface Slot { weekday: number; opens: string; closes: string }

let nextKey = 1;
export const newSlotKey = () => nextKey++;
export const slotDrafts = (slots: Slot[]): SlotDraft[] => [...slots]
  .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
  .map((s) => ({ key: nextKey++, weekday: String(s.weekday), opens: s.opens, closes: s.closes }));

/**
 * The typed rows as the API's weekly slots, with the problems keyed as the server keys them
 * (`<prefix>.<i>.opens`): a time the reader can type ("8", "8.30", "08:30"), closing after opening;
 * "24:00" closes at midnight.
 */
export function readSlots(rows: SlotDraft[], prefix: string, t: (k: string) => string): { slots: Slot[]; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const clock = (s: string) => (s.trim() === '24:00' || s.trim() === '24' ? '24:00' : parseClock(s));
  const slots = rows.map((r, i) => {
    const opens = clock(r.opens);
    const closes = clock(r.closes);
    if (!opens || opens === '24:00') problems[`${prefix}.${i}.opens`] = t('admin.settings.weekly.clock');
    if (!closes) problems[`${prefix}.${i}.closes`] = t('admin.settings.weekly.clock');
    else if (opens && closes <= opens) problems[`${prefix}.${i}.closes`] = t('admin.settings.weekly.order');
    return { weekday: Number(r.weekday), opens: opens ?? '', closes: closes ?? '' };
  });
  return { slots, problems };
}

export function slotFieldMap(rows: SlotDraft[], idPrefix: string, prefix: string, t: TFunction): Record<string, { id: string; label: string }> {
  const out: Record<string, { id: string; label: string }> = {};
  rows.forEach((r, i) => {
    out[`${prefix}.${i}.opens`] = { id: `${idPrefix}-${r.key}-opens`, label: `${t('admin.settings.weekly.row', { n: i + 1 })}: ${t('admin.settings.weekly.opens')}` };
    out[`${prefix}.${i}.closes`] = { id: `${idPrefix}-${r.key}-closes`, label: `${t('admin.settings.weekly.row', { n: i + 1 })}: ${t('admin.settings.weekly.closes')}` };
  });
  return out;
}

/** Rows of weekday + opens + closes; add and remove rows. No rows means what `emptyText` says (e.g. around the clock). */
export function WeeklyEditor({ idPrefix, legend, hint, emptyText, rows, onChange, errors, prefix }: {
  idPrefix: string; legend: string; hint: string; emptyText: string; rows: SlotDraft[]; onChange: (rows: SlotDraft[]) => void;
  errors: Record<string, string | undefined>; prefix: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const changeRow = (key: number, next: Partial<SlotDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...next } : r)));
  return (
    <fieldset className="field admin-weekly" data-qa={idPrefix} aria-describedby={`${idPrefix}-hint`}>
      <legend>{legend}</legend>
      <p id={`${idPrefix}-hint`} className="hint">{hint}</p>
      {rows.length === 0 && <p data-qa={`${idPrefix}-none`}>{emptyText}</p>}
      {rows.map((r, i) => (
        <fieldset key={r.key} className="admin-weekly-row" data-qa={`${idPrefix}-row`}>
          <legend className="visually-hidden">{t('admin.settings.weekly.row', { n: i + 1 })}</legend>
          <SelectField id={`${idPrefix}-${r.key}-weekday`} label={t('admin.settings.weekly.weekday')} value={r.weekday} onChange={(v) => changeRow(r.key, { weekday: v })}
            options={[1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: weekdayName(n, lang) }))} />
          <TextField id={`${idPrefix}-${r.key}-opens`} label={t('admin.settings.weekly.opens')} value={r.opens} onChange={(v) => changeRow(r.key, { opens: v })} maxLength={5}
            error={errors[`${prefix}.${i}.opens`]} />
          <TextField id={`${idPrefix}-${r.key}-closes`} label={t('admin.settings.weekly.closes')} value={r.closes} onChange={(v) => changeRow(r.key, { closes: v })} maxLength={5}
            error={errors[`${prefix}.${i}.closes`]} />
          <Button variant="secondaryNoBorder" onClick={() => onChange(rows.filter((x) => x.key !== r.key))} data-qa={`${idPrefix}-remove`}
            aria-label={t('admin.settings.weekly.remove', { day: weekdayName(Number(r.weekday), lang), opens: r.opens, closes: r.closes })}>
            {t('admin.settings.weekly.removeShort')}
          </Button>
        </fieldset>
      ))}
      <Button variant="secondary" onClick={() => onChange([...rows, { key: newSlotKey(), weekday: '1', opens: '08:00', closes: '16:00' }])} data-qa={`${idPrefix}-add`}>
        {t('admin.settings.weekly.add')}
      </Button>
    </fieldset>
  );
}
