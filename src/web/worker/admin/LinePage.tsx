import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../lib/api';
import { Checkbox, ErrorSummary, Notice, SelectField, summaryEntries, TextField } from '../../lib/fields';
import { formatDate, type Lang } from '../../lib/i18n';
import { linkProps } from '../../lib/router';
import { helsinkiDate } from '../../../domain/local-date';
import type { AdminLine } from '../../../server/features/administration/administration.schemas';
import { weekdayName } from '../statistics-format';
import { AdminNav } from './AdminNav';
import { ADMIN_PATHS } from './paths';
import { Calendar } from './Calendar';
import { HistoryTable } from './history-table';
import { CODES_KEY, labelOf, useAdminLines, useAdminWrite } from './lines-api';
import { checkLineDraft, LineFields, lineFieldNames, lineDraft, lineStateText, type LineDraft } from './lines-form';
import { checkIntervals, hoursOfDay, intervalsText, monthFromSearch, weeklyOfDay, type CalendarDay, type IntervalProblem } from './lines-logic';
import { ensureLinesMessages } from './messages-lines';
import './admin.css';

let nextKey = 1;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A status line that takes the focus when it appears, so a screen reader says what was saved. */
function useStatus() {
  const [status, setStatus] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  return {
    status,
    show: (text: string | null) => { setStatus(text); if (text) window.setTimeout(() => ref.current?.focus(), 0); },
    ref,
  };
}

function problemText(p: IntervalProblem, t: (k: string) => string): string {
  return t(`admin.lines.errors.${p}`);
}

