/**
 * The chat's rules (issue 16), pure: the estimated wait told to a resident in the queue, and what
 * of a worker's name a resident sees.
 */

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
