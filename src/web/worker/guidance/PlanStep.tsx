import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'suomifi-ui-components';
import type { z } from 'zod';
import type { GuidanceCase, planInputSchema } from '../../../server/features/guidance/guidance.schemas';
import { Checkbox, Notice, SelectField, TextField } from '../../lib/fields';
import { formatDate, formatDateTime, type Lang } from '../../lib/i18n';
import { emptyGoal, emptyStep, planBody, planRows, rowErrors, type GoalRow, type StepRow } from './guidance-logic';
import { caseKeys } from './case-keys';
import { useGuidanceAction } from './use-guidance';

type PlanInput = z.input<typeof planInputSchema>;
const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
const OWNERS = ['client', 'worker', 'network'] as const;

/**
 * Step 2: the goals in the person's own words and, at level 3, the light plan's steps (the
 * service, who does it, by when, done). Each save is a new version of the plan.
 */
export function PlanStep({ c }: { c: GuidanceCase }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const p = c.plan;
  // here, not in the form: the form starts again from each saved version, the notice stays
  const save = useGuidanceAction<PlanInput, { version: number }>(`/api/guidance/cases/${c.id}/plan`, caseKeys(c.id), 'PUT');
  return (
    <>
      {p
        ? <p className="hint" data-qa="plan-version">{t('guidance.plan.version', { version: p.version, date: formatDateTime(p.at, lang), by: p.by ?? '–' })}
          {' · '}{t(p.agreedWithPerson ? 'guidance.plan.agreedYes' : 'guidance.plan.agreedNo')}</p>
        : <p data-qa="plan-none">{t('guidance.plan.none')}</p>}
      {c.status === 'open'
        ? <PlanForm key={p?.version ?? 0} c={c} save={save} />
        : p && <PlanRead plan={p} />}
    </>
  );
}

