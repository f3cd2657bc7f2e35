import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import type { levelChangeSchema, levelResultSchema } from '../../../server/features/guidance/guidance.schemas';
import { Checkbox, Notice, RadioGroup, SelectField, TextField } from '../../lib/fields';
import { linkProps } from '../../lib/router';
import { useMe } from '../session';
import { raiseOptions } from './guidance-logic';
import { keys, useColleagues, useContactGuidance, useGuidanceAction } from './use-guidance';
import { LevelProposal, TriggerList } from './Triggers';
import { CASE_PATH } from './paths';
import './guidance.css';

type LevelChange = z.input<typeof levelChangeSchema>;
type LevelResult = z.infer<typeof levelResultSchema>;
const GIVEN_BY = ['client', 'guardian', 'legal_representative'] as const;
const METHODS = ['verbal', 'written', 'electronic'] as const;

/**
 * The contact's guidance level (issue 17): 1, 2 or 3, the multi-service triggers active now and
 * what the product proposes, the person's open case, and the form to raise the level. Levels 2–3
 * are a client relationship: they need an identified person who knows their guidance is recorded,
 * so an anonymous contact is told why it stays at level 1.
 */
export function GuidanceSection({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const guidance = useContactGuidance(contactId);
  const g = guidance.data;
  // the result stays shown after the level changed (and the form went away at level 3)
  const raise = useGuidanceAction<LevelChange, LevelResult>(`/api/contacts/${contactId}/level`,
    [['contact', contactId], ['queue'], ['guidance'], keys.person(contactId)]);
  const result = raise.data;
  return (
    <section className="panel guidance-section" aria-labelledby="guidance-title" data-qa="guidance-section">
      <Heading variant="h2" id="guidance-title">{t('guidance.section.title')}</Heading>
      {!g && <p>{guidance.isError ? t('guidance.section.loadFailed') : t('common.loading')}</p>}
      {g && (
        <>
          <p className="guidance-level-line">
            {t('guidance.levelTerm')}: <strong data-qa="guidance-level">{g.level}</strong> – {t(`guidance.levelNames.${g.level}`)}
            {g.caseId && <> · <a {...linkProps(CASE_PATH(g.caseId))} data-qa="guidance-case-link">{t('guidance.section.openCase')}</a></>}
          </p>
          {g.signals.proposedLevel && g.identified && <LevelProposal level={g.signals.proposedLevel} triggers={g.signals.triggers} contactsInWindow={g.signals.contactsInWindow} />}
          {g.signals.triggers.length > 0 && <TriggerList triggers={g.signals.triggers} />}
          {result && (
            <Notice kind="success" qa="guidance-raised">
              {t(result.joined ? 'guidance.section.joined' : 'guidance.section.raised', { level: result.level })}{' '}
              <a {...linkProps(CASE_PATH(result.caseId))} data-qa="guidance-raised-case-link">{t('guidance.section.openCase')}</a>
            </Notice>
          )}
          {g.personOpenCase && (
            <p data-qa="guidance-person-case">
              {t('guidance.section.personOpenCase', {
                level: g.personOpenCase.level,
                responsible: g.personOpenCase.responsible ? t('guidance.section.responsibleNamed', { name: g.personOpenCase.responsible.name }) : '',
              })}{' '}
              <a {...linkProps(CASE_PATH(g.personOpenCase.id))} data-qa="guidance-person-case-link">{t('guidance.section.openPersonCase')}</a>
            </p>
          )}
          {!g.identified
            ? g.level === 1 && <Notice qa="guidance-not-identified">{t('guidance.section.notIdentified')}</Notice>
            : raiseOptions(g.level).length > 0 && (
              <RaiseForm raise={raise} level={g.level} proposed={g.signals.proposedLevel} recordingConsent={g.recordingConsent} joins={!!g.personOpenCase} />
            )}
        </>
      )}
    </section>
  );
}

function RaiseForm({ raise, level, proposed, recordingConsent, joins }: {
  raise: ReturnType<typeof useGuidanceAction<LevelChange, LevelResult>>; level: 1 | 2 | 3; proposed: 2 | 3 | null; recordingConsent: boolean; joins: boolean;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const colleagues = useColleagues();
  const options = raiseOptions(level);
  const [open, setOpen] = useState<boolean | null>(null);
  const [chosen, setTo] = useState<string>(String(proposed && options.includes(proposed) ? proposed : options[0]));
  // after a raise to 2 only 3 is left to choose
  const to = options.map(String).includes(chosen) ? chosen : String(options[0]);
  const [reason, setReason] = useState('');
  const [responsible, setResponsible] = useState('');
  const [consent, setConsent] = useState({ given: false, givenBy: 'client', method: 'verbal' });
  const [consentMissing, setConsentMissing] = useState(false);
  const isOpen = open ?? proposed !== null;
  const responsibleId = responsible || me?.id || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!recordingConsent && !consent.given) {
      setConsentMissing(true);
      document.getElementById('guidance-consent')?.focus();
      return;
    }
    setConsentMissing(false);
    const target = Number(to) as 2 | 3;
    raise.run({
      level: target, reason: reason.trim() || undefined,
      responsibleUserId: target === 3 && responsibleId ? responsibleId : undefined,
      consent: recordingConsent ? undefined : { givenBy: consent.givenBy as (typeof GIVEN_BY)[number], method: consent.method as (typeof METHODS)[number] },
    });
  };
  const consentError = (consentMissing && !consent.given) || raise.code === 'consent_required' ? t('guidance.section.consentMissing') : undefined;

  return (
    <details className="guidance-raise" open={isOpen} onToggle={(e) => { if (e.currentTarget.open !== isOpen) setOpen(e.currentTarget.open); }} data-qa="guidance-raise">
      <summary data-qa="guidance-raise-toggle">{t('guidance.section.raiseTitle')}</summary>
      <form onSubmit={submit} noValidate data-qa="guidance-raise-form" className="guidance-form">
        {joins && <p className="hint">{t('guidance.section.joinHint')}</p>}
        <RadioGroup id="guidance-raise-level" legend={t('guidance.section.raiseTo')} value={to} onChange={setTo}
          options={options.map((l) => ({ value: String(l), label: `${t('guidance.levelTerm')} ${l}: ${t(`guidance.levelNames.${l}`)}` }))} error={raise.errors.level} />
        <TextField id="guidance-raise-reason" label={t('guidance.section.reason')} hint={t('guidance.section.reasonHint')} value={reason} onChange={setReason} maxLength={500} error={raise.errors.reason} />
        {to === '3' && (
          <SelectField id="guidance-raise-responsible" label={t('guidance.responsible')} hint={t('guidance.section.responsibleHint')} value={responsibleId} onChange={setResponsible}
            options={(colleagues.data?.items ?? []).map((c) => ({ value: c.id, label: c.id === me?.id ? t('guidance.me', { name: c.name }) : c.name }))}
            error={raise.errors.responsibleUserId} />
        )}
        {!recordingConsent && (
          <fieldset className="field-group" data-qa="guidance-consent-group">
            <legend>{t('guidance.section.consentTitle')}</legend>
            <p className="hint">{t('guidance.section.consentHint')}</p>
            <Checkbox id="guidance-consent" label={t('guidance.section.consentGiven')} checked={consent.given} onChange={(v) => setConsent((c) => ({ ...c, given: v }))} error={consentError} />
            {consent.given && (
              <div className="form-grid">
                <SelectField id="guidance-consent-given-by" label={t('guidance.section.givenBy')} value={consent.givenBy} onChange={(v) => setConsent((c) => ({ ...c, givenBy: v }))}
                  options={GIVEN_BY.map((v) => ({ value: v, label: t(`contact.givenByNames.${v}`) }))} error={raise.errors['consent.givenBy']} />
                <SelectField id="guidance-consent-method" label={t('guidance.section.method')} value={consent.method} onChange={(v) => setConsent((c) => ({ ...c, method: v }))}
                  options={METHODS.map((v) => ({ value: v, label: t(`contact.methodNames.${v}`) }))} error={raise.errors['consent.method']} />
              </div>
            )}
          </fieldset>
        )}
        {raise.errors.form && <Notice kind="error" qa="guidance-raise-error">{raise.errors.form}</Notice>}
        <Button type="submit" disabled={raise.busy} data-qa="guidance-raise-submit">{t('guidance.section.submit', { level: to })}</Button>
      </form>
    </details>
  );
}
