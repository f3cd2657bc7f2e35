import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { TRIGGER_CODES, TRIGGERS, type TriggerCode } from '../../domain/codes';
import { useReferenceData } from './reference-data';
import { useContactAction, type ContactUpdate, type ContactView, type Ok } from './contact-actions';
import { CheckboxGroup, Notice, SelectField, TextField } from '../lib/fields';
import { PersonFields, personBody, type PersonForm } from './PersonFields';
import { CallerFields, callerBody, hasCaller, whoQuestion, type CallerForm } from './CallerFields';
import { useCallbackWindowText } from './ResidentWords';

/**
 * What the worker learns during the contact: classification, who called and the person concerned
 * (if they want to be known), triggers, and the worker's own note. The resident's words are shown
 * above the page, as sent: the note is the worker's and is not prefilled with them.
 */
export function ClassifyForm({ contact }: { contact: ContactView }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const windowText = useCallbackWindowText();
  const save = useContactAction<ContactUpdate, Ok>(contact.id, '', 'PATCH');
  // a note that only repeats the resident's words (contacts from before issue 14) is not the worker's
  const initialNote = contact.note && contact.note !== contact.residentMessage ? contact.note : '';
  const [form, setForm] = useState({
    mainReason: contact.mainReason ?? '', serviceArea: contact.serviceArea ?? '', municipality: contact.municipality ?? '',
    urgency: contact.urgency, contactor: contact.contactor, note: initialNote,
  });
  const [additional, setAdditional] = useState(contact.additionalReasons);
  const [triggers, setTriggers] = useState(contact.triggers);
  const [anonymous, setAnonymous] = useState(contact.anonymous);
  // the number the call came from is the caller's when someone else called, else the person's
  const callerCalled = hasCaller(contact.contactor, contact.anonymous);
  const savedWindow = contact.person?.callbackWindow ?? '';
  const [person, setPerson] = useState<PersonForm>({
    name: contact.person?.name ?? '', phone: contact.person?.phone ?? (callerCalled ? '' : contact.callerNumber ?? ''), hetu: contact.person?.hetu ?? '',
    callbackWindow: windowText(savedWindow),
    // the update replaces the whole person: what this form does not show goes back as it was
    ...(contact.person?.email ? { email: contact.person.email } : {}), ...(contact.person?.address ? { address: contact.person.address } : {}),
  });
  const [caller, setCaller] = useState<CallerForm>({
    name: contact.caller?.name ?? '', phone: contact.caller?.phone ?? (callerCalled ? contact.callerNumber ?? '' : ''),
    organisation: contact.caller?.organisation ?? '', relationship: contact.caller?.relationship ?? '',
  });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const e = save.errors;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    // a callback time from the public form is a code shown in words: unchanged, the code is kept
    const p = { ...person, callbackWindow: person.callbackWindow === windowText(savedWindow) ? savedWindow : person.callbackWindow };
    save.run({
      mainReason: form.mainReason || null, serviceArea: form.serviceArea || null, municipality: form.municipality || null,
      urgency: form.urgency as ContactUpdate['urgency'], contactor: form.contactor, additionalReasons: additional, triggers: triggers as TriggerCode[],
      ...(form.note === initialNote ? {} : { note: form.note.trim() || null }),
      ...(anonymous === contact.anonymous && anonymous ? {} : { anonymous, person: personBody(anonymous, p), caller: callerBody(form.contactor, anonymous, caller) }),
    });
  };

  return (
    <form onSubmit={submit} aria-labelledby="classify-title" data-qa="classify-form" noValidate>
      <Heading variant="h2" id="classify-title" className="visually-hidden">{t('contact.classifyTitle')}</Heading>
      <div className="form-grid">
        <SelectField id="classify-reason" label={t('contact.mainReason')} value={form.mainReason} onChange={set('mainReason')} options={ref.options('reason')} empty="" error={e.mainReason} />
        <SelectField id="classify-area" label={t('contact.serviceArea')} value={form.serviceArea} onChange={set('serviceArea')} options={ref.options('service_area')} empty={t('contact.none')} error={e.serviceArea} />
        <SelectField id="classify-municipality" label={t('contact.municipality')} value={form.municipality} onChange={set('municipality')} options={ref.municipalityOptions} empty={t('contact.none')} error={e.municipality} />
        <SelectField id="classify-urgency" label={t('contact.urgency')} value={form.urgency} onChange={set('urgency')} options={ref.options('urgency')} error={e.urgency} />
      </div>
      <details>
        <summary>{t('contact.additionalReasons')}{additional.length ? ` (${additional.length})` : ''}</summary>
        <CheckboxGroup id="classify-additional" legend={t('contact.additionalReasons')} options={ref.options('reason')} values={additional} onChange={setAdditional} />
      </details>
      <SelectField id="classify-contactor" label={t(whoQuestion(contact.channel))} value={form.contactor} onChange={set('contactor')} options={ref.options('contactor')} error={e.contactor} />
      {!contact.personalDataErasedAt && (
        <PersonFields idPrefix="classify" anonymous={anonymous} onAnonymous={setAnonymous} person={person} onPerson={setPerson} errors={e}
          caller={hasCaller(form.contactor, anonymous) ? <CallerFields idPrefix="classify" caller={caller} onCaller={setCaller} errors={e} /> : undefined} />
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
