/** Pure rules of a contact: what may happen in which status, what closing needs, references. */
import { randomInt } from 'node:crypto';
import type { ContactStatus } from '../../platform/schema.js';
import type { FieldError } from '../../platform/errors.js';

export type ContactAction = 'claim' | 'release' | 'transfer' | 'wait' | 'close' | 'reopen' | 'update';

const ALLOWED: Record<ContactAction, ContactStatus[]> = {
  claim: ['new', 'waiting'],
  release: ['in_progress', 'waiting'],
  transfer: ['new', 'in_progress', 'waiting'],
  wait: ['in_progress'],
  close: ['new', 'in_progress', 'waiting'],
  reopen: ['closed'],
  update: ['new', 'in_progress', 'waiting'],
};

export function isAllowed(action: ContactAction, status: ContactStatus): boolean {
  return ALLOWED[action].includes(status);
}

export interface ClosingFields {
  outcome: string | null | undefined;
  mainReason: string | null | undefined;
  contactor: string | null | undefined;
  ledToClientRelationship: boolean | null | undefined;
}

/** Seed 003: the worker fills the statistics after the matter is solved; closing needs them all. */
export function closingProblems(f: ClosingFields): FieldError[] {
  const problems: FieldError[] = [];
  if (!f.outcome) problems.push({ field: 'body.outcome', message: 'Where guidance ended is required to close.', code: 'required' });
  if (!f.mainReason) problems.push({ field: 'body.mainReason', message: 'The main reason is required to close.', code: 'required' });
  if (!f.contactor || f.contactor === 'unknown') problems.push({ field: 'body.contactor', message: 'Who contacted is required to close.', code: 'required' });
  if (f.ledToClientRelationship === null || f.ledToClientRelationship === undefined) {
    problems.push({ field: 'body.ledToClientRelationship', message: 'Whether a client relationship started is required to close.', code: 'required' });
  }
  return problems;
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud over the phone

/** What newReference makes: three and four characters of ALPHABET around a dash. */
export const REFERENCE_PATTERN = /^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{4}$/;

/** A short reference a resident can read over the phone, e.g. "K7Q-4MX2". */
export function newReference(): string {
  const pick = () => ALPHABET[randomInt(ALPHABET.length)];
  return `${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}${pick()}`;
}

export const URGENCY_RANK: Record<string, number> = { emergency: 0, urgent: 1, non_urgent: 2 };

/** Multi-service trigger 3 (domain § 10): three or more contacts in 30 days. */
export const REPEAT_CONTACT_THRESHOLD = 3;
export const REPEAT_CONTACT_DAYS = 30;
