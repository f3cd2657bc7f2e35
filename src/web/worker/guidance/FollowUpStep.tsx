import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import type {
  FollowUp, followUpDoneResultSchema, followUpDoneSchema, followUpInputSchema, GuidanceCase, outreachInputSchema, outreachResultSchema,
} from '../../../server/features/guidance/guidance.schemas';
import { Notice, SelectField, TextField } from '../../lib/fields';
import { formatDate, formatDateTime, type Lang } from '../../lib/i18n';
import { useMe } from '../session';
import { sortFollowUps } from './guidance-logic';
import { caseKeys } from './case-keys';
import { useColleagues, useGuidanceAction } from './use-guidance';

type NewFollowUp = z.input<typeof followUpInputSchema>;
type FollowUpDone = z.input<typeof followUpDoneSchema>;
type FollowUpDoneResult = z.infer<typeof followUpDoneResultSchema>;
type NewOutreach = z.input<typeof outreachInputSchema>;
type OutreachResult = z.infer<typeof outreachResultSchema>;
const METHODS = ['phone', 'letter', 'home_visit', 'via_network', 'secure_email'] as const;
const OUTREACH_RESULTS = ['reached', 'no_answer', 'message_left', 'declined'] as const;

/**
 * Step 4: follow-ups on agreed days (a task in the worker's list) and what came of them; a
 * follow-up that did not reach the person books the next outreach by itself. The outreach attempts
 * are logged, counted since the person was last reached ("ei luovuteta").
 */
export function FollowUpStep({ c }: { c: GuidanceCase }) {
  const { t } = useTranslation();
  const { open, done } = sortFollowUps(c.followUps);
  const [nextOutreach, setNextOutreach] = useState<FollowUpDoneResult['nextOutreach']>(null);
  const caseOpen = c.status === 'open';
  return (
    <>
      {c.followUps.length === 0 && <p data-qa="follow-ups-none">{t('guidance.followUps.none')}</p>}
      {nextOutreach && <NextOutreachNotice dueOn={nextOutreach.dueOn} />}
      {open.length > 0 && (
        <>
          <p className="guidance-label" id="follow-ups-open-title">{t('guidance.followUps.open')}</p>
          <ul className="compact-list follow-ups" aria-labelledby="follow-ups-open-title" data-qa="follow-ups-open">
            {open.map((f) => <OpenFollowUp key={f.id} f={f} caseId={c.id} canAct={caseOpen} onNotReached={setNextOutreach} />)}
          </ul>
        </>
      )}
      {done.length > 0 && (
        <>
          <p className="guidance-label" id="follow-ups-done-title">{t('guidance.followUps.done')}</p>
          <ul className="compact-list follow-ups" aria-labelledby="follow-ups-done-title" data-qa="follow-ups-done">
            {done.map((f) => <DoneFollowUp key={f.id} f={f} />)}
          </ul>
        </>
      )}
      {caseOpen && <BookFollowUp c={c} />}
      <Outreach c={c} />
    </>
  );
}

function NextOutreachNotice({ dueOn }: { dueOn: string }) {
  const { t, i18n } = useTranslation();
  return <Notice qa="follow-up-next-outreach">{t('guidance.followUps.nextOutreach', { date: formatDate(dueOn, i18n.language as Lang) })}</Notice>;
}

function FollowUpLine({ f }: { f: FollowUp }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <>
      <strong>{formatDate(f.dueOn, lang)}</strong>
      {' · '}<span data-qa="follow-up-kind">{t(`guidance.followUps.kinds.${f.kind}`)}</span>
      {f.purpose && <> · <span data-qa="follow-up-purpose-text">{f.purpose}</span></>}
      {f.assignedTo && <> · {f.assignedTo.name}</>}
      {f.overdue && <> <span className="badge overdue" data-qa="follow-up-overdue">{t('guidance.followUps.overdue')}</span></>}
    </>
  );
}

