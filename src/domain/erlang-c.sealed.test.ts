/**
 * Sealed black-box tests of the Erlang C module (issue 15, staffing). Expected values come from
 * published Erlang B / Erlang C tables and the well-known Call Centre Helper worked example
 * (200 calls an hour, 180 s handling, 80 % within 20 s = 10 erlangs), cross-checked with an
 * independent 40-digit computation of the textbook formulas
 *   B(N, A) = (A^N / N!) / Σ_{k=0..N} A^k / k!
 *   C(N, A) = (A^N / N! · N / (N − A)) / (Σ_{k<N} A^k / k! + A^N / N! · N / (N − A))
 *   SL = 1 − C · e^(−(N − A) · t / h),  ASA = C · h / (N − A).
 * The `reference` helpers below are that textbook summation (in log space), not the module's
 * Erlang B recursion, and are used only for property checks.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agentsNeeded, averageSpeedOfAnswer, erlangB, erlangC, serviceLevel, trafficErlangs } from './erlang-c.js';

/** Textbook Erlang C by direct summation of Poisson terms (log space, so large N does not overflow). */
function referenceErlangC(n: number, a: number): number {
  if (a === 0) return 0;
  if (n <= a) return 1;
  // terms t_k = A^k / k!, scaled by the largest to stay finite
  const logTerms: number[] = [];
  let logFact = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logFact += Math.log(k);
    logTerms.push(k * Math.log(a) - logFact);
  }
  const top = logTerms[n]! + Math.log(n / (n - a));
  const max = Math.max(top, ...logTerms.slice(0, n));
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(logTerms[k]! - max);
  const topScaled = Math.exp(top - max);
  return topScaled / (sum + topScaled);
}
function referenceServiceLevel(n: number, callsPerHour: number, h: number, t: number): number {
  const a = (callsPerHour * h) / 3600;
  if (a === 0) return 1;
  if (n <= a) return 0;
  return 1 - referenceErlangC(n, a) * Math.exp((-(n - a) * t) / h);
}

describe('Erlang C: the Call Centre Helper worked example (200 calls/h, 180 s, 80 % in 20 s = 10 erlangs)', () => {
  it('the traffic is 10 erlangs', () => {
    expect(trafficErlangs(200, 180)).toBeCloseTo(10, 10);
    expect(trafficErlangs(100, 360)).toBeCloseTo(10, 10);
    expect(trafficErlangs(0, 180)).toBe(0);
  });

  it('the probability of waiting matches the published Erlang C table for A = 10', () => {
    // published table: N = 11: 0.6821, 12: 0.4494, 13: 0.2853, 14: 0.1741, 15: 0.1020
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4);
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 4);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    expect(erlangC(15, 10)).toBeCloseTo(0.1020, 4);
  });

  it('13 workers answer 79.6 % within 20 s, 14 answer 88.8 %: 14 are needed', () => {
    expect(serviceLevel(11, 200, 180, 20)).toBeCloseTo(0.3896, 3);
    expect(serviceLevel(12, 200, 180, 20)).toBeCloseTo(0.6402, 3);
    expect(serviceLevel(13, 200, 180, 20)).toBeCloseTo(0.7956, 3);
    expect(serviceLevel(14, 200, 180, 20)).toBeCloseTo(0.8884, 3);
    expect(serviceLevel(15, 200, 180, 20)).toBeCloseTo(0.9415, 3);
    expect(agentsNeeded(200, 180, 0.8, 20)).toBe(14);
  });

  it('a stricter share needs more, a longer time fewer', () => {
    expect(agentsNeeded(200, 180, 0.9, 20)).toBe(15);
    expect(agentsNeeded(200, 180, 0.8, 60)).toBe(13);
  });

  it('average speed of answer: 17.1 s with 13 workers, 7.8 s with 14', () => {
    expect(averageSpeedOfAnswer(13, 200, 180)).toBeCloseTo(17.12, 1);
    expect(averageSpeedOfAnswer(14, 200, 180)).toBeCloseTo(7.836, 2);
  });
});

