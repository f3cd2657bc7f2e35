import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { linkProps, navigate } from '../lib/router';
import { useReferenceData } from './reference-data';
import { useAcuteText } from './acute';
import type { AcuteAlerts } from '../../server/features/contacts/contacts.schemas';
import { LIVE_QUERY_KEYS, useLiveOpen } from './live';
import { setTitlePart } from './tab-title';

/**
 * Every signed-in guidance worker learns of an unclaimed acute contact at once, on whatever page
 * they are (ADR 0009): a red bar with the count and the oldest, the count in the tab's title, and
 * if they turn them on, a short tone and a desktop notification for each new one. The list
 * `GET /api/contacts/acute` is refetched on every contact change the tab's event stream brings
 * (live.ts, issue 14), also in a background tab; it is still polled, every 3 seconds while the
 * stream is down or connecting, and every 30 seconds while it is open (a stream that died
 * without the browser noticing cannot hide an acute contact for longer).
 */
export const ACUTE_POLL_MS = 3000;
export const ACUTE_POLL_WHILE_LIVE_MS = 30_000;
const STORAGE = { sound: 'opastin.acute.sound', line: 'opastin.acute.line', notified: 'opastin.acute.notified' } as const;

function useStored<T extends string | boolean>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return initial;
    return (typeof initial === 'boolean' ? raw === 'true' : raw) as T;
  });
  return [value, (v: T) => { window.localStorage.setItem(key, String(v)); setValue(v); }];
}

/**
 * The ids this browser has already sounded or shown, shared by its tabs (a second tab or a reload
 * does not ring again); only ids still on the list are kept.
 */
function takeNew(current: string[]): string[] {
  let seen: string[] = [];
  try { seen = JSON.parse(window.localStorage.getItem(STORAGE.notified) ?? '[]') as string[]; } catch { /* a damaged value: start over */ }
  const fresh = current.filter((id) => !seen.includes(id));
  window.localStorage.setItem(STORAGE.notified, JSON.stringify(current));
  return fresh;
}

let audio: AudioContext | null = null;
/** Browsers start audio only after a user gesture: the context is made (or resumed) on one. */
function unlockAudio(): void {
  const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return;
  audio ??= new Ctx();
  if (audio.state === 'suspended') void audio.resume();
}

/** Two short tones (880 Hz, then 660 Hz), quiet enough for an open-plan office. */
function tone(): void {
  if (!audio) return;
  if (audio.state === 'suspended') { void audio.resume().then(tone); return; } // before any gesture this waits for one
  const start = audio.currentTime;
  for (const [i, hz] of [880, 660].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, start + i * 0.25);
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.25 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.2);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + i * 0.25);
    osc.stop(start + i * 0.25 + 0.22);
  }
}

type Permission = NotificationPermission | 'unsupported';
const notificationPermission = (): Permission => ('Notification' in window ? Notification.permission : 'unsupported');

export function AcuteAlerts() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const text = useAcuteText();
  const [line, setLine] = useStored<string>(STORAGE.line, '');
  const [sound, setSound] = useStored<boolean>(STORAGE.sound, false);
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const live = useLiveOpen();
  const alerts = useQuery({
    queryKey: [...LIVE_QUERY_KEYS.acuteAlerts, line],
    queryFn: () => api<AcuteAlerts>(`/api/contacts/acute${line ? `?line=${encodeURIComponent(line)}` : ''}`),
    refetchInterval: live ? ACUTE_POLL_WHILE_LIVE_MS : ACUTE_POLL_MS,
    refetchIntervalInBackground: true, // the point is to reach a worker who is looking elsewhere
  });
  const items = alerts.data?.items;

  // a sound once the page has had a gesture, even after a reload with the sound already on
  useEffect(() => {
    if (!sound) return;
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => { window.removeEventListener('pointerdown', unlock); window.removeEventListener('keydown', unlock); };
  }, [sound]);

  useEffect(() => {
    setTitlePart('acute', items?.length ? `(${items.length}) ${t('queue.acute.tabTitle')}` : null);
  }, [items, t]);
  useEffect(() => () => setTitlePart('acute', null), []);

  useEffect(() => {
    if (!items) return;
    const fresh = new Set(takeNew(items.map((i) => i.id)));
    if (!fresh.size) return;
    if (sound) tone();
    if (notificationPermission() !== 'granted') return;
    for (const item of items.filter((i) => fresh.has(i.id))) {
      const n = new Notification(t('queue.acute.notificationTitle', { reference: item.reference }), {
        body: `${text.reasons(item.reasons)}${item.line ? ` · ${ref.lineLabel(item.line)}` : ''}`,
        tag: `opastin-acute-${item.id}`, // one notification per contact, however many tabs
        requireInteraction: true,
      });
      n.onclick = () => { window.focus(); navigate(`/tyo/yhteydenotot/${item.id}`); n.close(); };
    }
    // the texts are read at the moment of arrival; a language change does not re-announce
  }, [items]);

  const askPermission = async () => {
    if (!('Notification' in window)) return;
    setPermission(await Notification.requestPermission());
  };
  const oldest = items?.[0];

  return (
    <div className="acute-strip">
      {/* always in the page, so that a screen reader announces the change when one arrives */}
      <div aria-live="assertive" aria-atomic="true" className={oldest ? 'acute-alert-bar' : 'acute-alert-none'} data-qa="acute-alert">
        {oldest && (
          <>
            <span><span aria-hidden="true">⚠ </span><span data-qa="acute-alert-count">{t('queue.acute.waitingCount', { count: items!.length })}</span></span>
            <a {...linkProps(`/tyo/yhteydenotot/${oldest.id}`)} data-qa="acute-alert-oldest">
              {t('queue.acute.openOldest', { reference: oldest.reference })}
            </a>
            <span>{text.reasons(oldest.reasons)} · {t('queue.acute.waited')} {text.minutes(oldest.waitedSeconds)}</span>
          </>
        )}
      </div>
      <details className="acute-settings" data-qa="acute-settings">
        <summary>{t('queue.acute.alerts')}</summary>
        <div className="acute-settings-panel">
          <div className="field">
            <label htmlFor="acute-line">{t('queue.acute.line')}</label>
            <select id="acute-line" value={line} onChange={(e) => setLine(e.target.value)} data-qa="acute-line">
              <option value="">{t('queue.acute.allLines')}</option>
              {ref.lineOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </div>
          <div className="field checkboxes">
            <label>
              <input type="checkbox" checked={sound} data-qa="acute-sound"
                onChange={(e) => { setSound(e.target.checked); if (e.target.checked) { unlockAudio(); tone(); } }} />
              {' '}{t('queue.acute.sound')}
            </label>
          </div>
          {permission === 'default' && <button type="button" className="link" onClick={() => void askPermission()} data-qa="acute-notify">{t('queue.acute.notify')}</button>}
          {permission === 'granted' && <p data-qa="acute-notify-on">{t('queue.acute.notifyOn')}</p>}
          {permission === 'denied' && <p>{t('queue.acute.notifyBlocked')}</p>}
          {permission === 'unsupported' && <p>{t('queue.acute.notifyUnsupported')}</p>}
        </div>
      </details>
    </div>
  );
}
