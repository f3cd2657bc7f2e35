import { useTranslation } from 'react-i18next';
import { TextField } from '../lib/fields';

export interface CallerForm { name: string; phone: string; organisation: string; relationship: string }
export const EMPTY_CALLER: CallerForm = { name: '', phone: '', organisation: '', relationship: '' };

/** Who called about whom (issue 14): a caller is kept only when someone else than the person called, and the contact is not anonymous. */
export const hasCaller = (contactor: string, anonymous: boolean) => !anonymous && contactor !== '' && contactor !== 'self' && contactor !== 'unknown';

/** Which question to ask first: on the phone "Kuka soitti?", else "Kuka otti yhteyttä?". */
export const whoQuestion = (channel: string) => (channel === 'phone' || channel === 'callback' ? 'contactDay.whoCalled' : 'contactDay.whoContacted');

/** The body's `caller`: what was filled in, or null when there is no separate caller. */
export function callerBody(contactor: string, anonymous: boolean, c: CallerForm): Record<string, string> | null {
  if (!hasCaller(contactor, anonymous)) return null;
  const filled = Object.fromEntries(Object.entries(c).filter(([, v]) => v.trim() !== ''));
  return Object.keys(filled).length ? filled : null;
}

/** The caller's fields; errors from the server (`body.caller.phone` …) show at their field. */
export function CallerFields({ idPrefix, caller, onCaller, errors }: {
  idPrefix: string; caller: CallerForm; onCaller: (c: CallerForm) => void; errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const set = (k: keyof CallerForm) => (v: string) => onCaller({ ...caller, [k]: v });
  return (
    <fieldset className="field-group" data-qa={`${idPrefix}-caller`} aria-describedby={errors.caller ? `${idPrefix}-caller-error` : undefined}>
      <legend>{t('contactDay.caller')}</legend>
      <div className="form-grid">
        <TextField id={`${idPrefix}-caller-name`} label={t('contactDay.callerName')} value={caller.name} onChange={set('name')} error={errors['caller.name']} maxLength={200} />
        <TextField id={`${idPrefix}-caller-phone`} label={t('contactDay.callerPhone')} value={caller.phone} onChange={set('phone')} inputMode="tel" error={errors['caller.phone']} maxLength={40} />
        <TextField id={`${idPrefix}-caller-relationship`} label={t('contactDay.callerRelationship')} hint={t('contactDay.callerRelationshipHint')}
          value={caller.relationship} onChange={set('relationship')} error={errors['caller.relationship']} maxLength={100} />
        <TextField id={`${idPrefix}-caller-organisation`} label={`${t('contactDay.callerOrganisation')} ${t('contact.optional')}`} value={caller.organisation}
          onChange={set('organisation')} error={errors['caller.organisation']} maxLength={200} />
      </div>
      {errors.caller && <span id={`${idPrefix}-caller-error`} className="error" data-qa={`${idPrefix}-caller-error`}>{errors.caller}</span>}
    </fieldset>
  );
}