describe('Erlang B: published blocking tables', () => {
  it('gives 1 % blocking at the tabled traffic for 5, 10 and 20 circuits', () => {
    // Erlang B table, 1 % column: N = 5 → 1.361 E, N = 10 → 4.461 E, N = 20 → 12.031 E
    expect(erlangB(5, 1.361)).toBeCloseTo(0.01, 4);
    expect(erlangB(10, 4.461)).toBeCloseTo(0.01, 4);
    expect(erlangB(20, 12.031)).toBeCloseTo(0.01, 4);
  });

  it('B(10, 10) = 0.2146; one circuit: A / (1 + A); no circuits: always blocked', () => {
    expect(erlangB(10, 10)).toBeCloseTo(0.21458, 4);
    expect(erlangB(1, 3)).toBeCloseTo(0.75, 10);
    expect(erlangB(0, 5)).toBe(1);
  });
});

describe('Erlang C: closed forms for small systems', () => {
  it('one worker is M/M/1: the probability of waiting is the utilisation', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 10);
    expect(erlangC(1, 0.25)).toBeCloseTo(0.25, 10);
  });

  it('two workers at 1 erlang wait 1/3 of the time; three at 2 erlangs 4/9', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 10);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 10);
  });

  it('M/M/1 service level and mean wait: 1 − ρ·e^(−(μ − λ)t) and ρ·h / (1 − ρ)', () => {
    // 10 calls an hour, 180 s: ρ = 0.5; within 60 s: 1 − 0.5·e^(−1/6) = 0.576759
    expect(serviceLevel(1, 10, 180, 60)).toBeCloseTo(0.576759, 5);
    expect(serviceLevel(1, 10, 180, 0)).toBeCloseTo(0.5, 10); // answered at once = not waiting
    expect(averageSpeedOfAnswer(1, 10, 180)).toBeCloseTo(180, 6);
  });
});

describe('Erlang C: edges', () => {
  it('no calls: no workers needed, everything answered, nobody waits', () => {
    expect(agentsNeeded(0, 180, 0.8, 20)).toBe(0);
    expect(serviceLevel(3, 0, 180, 20)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
    expect(averageSpeedOfAnswer(3, 0, 180)).toBe(0);
  });

  it('overload (workers ≤ traffic): everyone waits, service level 0, the wait has no end', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(5, 10)).toBe(1);
    expect(serviceLevel(10, 200, 180, 20)).toBe(0);
    expect(serviceLevel(4, 200, 180, 20)).toBe(0);
    expect(averageSpeedOfAnswer(10, 200, 180)).toBe(Infinity);
  });

  it('a tiny load still needs one worker', () => {
    expect(agentsNeeded(1, 60, 0.8, 20)).toBe(1);
    expect(agentsNeeded(0.25, 240, 0.8, 60)).toBe(1);
    expect(agentsNeeded(0.25, 240, 0.99, 1)).toBe(2); // 1 worker: 1 − (1/60)·e^(−(59/60)/240) = 0.9834 < 0.99
  });

  it('refuses invalid input with a RangeError', () => {
    expect(() => agentsNeeded(-1, 180, 0.8, 20)).toThrow(RangeError);
    expect(() => agentsNeeded(10, 0, 0.8, 20)).toThrow(RangeError);
    expect(() => agentsNeeded(10, 180, 1, 20)).toThrow(RangeError);
    expect(() => agentsNeeded(10, 180, 0, 20)).toThrow(RangeError);
    expect(() => agentsNeeded(10, 180, 1.5, 20)).toThrow(RangeError);
    expect(() => agentsNeeded(10, 180, 0.8, -5)).toThrow(RangeError);
    expect(() => agentsNeeded(Number.NaN, 180, 0.8, 20)).toThrow(RangeError);
    expect(() => erlangB(-1, 2)).toThrow(RangeError);
    expect(() => erlangB(2.5, 2)).toThrow(RangeError);
    expect(() => erlangB(2, -1)).toThrow(RangeError);
  });

  it('refuses a load no roster could meet (past maxAgents)', () => {
    // 100 000 calls an hour × 180 s = 5 000 erlangs > 1 000 workers
    expect(() => agentsNeeded(100_000, 180, 0.8, 20)).toThrow(RangeError);
    // 10 erlangs with maxAgents 12: 14 would be needed
    expect(() => agentsNeeded(200, 180, 0.8, 20, 12)).toThrow(RangeError);
    expect(agentsNeeded(200, 180, 0.8, 20, 14)).toBe(14);
  });
});

