/**
 * Finds what identifies a person in free text. Anonymous contacts may hold free text only when
 * it contains none of these (domain § 7). The database repeats the identity-code and phone
 * patterns in a CHECK constraint (migration 0005); the tests keep the two in step.
 */
export type PersonalDataKind = 'identity_code' | 'phone_number' | 'email';

const PATTERNS: Record<PersonalDataKind, RegExp> = {
  // DDMMYY + century sign + 3 digits + check character (loose on purpose: a near-miss is still personal)
  identity_code: /\d{6}\s?[-+a-fu-y]\s?\d{3}[0-9a-y]/i,
  // Finnish numbers: 0… or +358…, at least 7 digits in all, spaces or dashes between
  phone_number: /(?:\+358|(?<![\d])0)[\s-]?\d{1,3}(?:[\s-]?\d){5,}/,
  email: /[^\s@]+@[^\s@]+\.[a-z]{2,}/i,
};

export function findPersonalData(text: string): PersonalDataKind[] {
  return (Object.keys(PATTERNS) as PersonalDataKind[]).filter((k) => PATTERNS[k].test(text));
}

/** Normalises a Finnish phone number for storage and matching: +358 and digits only. */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s\-()]/g, '');
  let digits: string;
  if (/^\+\d{6,15}$/.test(compact)) digits = compact;
  else if (/^00\d{6,15}$/.test(compact)) digits = `+${compact.slice(2)}`;
  else if (/^0\d{5,12}$/.test(compact)) digits = `+358${compact.slice(1)}`;
  else return null;
  return digits;
}
