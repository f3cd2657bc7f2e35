import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import type { assessmentCreatedSchema, assessmentInputSchema, Battery, GuidanceCase } from '../../../server/features/guidance/guidance.schemas';
import { CheckboxGroup, Notice, RadioGroup, SelectField, TextField } from '../../lib/fields';
import { formatDateTime, type Lang } from '../../lib/i18n';
import { answerText, groupBySection, radioValues, toAnswers, type FormAnswers, type Question } from './guidance-logic';
import { caseKeys } from './case-keys';
import { useBatteries, useGuidanceAction } from './use-guidance';

type NewAssessment = z.input<typeof assessmentInputSchema>;
type AssessmentCreated = z.infer<typeof assessmentCreatedSchema>;
type Flag = AssessmentCreated['flags'][number];

/** Step 1: map the whole situation with a question battery; what the answers raise is shown at once; earlier assessments read-only. */
export function AssessmentStep({ c }: { c: GuidanceCase }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <>
      {c.assessments.length === 0 && <p data-qa="assessments-none">{t('guidance.assessment.none')}</p>}
      {c.assessments.length > 0 && (
        <ul className="compact-list case-assessments" data-qa="assessments">
          {c.assessments.map((a) => (
            <li key={a.id} data-qa="assessment">
              <details>
                <summary>
                  {t('guidance.assessment.earlierItem', { title: a.battery.title[lang], version: a.battery.version, date: formatDateTime(a.at, lang) })}{a.by ? ` · ${a.by}` : ''}
                  {a.flags.length > 0 && <> · {t('guidance.assessment.flagsTitle')} {a.flags.map((f) => f.label[lang]).join(', ')}</>}
                </summary>
                <AnswersRead questions={a.battery.questions} answers={a.answers} />
              </details>
            </li>
          ))}
        </ul>
      )}
      {c.status === 'open' && <NewAssessmentForm caseId={c.id} />}
    </>
  );
}

