import { useTranslation } from 'react-i18next';
import { Button } from 'suomifi-ui-components';
import { formatDate, formatMonth, type Lang } from '../../lib/i18n';
import { useAdminCalendar } from './lines-api';
import { hoursOfDay, intervalsText, monthRange, monthWeeks, shiftMonth, type CalendarDay, type ExceptionDay, type WeeklySlot } from './lines-logic';

/**
 * A month of a line's days (issue 18): a real table (caption, weekday column headers), each day a
 * button whose name says the date, the public holiday or eve and the line's state that day; the
 * public holidays and eves by name, the weekends, the line's exception days with their hours.
 */
export function Calendar({ month, onMonth, weekly, exceptions, selected, onSelect, today }: {
  month: string; onMonth: (month: string) => void; weekly: WeeklySlot[]; exceptions: ExceptionDay[];
  selected: string | null; onSelect: (day: CalendarDay) => void; today: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const range = monthRange(month);
  const calendar = useAdminCalendar(range.from, range.to);
  const byDate = new Map((calendar.data?.days ?? []).map((d) => [d.date, d]));
  const short = t('admin.calendar.weekdays', { returnObjects: true }) as string[];
  const long = t('admin.calendar.weekdaysLong', { returnObjects: true }) as string[];
  const holidayName = (code: string | null) => (code ? t(`admin.calendar.holidays.${code}`, { defaultValue: code }) : null);

  return (
    <div className="admin-calendar" data-qa="calendar">
      <div className="calendar-nav">
        <Button variant="secondary" onClick={() => onMonth(shiftMonth(month, -1))} data-qa="calendar-prev">{t('admin.calendar.prev')}</Button>
        <strong aria-live="polite" data-qa="calendar-month">{formatMonth(month, lang)}</strong>
        <Button variant="secondary" onClick={() => onMonth(shiftMonth(month, 1))} data-qa="calendar-next">{t('admin.calendar.next')}</Button>
      </div>
      {calendar.isError && <p role="alert" className="notice error">{t('admin.calendar.failed')}</p>}
      <table className="calendar-table">
        <caption>{t('admin.calendar.caption', { month: formatMonth(month, lang) })}</caption>
        <thead>
          <tr>{short.map((d, i) => <th key={d} scope="col" abbr={long[i]}>{d}</th>)}</tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week.find(Boolean) ?? ''}>
              {week.map((date, i) => {
                if (!date) return <td key={`empty-${i}`} className="empty" />;
                const day: CalendarDay = byDate.get(date) ?? { date, weekday: i + 1, holiday: null, publicHoliday: false, workingDay: i < 5 };
                const { hours, exception } = hoursOfDay(date, weekly, exceptions, day.holiday);
                const holiday = holidayName(day.holiday);
                const state = exception
                  ? (exception.hours.length === 0 ? t('admin.calendar.state.exceptionClosed') : t('admin.calendar.state.exceptionOpen', { hours: intervalsText(hours) }))
                  : (hours.length === 0 ? t('admin.calendar.state.closed') : t('admin.calendar.state.open', { hours: intervalsText(hours) }));
                const classes = ['day', i >= 5 ? 'weekend' : '', day.holiday ? 'holiday' : '', exception ? 'exception' : '', selected === date ? 'selected' : '', date === today ? 'today' : ''];
                return (
                  <td key={date} className={classes.filter(Boolean).join(' ')}>
                    <button type="button" onClick={() => onSelect(day)} aria-current={date === today ? 'date' : undefined}
                      data-qa={`calendar-day-${date}`} data-holiday={day.holiday ?? undefined} data-exception={exception ? 'true' : undefined}>
                      {/* the name is the day's own text: the whole date (hidden), the holiday and the state as shown;
                          the number is drawn by CSS and hidden, so every word shown is in the name, in order (WCAG 2.5.3) */}
                      <span className="day-number" aria-hidden="true" data-day={Number(date.slice(8))} />
                      <span className="visually-hidden">{[formatDate(date, lang, { year: true }), date === today ? t('admin.calendar.today') : null].filter(Boolean).join(', ')}</span>
                      {holiday && <><span className="visually-hidden">, </span><span className="day-holiday" data-qa="calendar-holiday">{holiday}</span></>}
                      <span className="visually-hidden">, </span>
                      {exception || day.holiday
                        ? <span className={exception ? 'day-exception' : 'day-closed'}>{state}</span>
                        : <span className="visually-hidden">{state}</span>}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('admin.calendar.legend')}</p>
    </div>
  );
}