describe('Erlang C: large systems stay finite and exact', () => {
  it('C(200, 180) = 0.09447 (no overflow of A^N / N!)', () => {
    const c = erlangC(200, 180);
    expect(Number.isFinite(c)).toBe(true);
    expect(c).toBeCloseTo(0.0944712, 5);
  });

  it('3 600 calls an hour at 180 s (180 E) need 188 for 80/20; 10 000 at 300 s (833 E) need 849 for 90/30', () => {
    expect(agentsNeeded(3600, 180, 0.8, 20)).toBe(188);
    expect(serviceLevel(188, 3600, 180, 20)).toBeCloseTo(0.81697, 4);
    expect(agentsNeeded(10_000, 300, 0.9, 30)).toBe(849);
    expect(serviceLevel(849, 10_000, 300, 30)).toBeCloseTo(0.90036, 4);
    expect(serviceLevel(848, 10_000, 300, 30)).toBeCloseTo(0.88408, 4);
  });

  it('further cases (independent 40-digit computation): 100 calls/h 180 s → 8 (80/20); 360 calls/h 240 s → 29 (80/20); 60 calls/h 300 s → 8 (80/30)', () => {
    expect(agentsNeeded(100, 180, 0.8, 20)).toBe(8);
    expect(serviceLevel(8, 100, 180, 20)).toBeCloseTo(0.88015, 4);
    expect(serviceLevel(7, 100, 180, 20)).toBeCloseTo(0.74044, 4);
    expect(agentsNeeded(360, 240, 0.8, 20)).toBe(29);
    expect(agentsNeeded(60, 300, 0.8, 30)).toBe(8);
  });
});

describe('Erlang C: properties against the independent textbook summation', () => {
  it('erlangC and serviceLevel agree with the direct formula', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 300 }), fc.double({ min: 0.01, max: 299, noNaN: true }), fc.integer({ min: 1, max: 600 }),
      (n, a, t) => {
        expect(erlangC(n, a)).toBeCloseTo(referenceErlangC(n, a), 8);
        const callsPerHour = (a * 3600) / 180;
        expect(serviceLevel(n, callsPerHour, 180, t)).toBeCloseTo(referenceServiceLevel(n, callsPerHour, 180, t), 8);
      },
    ), { numRuns: 200 });
  });

  it('agentsNeeded is the fewest: it meets the target and one fewer does not', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.1, max: 2000, noNaN: true }), fc.integer({ min: 30, max: 900 }),
      fc.double({ min: 0.5, max: 0.99, noNaN: true }), fc.integer({ min: 0, max: 120 }),
      (callsPerHour, h, share, t) => {
        const n = agentsNeeded(callsPerHour, h, share, t);
        expect(referenceServiceLevel(n, callsPerHour, h, t)).toBeGreaterThanOrEqual(share - 1e-9);
        if (n > 1) expect(referenceServiceLevel(n - 1, callsPerHour, h, t)).toBeLessThan(share + 1e-9);
        expect(n).toBeGreaterThan((callsPerHour * h) / 3600);
      },
    ), { numRuns: 200 });
  });

  it('more workers never lower the service level or raise the wait', () => {
    fc.assert(fc.property(
      fc.double({ min: 1, max: 1000, noNaN: true }), fc.integer({ min: 30, max: 900 }), fc.integer({ min: 1, max: 300 }),
      (callsPerHour, h, n) => {
        expect(serviceLevel(n + 1, callsPerHour, h, 20)).toBeGreaterThanOrEqual(serviceLevel(n, callsPerHour, h, 20) - 1e-12);
        expect(averageSpeedOfAnswer(n + 1, callsPerHour, h)).toBeLessThanOrEqual(averageSpeedOfAnswer(n, callsPerHour, h));
      },
    ), { numRuns: 200 });
  });
});
