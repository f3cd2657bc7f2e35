import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { useReferenceData } from './reference-data';
import { useContactAction, type CloseBody, type ContactView, type Ok } from './contact-actions';
import { Notice, RadioGroup, SelectField, TextField } from '../lib/fields';


/** The statistics a closing needs (seed 003): outcome, main reason, contactor, client relationship, duration. */
export function CloseForm({ contact }: { contact: ContactView }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const close = useContactAction<CloseBody, Ok>(contact.id, '/close');
  const [outcome, setOutcome] = useState('');
  const [mainReason, setMainReason] = useState(contact.mainReason ?? '');
  const [contactor, setContactor] = useState(contact.contactor === 'unknown' ? '' : contact.contactor);
  const [led, setLed] = useState('');
  const [minutes, setMinutes] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const e = { ...close.errors, ...missing };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const required = t('worker.required');
    const empty = Object.fromEntries(Object.entries({ outcome, mainReason, contactor, ledToClientRelationship: led }).filter(([, v]) => !v).map(([k]) => [k, required]));
    setMissing(empty);
    if (Object.keys(empty).length) return;
    close.run({
      outcome, mainReason, contactor, ledToClientRelationship: led === 'yes',
      ...(minutes ? { handlingSeconds: Math.round(Number(minutes) * 60) } : {}),
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby="close-title" data-qa="close-form" noValidate>
      <Heading variant="h2" id="close-title" className="visually-hidden">{t('queue.closeTitle')}</Heading>
      <div className="form-grid">
        <SelectField id="close-outcome" label={t('contact.outcome')} value={outcome} onChange={setOutcome} options={ref.options('outcome')} empty="" required error={e.outcome} />
        <SelectField id="close-reason" label={t('contact.mainReason')} value={mainReason} onChange={setMainReason} options={ref.options('reason')} empty="" required error={e.mainReason} />
        <SelectField id="close-contactor" label={t('contact.contactor')} value={contactor} onChange={setContactor}
          options={ref.options('contactor').filter((o) => o.value !== 'unknown')} empty="" required error={e.contactor} />
        <RadioGroup id="close-led" legend={t('contact.ledToClient')} value={led} onChange={setLed} error={e.ledToClientRelationship}
          options={[{ value: 'yes', label: t('queue.yes') }, { value: 'no', label: t('queue.no') }]} />
        <TextField id="close-minutes" label={`${t('contact.minutes')} ${t('contact.optional')}`} value={minutes} inputMode="numeric" maxLength={4}
          onChange={(v) => setMinutes(v.replace(/[^0-9]/g, ''))} error={e.handlingSeconds} />
      </div>
      {e.form && <Notice kind="error" qa="close-error">{e.form}</Notice>}
      <Button type="submit" disabled={close.busy} data-qa="close-submit">{t('queue.close')}</Button>
    </form>
  );
}
