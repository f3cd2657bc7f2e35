import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, fieldErrors, problemMessage } from '../../lib/api';
import { Checkbox, ErrorSummary, Notice, SelectField, summaryEntries, TextField } from '../../lib/fields';
import type { Lang } from '../../lib/i18n';
import type { ChatSettings } from '../../../server/features/chat/chat.schemas';
import { parseClock } from '../chat-panel-logic';
import { parseWhole, weekdayName } from '../statistics-format';
import { ensureChatMessages } from './messages';
import { SavedRepliesSection } from './SavedRepliesPage';
import './chat.css';

export const CHAT_SETTINGS_PATH = '/tyo/chat-asetukset';
const SETTINGS_KEY = ['chat-settings'] as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

interface HoursDraft { key: number; weekday: string; opens: string; closes: string }
interface Draft { maxPerWorker: string; idleMinutes: string; feedbackEnabled: boolean; weekly: HoursDraft[] }

let nextKey = 1;
const toDraft = (s: ChatSettings): Draft => ({
  maxPerWorker: String(s.maxPerWorker), idleMinutes: String(s.idleMinutes), feedbackEnabled: s.feedbackEnabled,
  weekly: [...s.weekly].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)).map((w) => ({ key: nextKey++, weekday: String(w.weekday), opens: w.opens, closes: w.closes })),
});

/**
 * The county's chat (issue 16), for supervisors: how many chats one worker holds at once, when a
 * chat whose resident has vanished closes itself, whether the resident is asked for feedback, and
 * the weekly hours (`GET/PUT /api/chats/settings`); and the saved replies below.
 */
function ChatSettingsForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const client = useQueryClient();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api<ChatSettings>('/api/chats/settings') });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const put = useMutation({
    mutationFn: (body: ChatSettings) => api<ChatSettings>('/api/chats/settings', { method: 'PUT', body, lang: i18n.language }),
    onSuccess: (s) => { client.setQueryData(SETTINGS_KEY, s); setDraft(null); setSaved(true); },
  });
  const base = useMemo(() => (settings.data ? toDraft(settings.data) : null), [settings.data]);
  const d = draft ?? base;
  if (!d) return <p>{settings.isError ? problemMessage(settings.error, t('common.error')) : t('common.loading')}</p>;

  const change = (next: Partial<Draft>) => { setSaved(false); setDraft({ ...d, ...next }); };
  const changeRow = (key: number, next: Partial<HoursDraft>) => change({ weekly: d.weekly.map((w) => (w.key === key ? { ...w, ...next } : w)) });
  const fields: Record<string, { id: string; label: string }> = {
    maxPerWorker: { id: 'chat-max', label: t('staffChat.settings.maxPerWorker') },
    idleMinutes: { id: 'chat-idle', label: t('staffChat.settings.idleMinutes') },
  };
  d.weekly.forEach((w, i) => {
    fields[`weekly.${i}.opens`] = { id: `chat-hours-${w.key}-opens`, label: `${t('staffChat.settings.hoursRow', { n: i + 1 })}: ${t('staffChat.settings.opens')}` };
    fields[`weekly.${i}.closes`] = { id: `chat-hours-${w.key}-closes`, label: `${t('staffChat.settings.hoursRow', { n: i + 1 })}: ${t('staffChat.settings.closes')}` };
  });
  const server = fieldErrors(put.error);
  const errors: Record<string, string> = { ...server, ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const max = parseWhole(d.maxPerWorker);
    const idle = parseWhole(d.idleMinutes);
    if (Number.isNaN(max) || max < 1 || max > 10) problems.maxPerWorker = t('staffChat.settings.errors.maxPerWorker');
    if (Number.isNaN(idle) || idle < 2 || idle > 120) problems.idleMinutes = t('staffChat.settings.errors.idleMinutes');
    const weekly = d.weekly.map((w, i) => {
      const opens = parseClock(w.opens);
      const closes = parseClock(w.closes);
      if (!opens) problems[`weekly.${i}.opens`] = t('staffChat.settings.errors.clock');
      if (!closes) problems[`weekly.${i}.closes`] = t('staffChat.settings.errors.clock');
      else if (opens && closes <= opens) problems[`weekly.${i}.closes`] = t('staffChat.settings.errors.order');
      return { weekday: Number(w.weekday), opens: opens ?? '', closes: closes ?? '' };
    });
    setLocal(problems);
    if (Object.keys(problems).length) return;
    put.mutate({ maxPerWorker: max, idleMinutes: idle, feedbackEnabled: d.feedbackEnabled, weekly });
  };

  return (
    <section className="panel" aria-labelledby="chat-settings-title" data-qa="chat-settings">
      <Heading variant="h2" id="chat-settings-title">{t('staffChat.settings.settingsTitle')}</Heading>
      <p className="hint">{t('staffChat.settings.intro')}</p>
      <form onSubmit={submit} noValidate data-qa="chat-settings-form">
        <ErrorSummary title={t('staffChat.settings.errorsTitle')} errors={summaryEntries(errors, fields, 'chat-max')} qa="chat-settings-errors" />
        <div className="form-grid">
          <TextField id="chat-max" label={fields.maxPerWorker!.label} hint={t('staffChat.settings.maxPerWorkerHint')} value={d.maxPerWorker} inputMode="numeric" maxLength={2}
            onChange={(v) => change({ maxPerWorker: v })} error={errors.maxPerWorker} />
          <TextField id="chat-idle" label={fields.idleMinutes!.label} hint={t('staffChat.settings.idleMinutesHint')} value={d.idleMinutes} inputMode="numeric" maxLength={3}
            onChange={(v) => change({ idleMinutes: v })} error={errors.idleMinutes} />
        </div>
        <Checkbox id="chat-feedback" label={t('staffChat.settings.feedbackEnabled')} checked={d.feedbackEnabled} onChange={(v) => change({ feedbackEnabled: v })} />
        <fieldset className="field" data-qa="chat-hours" aria-describedby="chat-hours-hint">
          <legend>{t('staffChat.settings.hours')}</legend>
          <p id="chat-hours-hint" className="hint">{t('staffChat.settings.hoursHint')}</p>
          {d.weekly.length === 0 && <p data-qa="chat-hours-none">{t('staffChat.settings.noHours')}</p>}
          {d.weekly.map((w, i) => (
            <fieldset key={w.key} className="chat-hours-row" data-qa="chat-hours-row">
              <legend className="visually-hidden">{t('staffChat.settings.hoursRow', { n: i + 1 })}</legend>
              <SelectField id={`chat-hours-${w.key}-weekday`} label={t('staffChat.settings.weekday')} value={w.weekday} onChange={(v) => changeRow(w.key, { weekday: v })}
                options={WEEKDAYS.map((n) => ({ value: String(n), label: weekdayName(n, lang) }))} />
              <TextField id={`chat-hours-${w.key}-opens`} label={t('staffChat.settings.opens')} value={w.opens} onChange={(v) => changeRow(w.key, { opens: v })} maxLength={5}
                error={errors[`weekly.${i}.opens`]} />
              <TextField id={`chat-hours-${w.key}-closes`} label={t('staffChat.settings.closes')} value={w.closes} onChange={(v) => changeRow(w.key, { closes: v })} maxLength={5}
                error={errors[`weekly.${i}.closes`]} />
              <Button variant="secondaryNoBorder" onClick={() => change({ weekly: d.weekly.filter((x) => x.key !== w.key) })} data-qa="chat-hours-remove"
                aria-label={t('staffChat.settings.removeHours', { day: weekdayName(Number(w.weekday), lang), opens: w.opens, closes: w.closes })}>
                {t('staffChat.settings.removeHoursShort')}
              </Button>
            </fieldset>
          ))}
          <Button variant="secondary" onClick={() => change({ weekly: [...d.weekly, { key: nextKey++, weekday: '1', opens: '08:00', closes: '16:00' }] })} data-qa="chat-hours-add">
            {t('staffChat.settings.addHours')}
          </Button>
        </fieldset>
        {saved && <Notice kind="success" qa="chat-settings-saved">{t('staffChat.settings.saved')}</Notice>}
        {put.isError && Object.keys(server).length === 0 && <Notice kind="error" qa="chat-settings-failed">{problemMessage(put.error, t('staffChat.settings.saveFailed'))}</Notice>}
        <Button type="submit" disabled={put.isPending} data-qa="chat-settings-save">{t('staffChat.settings.save')}</Button>
      </form>
    </section>
  );
}

/** The supervisor's chat page: the settings and the saved replies. */
export function ChatSettingsPage() {
  const { t, i18n } = useTranslation();
  ensureChatMessages(i18n);
  return (
    <section aria-labelledby="chat-admin-title" data-qa="chat-admin">
      <Heading variant="h1" id="chat-admin-title">{t('staffChat.settings.title')}</Heading>
      <ChatSettingsForm />
      <SavedRepliesSection />
    </section>
  );
}
