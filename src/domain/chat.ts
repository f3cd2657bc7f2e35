/**
 * The chat's rules (issue 16), pure: the estimated wait told to a resident in the queue, what of a
 * worker's name a resident sees, and how a chat's words are read for danger.
 */
import { detectAcute, detectAcuteByRules, type AcuteDecision } from './triage/acute.js';

/** A resident's page counts as connected when it was heard from within this many seconds. */
export const RESIDENT_ONLINE_SECONDS = 60;
/** An estimate above this is not told as minutes: the resident is told "more than N min". */
export const MAX_ESTIMATE_MINUTES = 240;

export interface RecentAnswers {
  /** chats workers took in the last hour */
  answeredLastHour: number;
  /** the median wait (seconds) of the last chats answered today, if any */
  medianWaitSeconds: number | null;
  /** workers holding at least one chat now, or signed in to take one */
  activeWorkers: number;
}

/**
 * Minutes a resident at `position` (1 = next) can expect to wait, rounded up, or null when nothing
 * recent says how fast chats are taken. From the last hour's pace when at least two chats were
 * taken in it (the queue moves at that pace); else from today's median wait scaled by the position
 * and spread over the workers holding chats; else unknown. Never below one minute for a resident
 * who waits: "0 min" would be a promise.
 */
export function estimateWaitMinutes(position: number, recent: RecentAnswers): number | null {
  if (!Number.isFinite(position) || position < 1) return null;
  let minutes: number | null = null;
  if (recent.answeredLastHour >= 2) {
    minutes = position * (60 / recent.answeredLastHour);
  } else if (recent.medianWaitSeconds !== null && recent.medianWaitSeconds >= 0) {
    minutes = (recent.medianWaitSeconds / 60) * Math.max(1, position / Math.max(1, recent.activeWorkers));
  }
  if (minutes === null) return null;
  return Math.min(MAX_ESTIMATE_MINUTES, Math.max(1, Math.ceil(minutes)));
}

/** A worker is shown to the resident by the first name only ("Maija", from "Maija Meikäläinen"). */
export function firstName(displayName: string | null | undefined): string | null {
  const first = displayName?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** The detector's model reads a chat message only when it has at least this many words. */
export const CHAT_MODEL_MIN_WORDS = 6;
/** How much of the resident's earlier words the rules read with the latest message (characters, from the end). */
export const CHAT_CONTEXT_CHARS = 1000;

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/**
 * Is the chat acute after the resident's `latest` message? The detector's rules read the message
 * alone and the resident's words so far together (a phrase split over two messages: "en halua" /
 * "elää enää"); its model reads the latest message alone, and only when it has at least
 * CHAT_MODEL_MIN_WORDS words: chat lines are short ("Kiitos", "ok", "odotan"), the model was built
 * on whole messages, and on a few words (or on a conversation's words strung together) it guesses.
 * Chosen on eval/sets/chat-dev.ts (a development set: caught 42/42, false alarms 12/53 chats;
 * the model on the words so far flagged 24/53); measured on eval/sets/chat-sealed-2.ts by
 * `npx tsx eval/chat-acute.ts`. The resident's own danger-now answer is separate and
 * authoritative (the start's question).
 */
export function chatAcute(latest: string, earlier: string[]): AcuteDecision {
  const alone = detectAcuteByRules(latest);
  if (alone.acute) return alone;
  const together = detectAcuteByRules([...earlier, latest].join('\n').slice(-CHAT_CONTEXT_CHARS));
  if (together.acute) return together;
  return wordCount(latest) >= CHAT_MODEL_MIN_WORDS ? detectAcute(latest) : alone;
}
