import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { useReferenceData } from './reference-data';

export interface CloseBody { outcome: string; mainReason: string; contactor: string; ledToClientRelationship: boolean; handlingSeconds?: number }

/** The statistics a closing needs (seed 003): outcome, main reason, contactor, client relationship, duration. */
export function CloseForm({ initial, onClose, busy }: { initial: { mainReason: string | null; contactor: string }; onClose: (b: CloseBody) => void; busy: boolean }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const [outcome, setOutcome] = useState('');
  const [mainReason, setMainReason] = useState(initial.mainReason ?? '');
  const [contactor, setContactor] = useState(initial.contactor === 'unknown' ? '' : initial.contactor);
  const [led, setLed] = useState<'' | 'yes' | 'no'>('');
  const [minutes, setMinutes] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onClose({ outcome, mainReason, contactor, ledToClientRelationship: led === 'yes', ...(minutes ? { handlingSeconds: Math.round(Number(minutes) * 60) } : {}) });
  };
  const sel = (id: string, label: string, value: string, set: (v: string) => void, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(e.target.value)} required data-qa={id}>
        <option value="" />
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  return (
    <form onSubmit={submit} aria-labelledby="close-title" data-qa="close-form">
      <Heading variant="h2" id="close-title">{t('queue.closeTitle')}</Heading>
      <div className="form-grid">
        {sel('close-outcome', t('queue.outcome'), outcome, setOutcome, ref.options('outcome'))}
        {sel('close-reason', t('queue.mainReason'), mainReason, setMainReason, ref.options('reason'))}
        {sel('close-contactor', t('queue.contactor'), contactor, setContactor, ref.options('contactor').filter((o) => o.value !== 'unknown'))}
        <div className="field">
          <fieldset>
            <legend>{t('queue.ledToClient')}</legend>
            <label><input type="radio" name="led" value="yes" checked={led === 'yes'} onChange={() => setLed('yes')} data-qa="close-led-yes" /> {t('queue.yes')}</label>
            <label><input type="radio" name="led" value="no" checked={led === 'no'} onChange={() => setLed('no')} data-qa="close-led-no" /> {t('queue.no')}</label>
          </fieldset>
        </div>
        <div className="field">
          <label htmlFor="close-minutes">{t('queue.minutes')}</label>
          <input id="close-minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value.replace(/[^0-9.]/g, ''))} data-qa="close-minutes" />
        </div>
      </div>
      <Button type="submit" disabled={busy || !led} data-qa="close-submit">{t('queue.close')}</Button>
    </form>
  );
}
