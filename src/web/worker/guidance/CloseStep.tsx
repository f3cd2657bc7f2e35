import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import type { anchoredInputSchema, closeCaseSchema, GuidanceCase } from '../../../server/features/guidance/guidance.schemas';
import { Notice, SelectField, TextField } from '../../lib/fields';
import { formatDate, type Lang } from '../../lib/i18n';
import { caseKeys } from './case-keys';
import { useGuidanceAction } from './use-guidance';

type Anchored = z.input<typeof anchoredInputSchema>;
type CloseCase = z.input<typeof closeCaseSchema>;
const OUTCOMES = ['anchored', 'no_longer_needed', 'declined', 'moved_away', 'not_reached'] as const;

/**
 * Step 5: the person anchored in a service (which, since when), then the case closed with its
 * outcome. A refusal says why in words: anchored needs the service first; not reached needs three
 * outreach attempts since the person was last reached.
 */
export function CloseStep({ c }: { c: GuidanceCase }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (c.status === 'closed') {
    return <p data-qa="case-closed">{t('guidance.close.closedText', { date: c.closedAt ? formatDate(c.closedAt, lang, { year: true }) : '', outcome: c.outcome ? t(`guidance.close.outcomes.${c.outcome}`) : '' })}</p>;
  }
  return (
    <>
      {c.anchoredOn
        ? <Notice kind="success" qa="anchored">{t('guidance.case.anchoredText', { service: c.anchoredService ?? '', date: formatDate(c.anchoredOn, lang, { year: true, weekday: false }) })}</Notice>
        : <AnchoredForm c={c} />}
      <CloseForm c={c} />
    </>
  );
}

function AnchoredForm({ c }: { c: GuidanceCase }) {
  const { t } = useTranslation();
  const [service, setService] = useState('');
  const [startedOn, setStartedOn] = useState('');
  const mark = useGuidanceAction<Anchored, { ok: true }>(`/api/guidance/cases/${c.id}/anchored`, caseKeys(c.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mark.run({ service, startedOn });
  };
  return (
    <form onSubmit={submit} noValidate className="guidance-form" data-qa="anchored-form" aria-labelledby="anchored-title">
      <Heading variant="h3" id="anchored-title" className="case-subheading">{t('guidance.anchored.title')}</Heading>
      <p className="hint">{t('guidance.anchored.hint')}</p>
      <div className="form-grid">
        <TextField id="anchored-service" label={t('guidance.anchored.service')} value={service} onChange={setService} maxLength={300} error={mark.errors.service} />
        <TextField id="anchored-started-on" type="date" label={t('guidance.anchored.startedOn')} value={startedOn} onChange={setStartedOn} error={mark.errors.startedOn} />
      </div>
      {mark.errors.form && <Notice kind="error" qa="anchored-error">{mark.errors.form}</Notice>}
      <Button type="submit" variant="secondary" disabled={mark.busy} data-qa="anchored-submit">{t('guidance.anchored.submit')}</Button>
    </form>
  );
}

function CloseForm({ c }: { c: GuidanceCase }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const close = useGuidanceAction<CloseCase, { ok: true }>(`/api/guidance/cases/${c.id}/close`, caseKeys(c.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!outcome);
    if (!outcome) { document.getElementById('case-close-outcome')?.focus(); return; }
    close.run({ outcome: outcome as CloseCase['outcome'], note: note.trim() || undefined });
  };
  return (
    <form onSubmit={submit} noValidate className="guidance-form" data-qa="case-close-form" aria-labelledby="case-close-title">
      <Heading variant="h3" id="case-close-title" className="case-subheading">{t('guidance.close.title')}</Heading>
      <div className="form-grid">
        <SelectField id="case-close-outcome" label={t('guidance.close.outcome')} value={outcome} onChange={setOutcome} empty=""
          options={OUTCOMES.map((o) => ({ value: o, label: t(`guidance.close.outcomes.${o}`) }))}
          error={close.errors.outcome ?? (missing && !outcome ? t('guidance.close.outcomeMissing') : undefined)} />
        <TextField id="case-close-note" label={t('guidance.note')} value={note} onChange={setNote} multiline rows={2} maxLength={2000} error={close.errors.note} />
      </div>
      {close.errors.form && <Notice kind="error" qa="case-close-error">{close.errors.form}</Notice>}
      <Button type="submit" disabled={close.busy} data-qa="case-close-submit">{t('guidance.close.submit')}</Button>
    </form>
  );
}
