import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, ApiError, problemMessage } from '../../lib/api';
import { fieldErrorText, type Lang } from '../../lib/i18n';
import { Checkbox, ErrorSummary, Notice, SelectField, TextField, type SummaryEntry } from '../../lib/fields';
import { TRIGGER_CODES, TRIGGERS } from '../../../domain/codes';
import { BATTERY_AREAS, QUESTION_KINDS } from '../../../domain/guidance';
import type { Battery } from '../../../server/features/guidance/guidance.schemas';
import { useReferenceData } from '../reference-data';
import {
  draftProblems, emptyOption, emptyQuestion, isChoice, LANG_KEYS, moved, toInput, uidPath, withKind,
  type BatteryArea, type BatteryDraft, type DraftErrors, type LabelsDraft, type OptionDraft, type QuestionDraft, type QuestionKind,
} from './battery-draft';

/** One place an error can be shown: the draft's key (by uids), the control to focus (by index, as the server names it) and its name. */
interface Spot { key: string; id: string; label: string }
type Placed = Record<string, string>;

const LANG_SEGMENTS = new Set<string>(LANG_KEYS);
const isUid = (s: string) => /^[qo]\d+$/.test(s);

/** An error in words: by the field's own name and code (`key_invalid_format`), else by the code, else the server's sentence. */
function useErrorText() {
  const { t } = useTranslation();
  return (key: string, e: { code: string; message?: string }) => {
    const field = key.split('.').filter((s) => !isUid(s) && !LANG_SEGMENTS.has(s) && !/^\d+$/.test(s)).pop() ?? '';
    return t(`guidanceAdmin.editor.errors.${field}_${e.code}`, { defaultValue: '' })
      || t(`guidanceAdmin.editor.errors.${e.code}`, { defaultValue: '' })
      || fieldErrorText(e.code) || e.message || t('guidanceAdmin.editor.errors.invalid');
  };
}

/** Every error at the nearest place the form shows one: the field itself, else its group, else the form's top (''). */
function placeErrors(errors: DraftErrors, spots: Spot[], text: (key: string, e: { code: string; message?: string }) => string): Placed {
  const known = new Set(spots.map((s) => s.key));
  const placed: Placed = {};
  for (const [key, e] of Object.entries(errors)) {
    let at = key;
    while (at && !known.has(at)) at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '';
    const words = text(key, e);
    placed[at] = placed[at] && !placed[at]!.includes(words) ? `${placed[at]} ${words}` : (placed[at] ?? words);
  }
  return placed;
}

/**
 * The editor of a battery version (issue 17, "forms are data"): a new version starts as a copy of
 * the current one; titles and questions are edited (kind, the three languages, required, a
 * choice's options, a scale's ends, a flag and the multi-service trigger it raises), added,
 * removed and moved; saving makes the next version. Errors are checked before sending, and the
 * server's (`body.questions.N.…`) are shown at their fields the same way. Moving a question keeps
 * the focus on its button; adding one moves the focus to its first field.
 */
