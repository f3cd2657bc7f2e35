import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RadioGroup, TextField } from '../lib/fields';

export interface PersonForm { name: string; phone: string; hetu: string; callbackWindow: string }
export const EMPTY_PERSON: PersonForm = { name: '', phone: '', hetu: '', callbackWindow: '' };

/** The body's `person`: only what was filled in (the minimum the domain allows), or null when anonymous. */
export function personBody(anonymous: boolean, p: PersonForm): Record<string, string> | null {
  if (anonymous) return null;
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v.trim() !== ''));
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
