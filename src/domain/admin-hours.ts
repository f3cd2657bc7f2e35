/**
 * Rules for hours an administrator enters (issue 18): a phone line's weekly hours, one day's
 * exception hours, the social emergency service's weekly hours. No IO.
 *
 * A slot closes after it opens (24:00 is the end of the day) and slots of the same day do not
 * overlap (touching is allowed: 9–11 and 11–13). Each problem names the slot by its index in the
 * list the administrator sent, so the API can answer `body.weekly.<index>.closes`.
 */
export interface HoursProblem {
  index: number;
  field: 'opens' | 'closes';
  code: 'closes_before_opens' | 'overlap';
}

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

function problemsOf(slots: readonly { opens: string; closes: string }[], groupOf: (i: number) => number): HoursProblem[] {
  const problems: HoursProblem[] = [];
  slots.forEach((s, index) => {
    if (minutes(s.closes) <= minutes(s.opens)) problems.push({ index, field: 'closes', code: 'closes_before_opens' });
  });
  const bad = new Set(problems.map((p) => p.index));
  // each slot against the earlier ones of its day: the later one in the list is the one named
  slots.forEach((s, index) => {
    if (bad.has(index)) return;
    for (let j = 0; j < index; j++) {
      if (bad.has(j) || groupOf(j) !== groupOf(index)) continue;
      const o = slots[j]!;
      if (minutes(s.opens) < minutes(o.closes) && minutes(o.opens) < minutes(s.closes)) {
        problems.push({ index, field: 'opens', code: 'overlap' });
        return;
      }
    }
  });
  return problems.sort((a, b) => a.index - b.index);
}

/** Weekly slots (ISO weekday 1–7). */
export function weeklyProblems(slots: readonly { weekday: number; opens: string; closes: string }[]): HoursProblem[] {
  return problemsOf(slots, (i) => slots[i]!.weekday);
}

/** One day's intervals. */
export function dayProblems(intervals: readonly { opens: string; closes: string }[]): HoursProblem[] {
  return problemsOf(intervals, () => 0);
}

/** Normal form for storing: "HH:MM", sorted by weekday and opening. */
export function sortSlots<T extends { weekday?: number; opens: string }>(slots: readonly T[]): T[] {
  return [...slots].sort((a, b) => (a.weekday ?? 0) - (b.weekday ?? 0) || minutes(a.opens) - minutes(b.opens));
}