export function BatteryEditor({ start, takenCodes, onSaved, onCancel }: {
  start: BatteryDraft; takenCodes: string[]; onSaved: (b: Battery) => void; onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<BatteryDraft>(start);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [announce, setAnnounce] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => { headingRef.current?.focus(); }, []);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const save = useMutation({
    mutationFn: (sent: BatteryDraft) => api<Battery>('/api/guidance/batteries', { method: 'POST', body: toInput(sent), lang }),
    onSuccess: onSaved,
    onError: (err, sent) => {
      if (!(err instanceof ApiError) || !err.problem.errors?.length) return;
      const next: DraftErrors = {};
      for (const e of err.problem.errors) next[uidPath(e.field, sent)] ??= { code: e.code ?? 'invalid', message: e.message };
      setErrors(next);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.reset();
    const problems = draftProblems(draft, draft.mode === 'new' ? takenCodes : []);
    // a version that changes nothing would only be noise in the list of versions
    if (draft.mode === 'version' && JSON.stringify(toInput(draft)) === JSON.stringify(toInput(start))) problems[''] = { code: 'unchanged' };
    setErrors(problems);
    if (Object.keys(problems).length) return;
    save.mutate(draft);
  };

  // ——— changing the draft ———
  const setQuestion = (uid: string, change: (q: QuestionDraft) => QuestionDraft) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q) => (q.uid === uid ? change(q) : q)) }));
  const n = draft.questions.length;
  const moveQuestion = (index: number, by: -1 | 1) => {
    const q = draft.questions[index]!;
    const to = index + by;
    setDraft((d) => ({ ...d, questions: moved(d.questions, index, by) }));
    // the same button keeps the focus; at either end, where it is gone, the other one takes it
    const direction = (to === 0 && by === -1) ? 'down' : (to === n - 1 && by === 1) ? 'up' : by === -1 ? 'up' : 'down';
    setFocusId(`battery-questions-${to}-${direction}`);
    setAnnounce(t('guidanceAdmin.editor.moved', { name: q.key || t('guidanceAdmin.editor.question', { n: index + 1 }), n: to + 1 }));
  };
  const addQuestion = () => {
    setDraft((d) => ({ ...d, questions: [...d.questions, emptyQuestion()] }));
    setFocusId(`battery-questions-${n}-key`);
    setAnnounce(t('guidanceAdmin.editor.added', { n: n + 1 }));
  };
  const removeQuestion = (index: number) => {
    const q = draft.questions[index]!;
    setDraft((d) => ({ ...d, questions: d.questions.filter((x) => x.uid !== q.uid) }));
    setFocusId(n > 1 ? `battery-questions-${Math.min(index, n - 2)}` : 'battery-add-question');
    setAnnounce(t('guidanceAdmin.editor.removed', { name: q.key || t('guidanceAdmin.editor.question', { n: index + 1 }) }));
  };

  // ——— where errors are shown ———
  const L = (k: string) => t(`guidanceAdmin.editor.langs.${k}`);
  const spots: Spot[] = [];
  const spot = (key: string, id: string, label: string) => { spots.push({ key, id, label }); };
  const langSpots = (key: string, id: string, label: string) => {
    spot(key, `${id}-fi`, label);
    for (const l of LANG_KEYS) spot(`${key}.${l}`, `${id}-${l}`, `${label} ${L(l)}`);
  };
  spot('', 'battery-editor-title', '');
  spot('code', 'battery-code', t('guidanceAdmin.editor.code'));
  spot('area', 'battery-area', t('guidanceAdmin.editor.area'));
  langSpots('title', 'battery-title', t('guidanceAdmin.editor.title'));
  draft.questions.forEach((q, i) => {
    const P = `questions.${q.uid}`;
    const I = `battery-questions-${i}`;
    const Q = (s: string) => `${t('guidanceAdmin.editor.question', { n: i + 1 })}, ${s}`;
    spot(P, `${I}-key`, t('guidanceAdmin.editor.question', { n: i + 1 }));
    spot(`${P}.key`, `${I}-key`, Q(t('guidanceAdmin.editor.key')));
    spot(`${P}.kind`, `${I}-kind`, Q(t('guidanceAdmin.editor.kind')));
    langSpots(`${P}.label`, `${I}-label`, Q(t('guidanceAdmin.editor.label')));
    langSpots(`${P}.section`, `${I}-section`, Q(t('guidanceAdmin.editor.section')));
    spot(`${P}.required`, `${I}-required`, Q(t('guidanceAdmin.editor.required')));
    if (isChoice(q.kind)) {
      spot(`${P}.options`, q.options.length ? `${I}-options-0-value` : `${I}-options-add`, Q(t('guidanceAdmin.editor.options')));
      q.options.forEach((o, j) => {
        const O = `${P}.options.${o.uid}`;
        const label = Q(t('guidanceAdmin.editor.option', { n: j + 1 }));
        spot(O, `${I}-options-${j}-value`, label);
        spot(`${O}.value`, `${I}-options-${j}-value`, `${label}, ${t('guidanceAdmin.editor.optionValue')}`);
        langSpots(`${O}.label`, `${I}-options-${j}-label`, `${label}, ${t('guidanceAdmin.editor.optionLabel')}`);
      });
    }
    if (q.kind === 'scale') {
      spot(`${P}.scale`, `${I}-scale-min`, Q(t('guidanceAdmin.editor.scale')));
      spot(`${P}.scale.min`, `${I}-scale-min`, Q(t('guidanceAdmin.editor.scaleMin')));
      spot(`${P}.scale.max`, `${I}-scale-max`, Q(t('guidanceAdmin.editor.scaleMax')));
      langSpots(`${P}.scale.minLabel`, `${I}-scale-minLabel`, Q(t('guidanceAdmin.editor.scaleMinLabel')));
      langSpots(`${P}.scale.maxLabel`, `${I}-scale-maxLabel`, Q(t('guidanceAdmin.editor.scaleMaxLabel')));
    }
    if (q.kind !== 'text') {
      spot(`${P}.flag`, `${I}-flag`, Q(t('guidanceAdmin.editor.flag')));
      if (q.flagOn) {
        spot(`${P}.flag.code`, `${I}-flag-code`, Q(t('guidanceAdmin.editor.flagCode')));
        langSpots(`${P}.flag.label`, `${I}-flag-label`, Q(t('guidanceAdmin.editor.flagLabel')));
        spot(`${P}.flag.trigger`, `${I}-flag-trigger`, Q(t('guidanceAdmin.editor.flagTrigger')));
        if (q.kind === 'scale') {
          spot(`${P}.flag.atLeast`, `${I}-flag-atLeast`, Q(t('guidanceAdmin.editor.flagAtLeast')));
          spot(`${P}.flag.atMost`, `${I}-flag-atMost`, Q(t('guidanceAdmin.editor.flagAtMost')));
        }
        if (isChoice(q.kind)) spot(`${P}.flag.values`, q.options.length ? `${I}-flag-values-0` : `${I}-flag`, Q(t('guidanceAdmin.editor.flagValues')));
      }
    }
  });
  spot('questions', 'battery-add-question', t('guidanceAdmin.editor.questions'));

  const placed = placeErrors(errors, spots, errorText);
  const summary: SummaryEntry[] = spots.filter((s) => placed[s.key]).map((s) => ({ id: s.id, text: placed[s.key]!, ...(s.label ? { label: s.label } : {}) }));
  const err = (key: string) => placed[key];

  // ——— the controls ———
  // plain functions, not components: a component made in render would be new on every render and lose the focus
  const groupError = (id: string, k: string) => (err(k) ? <span className="group-error error" id={`${id}-error`} data-qa={`${id}-error`}>{err(k)}</span> : null);
  const langs = ({ k, id, legend, value, onChange, hint, multiline }: {
    k: string; id: string; legend: string; value: LabelsDraft; onChange: (v: LabelsDraft) => void; hint?: string; multiline?: boolean;
  }) => (
    <fieldset className="sub" aria-describedby={[hint ? `${id}-hint` : '', err(k) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined} data-qa={id}>
      <legend>{legend}</legend>
      {hint && <span className="hint" id={`${id}-hint`}>{hint}</span>}
      {groupError(id, k)}
      <div className="langs">
        {LANG_KEYS.map((l) => (
          <TextField key={l} id={`${id}-${l}`} label={L(l)} value={value[l]} onChange={(v) => onChange({ ...value, [l]: v })} error={err(`${k}.${l}`)}
            maxLength={300} multiline={multiline} rows={2} />
        ))}
      </div>
    </fieldset>
  );
  const kindOptions = QUESTION_KINDS.map((k) => ({ value: k, label: t(`guidanceAdmin.kinds.${k}`) }));
  const areaOptions = BATTERY_AREAS.map((a) => ({ value: a, label: a === 'general' || a === 'family' ? t(`guidanceAdmin.areas.${a}`) : ref.label('service_area', a) }));
  const triggerOptions = TRIGGER_CODES.map((c) => ({ value: c, label: TRIGGERS[c][lang] ?? TRIGGERS[c].fi }));

  const question = (q: QuestionDraft, i: number): ReactNode => {
    const P = `questions.${q.uid}`;
    const I = `battery-questions-${i}`;
    const set = (change: Partial<QuestionDraft>) => setQuestion(q.uid, (x) => ({ ...x, ...change }));
    const setOption = (uid: string, change: Partial<OptionDraft>) => setQuestion(q.uid, (x) => ({ ...x, options: x.options.map((o) => (o.uid === uid ? { ...o, ...change } : o)) }));
    const setFlag = (change: Partial<QuestionDraft['flag']>) => setQuestion(q.uid, (x) => ({ ...x, flag: { ...x.flag, ...change } }));
    const setScale = (change: Partial<QuestionDraft['scale']>) => setQuestion(q.uid, (x) => ({ ...x, scale: { ...x.scale, ...change } }));
    const name = t('guidanceAdmin.editor.question', { n: i + 1 });
    return (
      <fieldset key={q.uid} className="question" id={I} tabIndex={-1} data-qa={`battery-question-${i}`} aria-describedby={err(P) ? `${I}-error` : undefined}>
        <legend>{q.key ? t('guidanceAdmin.editor.questionNamed', { n: i + 1, key: q.key }) : name}</legend>
        {groupError(I, P)}
        <div className="form-grid">
          <TextField id={`${I}-key`} label={t('guidanceAdmin.editor.key')} hint={t('guidanceAdmin.editor.keyHint')} value={q.key} onChange={(v) => set({ key: v })} maxLength={40} error={err(`${P}.key`)} />
          <SelectField id={`${I}-kind`} label={t('guidanceAdmin.editor.kind')} value={q.kind} onChange={(v) => setQuestion(q.uid, (x) => withKind(x, v as QuestionKind))} options={kindOptions} error={err(`${P}.kind`)} />
        </div>
        <Checkbox id={`${I}-required`} label={t('guidanceAdmin.editor.requiredLabel')} checked={q.required} onChange={(v) => set({ required: v })} error={err(`${P}.required`)} />
        {langs({ k: `${P}.label`, id: `${I}-label`, legend: t('guidanceAdmin.editor.label'), value: q.label, onChange: (v) => set({ label: v }), multiline: true })}
        {langs({ k: `${P}.section`, id: `${I}-section`, legend: t('guidanceAdmin.editor.section'), hint: t('guidanceAdmin.editor.sectionHint'), value: q.section, onChange: (v) => set({ section: v }) })}

        {isChoice(q.kind) && (
          <fieldset className="sub" data-qa={`${I}-options`} aria-describedby={err(`${P}.options`) ? `${I}-options-error` : undefined}>
            <legend>{t('guidanceAdmin.editor.options')}</legend>
            {groupError(`${I}-options`, `${P}.options`)}
            {q.options.map((o, j) => (
              <div key={o.uid} className="option-row" data-qa={`${I}-option-${j}`}>
                {groupError(`${I}-options-${j}`, `${P}.options.${o.uid}`)}
                <div className="form-grid">
                  <TextField id={`${I}-options-${j}-value`} label={t('guidanceAdmin.editor.optionValueN', { n: j + 1 })} hint={t('guidanceAdmin.editor.optionValueHint')}
                    value={o.value} onChange={(v) => setOption(o.uid, { value: v })} maxLength={40} error={err(`${P}.options.${o.uid}.value`)} />
                </div>
                {langs({ k: `${P}.options.${o.uid}.label`, id: `${I}-options-${j}-label`, legend: t('guidanceAdmin.editor.optionLabelN', { n: j + 1 }), value: o.label, onChange: (v) => setOption(o.uid, { label: v }) })}
                <button type="button" className="link" data-qa={`${I}-options-${j}-remove`}
                  aria-label={t('guidanceAdmin.editor.removeOptionNamed', { n: j + 1, question: i + 1 })}
                  onClick={() => {
                    setQuestion(q.uid, (x) => ({ ...x, options: x.options.filter((y) => y.uid !== o.uid), flag: { ...x.flag, values: x.flag.values.filter((v) => v !== o.uid) } }));
                    setFocusId(`${I}-options-add`);
                    setAnnounce(t('guidanceAdmin.editor.optionRemoved', { n: j + 1 }));
                  }}>{t('guidanceAdmin.editor.removeOption')}</button>
              </div>
            ))}
            <button type="button" className="link" id={`${I}-options-add`} data-qa={`${I}-options-add`} disabled={q.options.length >= 20}
              aria-label={t('guidanceAdmin.editor.addOptionNamed', { question: i + 1 })}
              onClick={() => { setQuestion(q.uid, (x) => ({ ...x, options: [...x.options, emptyOption()] })); setFocusId(`${I}-options-${q.options.length}-value`); }}>
              {t('guidanceAdmin.editor.addOption')}
            </button>
          </fieldset>
        )}

        {q.kind === 'scale' && (
          <fieldset className="sub" data-qa={`${I}-scale`} aria-describedby={err(`${P}.scale`) ? `${I}-scale-error` : undefined}>
            <legend>{t('guidanceAdmin.editor.scale')}</legend>
            {groupError(`${I}-scale`, `${P}.scale`)}
            <div className="form-grid">
              <TextField id={`${I}-scale-min`} label={t('guidanceAdmin.editor.scaleMin')} inputMode="numeric" maxLength={2} value={q.scale.min} onChange={(v) => setScale({ min: v })} error={err(`${P}.scale.min`)} />
              <TextField id={`${I}-scale-max`} label={t('guidanceAdmin.editor.scaleMax')} inputMode="numeric" maxLength={2} value={q.scale.max} onChange={(v) => setScale({ max: v })} error={err(`${P}.scale.max`)} />
            </div>
            {langs({ k: `${P}.scale.minLabel`, id: `${I}-scale-minLabel`, legend: t('guidanceAdmin.editor.scaleMinLabel'), hint: t('guidanceAdmin.editor.optionalAll'), value: q.scale.minLabel, onChange: (v) => setScale({ minLabel: v }) })}
            {langs({ k: `${P}.scale.maxLabel`, id: `${I}-scale-maxLabel`, legend: t('guidanceAdmin.editor.scaleMaxLabel'), hint: t('guidanceAdmin.editor.optionalAll'), value: q.scale.maxLabel, onChange: (v) => setScale({ maxLabel: v }) })}
          </fieldset>
        )}

        {q.kind === 'text' ? <p className="hint" data-qa={`${I}-no-flag`}>{t('guidanceAdmin.editor.textNoFlag')}</p> : (
          <fieldset className="sub" data-qa={`${I}-flag-group`} aria-describedby={err(`${P}.flag`) ? `${I}-flag-error` : undefined}>
            <legend>{t('guidanceAdmin.editor.flag')}</legend>
            <Checkbox id={`${I}-flag`} label={t('guidanceAdmin.editor.flagOn')} checked={q.flagOn} onChange={(v) => set({ flagOn: v })} error={err(`${P}.flag`)} />
            {q.flagOn && (
              <>
                <p className="hint">{t(`guidanceAdmin.editor.flagHint.${q.kind}`)}</p>
                <div className="form-grid">
                  <TextField id={`${I}-flag-code`} label={t('guidanceAdmin.editor.flagCode')} hint={t('guidanceAdmin.editor.keyHint')} value={q.flag.code} onChange={(v) => setFlag({ code: v })} maxLength={40} error={err(`${P}.flag.code`)} />
                  <SelectField id={`${I}-flag-trigger`} label={t('guidanceAdmin.editor.flagTrigger')} value={q.flag.trigger} onChange={(v) => setFlag({ trigger: v })}
                    empty={t('guidanceAdmin.editor.noTrigger')} options={triggerOptions} error={err(`${P}.flag.trigger`)} />
                  {q.kind === 'scale' && (
                    <>
                      <TextField id={`${I}-flag-atLeast`} label={t('guidanceAdmin.editor.flagAtLeast')} inputMode="numeric" maxLength={3} value={q.flag.atLeast} onChange={(v) => setFlag({ atLeast: v })} error={err(`${P}.flag.atLeast`)} />
                      <TextField id={`${I}-flag-atMost`} label={t('guidanceAdmin.editor.flagAtMost')} inputMode="numeric" maxLength={3} value={q.flag.atMost} onChange={(v) => setFlag({ atMost: v })} error={err(`${P}.flag.atMost`)} />
                    </>
                  )}
                </div>
                {langs({ k: `${P}.flag.label`, id: `${I}-flag-label`, legend: t('guidanceAdmin.editor.flagLabel'), value: q.flag.label, onChange: (v) => setFlag({ label: v }) })}
                {isChoice(q.kind) && (
                  <fieldset className="field checkboxes" data-qa={`${I}-flag-values`} aria-describedby={err(`${P}.flag.values`) ? `${I}-flag-values-error` : undefined}>
                    <legend>{t('guidanceAdmin.editor.flagValues')}</legend>
                    {q.options.length === 0 && <span className="hint">{t('guidanceAdmin.editor.flagNoOptions')}</span>}
                    {q.options.map((o, j) => (
                      <label key={o.uid} htmlFor={`${I}-flag-values-${j}`}>
                        <input type="checkbox" id={`${I}-flag-values-${j}`} data-qa={`${I}-flag-values-${j}`} checked={q.flag.values.includes(o.uid)}
                          aria-invalid={err(`${P}.flag.values`) ? true : undefined}
                          onChange={(e) => setFlag({ values: e.target.checked ? [...q.flag.values, o.uid] : q.flag.values.filter((v) => v !== o.uid) })} />
                        {' '}{o.label[lang] || o.label.fi || o.value || t('guidanceAdmin.editor.option', { n: j + 1 })}
                      </label>
                    ))}
                    {groupError(`${I}-flag-values`, `${P}.flag.values`)}
                  </fieldset>
                )}
              </>
            )}
          </fieldset>
        )}

        <div className="question-tools">
          {i > 0 && (
            <button type="button" className="link" id={`${I}-up`} data-qa={`${I}-up`} aria-label={t('guidanceAdmin.editor.moveUpNamed', { n: i + 1 })} onClick={() => moveQuestion(i, -1)}>
              {t('guidanceAdmin.editor.moveUp')}
            </button>
          )}
          {i < n - 1 && (
            <button type="button" className="link" id={`${I}-down`} data-qa={`${I}-down`} aria-label={t('guidanceAdmin.editor.moveDownNamed', { n: i + 1 })} onClick={() => moveQuestion(i, 1)}>
              {t('guidanceAdmin.editor.moveDown')}
            </button>
          )}
          <button type="button" className="link" id={`${I}-remove`} data-qa={`${I}-remove`} aria-label={t('guidanceAdmin.editor.removeNamed', { n: i + 1 })} onClick={() => removeQuestion(i)}>
            {t('guidanceAdmin.editor.remove')}
          </button>
        </div>
      </fieldset>
    );
  };

  const title = draft.mode === 'version' && draft.base
    ? t('guidanceAdmin.editor.versionTitle', { title: start.title[lang] || start.title.fi, version: draft.base.version + 1 })
    : t('guidanceAdmin.editor.newTitle');
  return (
    <section className="battery-editor panel" aria-labelledby="battery-editor-title" data-qa="battery-editor">
      <Heading variant="h2" id="battery-editor-title" ref={headingRef} tabIndex={-1}>{title}</Heading>
      <p className="hint" data-qa="battery-editor-versions-note">{t('guidanceAdmin.batteries.versionsNote')}</p>
      <form onSubmit={submit} noValidate data-qa="battery-form" aria-labelledby="battery-editor-title">
        <ErrorSummary title={t('guidanceAdmin.editor.errorsTitle')} errors={summary} qa="battery-errors" />
        {err('') && <Notice kind="error" qa="battery-form-error">{err('')}</Notice>}
        {save.isError && !(save.error instanceof ApiError && save.error.problem.errors?.length) && (
          <Notice kind="error" qa="battery-save-failed">{problemMessage(save.error, t('guidanceAdmin.editor.saveFailed'))}</Notice>
        )}
        <div className="form-grid">
          {draft.mode === 'new'
            ? <TextField id="battery-code" label={t('guidanceAdmin.editor.code')} hint={t('guidanceAdmin.editor.codeHint')} value={draft.code} onChange={(v) => setDraft((d) => ({ ...d, code: v }))} maxLength={40} error={err('code')} />
            : <p className="field" data-qa="battery-code-fixed"><span className="label-like">{t('guidanceAdmin.editor.code')}</span><br /><code>{draft.code}</code></p>}
          <SelectField id="battery-area" label={t('guidanceAdmin.editor.area')} value={draft.area} onChange={(v) => setDraft((d) => ({ ...d, area: v as BatteryArea }))} options={areaOptions} error={err('area')} />
        </div>
        {langs({ k: 'title', id: 'battery-title', legend: t('guidanceAdmin.editor.title'), value: draft.title, onChange: (v) => setDraft((d) => ({ ...d, title: v })) })}

        <Heading variant="h3" id="battery-questions-title">{t('guidanceAdmin.editor.questionsCount', { count: n })}</Heading>
        <p className="hint">{t('guidanceAdmin.editor.questionsHint')}</p>
        {draft.questions.map(question)}
        {groupError('battery-add-question', 'questions')}
        <p>
          <Button variant="secondary" id="battery-add-question" data-qa="battery-add-question" disabled={n >= 80} onClick={addQuestion}
            aria-describedby={err('questions') ? 'battery-add-question-error' : undefined}>
            {t('guidanceAdmin.editor.addQuestion')}
          </Button>
        </p>
        <p className="visually-hidden" role="status" data-qa="battery-editor-status">{announce}</p>
        <div className="actions">
          <Button type="submit" disabled={save.isPending} data-qa="battery-save">
            {draft.mode === 'version' ? t('guidanceAdmin.editor.saveVersion') : t('guidanceAdmin.editor.saveNew')}
          </Button>
          <Button variant="secondary" onClick={onCancel} data-qa="battery-cancel">{t('guidanceAdmin.editor.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}
