import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { useContactAction, type ContactView, type CreatedId, type Ok } from './contact-actions';
import { formatDateTime, type Lang } from '../lib/i18n';
import { Notice, SelectField, TextField } from '../lib/fields';

const GIVEN_BY = ['client', 'guardian', 'legal_representative'] as const;
const METHODS = ['verbal', 'written', 'electronic'] as const;
const PURPOSES = ['forward_to_unit', 'consultation', 'kela', 'other_actor', 'recording'] as const;

/** Consent (suostumus): who gave it, how, for what and to whom; withdrawal. Hand-offs are gated on it. */
export function ConsentSection({ contact, canAct }: { contact: ContactView; canAct: boolean }) {
  const { t, i18n } = useTranslation();
  const add = useContactAction<{ givenBy: string; method: string; purpose: string; target: string }, CreatedId>(contact.id, '/consents');
  const withdraw = useContactAction<{ consentId: string }, Ok>(contact.id, (b) => `/consents/${b.consentId}/withdraw`);
  const [form, setForm] = useState({ givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: '' });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const option = (group: string) => (v: string) => ({ value: v, label: t(`contact.${group}.${v}`) });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await add.runAsync(form).then(() => setForm((f) => ({ ...f, target: '' })), () => undefined);
  };
  const when = (iso: string) => formatDateTime(iso, i18n.language as Lang);

  return (
    <section className="panel" aria-labelledby="consent-title" data-qa="consents">
      <Heading variant="h2" id="consent-title" className="visually-hidden">{t('contact.consentTitle')}</Heading>
      {contact.consents.length === 0 && <p>{t('contact.consentNone')}</p>}
      <ul className="compact-list">
        {contact.consents.map((c) => (
          <li key={c.id} data-qa="consent">
            {t(`contact.purposeNames.${c.purpose}`)}: {c.target} · {t(`contact.givenByNames.${c.givenBy}`)}, {t(`contact.methodNames.${c.method}`).toLowerCase()}, {when(c.givenAt)}
            {c.withdrawnAt
              ? <> · <strong>{t('contact.withdrawn', { date: when(c.withdrawnAt) })}</strong></>
              : canAct && <> · <button type="button" className="link" onClick={() => withdraw.run({ consentId: c.id })} disabled={withdraw.busy} data-qa="consent-withdraw">{t('contact.withdraw')}</button></>}
          </li>
        ))}
      </ul>
      {withdraw.errors.form && <Notice kind="error">{withdraw.errors.form}</Notice>}
      {canAct && (
        <form onSubmit={(e) => void submit(e)} data-qa="consent-form" noValidate>
          <div className="form-grid">
            <SelectField id="consent-given-by" label={t('contact.givenBy')} value={form.givenBy} onChange={set('givenBy')} options={GIVEN_BY.map(option('givenByNames'))} />
            <SelectField id="consent-method" label={t('contact.method')} value={form.method} onChange={set('method')} options={METHODS.map(option('methodNames'))} />
            <SelectField id="consent-purpose" label={t('contact.purpose')} value={form.purpose} onChange={set('purpose')} options={PURPOSES.map(option('purposeNames'))} />
            <TextField id="consent-target" label={t('contact.target')} value={form.target} onChange={set('target')} maxLength={200} error={add.errors.target} />
          </div>
          {add.errors.form && <Notice kind="error" qa="consent-error">{add.errors.form}</Notice>}
          <Button type="submit" variant="secondary" disabled={add.busy} data-qa="consent-submit">{t('contact.addConsent')}</Button>
        </form>
      )}
    </section>
  );
}
