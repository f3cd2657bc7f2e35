import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, fieldErrors, newIdempotencyKey, problemMessage } from '../lib/api';
import { fieldErrorText } from '../lib/i18n';
import { useReferenceData } from './reference-data';
import { Notice, SelectField, TextField } from '../lib/fields';
import type { ContactCreated } from '../../server/features/contacts/contacts.schemas';

const EMPTY = { contactor: '', mainReason: '', outcome: 'advice_given', municipality: '', minutes: '' };

/**
 * Seed 003: most calls need only advice, and the statistics must still be complete. One form,
 * native selects (type-ahead), Enter saves from any field; channel and line stay for the next call.
 */
export function QuickLogPage() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const client = useQueryClient();
  const [sticky, setSticky] = useState({ channel: 'phone', phoneLine: '' });
  const [form, setForm] = useState(EMPTY);
  const [key, setKey] = useState(newIdempotencyKey);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const c = (key: string) => t(`contact.${key}`);

  const save = useMutation({
    mutationFn: () => api<ContactCreated>('/api/contacts', {
      method: 'POST', lang: ref.lang, idempotencyKey: key,
      body: {
        channel: sticky.channel, phoneLine: sticky.phoneLine || null, contactor: form.contactor || 'unknown', anonymous: true,
        mainReason: form.mainReason || null, municipality: form.municipality || null,
        close: { outcome: form.outcome, ledToClientRelationship: false, ...(form.minutes ? { handlingSeconds: Math.round(Number(form.minutes) * 60) } : {}) },
      },
    }),
    onSuccess: async (created) => {
      setSaved(created.reference);
      setErrors({});
      setForm(EMPTY);
      setKey(newIdempotencyKey());
      document.getElementById('quick-contactor')?.focus();
      await client.invalidateQueries({ queryKey: ['queue'] });
    },
    onError: (err) => { setSaved(null); setErrors({ ...fieldErrors(err, fieldErrorText), form: problemMessage(err, c('saveFailed')) }); },
  });

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (save.isPending) return;
    // The same rule as the server's, with the message in the worker's language before a round trip.
    const missing = Object.fromEntries((['contactor', 'mainReason'] as const).filter((k) => !form[k]).map((k) => [k, t('worker.required')]));
    if (Object.keys(missing).length) {
      setErrors(missing);
      document.getElementById(missing.contactor ? 'quick-contactor' : 'quick-reason')?.focus();
      return;
    }
    save.mutate();
  };
  // Enter in a select does not submit a form natively; here it does, so the whole log is keyboard-only.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'SELECT') {
      e.preventDefault();
      submit();
    }
  };
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <section aria-labelledby="quick-title">
      <Heading variant="h1" id="quick-title">{c('quickTitle')}</Heading>
      <p className="hint" id="quick-hint">{c('quickHint')}</p>
      <form onSubmit={submit} onKeyDown={onKeyDown} aria-describedby="quick-hint" data-qa="quick-log" noValidate>
        <div className="form-grid">
          <SelectField id="quick-channel" label={c('channel')} value={sticky.channel} onChange={(v) => setSticky((s) => ({ ...s, channel: v }))}
            options={ref.options('channel')} error={errors.channel} />
          <SelectField id="quick-line" label={c('line')} value={sticky.phoneLine} onChange={(v) => setSticky((s) => ({ ...s, phoneLine: v }))}
            options={ref.lineOptions} empty={c('none')} error={errors.phoneLine} />
          <SelectField id="quick-contactor" label={c('contactor')} value={form.contactor} onChange={set('contactor')} autoFocus
            options={ref.options('contactor').filter((o) => o.value !== 'unknown')} empty="" required error={errors.contactor} />
          <SelectField id="quick-reason" label={c('mainReason')} value={form.mainReason} onChange={set('mainReason')}
            options={ref.options('reason')} empty="" required error={errors.mainReason} />
          <SelectField id="quick-outcome" label={c('outcome')} value={form.outcome} onChange={set('outcome')}
            options={ref.options('outcome')} required error={errors['close.outcome'] ?? errors.outcome} />
          <SelectField id="quick-municipality" label={`${c('municipality')} ${c('optional')}`} value={form.municipality} onChange={set('municipality')}
            options={ref.municipalityOptions} empty={c('none')} error={errors.municipality} />
          <TextField id="quick-minutes" label={`${c('minutes')} ${c('optional')}`} value={form.minutes} inputMode="numeric" maxLength={4}
            onChange={(v) => set('minutes')(v.replace(/[^0-9]/g, ''))} error={errors['close.handlingSeconds']} />
        </div>
        <Button type="submit" disabled={save.isPending} data-qa="quick-save">{c('quickSave')}</Button>
      </form>
      <div aria-live="polite">
        {saved && <Notice kind="success" qa="quick-saved">{t('contact.quickSaved', { reference: saved })}</Notice>}
      </div>
      {errors.form && <Notice kind="error" qa="quick-error">{errors.form}</Notice>}
    </section>
  );
}
