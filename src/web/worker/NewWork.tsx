import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/router';
import type { QueueItem } from '../../server/features/contacts/contacts.schemas';
import { onContactChange } from './live';
import { firstToAnnounce, isNewWork } from './queue-logic';
import { useCurrentPreferences } from './preferences';
import { useReferenceData } from './reference-data';
import { setTitlePart } from './tab-title';

/**
 * Notice of new work (issue 14): a contact arriving on the worker's lines (their saved line filter,
 * or every line) that they did not register themselves, or one put back unassigned. Until the
 * worker views the queue, the tab's title counts them ("(3) Jono – …") and a polite live region
 * says "3 uutta yhteydenottoa"; opt-in (preferences), a short tone and a desktop notification
 * whose text holds no personal data. Acute contacts have their own, louder alerts (ADR 0009).
 */
const unseen = new Set<string>();
let version = 0;
const listeners = new Set<() => void>();
const emit = () => { version++; for (const l of listeners) l(); };
const subscribe = (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; };
const holders = new Map<string, string | null>();

/** The worker has seen the queue: the count and the marks of new rows go. */
export function markQueueViewed(): void {
  if (!unseen.size) return;
  unseen.clear();
  emit();
}

/** The ids of new work the worker has not yet seen in the queue (new array on each change). */
export function useUnseenNewWork(): ReadonlySet<string> {
  useSyncExternalStore(subscribe, () => version, () => 0);
  return unseen;
}

/** Who holds each contact in the queue now: a later release of one of them is new work. */
export function rememberHolders(items: Pick<QueueItem, 'id' | 'assignedTo'>[]): void {
  for (const i of items) if (!holders.has(i.id)) holders.set(i.id, i.assignedTo?.id ?? null);
}

let audio: AudioContext | null = null;
/** Browsers start audio only after a user gesture: the context is made (or resumed) on one. */
export function unlockNewWorkAudio(): void {
  const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return;
  audio ??= new Ctx();
  if (audio.state === 'suspended') void audio.resume();
}

/** One short soft tone (523 Hz, 0.15 s): unlike the acute alert's two tones. */
export function newWorkTone(): void {
  if (!audio) return;
  if (audio.state === 'suspended') { void audio.resume().then(newWorkTone); return; }
  const start = audio.currentTime;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 523;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.15);
  osc.connect(gain).connect(audio.destination);
  osc.start(start);
  osc.stop(start + 0.17);
}

const ANNOUNCED = 'opastin.newWork.notified';

/** Mount once for a signed-in guidance worker or supervisor (WorkerApp): listens, counts, notifies. */
export function NewWorkNotifier({ meId }: { meId: string }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const prefs = useCurrentPreferences();
  const count = useSyncExternalStore(subscribe, () => unseen.size, () => 0);
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef({ prefs, ref, t });
  latest.current = { prefs, ref, t };

  useEffect(() => onContactChange((change) => {
    const { prefs: p, ref: r, t: tr } = latest.current;
    const lines = p.queueFilters.line ? [p.queueFilters.line] : null;
    if (!isNewWork(change, meId, lines, holders) || !change.id || unseen.has(change.id)) return;
    unseen.add(change.id);
    emit();
    if (!firstToAnnounce(window.localStorage, ANNOUNCED, change.id)) return; // another tab of this browser rang already
    if (p.notifySound) newWorkTone();
    if (p.notifyDesktop && 'Notification' in window && Notification.permission === 'granted') {
      // the channel when the event carries it (else the line): never a name, a number or the resident's words
      const channel = (change as { channel?: string | null }).channel;
      const where = channel ? r.label('channel', channel) : change.line ? r.lineLabel(change.line) : null;
      const n = new Notification(tr('queueDay.notificationTitle'), {
        body: where ? tr('queueDay.notificationBodyWhere', { where: where.toLocaleLowerCase(r.lang) }) : tr('queueDay.notificationBody'),
        tag: `opastin-new-${change.id}`,
      });
      n.onclick = () => { window.focus(); navigate('/tyo/'); n.close(); };
    }
  }), [meId]);

  // a sound after a reload once the page has had a gesture (browsers require one)
  useEffect(() => {
    if (!prefs.notifySound) return;
    const unlock = () => unlockNewWorkAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => { window.removeEventListener('pointerdown', unlock); window.removeEventListener('keydown', unlock); };
  }, [prefs.notifySound]);

  const previous = useRef(0);
  useEffect(() => {
    setTitlePart('newWork', count ? `(${count}) ${t('queueDay.tabTitle')}` : null);
    if (count > previous.current) setAnnouncement(t('queueDay.newCount', { count }));
    else if (count === 0) setAnnouncement('');
    previous.current = count;
  }, [count, t]);
  useEffect(() => () => setTitlePart('newWork', null), []);

  return <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-qa="new-work-announcement">{announcement}</p>;
}
