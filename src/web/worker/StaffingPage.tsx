import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, ApiError, fieldErrors, problemMessage } from '../lib/api';
import { ErrorSummary, Notice, SelectField, summaryEntries, TextField } from '../lib/fields';
import { formatDate, type Lang } from '../lib/i18n';
import { useReferenceData } from './reference-data';
import { dayInputText, parseDayInput, parseWhole, statisticsFormat, weekdayName } from './statistics-format';
import type { Staffing, StaffingSettings, StaffingSlot } from '../../server/features/statistics/statistics.schemas';
import './statistics.css';

export const STAFFING_PATH = '/tyo/henkilostomitoitus';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const slotKey = (weekday: number, hour: number) => `${weekday}:${hour}`;
const cellId = (weekday: number, hour: number) => `roster-${weekday}-${hour}`;

/** What the supervisor asked `GET /api/statistics/staffing` for; a field left out takes the server's default. */
interface StaffingQuery { from?: string; to?: string; line?: string; targetShare?: number; targetSeconds?: number; handlingSeconds?: number }
/** The period form as typed. */
interface QueryDraft { from: string; to: string; line: string; share: string; seconds: string; handling: string }
type SettingsBody = Omit<StaffingSettings, 'total'>;

function queryString(q: StaffingQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

/** The hours the grid shows: every hour with calls or a roster, and the lines' opening hours, as one unbroken span; all 24 on request. */
function gridHours(items: StaffingSlot[], roster: StaffingSettings['items'], opening: { opens: string; closes: string }[], all: boolean): number[] {
  if (all) return Array.from({ length: 24 }, (_, h) => h);
  const hours = [...items.map((i) => i.hour), ...roster.map((r) => r.hour)];
  for (const o of opening) {
    const opens = Number(o.opens.slice(0, 2));
    const closes = Number(o.closes.slice(0, 2)) + (o.closes.slice(3, 5) === '00' ? 0 : 1);
    for (let h = opens; h < Math.min(closes, 24); h++) hours.push(h);
  }
  if (hours.length === 0) return Array.from({ length: 9 }, (_, i) => 8 + i);
  const first = Math.min(...hours);
  const last = Math.max(...hours);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * Staffing (issue 15, seed 003: "are four workers enough?"): for each weekday and hour, the workers
 * needed to answer the target share of calls within the target time by Erlang C, from the measured
 * calls of a period, beside the roster the supervisor keeps here; the roster is edited in the same
 * grid and the county's service level below it. Ranges are the contract's: the server checks them
 * and its 400 names the fields, shown in an error summary.
 */
export function StaffingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const f = statisticsFormat(lang);
  const ref = useReferenceData();
  const client = useQueryClient();

  const settings = useQuery({ queryKey: ['staffing-settings'], queryFn: () => api<StaffingSettings>('/api/statistics/staffing-settings') });
  const [applied, setApplied] = useState<StaffingQuery>({});
  const staffing = useQuery({
    queryKey: ['staffing', applied],
    queryFn: () => api<Staffing>(`/api/statistics/staffing?${queryString(applied)}`, { lang: i18n.language }),
    placeholderData: (previous) => previous,
  });

  // --- the period form ---
  const [draft, setDraft] = useState<QueryDraft | null>(null);
  const s = settings.data;
  // the last estimate stays on screen while a new one is asked or when it fails (its period is said above the grid)
  const lastGood = useRef<Staffing | undefined>(undefined);
  if (staffing.data) lastGood.current = staffing.data;
  const st = staffing.data ?? lastGood.current;
  const q: QueryDraft = draft ?? {
    from: st ? dayInputText(st.from, lang) : '', to: st ? dayInputText(st.to, lang) : '', line: '',
    share: s ? f.shareText(s.serviceLevelTarget) : '', seconds: s ? String(s.serviceLevelSeconds) : '', handling: '',
  };
  const dateHint = t('staffing.dateHint', { example: dayInputText('2026-09-01', lang) });
  const setQ = (k: keyof QueryDraft) => (v: string) => setDraft({ ...q, [k]: v });
  const [queryLocal, setQueryLocal] = useState<Record<string, string>>({});
  const queryMessages: Record<string, string> = {
    from: t('staffing.errors.date'), to: t('staffing.errors.date'), line: t('fieldErrors.invalid_choice'),
    targetShare: t('staffing.errors.share'), targetSeconds: t('staffing.errors.seconds'), handlingSeconds: t('staffing.errors.handling'),
  };
  const queryFields: Record<string, { id: string; label: string }> = {
    from: { id: 'staffing-from', label: t('staffing.from') }, to: { id: 'staffing-to', label: t('staffing.to') }, line: { id: 'staffing-line', label: t('staffing.line') },
    targetShare: { id: 'staffing-share', label: t('staffing.targetShare') }, targetSeconds: { id: 'staffing-seconds', label: t('staffing.targetSeconds') },
    handlingSeconds: { id: 'staffing-handling', label: t('staffing.handling') },
  };
  // a 400 from the server names the query's fields: each gets this form's sentence for it
  const queryServer = staffing.error ? Object.fromEntries(Object.keys(fieldErrors(staffing.error)).map((k) => [k, queryMessages[k] ?? fieldErrors(staffing.error)[k]!])) : {};
  const queryErrors: Record<string, string> = { ...queryServer, ...queryLocal };
  const submitQuery = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const from = parseDayInput(q.from);
    const to = parseDayInput(q.to);
    if (!from) problems.from = queryMessages.from!;
    if (!to) problems.to = queryMessages.to!;
    const share = f.parseShare(q.share);
    if (Number.isNaN(share)) problems.targetShare = queryMessages.targetShare!;
    const seconds = parseWhole(q.seconds);
    if (Number.isNaN(seconds)) problems.targetSeconds = queryMessages.targetSeconds!;
    const handling = q.handling.trim() === '' ? undefined : parseWhole(q.handling);
    if (handling !== undefined && Number.isNaN(handling)) problems.handlingSeconds = queryMessages.handlingSeconds!;
    setQueryLocal(problems);
    if (Object.keys(problems).length > 0 || !from || !to) return;
    setApplied({ from, to, line: q.line || undefined, targetShare: share, targetSeconds: seconds, handlingSeconds: handling });
  };

  // --- the roster in the grid ---
  const [showAll, setShowAll] = useState(false);
  const [edited, setEdited] = useState<Record<string, string>>({});
  const savedRoster = new Map((s?.items ?? []).map((r) => [slotKey(r.weekday, r.hour), r.workers]));
  const cellText = (key: string) => edited[key] ?? (savedRoster.has(key) ? String(savedRoster.get(key)) : '');
  const sentKeys = useRef<string[]>([]);
  const [rosterLocal, setRosterLocal] = useState<Record<string, string>>({});
  const [rosterSaved, setRosterSaved] = useState(false);
  const [settingsSaved, setSettingsSaved] = useState(false);
  const [lastPut, setLastPut] = useState<'roster' | 'level'>('roster');
  const put = useMutation({
    mutationFn: (body: SettingsBody) => api<StaffingSettings>('/api/statistics/staffing-settings', { method: 'PUT', body, lang: i18n.language }),
    onSuccess: async (saved) => {
      client.setQueryData(['staffing-settings'], saved);
      await client.invalidateQueries({ queryKey: ['staffing'] });
      await client.invalidateQueries({ queryKey: ['statistics'] });
    },
  });
  const saveRoster = (e: FormEvent) => {
    e.preventDefault();
    if (!s) return;
    setRosterSaved(false);
    setSettingsSaved(false);
    setLastPut('roster');
    const problems: Record<string, string> = {};
    const slots = new Map(savedRoster);
    for (const [key, text] of Object.entries(edited)) {
      if (text.trim() === '') { slots.delete(key); continue; }
      const n = parseWhole(text);
      if (Number.isNaN(n)) problems[key] = t('staffing.errors.workers');
      else slots.set(key, n);
    }
    setRosterLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const items = [...slots.entries()].map(([key, workers]) => {
      const [weekday, hour] = key.split(':').map(Number) as [number, number];
      return { weekday, hour, workers };
    }).sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
    sentKeys.current = items.map((i) => slotKey(i.weekday, i.hour));
    put.mutate({ serviceLevelSeconds: s.serviceLevelSeconds, serviceLevelTarget: s.serviceLevelTarget, items }, {
      onSuccess: () => { setEdited({}); setRosterSaved(true); },
    });
  };

  // --- the service level settings ---
  const [levelDraft, setLevelDraft] = useState<{ seconds: string; target: string } | null>(null);
  const level = levelDraft ?? { seconds: s ? String(s.serviceLevelSeconds) : '', target: s ? f.shareText(s.serviceLevelTarget) : '' };
  const [levelLocal, setLevelLocal] = useState<Record<string, string>>({});
  const saveLevel = (e: FormEvent) => {
    e.preventDefault();
    if (!s) return;
    setRosterSaved(false);
    setSettingsSaved(false);
    const problems: Record<string, string> = {};
    const seconds = parseWhole(level.seconds);
    if (Number.isNaN(seconds)) problems.serviceLevelSeconds = t('staffing.errors.settingsSeconds');
    const target = f.parseShare(level.target);
    if (Number.isNaN(target)) problems.serviceLevelTarget = t('staffing.errors.share');
    setLevelLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setLastPut('level');
    put.mutate({ serviceLevelSeconds: seconds, serviceLevelTarget: target, items: s.items.map(({ weekday, hour, workers }) => ({ weekday, hour, workers })) }, {
      onSuccess: (saved) => {
        setLevelDraft(null);
        setSettingsSaved(true);
        // the period form follows the county's new target; an explicit query is asked again with it
        setDraft((d) => (d ? { ...d, share: f.shareText(saved.serviceLevelTarget), seconds: String(saved.serviceLevelSeconds) } : d));
        setApplied((a) => (a.targetShare === undefined ? a : { ...a, targetShare: saved.serviceLevelTarget, targetSeconds: saved.serviceLevelSeconds }));
      },
    });
  };

  // a 400 from the PUT: roster cells by their index in the body sent, the service level by name
  const putErrors = fieldErrors(put.error);
  const putFormError = put.error && Object.keys(putErrors).length === 0 ? problemMessage(put.error, t('common.error')) : undefined;
  const rosterServer: Record<string, string> = {};
  const levelServer: Record<string, string> = {};
  if (put.error instanceof ApiError) {
    for (const key of Object.keys(putErrors)) {
      const item = /^items\.(\d+)/.exec(key);
      if (item) rosterServer[sentKeys.current[Number(item[1])] ?? 'items'] = t('staffing.errors.workers');
      else if (key === 'serviceLevelSeconds') levelServer[key] = t('staffing.errors.settingsSeconds');
      else if (key === 'serviceLevelTarget') levelServer[key] = t('staffing.errors.share');
      else (lastPut === 'level' ? levelServer : rosterServer)[key] = putErrors[key]!;
    }
  }
  const rosterErrors = { ...rosterServer, ...rosterLocal };
  const levelErrors = { ...levelServer, ...levelLocal };

  const items = st?.items ?? [];
  const bySlot = new Map(items.map((i) => [slotKey(i.weekday, i.hour), i]));
  const lines = applied.line ? ref.lines.filter((l) => l.code === applied.line) : ref.lines;
  const hours = gridHours(items, s?.items ?? [], lines.flatMap((l) => l.weekly), showAll);
  const hourText = (h: number) => t('staffing.hour', { from: h, to: h + 1 });
  const dayText = (w: number) => weekdayName(w, lang);
  const rosterFields: Record<string, { id: string; label: string }> = {};
  for (const h of hours) for (const w of WEEKDAYS) rosterFields[slotKey(w, h)] = { id: cellId(w, h), label: `${dayText(w)} ${hourText(h)}, ${t('staffing.onRoster').toLowerCase()}` };
  const withCalls = items.filter((i) => i.offered > 0);
  const shortfalls = withCalls.filter((i) => i.enough !== true);
  const handlingSource = applied.handlingSeconds !== undefined ? t('staffing.handlingGiven') : st?.measuredHandlingSeconds !== null ? t('staffing.handlingMeasured') : t('staffing.handlingDefault');

  /** One weekday and hour: what is needed, the roster's input and whether it is enough, in words and an icon. */
  const cell = (w: number, h: number) => {
    const key = slotKey(w, h);
    const slot = bySlot.get(key);
    const text = cellText(key);
    const dirty = key in edited && edited[key] !== (savedRoster.has(key) ? String(savedRoster.get(key)) : '');
    const workers = text.trim() === '' ? null : parseWhole(text);
    const calls = !!slot && slot.offered > 0;
    let verdict: { kind: 'ok' | 'short' | 'none' | 'idle'; text: string };
    if (!calls) verdict = { kind: 'idle', text: t('staffing.noCalls') };
    else if (workers === null) verdict = { kind: 'none', text: t('staffing.noRoster') };
    else if (Number.isNaN(workers)) verdict = { kind: 'idle', text: '' };
    else if (workers >= slot.needed) verdict = { kind: 'ok', text: t('staffing.enough') };
    else verdict = { kind: 'short', text: `${t('staffing.notEnough')} (${t('staffing.missing', { n: slot.needed - workers })})` };
    const error = rosterErrors[key];
    return (
      <td key={w} className={`slot ${verdict.kind}`} data-qa={`slot-${w}-${h}`}>
        {calls && <span className="slot-needed" data-qa={`slot-${w}-${h}-needed`}>{t('staffing.needed', { n: slot.needed })}</span>}
        {calls && <span className="slot-calls">{t('staffing.callsPerHour', { n: f.dec(slot.callsPerHour) })}</span>}
        <label htmlFor={cellId(w, h)} className="slot-label">
          <span className="visually-hidden">{dayText(w)} {hourText(h)}: </span>{t('staffing.onRoster')}
        </label>
        <input
          id={cellId(w, h)} type="text" inputMode="numeric" autoComplete="off" size={3} maxLength={4} value={text} data-qa={cellId(w, h)}
          onChange={(e) => { const v = e.target.value; setEdited((x) => ({ ...x, [key]: v })); setRosterSaved(false); }}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${cellId(w, h)}-error` : undefined}
        />
        {error && <span id={`${cellId(w, h)}-error`} className="error">{error}</span>}
        {verdict.kind !== 'idle' && (
          <span className={`verdict ${verdict.kind}`} data-qa={`slot-${w}-${h}-verdict`}>
            <span aria-hidden="true">{verdict.kind === 'ok' ? '✓ ' : verdict.kind === 'short' ? '✗ ' : '! '}</span>{verdict.text}
          </span>
        )}
        {calls && !dirty && slot.serviceLevelWithRoster !== null && (
          <span className="slot-calls">{t('staffing.expected', { pct: f.pct(slot.serviceLevelWithRoster) })}</span>
        )}
        {dirty && <span className="slot-calls" data-qa={`slot-${w}-${h}-unsaved`}>{t('staffing.unsaved')}</span>}
      </td>
    );
  };

  return (
    <section aria-labelledby="staffing-title" data-qa="staffing">
      <Heading variant="h1" id="staffing-title">{t('staffing.title')}</Heading>
      <p>{t('staffing.intro')}</p>

      <section aria-labelledby="staffing-query-title">
        <Heading variant="h2" id="staffing-query-title">{t('staffing.queryTitle')}</Heading>
        <ErrorSummary title={t('form.errorSummary')} errors={summaryEntries(queryErrors, queryFields, 'staffing-from')} qa="staffing-query-errors" />
        {staffing.error && Object.keys(queryServer).length === 0 && <Notice kind="error" qa="staffing-failed">{problemMessage(staffing.error, t('staffing.failed'))}</Notice>}
        <form onSubmit={submitQuery} noValidate data-qa="staffing-query">
          <div className="form-grid">
            <TextField id="staffing-from" label={t('staffing.from')} hint={dateHint} value={q.from} onChange={setQ('from')} error={queryErrors.from} maxLength={10} />
            <TextField id="staffing-to" label={t('staffing.to')} hint={dateHint} value={q.to} onChange={setQ('to')} error={queryErrors.to} maxLength={10} />
            <SelectField id="staffing-line" label={t('staffing.line')} value={q.line} onChange={setQ('line')} options={ref.lineOptions} empty={t('staffing.allLines')} error={queryErrors.line} />
            <TextField id="staffing-share" label={t('staffing.targetShare')} inputMode="numeric" value={q.share} onChange={setQ('share')} error={queryErrors.targetShare} maxLength={6} />
            <TextField id="staffing-seconds" label={t('staffing.targetSeconds')} inputMode="numeric" value={q.seconds} onChange={setQ('seconds')} error={queryErrors.targetSeconds} maxLength={5} />
            <TextField id="staffing-handling" label={t('staffing.handling')} hint={t('staffing.handlingHint')} inputMode="numeric" value={q.handling} onChange={setQ('handling')} error={queryErrors.handlingSeconds} maxLength={5} />
          </div>
          <Button type="submit" data-qa="staffing-calculate">{t('staffing.calculate')}</Button>
        </form>
      </section>

      <section aria-labelledby="staffing-grid-title">
        <Heading variant="h2" id="staffing-grid-title">{t('staffing.gridTitle')}</Heading>
        {st && (
          <p data-qa="staffing-basis">
            {t('staffing.basis', {
              from: formatDate(st.from, lang, { year: true, weekday: false }), to: formatDate(st.to, lang, { year: true, weekday: false }),
              line: st.line ? ref.lineLabel(st.line) : t('staffing.allLines'), share: f.pct(st.targetShare), seconds: st.targetSeconds,
              handling: f.seconds(st.handlingSeconds), source: handlingSource,
            })}
          </p>
        )}
        {st && withCalls.length === 0 && <Notice qa="staffing-no-calls">{t('staffing.noCallsInPeriod')}</Notice>}
        {st && withCalls.length > 0 && (
          <div className="shortfalls" data-qa="staffing-shortfalls">
            {shortfalls.length === 0
              ? <p><span aria-hidden="true">✓ </span>{t('staffing.noShortfalls')}</p>
              : (
                <>
                  <p><strong>{t('staffing.shortfallsTitle')}</strong></p>
                  <ul className="compact-list">
                    {shortfalls.map((i) => (
                      <li key={slotKey(i.weekday, i.hour)}>
                        {t('staffing.shortfall', { day: dayText(i.weekday), hour: hourText(i.hour), needed: i.needed, roster: i.roster ?? 0 })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
          </div>
        )}
        <ErrorSummary title={t('form.errorSummary')} errors={summaryEntries(rosterErrors, rosterFields, hours.length > 0 ? cellId(1, hours[0]!) : 'main')} qa="roster-errors" />
        {rosterSaved && <Notice kind="success" qa="roster-saved">{t('staffing.rosterSaved')}</Notice>}
        {putFormError && lastPut === 'roster' && <Notice kind="error" qa="roster-failed">{putFormError}</Notice>}
        <form onSubmit={saveRoster} noValidate data-qa="roster-form">
          <div className="field checkbox">
            <label htmlFor="staffing-all-hours">
              <input type="checkbox" id="staffing-all-hours" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} data-qa="staffing-all-hours" /> {t('staffing.showAllHours')}
            </label>
          </div>
          <div className="staffing-scroll">
            <table className="data staffing-grid" data-qa="staffing-grid">
              <caption>
                <strong>{t('staffing.caption')}</strong>
                <span className="caption-note">{t('staffing.erlang')}</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('staffing.hourCol')}</th>
                  {WEEKDAYS.map((w) => <th key={w} scope="col">{dayText(w)}</th>)}
                </tr>
              </thead>
              <tbody>
                {hours.map((h) => (
                  <tr key={h}>
                    <th scope="row" className="nowrap">{hourText(h)}</th>
                    {WEEKDAYS.map((w) => cell(w, h))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Button type="submit" disabled={put.isPending || !s} data-qa="roster-save">{t('staffing.saveRoster')}</Button>
        </form>
      </section>

      <section aria-labelledby="staffing-level-title">
        <Heading variant="h2" id="staffing-level-title">{t('staffing.settingsTitle')}</Heading>
        <p>{t('staffing.settingsIntro')}</p>
        <ErrorSummary title={t('form.errorSummary')} errors={summaryEntries(levelErrors, {
          serviceLevelSeconds: { id: 'level-seconds', label: t('staffing.settingsSeconds') }, serviceLevelTarget: { id: 'level-target', label: t('staffing.settingsTarget') },
        }, 'level-seconds')} qa="level-errors" />
        {settingsSaved && <Notice kind="success" qa="level-saved">{t('staffing.settingsSaved')}</Notice>}
        {putFormError && lastPut === 'level' && <Notice kind="error" qa="level-failed">{putFormError}</Notice>}
        <form onSubmit={saveLevel} noValidate data-qa="level-form">
          <div className="form-grid">
            <TextField id="level-seconds" label={t('staffing.settingsSeconds')} inputMode="numeric" value={level.seconds} maxLength={5}
              onChange={(v) => setLevelDraft({ ...level, seconds: v })} error={levelErrors.serviceLevelSeconds} />
            <TextField id="level-target" label={t('staffing.settingsTarget')} inputMode="numeric" value={level.target} maxLength={6}
              onChange={(v) => setLevelDraft({ ...level, target: v })} error={levelErrors.serviceLevelTarget} />
          </div>
          <Button type="submit" disabled={put.isPending || !s} data-qa="level-save">{t('staffing.saveSettings')}</Button>
        </form>
      </section>
    </section>
  );
}
