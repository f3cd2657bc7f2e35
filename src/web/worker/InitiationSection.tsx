import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { formatDate } from '../lib/i18n';
import { useReferenceData } from './reference-data';
import { useContactAction, type ContactView, type InitiationResult } from './contact-actions';
import { Notice, SelectField, TextField } from '../lib/fields';

/** Vireilletulo (domain § 7): the only way personal data is kept; starts the SHL 36 § clock; gives the record to print. */
export function InitiationSection({ contact, canAct }: { contact: ContactView; canAct: boolean }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const record = useContactAction<{ concerns: string; receivingUnit: string; urgent: boolean; highestCareAllowance: boolean }, InitiationResult>(contact.id, '/initiations');
  const [form, setForm] = useState({ concerns: '', receivingUnit: '', urgent: false, highestCareAllowance: false });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.run(form);
  };

  return (
    <section className="panel" aria-labelledby="initiation-title" data-qa="initiations">
      <Heading variant="h2" id="initiation-title" className="visually-hidden">{t('contact.initiationTitle')}</Heading>
      <ul className="compact-list">
        {contact.initiations.map((i) => (
          <li key={i.id} data-qa="initiation">
            {formatDate(i.initiatedOn, ref.lang)}: {i.concerns} → {i.unit ? ref.unitLabel(i.unit) : t('contact.unitNotRouted')}{i.urgent ? ` (${t('contact.urgent').toLowerCase()})` : ''}.{' '}
            <span data-qa="initiation-deadline">{i.legalDeadline ? t(`contact.legalClock.${i.legalBasis ?? 'shl_36'}`, { date: formatDate(i.legalDeadline, ref.lang) }) : t('contact.noLegalDeadline')}</span>.{' '}
            <a href={`/api/contacts/${contact.id}/initiations/${i.id}/print`} target="_blank" rel="noreferrer" data-qa="initiation-print">{t('contact.printRecord')}</a>
          </li>
        ))}
      </ul>
      {canAct && !contact.anonymous && !contact.personalDataErasedAt && (
        <form onSubmit={submit} data-qa="initiation-form" noValidate>
          <p className="hint">{t('contact.initiationHint')}</p>
          <div className="form-grid">
            <TextField id="initiation-concerns" label={t('contact.concerns')} value={form.concerns} onChange={(v) => setForm((f) => ({ ...f, concerns: v }))} maxLength={1000} error={record.errors.concerns} />
            <SelectField id="initiation-unit" label={t('contact.receivingUnit')} value={form.receivingUnit} onChange={(v) => setForm((f) => ({ ...f, receivingUnit: v }))}
              options={ref.units.map((u) => ({ value: u.code, label: u.name[ref.lang] }))} empty="" error={record.errors.receivingUnit} />
            <div className="field checkboxes">
              <label><input type="checkbox" checked={form.urgent} onChange={(e) => setForm((f) => ({ ...f, urgent: e.target.checked }))} data-qa="initiation-urgent" /> {t('contact.urgent')}</label>
              <label><input type="checkbox" checked={form.highestCareAllowance} onChange={(e) => setForm((f) => ({ ...f, highestCareAllowance: e.target.checked }))} /> {t('contact.highestCareAllowance')}</label>
            </div>
          </div>
          {(record.errors.form || record.errors.person) && <Notice kind="error" qa="initiation-error">{[record.errors.form, record.errors.person].filter(Boolean).join(' ')}</Notice>}
          <Button type="submit" variant="secondary" disabled={record.busy} data-qa="initiation-submit">{t('contact.recordInitiation')}</Button>
        </form>
      )}
    </section>
  );
}