function AnswersRead({ questions, answers }: { questions: Question[]; answers: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const words = { yes: t('guidance.assessment.yes'), no: t('guidance.assessment.no') };
  return (
    <>
      {groupBySection(questions, lang).map((g, i) => (
        <div key={i} className="assessment-read">
          {g.title && <p className="guidance-label">{g.title}</p>}
          <dl className="answers">
            {g.questions.map((q) => (
              <div key={q.key} data-qa={`answer-${q.key}`}>
                <dt>{q.label[lang]}</dt>
                <dd>{answerText(q, answers[q.key], lang, words) ?? <span className="hint">{t('guidance.assessment.unanswered')}</span>}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </>
  );
}

function NewAssessmentForm({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const batteries = useBatteries();
  const [batteryId, setBatteryId] = useState('');
  const [form, setForm] = useState<FormAnswers>({});
  const [flags, setFlags] = useState<Flag[] | null>(null);
  const save = useGuidanceAction<NewAssessment, AssessmentCreated>(`/api/guidance/cases/${caseId}/assessments`, caseKeys(caseId));
  const current = (batteries.data?.items ?? []).filter((b) => b.current);
  const battery = current.find((b) => b.id === batteryId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!battery) return;
    save.runAsync({ batteryId: battery.id, answers: toAnswers(battery.questions, form) }).then((r) => {
      setFlags(r.flags);
      setForm({});
      setBatteryId('');
    }, () => {
      // the first question with an error takes the focus: a screen reader hears what to fix
      window.setTimeout(() => document.querySelector<HTMLElement>('.assessment-form [aria-invalid="true"]')?.focus(), 0);
    });
  };

  return (
    <>
      {flags && (
        <div className={`assessment-flags${flags.length ? ' raised' : ''}`} role="status" data-qa="assessment-flags">
          {flags.length === 0
            ? <p>{t('guidance.assessment.noFlags')}</p>
            : <>
              <p className="guidance-label">{t('guidance.assessment.flagsTitle')}</p>
              <ul>{flags.map((f) => <li key={f.code} data-qa={`flag-${f.code}`}>{f.label[lang]}{f.trigger ? ` (${t('guidance.assessment.raisesTrigger')})` : ''}</li>)}</ul>
            </>}
        </div>
      )}
      <Heading variant="h3" className="case-subheading">{t('guidance.assessment.newTitle')}</Heading>
      <SelectField id="assessment-battery" label={t('guidance.assessment.battery')} value={batteryId} empty={t('guidance.assessment.choose')}
        onChange={(v) => { setBatteryId(v); setForm({}); save.reset(); }}
        options={current.map((b) => ({ value: b.id, label: t('guidance.assessment.batteryOption', { title: b.title[lang], version: b.version }) }))} />
      {battery && (
        <form onSubmit={submit} noValidate className="assessment-form" data-qa="assessment-form" aria-label={battery.title[lang]}>
          <BatteryQuestions battery={battery} form={form} setForm={setForm} errors={save.errors} />
          {save.errors.batteryId && <Notice kind="error">{save.errors.batteryId}</Notice>}
          {save.errors.form && <Notice kind="error" qa="assessment-error">{save.errors.form}</Notice>}
          <Button type="submit" disabled={save.busy} data-qa="assessment-submit">{t('guidance.assessment.submit')}</Button>
        </form>
      )}
    </>
  );
}

/** A battery's questions by kind, under their headings (fieldsets): radios for yes/no, scales and choices, checkboxes for multi, a text area for text. */
function BatteryQuestions({ battery, form, setForm, errors }: { battery: Battery; form: FormAnswers; setForm: (f: (x: FormAnswers) => FormAnswers) => void; errors: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const set = (key: string) => (v: string | string[]) => setForm((f) => ({ ...f, [key]: v }));
  const legend = (q: Question) => `${q.label[lang]}${q.required ? ` ${t('guidance.assessment.required')}` : ''}`;
  const field = (q: Question) => {
    const id = `assessment-${q.key}`;
    const error = errors[`answers.${q.key}`];
    const value = form[q.key];
    switch (q.kind) {
      case 'yes_no':
        return <RadioGroup key={q.key} id={id} legend={legend(q)} value={typeof value === 'string' ? value : ''} onChange={set(q.key)} error={error}
          options={radioValues(q).map((v) => ({ value: v, label: t(`guidance.assessment.${v}`) }))} />;
      case 'scale': {
        const s = q.scale!;
        const label = (v: string) => {
          const end = Number(v) === s.min ? s.minLabel?.[lang] : Number(v) === s.max ? s.maxLabel?.[lang] : undefined;
          return end ? `${v} – ${end}` : v;
        };
        return <div key={q.key} className="scale"><RadioGroup id={id} legend={legend(q)} value={typeof value === 'string' ? value : ''} onChange={set(q.key)} error={error}
          options={radioValues(q).map((v) => ({ value: v, label: label(v) }))} /></div>;
      }
      case 'choice':
        return <RadioGroup key={q.key} id={id} legend={legend(q)} value={typeof value === 'string' ? value : ''} onChange={set(q.key)} error={error}
          options={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] }))} />;
      case 'multi':
        return <CheckboxGroup key={q.key} id={id} legend={legend(q)} values={Array.isArray(value) ? value : []} onChange={set(q.key)} error={error}
          options={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] }))} />;
      default:
        return <TextField key={q.key} id={id} label={legend(q)} value={typeof value === 'string' ? value : ''} onChange={set(q.key)} multiline maxLength={2000} error={error} />;
    }
  };
  return (
    <>
      {groupBySection(battery.questions, lang).map((g, i) => (g.title
        ? <fieldset key={i} className="field-group battery-section"><legend>{g.title}</legend>{g.questions.map(field)}</fieldset>
        : <div key={i}>{g.questions.map(field)}</div>))}
    </>
  );
}
