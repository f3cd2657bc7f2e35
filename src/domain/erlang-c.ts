/**
 * Erlang C (issue 15, seed 003 "are four workers enough?"): how many workers answer a share of
 * calls within a time, from the arrival rate and the mean handling time, assuming Poisson
 * arrivals, exponential handling times and callers who wait (no abandonment) — the standard
 * call-centre model, known to overstate slightly the workers needed when callers hang up.
 *
 * Computed through the Erlang B recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), which never
 * overflows, then C = N·B / (N − A·(1 − B)). No library: the npm packages that do this are
 * unmaintained one-file copies of the same formula; this one is tested against published tables.
 */

/** Offered traffic in erlangs: calls an hour × mean handling seconds ÷ 3 600. */
export function trafficErlangs(callsPerHour: number, handlingSeconds: number): number {
  return (callsPerHour * handlingSeconds) / 3600;
}

/** Erlang B: the probability that all of `agents` are busy in a loss system offered `traffic` erlangs. */
export function erlangB(agents: number, traffic: number): number {
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number ≥ 0, not ${agents}`);
  if (!(traffic >= 0)) throw new RangeError(`traffic must be ≥ 0, not ${traffic}`);
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/**
 * Erlang C: the probability that a call has to wait, with `agents` workers and `traffic` erlangs.
 * 1 when the workers cannot carry the traffic (agents ≤ traffic: the queue grows without end).
 */
export function erlangC(agents: number, traffic: number): number {
  if (traffic === 0) return 0;
  if (agents <= traffic) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/**
 * The share of calls answered within `targetSeconds`: 1 − C·e^(−(N − A)·t / h). 0 when the
 * workers cannot carry the traffic; 1 when there are no calls.
 */
export function serviceLevel(agents: number, callsPerHour: number, handlingSeconds: number, targetSeconds: number): number {
  const a = trafficErlangs(callsPerHour, handlingSeconds);
  if (a === 0) return 1;
  if (agents <= a) return 0;
  return 1 - erlangC(agents, a) * Math.exp((-(agents - a) * targetSeconds) / handlingSeconds);
}

/** The mean wait of all calls (average speed of answer), seconds: C·h / (N − A). Infinity when overloaded. */
export function averageSpeedOfAnswer(agents: number, callsPerHour: number, handlingSeconds: number): number {
  const a = trafficErlangs(callsPerHour, handlingSeconds);
  if (a === 0) return 0;
  if (agents <= a) return Infinity;
  return (erlangC(agents, a) * handlingSeconds) / (agents - a);
}

/**
 * The fewest workers that answer `targetShare` (0–1) of calls within `targetSeconds`; 0 when there
 * are no calls. Throws past `maxAgents` (a figure no roster could meet is a data error).
 */
export function agentsNeeded(callsPerHour: number, handlingSeconds: number, targetShare: number, targetSeconds: number, maxAgents = 1000): number {
  if (!(callsPerHour >= 0) || !(handlingSeconds > 0) || !(targetShare > 0 && targetShare < 1) || !(targetSeconds >= 0)) {
    throw new RangeError('callsPerHour ≥ 0, handlingSeconds > 0, 0 < targetShare < 1 and targetSeconds ≥ 0 are required');
  }
  const a = trafficErlangs(callsPerHour, handlingSeconds);
  if (a === 0) return 0;
  for (let n = Math.max(1, Math.floor(a) + 1); n <= maxAgents; n++) {
    if (serviceLevel(n, callsPerHour, handlingSeconds, targetSeconds) >= targetShare) return n;
  }
  throw new RangeError(`more than ${maxAgents} workers would be needed`);
}
