import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, fieldErrors, newIdempotencyKey, problemMessage } from '../lib/api';
import { fieldErrorText } from '../lib/i18n';
import { navigate } from '../lib/router';
import { useReferenceData } from './reference-data';
import { Notice, SelectField, TextField } from '../lib/fields';
import { EMPTY_PERSON, MessageChannelsFields, messageChannelProblems, PersonFields, personBody, type MessageChannel, type PersonForm } from './PersonFields';
import { CallerFields, EMPTY_CALLER, callerBody, hasCaller, whoQuestion } from './CallerFields';
import type { ContactCreated } from '../../server/features/contacts/contacts.schemas';

/** Manual registration (walk-in, authority line, secure e-mail, post…): the contact goes to the queue with its promise. */
export function NewContactPage() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const client = useQueryClient();
  const [form, setForm] = useState({ channel: 'walk_in', phoneLine: '', urgency: 'non_urgent', contactor: '', mainReason: '', municipality: '', note: '' });
  const [anonymous, setAnonymous] = useState(true);
  const [acute, setAcute] = useState(false);
  const [person, setPerson] = useState<PersonForm>({ ...EMPTY_PERSON, email: '' });
  // issue 19: the person's consent to a receipt and a notice of where the matter went
  const [channels, setChannels] = useState<MessageChannel[]>([]);
  const [caller, setCaller] = useState(EMPTY_CALLER);
  const [key] = useState(newIdempotencyKey);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const create = useMutation({
    mutationFn: () => api<ContactCreated>('/api/contacts', {
      method: 'POST', lang: ref.lang, idempotencyKey: key,
      body: {
        channel: form.channel, phoneLine: form.phoneLine || null, urgency: form.urgency, contactor: form.contactor || 'unknown',
        mainReason: form.mainReason || null, municipality: form.municipality || null, note: form.note.trim() || null,
        anonymous, person: personBody(anonymous, person), caller: callerBody(form.contactor, anonymous, caller), acute,
        ...(anonymous ? {} : { messageChannels: channels }),
      },
    }),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: ['queue'] });
      navigate(`/tyo/yhteydenotot/${created.id}`);
    },
    onError: (err) => setErrors({ ...fieldErrors(err, fieldErrorText), form: problemMessage(err, t('contact.saveFailed')) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    const problems = anonymous ? {} : messageChannelProblems(channels, person, t);
    setErrors({
      ...(problems.email ? { 'person.email': problems.email } : {}), ...(problems.phone ? { 'person.phone': problems.phone } : {}),
    });
    if (Object.keys(problems).length === 0) create.mutate();
  };

  return (
    <section aria-labelledby="new-title">
      <Heading variant="h1" id="new-title">{t('contact.newTitle')}</Heading>
      <p className="hint">{t('contact.newHint')}</p>
      <form onSubmit={submit} data-qa="new-contact" noValidate>
        <div className="form-grid">
          <SelectField id="new-channel" label={t('contact.channel')} value={form.channel} onChange={set('channel')} options={ref.options('channel')} error={errors.channel} autoFocus />
          <SelectField id="new-line" label={`${t('contact.line')} ${t('contact.optional')}`} value={form.phoneLine} onChange={set('phoneLine')} options={ref.lineOptions} empty={t('contact.none')} error={errors.phoneLine} />
          <SelectField id="new-urgency" label={t('contact.urgency')} value={form.urgency} onChange={set('urgency')} options={ref.options('urgency')} error={errors.urgency} />
          <SelectField id="new-reason" label={`${t('contact.mainReason')} ${t('contact.optional')}`} value={form.mainReason} onChange={set('mainReason')} options={ref.options('reason')} empty="" error={errors.mainReason} />
          <SelectField id="new-municipality" label={`${t('contact.municipality')} ${t('contact.optional')}`} value={form.municipality} onChange={set('municipality')} options={ref.municipalityOptions} empty={t('contact.none')} error={errors.municipality} />
        </div>
        {/* issue 14: who called first; when someone else called, the caller and then the person concerned */}
        <SelectField id="new-contactor" label={t(whoQuestion(form.channel))} value={form.contactor} onChange={set('contactor')} options={ref.options('contactor')} empty="" error={errors.contactor} />
        <PersonFields idPrefix="new" anonymous={anonymous} onAnonymous={setAnonymous} person={person} onPerson={setPerson} errors={errors}
          caller={hasCaller(form.contactor, anonymous) ? <CallerFields idPrefix="new" caller={caller} onCaller={setCaller} errors={errors} /> : undefined} />
        {anonymous && hasCaller(form.contactor, false) && <p className="hint" data-qa="new-caller-anonymous">{t('contactDay.callerAnonymous')}</p>}
        {!anonymous && <MessageChannelsFields idPrefix="new" value={channels} onChange={setChannels} error={errors.messageChannels} />}
        <TextField id="new-note" label={`${t('contact.note')} ${t('contact.optional')}`} value={form.note} onChange={set('note')} multiline maxLength={2000}
          hint={anonymous ? t('contact.noteAnonymousHint') : undefined} error={errors.note} />
        <div className="field checkboxes">
          <label><input type="checkbox" checked={acute} onChange={(e) => setAcute(e.target.checked)} data-qa="new-acute" /> {t('queue.acute.newContact')}</label>
        </div>
        {errors.form && <Notice kind="error" qa="new-error">{errors.form}</Notice>}
        <Button type="submit" disabled={create.isPending} data-qa="new-submit">{t('contact.create')}</Button>
      </form>
    </section>
  );
}
