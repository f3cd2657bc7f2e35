import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RadioGroup, TextField } from '../lib/fields';

/** `email` only where the form asks for it (registration, issue 19: where a message may go). */
/** `address` has no field here: it is kept as it was (an update replaces the whole person). */
export interface PersonForm { name: string; phone: string; hetu: string; callbackWindow: string; email?: string; address?: string }
export const EMPTY_PERSON: PersonForm = { name: '', phone: '', hetu: '', callbackWindow: '' };

export type MessageChannel = 'email' | 'sms';
export const MESSAGE_CHANNELS: readonly MessageChannel[] = ['email', 'sms'];

/** Where a consented message cannot go (e-mail without an address, text message without a phone): the error at the field to fill in. */
export function messageChannelProblems(channels: readonly MessageChannel[], person: { email?: string | null; phone?: string | null }, t: (k: string) => string): { email?: string; phone?: string } {
  return {
    ...(channels.includes('email') && !person.email?.trim() ? { email: t('contact.messageEmailNeeded') } : {}),
    ...(channels.includes('sms') && !person.phone?.trim() ? { phone: t('contact.messagePhoneNeeded') } : {}),
  };
}

/**
 * The person's consent to messages about the matter (issue 19): "a receipt and where the matter
 * went, by e-mail / by text message". Unticked unless the person asks; not on an anonymous contact.
 */
export function MessageChannelsFields({ idPrefix, value, onChange, error }: { idPrefix: string; value: readonly MessageChannel[]; onChange: (v: MessageChannel[]) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field checkboxes" aria-describedby={[`${idPrefix}-messages-hint`, error ? `${idPrefix}-messages-error` : ''].filter(Boolean).join(' ')} data-qa={`${idPrefix}-messages`}>
      <legend>{t('contact.messageChannelsLegend')}</legend>
      <span id={`${idPrefix}-messages-hint`} className="hint">{t('contact.messageChannelsHint')}</span>
      {MESSAGE_CHANNELS.map((c) => (
        <label key={c} htmlFor={`${idPrefix}-messages-${c}`}>
          <input type="checkbox" id={`${idPrefix}-messages-${c}`} checked={value.includes(c)} data-qa={`${idPrefix}-messages-${c}`} aria-invalid={error ? true : undefined}
            onChange={(e) => onChange(e.target.checked ? [...value.filter((x) => x !== c), c] : value.filter((x) => x !== c))} />{' '}
          {t(c === 'email' ? 'contact.messageChannelEmail' : 'contact.messageChannelSms')}
        </label>
      ))}
      {error && <span id={`${idPrefix}-messages-error`} className="error" data-qa={`${idPrefix}-messages-error`}>{error}</span>}
    </fieldset>
  );
}

/** The body's `person`: only what was filled in (the minimum the domain allows), or null when anonymous. */
export function personBody(anonymous: boolean, p: PersonForm): Record<string, string> | null {
  if (anonymous) return null;
  return Object.fromEntries(Object.entries(p).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
}

/**
 * Anonymous or identified, and then only name, phone, identity code and a callback time (domain § 7).
 * When someone else called (issue 14), `caller` holds the caller's fields and the person's fields
 * follow under "Henkilö, jota asia koskee".
 */
export function PersonFields({ idPrefix, anonymous, onAnonymous, person, onPerson, errors, caller }: {
  idPrefix: string; anonymous: boolean; onAnonymous: (a: boolean) => void; person: PersonForm; onPerson: (p: PersonForm) => void; errors: Record<string, string>;
  caller?: ReactNode;
}) {
  const { t } = useTranslation();
  const set = (k: keyof PersonForm) => (v: string) => onPerson({ ...person, [k]: v });
  const fields = (
    <div className="form-grid" data-qa={`${idPrefix}-person`}>
      <TextField id={`${idPrefix}-name`} label={t('contact.name')} value={person.name} onChange={set('name')} error={errors['person.name'] ?? errors.person} maxLength={200} />
      <TextField id={`${idPrefix}-phone`} label={t('contact.phone')} value={person.phone} onChange={set('phone')} inputMode="tel" error={errors['person.phone']} maxLength={40} />
      <TextField id={`${idPrefix}-hetu`} label={t('contact.hetu')} value={person.hetu} onChange={set('hetu')} error={errors['person.hetu']} maxLength={20} />
      {person.email !== undefined && (
        <TextField id={`${idPrefix}-email`} label={t('contact.email')} value={person.email} onChange={set('email')} type="email" inputMode="email" error={errors['person.email']} maxLength={200} />
      )}
      <TextField id={`${idPrefix}-callback-window`} label={t('contact.callbackWindow')} value={person.callbackWindow} onChange={set('callbackWindow')} error={errors['person.callbackWindow']} maxLength={100} />
    </div>
  );
  return (
    <>
      <RadioGroup id={`${idPrefix}-identification`} legend={t('contact.identification')} value={anonymous ? 'anonymous' : 'identified'}
        onChange={(v) => onAnonymous(v === 'anonymous')}
        options={[{ value: 'anonymous', label: t('contact.anonymous') }, { value: 'identified', label: t('contact.identified') }]} />
      {!anonymous && caller}
      {!anonymous && (caller
        ? <fieldset className="field-group" data-qa={`${idPrefix}-person-concerned`}><legend>{t('contactDay.personConcerned')}</legend>{fields}</fieldset>
        : fields)}
    </>
  );
}