function PlanRead({ plan }: { plan: NonNullable<GuidanceCase['plan']> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <>
      <p className="guidance-label">{t('guidance.plan.goals')}</p>
      <ul className="compact-list" data-qa="plan-goals">{plan.goals.map((g, i) => <li key={i}>{g.text} · {t(`guidance.plan.goalStatuses.${g.status}`)}</li>)}</ul>
      {plan.steps.length > 0 && (
        <>
          <p className="guidance-label">{t('guidance.plan.steps')}</p>
          <ul className="compact-list" data-qa="plan-steps">
            {plan.steps.map((s, i) => (
              <li key={i}>{s.text}{s.service ? ` · ${s.service}` : ''} · {t(`guidance.plan.owners.${s.owner}`)}{s.dueOn ? ` · ${formatDate(s.dueOn, lang)}` : ''}{s.done ? ` · ${t('guidance.plan.done')}` : ''}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function PlanForm({ c, save }: { c: GuidanceCase; save: ReturnType<typeof useGuidanceAction<PlanInput, { version: number }>> }) {
  const { t } = useTranslation();
  const initial = planRows(c.plan);
  const [goals, setGoals] = useState<GoalRow[]>(initial.goals);
  const [steps, setSteps] = useState<StepRow[]>(initial.steps.length || c.level !== 3 ? initial.steps : [emptyStep()]);
  const [agreed, setAgreed] = useState(initial.agreed);
  const [index, setIndex] = useState<{ goals: number[]; steps: number[] }>({ goals: [], steps: [] });
  const errors = { ...rowErrors(save.errors, 'goals', index.goals), ...rowErrors(save.errors, 'steps', index.steps) };
  const setGoal = (i: number, patch: Partial<GoalRow>) => setGoals((gs) => gs.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const setStep = (i: number, patch: Partial<StepRow>) => setSteps((ss) => ss.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const level3 = c.level === 3 || steps.length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { body, goalIndex, stepIndex } = planBody(goals, steps, agreed);
    setIndex({ goals: goalIndex, steps: stepIndex });
    save.run(body);
  };
  const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

  return (
    <form onSubmit={submit} noValidate data-qa="plan-form" className="guidance-form" aria-label={t('guidance.plan.formLabel')}>
      <fieldset className="field-group" data-qa="plan-goals-group" aria-describedby={save.errors.goals ? 'plan-goals-error' : undefined}>
        <legend>{t('guidance.plan.goals')}</legend>
        <p className="hint">{t('guidance.plan.goalsHint')}</p>
        {goals.map((g, i) => (
          <div key={i} className="plan-row" data-qa="plan-goal">
            <TextField id={`plan-goal-${i}`} label={t('guidance.plan.goal', { n: i + 1 })} value={g.text} onChange={(v) => setGoal(i, { text: v })} multiline rows={2} maxLength={1000}
              error={errors[`goals.${i}.text`]} />
            <SelectField id={`plan-goal-status-${i}`} label={t('guidance.plan.goalStatus', { n: i + 1 })} value={g.status} onChange={(v) => setGoal(i, { status: v as GoalRow['status'] })}
              options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`guidance.plan.goalStatuses.${s}`) }))} />
            {goals.length > 1 && (
              <Button variant="secondaryNoBorder" type="button" onClick={() => { setGoals((gs) => gs.filter((_, j) => j !== i)); focusLater('plan-add-goal'); }} data-qa={`plan-remove-goal-${i}`}>
                {t('guidance.plan.removeGoal', { n: i + 1 })}
              </Button>
            )}
          </div>
        ))}
        {save.errors.goals && <span id="plan-goals-error" className="error" data-qa="plan-goals-error">{t('guidance.plan.goalsRequired')}</span>}
        <Button variant="secondary" type="button" id="plan-add-goal" data-qa="plan-add-goal" onClick={() => { setGoals((gs) => [...gs, emptyGoal()]); focusLater(`plan-goal-${goals.length}`); }}>
          {t('guidance.plan.addGoal')}
        </Button>
      </fieldset>
      {level3 && (
        <fieldset className="field-group" data-qa="plan-steps-group">
          <legend>{t('guidance.plan.steps')}</legend>
          <p className="hint">{t('guidance.plan.stepsHint')}</p>
          {steps.map((s, i) => (
            <fieldset key={i} className="plan-row plan-step" data-qa="plan-step">
              <legend>{t('guidance.plan.step', { n: i + 1 })}</legend>
              <div className="form-grid">
                <TextField id={`plan-step-text-${i}`} label={t('guidance.plan.stepText')} value={s.text} onChange={(v) => setStep(i, { text: v })} maxLength={1000} error={errors[`steps.${i}.text`]} />
                <TextField id={`plan-step-service-${i}`} label={t('guidance.plan.service')} value={s.service} onChange={(v) => setStep(i, { service: v })} maxLength={300} error={errors[`steps.${i}.service`]} />
                <SelectField id={`plan-step-owner-${i}`} label={t('guidance.plan.owner')} value={s.owner} onChange={(v) => setStep(i, { owner: v as StepRow['owner'] })}
                  options={OWNERS.map((o) => ({ value: o, label: t(`guidance.plan.owners.${o}`) }))} />
                <TextField id={`plan-step-due-${i}`} type="date" label={t('guidance.plan.dueOn')} value={s.dueOn} onChange={(v) => setStep(i, { dueOn: v })} error={errors[`steps.${i}.dueOn`]} />
              </div>
              <Checkbox id={`plan-step-done-${i}`} label={t('guidance.plan.done')} checked={s.done} onChange={(v) => setStep(i, { done: v })} />
              <Button variant="secondaryNoBorder" type="button" onClick={() => { setSteps((ss) => ss.filter((_, j) => j !== i)); focusLater('plan-add-step'); }} data-qa={`plan-remove-step-${i}`}>
                {t('guidance.plan.removeStep', { n: i + 1 })}
              </Button>
            </fieldset>
          ))}
          <Button variant="secondary" type="button" id="plan-add-step" data-qa="plan-add-step" onClick={() => { setSteps((ss) => [...ss, emptyStep()]); focusLater(`plan-step-text-${steps.length}`); }}>
            {t('guidance.plan.addStep')}
          </Button>
        </fieldset>
      )}
      <Checkbox id="plan-agreed" label={t('guidance.plan.agreed')} checked={agreed} onChange={setAgreed} error={save.errors.agreedWithPerson} />
      {save.succeeded && save.data && <Notice kind="success" qa="plan-saved">{t('guidance.plan.saved', { version: save.data.version })}</Notice>}
      {save.errors.form && <Notice kind="error" qa="plan-error">{save.errors.form}</Notice>}
      <Button type="submit" disabled={save.busy} data-qa="plan-submit">{t('guidance.plan.submit')}</Button>
    </form>
  );
}
