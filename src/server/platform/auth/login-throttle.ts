import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { AppError } from '../errors.js';

/**
 * Login throttling that an attacker cannot turn against others (issue 13): no account is ever
 * locked so that the right password is refused for a fixed time. Past a number of free failures,
 * each failure makes the NEXT attempt wait longer (5 s, 10 s, 20 s … up to a cap), per account
 * and per client address, counted from the last failure. Attempts refused with 429 are not
 * counted, so waiting is enough. An address from which the account has logged in before
 * (a known address) counts only its own failures for the account: someone guessing from
 * elsewhere does not hold up its owner at their usual workstation, nor do others' failures from
 * that address (an office behind one NAT address). An administrator unlock
 * (`npm run admin -- user unlock <name>`) records a marker that clears the account's failures.
 */
export interface LoginPolicy {
  /** failures allowed before any wait (per address: 4×) */
  maxFailures: number;
  /** failures older than this are forgotten */
  windowMinutes: number;
  /** the longest wait */
  maxDelaySeconds: number;
}

/** Marks an administrator unlock in login_attempt: a "success" from no address. */
export const UNLOCK_MARKER = 'admin-unlock';
/** A success from an address in this many days makes it the account's known address. */
const KNOWN_ADDRESS_DAYS = 30;
const FIRST_DELAY_SECONDS = 5;
const PER_ADDRESS_FACTOR = 4;

/** Seconds to wait after the last failure, when `failures` failures are counted. */
export function requiredWaitSeconds(failures: number, freeFailures: number, maxDelaySeconds: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(maxDelaySeconds, FIRST_DELAY_SECONDS * 2 ** Math.min(30, failures - freeFailures));
}

/** Throws 429 with Retry-After and a reason when the account or the address must still wait. */
export async function checkLoginThrottle(db: Kysely<DB>, policy: LoginPolicy, username: string, ip: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - policy.windowMinutes * 60_000);
  const [lastSuccess, known] = await Promise.all([
    db.selectFrom('login_attempt').select((eb) => eb.fn.max('created_at').as('at'))
      .where('username', '=', username).where('succeeded', '=', true).where('created_at', '>', since).executeTakeFirst(),
    db.selectFrom('login_attempt').select('id')
      .where('username', '=', username).where('ip', '=', ip).where('succeeded', '=', true)
      .where('created_at', '>', new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000)).limit(1).executeTakeFirst(),
  ]);
  const userSince = lastSuccess?.at && new Date(lastSuccess.at) > since ? new Date(lastSuccess.at) : since;
  let byUser = db.selectFrom('login_attempt').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('last')])
    .where('username', '=', username).where('succeeded', '=', false).where('created_at', '>', userSince);
  if (known) byUser = byUser.where('ip', '=', ip);
  const [u, a] = await Promise.all([
    byUser.executeTakeFirstOrThrow(),
    db.selectFrom('login_attempt').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('last')])
      .where('ip', '=', ip).where('succeeded', '=', false).where('created_at', '>', since).executeTakeFirstOrThrow(),
  ]);
  const waitUntil = (n: number, last: Date | string | null, free: number) =>
    last ? new Date(last).getTime() + requiredWaitSeconds(n, free, policy.maxDelaySeconds) * 1000 : 0;
  const userUntil = waitUntil(Number(u.n), u.last, policy.maxFailures);
  // a shared office address full of typos (or of someone spraying guesses) does not hold up the accounts that work from it
  const addressUntil = known ? 0 : waitUntil(Number(a.n), a.last, policy.maxFailures * PER_ADDRESS_FACTOR);
  const until = Math.max(userUntil, addressUntil);
  if (until <= now.getTime()) return;
  const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  const which = userUntil >= addressUntil ? 'for this account' : 'from this address';
  throw new AppError(429, 'login_throttled', `Too many failed logins ${which}: wait ${seconds} seconds before the next attempt.`, [], { 'retry-after': String(seconds) });
}

export async function recordLoginAttempt(db: Kysely<DB>, username: string, ip: string, succeeded: boolean, now: Date): Promise<void> {
  await db.insertInto('login_attempt').values({ username, ip, succeeded, created_at: now }).execute();
}

/** An administrator unlock: the account's failures so far no longer count. Returns whether the user exists. */
export async function unlockLogin(db: Kysely<DB>, username: string, now: Date): Promise<boolean> {
  const name = username.trim().toLowerCase();
  const user = await db.selectFrom('app_user').select('id').where('username', '=', name).executeTakeFirst();
  if (!user) return false;
  await recordLoginAttempt(db, name, UNLOCK_MARKER, true, now);
  return true;
}
