import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { TRIGGER_CODES, TRIGGERS } from '../../domain/codes';
import { useReferenceData } from './reference-data';
import { useContactAction, type ContactView } from './contact-actions';
import { CheckboxGroup, Notice, SelectField, TextField } from '../lib/fields';
import { PersonFields, personBody, type PersonForm } from './PersonFields';

/** What the worker learns during the contact: classification, the person (if they want to be known), triggers. */
export function ClassifyForm({ contact }: { contact: ContactView }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const save = useContactAction<Record<string, unknown>>(contact.id, '', 'PATCH');
  const [form, setForm] = useState({
    mainReason: contact.mainReason ?? '', serviceArea: contact.serviceArea ?? '', municipality: contact.municipality ?? '',
    urgency: contact.urgency, contactor: contact.contactor, note: contact.note ?? '',
  });
  const [additional, setAdditional] = useState(contact.additionalReasons);
  const [triggers, setTriggers] = useState(contact.triggers);
  const [anonymous, setAnonymous] = useState(contact.anonymous);
  const [person, setPerson] = useState<PersonForm>({
    name: contact.person?.name ?? '', phone: contact.person?.phone ?? contact.callerNumber ?? '', hetu: contact.person?.hetu ?? '', callbackWindow: contact.person?.callbackWindow ?? '',
  });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const e = save.errors;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    save.run({
      mainReason: form.mainReason || null, serviceArea: form.serviceArea || null, municipality: form.municipality || null,
      urgency: form.urgency, contactor: form.contactor, note: form.note.trim() || null, additionalReasons: additional, triggers,
      ...(anonymous === contact.anonymous && anonymous ? {} : { anonymous, person: personBody(anonymous, person) }),
    });
  };

  return (
    <form onSubmit={submit} aria-labelledby="classify-title" data-qa="classify-form" noValidate>
      <Heading variant="h2" id="classify-title">{t('contact.classifyTitle')}</Heading>
      <div className="form-grid">
        <SelectField id="classify-reason" label={t('contact.mainReason')} value={form.mainReason} onChange={set('mainReason')} options={ref.options('reason')} empty="" error={e.mainReason} />
        <SelectField id="classify-contactor" label={t('contact.contactor')} value={form.contactor} onChange={set('contactor')} options={ref.options('contactor')} error={e.contactor} />
        <SelectField id="classify-area" label={t('contact.serviceArea')} value={form.serviceArea} onChange={set('serviceArea')} options={ref.options('service_area')} empty={t('contact.none')} error={e.serviceArea} />
        <SelectField id="classify-municipality" label={t('contact.municipality')} value={form.municipality} onChange={set('municipality')} options={ref.municipalityOptions} empty={t('contact.none')} error={e.municipality} />
        <SelectField id="classify-urgency" label={t('contact.urgency')} value={form.urgency} onChange={set('urgency')} options={ref.options('urgency')} error={e.urgency} />
      </div>
      <details>
        <summary>{t('contact.additionalReasons')}{additional.length ? ` (${additional.length})` : ''}</summary>
        <CheckboxGroup id="classify-additional" legend={t('contact.additionalReasons')} options={ref.options('reason')} values={additional} onChange={setAdditional} />
      </details>
      {!contact.personalDataErasedAt && (
        <PersonFields idPrefix="classify" anonymous={anonymous} onAnonymous={setAnonymous} person={person} onPerson={setPerson} errors={e} />
      )}
      <TextField id="classify-note" label={t('contact.note')} value={form.note} onChange={set('note')} multiline maxLength={2000}
        hint={anonymous ? t('contact.noteAnonymousHint') : undefined} error={e.note} />
      <CheckboxGroup id="classify-triggers" legend={t('contact.triggers')} values={triggers} onChange={setTriggers}
        options={TRIGGER_CODES.map((c) => ({ value: c, label: TRIGGERS[c][ref.lang] }))} />
      {e.form && <Notice kind="error" qa="classify-error">{e.form}</Notice>}
      {save.succeeded && !e.form && <Notice kind="success" qa="classify-saved">{t('contact.saved')}</Notice>}
      <Button type="submit" variant="secondary" disabled={save.busy} data-qa="classify-submit">{t('contact.save')}</Button>
    </form>
  );
}