/** The line's details: number, menu position, service area, region, authority-only, names (PATCH); in use or not. */
function LineDetails({ line }: { line: AdminLine }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LineDraft>(() => lineDraft(line));
  const [local, setLocal] = useState<Record<string, string>>({});
  const saved = useStatus();
  const patch = useAdminWrite<unknown, AdminLine>('PATCH', [CODES_KEY]);
  const errors = { ...patch.errors, ...local };
  const fields = lineFieldNames('line', t, false);
  const url = `/api/admin/lines/${line.code}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    saved.show(null);
    const { problems, body } = checkLineDraft(draft, t, false);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const { code: _code, ...rest } = body;
    void _code;
    patch.run(url, rest).then((l) => { setDraft(lineDraft(l)); saved.show(t('admin.line.saved')); }, () => undefined);
  };
  const toggle = () => {
    saved.show(null);
    patch.run(url, { active: !line.active }).then((l) => saved.show(l.active ? t('admin.line.activated') : t('admin.line.deactivated')), () => undefined);
  };
  const other = patch.error && Object.keys(patch.errors).length === 0;
  return (
    <section className="panel" aria-labelledby="line-details-title" data-qa="line-details">
      <Heading variant="h2" id="line-details-title">{t('admin.line.detailsTitle')}</Heading>
      {!line.active && <Notice qa="line-inactive">{t('admin.line.inactiveNote')}</Notice>}
      <form onSubmit={submit} noValidate data-qa="line-details-form">
        <ErrorSummary title={t('admin.line.errorsTitle')} errors={summaryEntries(errors, fields, 'line-phone')} qa="line-details-errors" />
        <LineFields prefix="line" draft={draft} onChange={(next) => { setLocal({}); saved.show(null); setDraft({ ...draft, ...next }); }} errors={errors} withCode={false} />
        <div ref={saved.ref} tabIndex={-1}>{saved.status && <Notice kind="success" qa="line-details-saved">{saved.status}</Notice>}</div>
        {other && <Notice kind="error" qa="line-details-failed">{problemMessage(patch.error, t('admin.line.errorsTitle'))}</Notice>}
        <div className="actions">
          <Button type="submit" disabled={patch.busy} data-qa="line-details-save">{t('admin.line.save')}</Button>
          <Button variant="secondary" disabled={patch.busy} onClick={toggle} data-qa="line-active-toggle">{line.active ? t('admin.line.deactivate') : t('admin.line.activate')}</Button>
        </div>
      </form>
    </section>
  );
}

interface SlotRow { key: number; weekday: string; opens: string; closes: string }
const slotRows = (line: AdminLine): SlotRow[] => [...line.weekly]
  .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
  .map((w) => ({ key: nextKey++, weekday: String(w.weekday), opens: w.opens, closes: w.closes }));

/** The weekly hours: rows of weekday, opens, closes; rows added and removed; PUT /hours replaces them. */
function WeeklyHours({ line }: { line: AdminLine }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [rows, setRows] = useState<SlotRow[]>(() => slotRows(line));
  const [local, setLocal] = useState<Record<string, string>>({});
  const saved = useStatus();
  const put = useAdminWrite<unknown, AdminLine>('PUT');
  const errors = { ...put.errors, ...local };
  const fields: Record<string, { id: string; label: string }> = {};
  rows.forEach((r, i) => {
    const row = t('admin.line.hours.row', { n: i + 1 });
    fields[`weekly.${i}.weekday`] = { id: `hours-${r.key}-weekday`, label: `${row}: ${t('admin.line.hours.weekday')}` };
    fields[`weekly.${i}.opens`] = { id: `hours-${r.key}-opens`, label: `${row}: ${t('admin.line.hours.opens')}` };
    fields[`weekly.${i}.closes`] = { id: `hours-${r.key}-closes`, label: `${row}: ${t('admin.line.hours.closes')}` };
  });
  const change = (next: SlotRow[]) => { setLocal({}); saved.show(null); setRows(next); };
  const changeRow = (key: number, next: Partial<SlotRow>) => change(rows.map((r) => (r.key === key ? { ...r, ...next } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    saved.show(null);
    const { parsed, problems } = checkIntervals(rows.map((r) => ({ ...r, weekday: Number(r.weekday) })));
    const mine = Object.fromEntries(Object.entries(problems).map(([k, p]) => [`weekly.${k}`, problemText(p, t)]));
    setLocal(mine);
    if (Object.keys(mine).length) return;
    put.run(`/api/admin/lines/${line.code}/hours`, { weekly: parsed.map((r) => ({ weekday: r.weekday, opens: r.opens, closes: r.closes })) })
      .then((l) => { setRows(slotRows(l)); saved.show(t('admin.line.hours.saved')); }, () => undefined);
  };
  const other = put.error && Object.keys(put.errors).length === 0;
  return (
    <section className="panel" aria-labelledby="line-hours-title" data-qa="line-hours">
      <Heading variant="h2" id="line-hours-title">{t('admin.line.hours.title')}</Heading>
      <p className="hint" id="line-hours-hint">{t('admin.line.hours.hint')}</p>
      <form onSubmit={submit} noValidate data-qa="line-hours-form">
        <ErrorSummary title={t('admin.line.hours.errorsTitle')} errors={summaryEntries(errors, fields, 'line-hours-add')} qa="line-hours-errors" />
        {rows.length === 0 && <p data-qa="line-hours-none">{t('admin.line.hours.none')}</p>}
        {rows.map((r, i) => (
          <fieldset key={r.key} className="hours-row" data-qa="line-hours-row">
            <legend className="visually-hidden">{t('admin.line.hours.row', { n: i + 1 })}</legend>
            <SelectField id={`hours-${r.key}-weekday`} label={t('admin.line.hours.weekday')} value={r.weekday} onChange={(v) => changeRow(r.key, { weekday: v })}
              options={WEEKDAYS.map((n) => ({ value: String(n), label: weekdayName(n, lang) }))} error={errors[`weekly.${i}.weekday`]} />
            <TextField id={`hours-${r.key}-opens`} label={t('admin.line.hours.opens')} value={r.opens} maxLength={5} onChange={(v) => changeRow(r.key, { opens: v })}
              error={errors[`weekly.${i}.opens`]} />
            <TextField id={`hours-${r.key}-closes`} label={t('admin.line.hours.closes')} value={r.closes} maxLength={5} onChange={(v) => changeRow(r.key, { closes: v })}
              error={errors[`weekly.${i}.closes`]} />
            <Button variant="secondaryNoBorder" onClick={() => change(rows.filter((x) => x.key !== r.key))} data-qa="line-hours-remove"
              aria-label={t('admin.line.hours.remove', { day: weekdayName(Number(r.weekday), lang), opens: r.opens, closes: r.closes })}>
              {t('admin.line.hours.removeShort')}
            </Button>
          </fieldset>
        ))}
        <div className="actions">
          <Button variant="secondary" id="line-hours-add" data-qa="line-hours-add"
            onClick={() => change([...rows, { key: nextKey++, weekday: rows.at(-1)?.weekday ?? '1', opens: '09:00', closes: '15:00' }])}>
            {t('admin.line.hours.add')}
          </Button>
        </div>
        <div ref={saved.ref} tabIndex={-1}>{saved.status && <Notice kind="success" qa="line-hours-saved">{saved.status}</Notice>}</div>
        {other && <Notice kind="error" qa="line-hours-failed">{problemMessage(put.error, t('admin.line.hours.errorsTitle'))}</Notice>}
        <Button type="submit" disabled={put.busy} data-qa="line-hours-save">{t('admin.line.hours.save')}</Button>
      </form>
    </section>
  );
}

interface IntervalRow { key: number; opens: string; closes: string }

/** One day's exception: its hours (prefilled with the day's hours now), closed all day, a note; saved or removed. */
function DayForm({ line, day, onClose }: { line: AdminLine; day: CalendarDay; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const start = hoursOfDay(day.date, line.weekly, line.exceptions, day.holiday);
  const [closedAll, setClosedAll] = useState(start.hours.length === 0);
  const [rows, setRows] = useState<IntervalRow[]>(() => start.hours.map((h) => ({ key: nextKey++, ...h })));
  const [note, setNote] = useState(start.exception?.note ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const saved = useStatus();
  const put = useAdminWrite<unknown, AdminLine>('PUT');
  const del = useAdminWrite<unknown, AdminLine>('DELETE');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [day.date]);
  const errors = { ...put.errors, ...local };
  const dateText = formatDate(day.date, lang, { year: true });
  const holiday = day.holiday ? t(`admin.calendar.holidays.${day.holiday}`, { defaultValue: day.holiday }) : null;
  const normal = weeklyOfDay(day.date, line.weekly);
  const exception = line.exceptions.find((e) => e.day === day.date) ?? null;
  const fields: Record<string, { id: string; label: string }> = { hours: { id: 'day-closed', label: t('admin.line.day.closedAll') } };
  rows.forEach((r, i) => {
    const row = t('admin.line.day.interval', { n: i + 1 });
    fields[`hours.${i}.opens`] = { id: `day-${r.key}-opens`, label: `${row}: ${t('admin.line.hours.opens')}` };
    fields[`hours.${i}.closes`] = { id: `day-${r.key}-closes`, label: `${row}: ${t('admin.line.hours.closes')}` };
  });
  fields.note = { id: 'day-note', label: t('admin.line.day.note') };
  const url = `/api/admin/lines/${line.code}/exceptions/${day.date}`;
  const touch = () => { setLocal({}); saved.show(null); };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    saved.show(null);
    const { parsed, problems } = closedAll ? { parsed: [], problems: {} } : checkIntervals(rows);
    const mine: Record<string, string> = Object.fromEntries(Object.entries(problems).map(([k, p]) => [`hours.${k}`, problemText(p, t)]));
    if (!closedAll && rows.length === 0) mine.hours = t('admin.line.day.noHours');
    setLocal(mine);
    if (Object.keys(mine).length) return;
    put.run(url, { hours: parsed.map((r) => ({ opens: r.opens, closes: r.closes })), note: note.trim() || null })
      .then(() => saved.show(t('admin.line.day.saved', { date: dateText })), () => undefined);
  };
  const remove = () => {
    saved.show(null);
    del.run(url).then((l) => {
      const back = hoursOfDay(day.date, l.weekly, l.exceptions, day.holiday);
      setRows(back.hours.map((h) => ({ key: nextKey++, ...h })));
      setClosedAll(back.hours.length === 0);
      setNote('');
      saved.show(t('admin.line.day.removed', { date: dateText }));
    }, () => undefined);
  };
  const failure = (put.error && Object.keys(put.errors).length === 0 && put.error) || del.error;
  return (
    <section className="panel day-form" aria-labelledby="day-form-title" data-qa="day-form">
      <Heading variant="h3" id="day-form-title" ref={heading} tabIndex={-1}>{t('admin.line.day.title', { date: dateText })}</Heading>
      <p data-qa="day-normal">{normal.length ? t('admin.line.day.normal', { hours: intervalsText(normal) }) : t('admin.line.day.normalClosed')}</p>
      {holiday && <p data-qa="day-holiday">{t('admin.line.day.holidayNote', { holiday })}</p>}
      {exception && <p data-qa="day-has-exception">{t('admin.line.day.hasException')}</p>}
      <form onSubmit={submit} noValidate data-qa="day-form-form">
        <ErrorSummary title={t('admin.line.day.errorsTitle')} errors={summaryEntries(errors, fields, 'day-closed')} qa="day-errors" />
        <Checkbox id="day-closed" label={t('admin.line.day.closedAll')} checked={closedAll} onChange={(v) => { touch(); setClosedAll(v); }} error={errors.hours} />
        {!closedAll && (
          <>
            {rows.map((r, i) => (
              <fieldset key={r.key} className="hours-row" data-qa="day-interval">
                <legend className="visually-hidden">{t('admin.line.day.interval', { n: i + 1 })}</legend>
                <TextField id={`day-${r.key}-opens`} label={t('admin.line.hours.opens')} value={r.opens} maxLength={5}
                  onChange={(v) => { touch(); setRows(rows.map((x) => (x.key === r.key ? { ...x, opens: v } : x))); }} error={errors[`hours.${i}.opens`]} />
                <TextField id={`day-${r.key}-closes`} label={t('admin.line.hours.closes')} value={r.closes} maxLength={5}
                  onChange={(v) => { touch(); setRows(rows.map((x) => (x.key === r.key ? { ...x, closes: v } : x))); }} error={errors[`hours.${i}.closes`]} />
                <Button variant="secondaryNoBorder" onClick={() => { touch(); setRows(rows.filter((x) => x.key !== r.key)); }} data-qa="day-interval-remove"
                  aria-label={t('admin.line.day.remove', { opens: r.opens, closes: r.closes })}>
                  {t('admin.line.day.removeShort')}
                </Button>
              </fieldset>
            ))}
            <Button variant="secondary" data-qa="day-interval-add" onClick={() => { touch(); setRows([...rows, { key: nextKey++, opens: '', closes: '' }]); }}>
              {t('admin.line.day.add')}
            </Button>
          </>
        )}
        <TextField id="day-note" label={t('admin.line.day.note')} value={note} maxLength={200} onChange={(v) => { touch(); setNote(v); }} error={errors.note} />
        <div ref={saved.ref} tabIndex={-1}>{saved.status && <Notice kind="success" qa="day-saved">{saved.status}</Notice>}</div>
        {failure && <Notice kind="error" qa="day-failed">{problemMessage(failure, t('admin.line.day.errorsTitle'))}</Notice>}
        <div className="actions">
          <Button type="submit" disabled={put.busy} data-qa="day-save">{t('admin.line.day.save')}</Button>
          {exception && <Button variant="secondary" disabled={del.busy} onClick={remove} data-qa="day-remove">{t('admin.line.day.remove_exception')}</Button>}
          <Button variant="secondaryNoBorder" onClick={onClose} data-qa="day-close">{t('admin.line.day.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}

/** The exception days: the month calendar, the chosen day's form, the coming exception days. */
function Exceptions({ line }: { line: AdminLine }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [month, setMonth] = useState(() => monthFromSearch(window.location.search));
  const [selected, setSelected] = useState<CalendarDay | null>(null);
  const today = useMemo(() => helsinkiDate(new Date()), []);
  const changeMonth = (m: string) => {
    setMonth(m);
    const q = new URLSearchParams(window.location.search);
    q.set('kuukausi', m);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${q.toString()}`);
  };
  const close = () => {
    const date = selected?.date;
    setSelected(null);
    window.setTimeout(() => { if (date) (document.querySelector(`[data-qa="calendar-day-${date}"]`) as HTMLElement | null)?.focus(); }, 0);
  };
  const coming = line.exceptions.filter((e) => e.day >= today);
  return (
    <section className="panel" aria-labelledby="line-exceptions-title" data-qa="line-exceptions">
      <Heading variant="h2" id="line-exceptions-title">{t('admin.line.exceptions.title')}</Heading>
      <p className="hint">{t('admin.line.exceptions.hint')}</p>
      <div className="exceptions-layout">
        <Calendar month={month} onMonth={changeMonth} weekly={line.weekly} exceptions={line.exceptions} selected={selected?.date ?? null}
          onSelect={setSelected} today={today} />
        {selected && <DayForm key={selected.date} line={line} day={selected} onClose={close} />}
      </div>
      <Heading variant="h3">{t('admin.line.exceptions.listTitle')}</Heading>
      {coming.length === 0
        ? <p data-qa="exceptions-none">{t('admin.line.exceptions.none')}</p>
        : (
          <ul data-qa="exceptions-list">
            {coming.map((e) => (
              <li key={e.day} data-qa={`exception-${e.day}`}>
                {formatDate(e.day, lang, { year: true })}
                {e.holiday ? ` (${t(`admin.calendar.holidays.${e.holiday}`, { defaultValue: e.holiday })})` : ''}
                {': '}
                {e.hours.length === 0 ? t('admin.line.exceptions.closedAll') : intervalsText(e.hours)}
                {e.note ? ` – ${e.note}` : ''}
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}

/**
 * One line (issue 18): its details, its weekly hours, its exception days in a month calendar that
 * shows the public holidays and eves by name, and its change history.
 */
export function LinePage({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  ensureLinesMessages(i18n);
  const lang = i18n.language as Lang;
  const lines = useAdminLines();
  const line = lines.data?.items.find((l) => l.code === code) ?? null;
  return (
    <section aria-labelledby="line-title" data-qa="admin-line-page">
      <AdminNav />
      <p><a {...linkProps(ADMIN_PATHS.lines)} data-qa="line-back">{t('admin.line.back')}</a></p>
      {lines.isError && <Notice kind="error" qa="line-failed">{problemMessage(lines.error, t('admin.lines.failed'))}</Notice>}
      {lines.isPending && <p>{t('common.loading')}</p>}
      {lines.isSuccess && !line && (
        <>
          <Heading variant="h1" id="line-title">{t('admin.nav.lines')}</Heading>
          <Notice kind="error" qa="line-not-found">{t('admin.line.notFound', { code })}</Notice>
        </>
      )}
      {line && (
        <>
          <Heading variant="h1" id="line-title">{labelOf(line.name, lang)}</Heading>
          <p data-qa="line-summary">
            {line.phoneNumber} · <span data-qa="line-state">{lineStateText(line, t, (d) => formatDate(d, lang))}</span>
          </p>
          <LineDetails key={`details-${line.code}`} line={line} />
          <WeeklyHours key={`hours-${line.code}`} line={line} />
          <Exceptions line={line} />
          <section className="panel" aria-labelledby="line-history-title" data-qa="line-history">
            <Heading variant="h2" id="line-history-title">{t('admin.line.historyTitle')}</Heading>
            <HistoryTable objectType="line" objectKey={line.code} caption={t('admin.history.captionLine')} qa="line-history-table" />
          </section>
        </>
      )}
    </section>
  );
}