function OpenFollowUp({ f, caseId, canAct, onNotReached }: { f: FollowUp; caseId: string; canAct: boolean; onNotReached: (n: FollowUpDoneResult['nextOutreach']) => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const mark = useGuidanceAction<FollowUpDone, FollowUpDoneResult>(`/api/guidance/follow-ups/${f.id}/done`, caseKeys(caseId));
  const id = `follow-up-${f.id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!result);
    if (!result) { document.getElementById(`${id}-result`)?.focus(); return; }
    mark.runAsync({ result: result as FollowUpDone['result'], note: note.trim() || undefined }).then((r) => onNotReached(r.nextOutreach), () => undefined);
  };
  return (
    <li data-qa="follow-up-open" data-kind={f.kind}>
      <FollowUpLine f={f} />
      {canAct && (
        <details className="follow-up-done">
          <summary data-qa="follow-up-done-toggle">{t('guidance.followUps.markDone')}</summary>
          <form onSubmit={submit} noValidate className="guidance-form" aria-label={t('guidance.followUps.markDoneOf', { purpose: f.purpose ?? t(`guidance.followUps.kinds.${f.kind}`) })}>
            <div className="form-grid">
              <SelectField id={`${id}-result`} qa="follow-up-result" label={t('guidance.followUps.result')} value={result} onChange={setResult} empty=""
                options={(['reached', 'not_reached'] as const).map((r) => ({ value: r, label: t(`guidance.followUps.results.${r}`) }))} error={mark.errors.result ?? (missing && !result ? t('guidance.followUps.resultMissing') : undefined)} />
              <TextField id={`${id}-note`} qa="follow-up-note" label={t('guidance.note')} value={note} onChange={setNote} maxLength={2000} error={mark.errors.note} />
            </div>
            {mark.errors.form && <Notice kind="error" qa="follow-up-done-error">{mark.errors.form}</Notice>}
            <Button type="submit" variant="secondary" disabled={mark.busy} data-qa="follow-up-done-submit">{t('guidance.followUps.saveDone')}</Button>
          </form>
        </details>
      )}
    </li>
  );
}

function DoneFollowUp({ f }: { f: FollowUp }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <li data-qa="follow-up-done" data-kind={f.kind} data-result={f.result ?? ''}>
      <FollowUpLine f={f} />
      {' · '}<span data-qa="follow-up-result-text">{f.result ? t(`guidance.followUps.results.${f.result}`) : f.cancelledAt ? t('guidance.followUps.cancelled') : ''}</span>
      {f.doneAt && <> {formatDateTime(f.doneAt, lang)}</>}
      {f.doneOnTime !== null && <> · {t(f.doneOnTime ? 'guidance.followUps.onTime' : 'guidance.followUps.late')}</>}
      {f.note && <> · {f.note}</>}
    </li>
  );
}

function BookFollowUp({ c }: { c: GuidanceCase }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const colleagues = useColleagues();
  const [form, setForm] = useState({ dueOn: '', purpose: '', assignee: '' });
  const book = useGuidanceAction<NewFollowUp, { id: string }>(`/api/guidance/cases/${c.id}/follow-ups`, caseKeys(c.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    book.runAsync({ dueOn: form.dueOn, purpose: form.purpose, assignedUserId: form.assignee || undefined })
      .then(() => setForm({ dueOn: '', purpose: '', assignee: '' }), () => undefined);
  };
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <form onSubmit={submit} noValidate className="guidance-form" data-qa="follow-up-form" aria-labelledby="follow-up-form-title">
      <Heading variant="h3" id="follow-up-form-title" className="case-subheading">{t('guidance.followUps.bookTitle')}</Heading>
      <div className="form-grid">
        <TextField id="follow-up-due" type="date" label={t('guidance.followUps.due')} value={form.dueOn} onChange={set('dueOn')} error={book.errors.dueOn} />
        <TextField id="follow-up-purpose" label={t('guidance.followUps.purpose')} value={form.purpose} onChange={set('purpose')} maxLength={500} error={book.errors.purpose} />
        <SelectField id="follow-up-assignee" label={t('guidance.followUps.assignee')} value={form.assignee} onChange={set('assignee')}
          empty={t('guidance.followUps.assigneeDefault', { name: c.responsible?.name ?? '–' })}
          options={(colleagues.data?.items ?? []).map((p) => ({ value: p.id, label: p.id === me?.id ? t('guidance.me', { name: p.name }) : p.name }))} error={book.errors.assignedUserId} />
      </div>
      {book.succeeded && <Notice kind="success" qa="follow-up-booked">{t('guidance.followUps.booked')}</Notice>}
      {book.errors.form && <Notice kind="error" qa="follow-up-error">{book.errors.form}</Notice>}
      <Button type="submit" disabled={book.busy} data-qa="follow-up-book">{t('guidance.followUps.book')}</Button>
    </form>
  );
}

function Outreach({ c }: { c: GuidanceCase }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form, setForm] = useState({ method: 'phone', result: '', note: '' });
  const [missing, setMissing] = useState(false);
  const log = useGuidanceAction<NewOutreach, OutreachResult>(`/api/guidance/cases/${c.id}/outreach`, caseKeys(c.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!form.result);
    if (!form.result) { document.getElementById('outreach-result')?.focus(); return; }
    log.runAsync({ method: form.method as NewOutreach['method'], result: form.result as NewOutreach['result'], note: form.note.trim() || undefined })
      .then(() => setForm((f) => ({ ...f, result: '', note: '' })), () => undefined);
  };
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <section aria-labelledby="outreach-title" data-qa="outreach">
      <Heading variant="h3" id="outreach-title" className="case-subheading">{t('guidance.outreach.title')}</Heading>
      <p className="hint">{t('guidance.outreach.hint')}</p>
      <p data-qa="outreach-count" className={c.attemptsSinceReached > 0 ? 'outreach-count pending' : 'outreach-count'}>
        {t('guidance.outreach.count', { count: c.attemptsSinceReached })}
      </p>
      {c.outreach.length > 0 && (
        <ul className="compact-list" data-qa="outreach-attempts">
          {c.outreach.map((o) => (
            <li key={o.id} data-qa="outreach-attempt" data-result={o.result}>
              {formatDateTime(o.at, lang)} · {t(`guidance.outreach.methods.${o.method}`)} · <strong>{t(`guidance.outreach.results.${o.result}`)}</strong>
              {o.by ? ` · ${o.by}` : ''}{o.note ? ` · ${o.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      {c.status === 'open' && (
        <form onSubmit={submit} noValidate className="guidance-form" data-qa="outreach-form" aria-label={t('guidance.outreach.formLabel')}>
          <div className="form-grid">
            <SelectField id="outreach-method" label={t('guidance.outreach.method')} value={form.method} onChange={set('method')}
              options={METHODS.map((m) => ({ value: m, label: t(`guidance.outreach.methods.${m}`) }))} error={log.errors.method} />
            <SelectField id="outreach-result" label={t('guidance.outreach.result')} value={form.result} onChange={set('result')} empty=""
              options={OUTREACH_RESULTS.map((r) => ({ value: r, label: t(`guidance.outreach.results.${r}`) }))} error={log.errors.result ?? (missing && !form.result ? t('guidance.outreach.resultMissing') : undefined)} />
            <TextField id="outreach-note" label={t('guidance.note')} value={form.note} onChange={set('note')} maxLength={2000} error={log.errors.note} />
          </div>
          {log.errors.form && <Notice kind="error" qa="outreach-error">{log.errors.form}</Notice>}
          <Button type="submit" variant="secondary" disabled={log.busy} data-qa="outreach-submit">{t('guidance.outreach.submit')}</Button>
        </form>
      )}
    </section>
  );
}
