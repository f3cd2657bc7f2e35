import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import type { GuidanceCase, meetingInputSchema, meetingRecordSchema } from '../../../server/features/guidance/guidance.schemas';
import { TRIGGER_CODES, TRIGGERS, type TriggerCode } from '../../../domain/codes';
import { CheckboxGroup, Notice, TextField } from '../../lib/fields';
import { formatDate, formatDateTime, type Lang } from '../../lib/i18n';
import { emptyParticipant, participantsBody, rowErrors, type ParticipantRow } from './guidance-logic';
import { caseKeys } from './case-keys';
import { useGuidanceAction } from './use-guidance';

type NewMeeting = z.input<typeof meetingInputSchema>;
type MeetingRecord = z.input<typeof meetingRecordSchema>;
type Meeting = GuidanceCase['meetings'][number];

/**
 * Level 3: the multi-professional meeting (yhteisasiakas). Proposed by the triggers, arranged with
 * its reasons, day and participants, then recorded as held with who took part and what was decided.
 */
export function MeetingsSection({ c }: { c: GuidanceCase }) {
  const { t } = useTranslation();
  const caseOpen = c.status === 'open';
  const hasOpen = c.meetings.some((m) => m.status === 'proposed');
  return (
    <>
      {c.meetings.length === 0 && <p data-qa="meetings-none">{t('guidance.meetings.none')}</p>}
      {c.meetings.length > 0 && (
        <ul className="compact-list meetings" data-qa="meetings">
          {c.meetings.map((m) => <MeetingItem key={m.id} m={m} caseId={c.id} canAct={caseOpen} />)}
        </ul>
      )}
      {caseOpen && c.level === 3 && !hasOpen && <ProposeMeeting c={c} />}
    </>
  );
}

function participantsText(m: Meeting): string {
  return m.participants.map((p) => [p.name, p.organisation, p.role].filter(Boolean).join(', ')).join('; ');
}

function MeetingItem({ m, caseId, canAct }: { m: Meeting; caseId: string; canAct: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const cancel = useGuidanceAction<void, { ok: true }>(`/api/guidance/meetings/${m.id}/cancel`, caseKeys(caseId));
  return (
    <li data-qa="meeting" data-status={m.status}>
      <p>
        <strong data-qa="meeting-status">{t(`guidance.meetings.statuses.${m.status}`)}</strong>
        {m.heldOn ? ` · ${formatDate(m.heldOn, lang, { year: true })}` : m.plannedOn ? ` · ${t('guidance.meetings.plannedFor', { date: formatDate(m.plannedOn, lang, { year: true }) })}` : ''}
        {' · '}{t('guidance.meetings.reasonsShort')}: {m.reasons.map((r) => TRIGGERS[r][lang]).join('; ')}
        {' · '}<span className="hint">{t('guidance.meetings.proposedAt', { date: formatDateTime(m.at, lang) })}</span>
      </p>
      {m.participants.length > 0 && <p data-qa="meeting-participants">{t('guidance.meetings.participants')}: {participantsText(m)}</p>}
      {m.decisions && <p data-qa="meeting-decisions" className="meeting-decisions">{t('guidance.meetings.decisions')}: {m.decisions}</p>}
      {canAct && m.status === 'proposed' && (
        <>
          <RecordMeeting m={m} caseId={caseId} />
          <p className="actions">
            <Button variant="secondaryNoBorder" type="button" onClick={() => cancel.run()} disabled={cancel.busy} data-qa="meeting-cancel">{t('guidance.meetings.cancel')}</Button>
          </p>
          {cancel.errors.form && <Notice kind="error" qa="meeting-cancel-error">{cancel.errors.form}</Notice>}
        </>
      )}
    </li>
  );
}

/** Rows of participants, each a name, an organisation and a role; add and remove rows. */
function Participants({ idPrefix, rows, setRows, errors }: { idPrefix: string; rows: ParticipantRow[]; setRows: (f: (r: ParticipantRow[]) => ParticipantRow[]) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ParticipantRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);
  return (
    <fieldset className="field-group" data-qa={`${idPrefix}-participants`} aria-describedby={errors.participants ? `${idPrefix}-participants-error` : undefined}>
      <legend>{t('guidance.meetings.participants')}</legend>
      {rows.map((r, i) => (
        <fieldset key={i} className="plan-row participant" data-qa={`${idPrefix}-participant`}>
          <legend>{t('guidance.meetings.participant', { n: i + 1 })}</legend>
          <div className="form-grid">
            <TextField id={`${idPrefix}-participant-name-${i}`} label={t('guidance.meetings.name')} value={r.name} onChange={(v) => set(i, { name: v })} maxLength={200} error={errors[`participants.${i}.name`]} />
            <TextField id={`${idPrefix}-participant-organisation-${i}`} label={t('guidance.meetings.organisation')} hint={t('guidance.meetings.organisationHint')} value={r.organisation}
              onChange={(v) => set(i, { organisation: v })} maxLength={200} error={errors[`participants.${i}.organisation`]} />
            <TextField id={`${idPrefix}-participant-role-${i}`} label={t('guidance.meetings.role')} value={r.role} onChange={(v) => set(i, { role: v })} maxLength={200} error={errors[`participants.${i}.role`]} />
          </div>
          {rows.length > 1 && (
            <Button variant="secondaryNoBorder" type="button" data-qa={`${idPrefix}-remove-participant-${i}`}
              onClick={() => { setRows((rs) => rs.filter((_, j) => j !== i)); focusLater(`${idPrefix}-add-participant`); }}>
              {t('guidance.meetings.removeParticipant', { n: i + 1 })}
            </Button>
          )}
        </fieldset>
      ))}
      {errors.participants && <span id={`${idPrefix}-participants-error`} className="error">{errors.participants}</span>}
      <Button variant="secondary" type="button" id={`${idPrefix}-add-participant`} data-qa={`${idPrefix}-add-participant`}
        onClick={() => { setRows((rs) => [...rs, emptyParticipant()]); focusLater(`${idPrefix}-participant-name-${rows.length}`); }}>
        {t('guidance.meetings.addParticipant')}
      </Button>
    </fieldset>
  );
}

/** The API's `participants.N.*` errors on the form's rows (empty rows are not sent). */
function participantErrors(errors: Record<string, string>, rows: ParticipantRow[]): Record<string, string> {
  const sent = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.name.trim() !== '' || r.organisation.trim() !== '').map(({ i }) => i);
  return { ...rowErrors(errors, 'participants', sent), ...(errors.participants ? { participants: errors.participants } : {}) };
}

function ProposeMeeting({ c }: { c: GuidanceCase }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [open, setOpen] = useState<boolean | null>(null);
  // the triggers active now, until the worker chooses otherwise (an assessment may add one while the form is open)
  const [chosen, setReasons] = useState<string[] | null>(null);
  const reasons = chosen ?? c.signals.triggers;
  const [plannedOn, setPlannedOn] = useState('');
  const [rows, setRows] = useState<ParticipantRow[]>([emptyParticipant()]);
  const propose = useGuidanceAction<NewMeeting, { id: string }>(`/api/guidance/cases/${c.id}/meetings`, caseKeys(c.id));
  const isOpen = open ?? c.signals.proposeMeeting;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.run({ reasons: reasons as TriggerCode[], plannedOn: plannedOn || undefined, participants: participantsBody(rows) });
  };
  return (
    <details className="meeting-propose" open={isOpen} onToggle={(e) => { if (e.currentTarget.open !== isOpen) setOpen(e.currentTarget.open); }} data-qa="meeting-propose">
      <summary data-qa="meeting-propose-toggle">{t('guidance.meetings.proposeTitle')}</summary>
      <form onSubmit={submit} noValidate className="guidance-form" data-qa="meeting-form" aria-label={t('guidance.meetings.proposeTitle')}>
        <CheckboxGroup id="meeting-reasons" legend={t('guidance.meetings.reasons')} values={reasons} onChange={setReasons} error={propose.errors.reasons}
          options={TRIGGER_CODES.map((code) => ({ value: code, label: TRIGGERS[code][lang] }))} />
        <TextField id="meeting-planned-on" type="date" label={t('guidance.meetings.plannedOn')} value={plannedOn} onChange={setPlannedOn} error={propose.errors.plannedOn} />
        <Participants idPrefix="meeting" rows={rows} setRows={setRows} errors={participantErrors(propose.errors, rows)} />
        {propose.errors.form && <Notice kind="error" qa="meeting-error">{propose.errors.form}</Notice>}
        <Button type="submit" disabled={propose.busy} data-qa="meeting-submit">{t('guidance.meetings.propose')}</Button>
      </form>
    </details>
  );
}

function RecordMeeting({ m, caseId }: { m: Meeting; caseId: string }) {
  const { t } = useTranslation();
  const [heldOn, setHeldOn] = useState('');
  const [decisions, setDecisions] = useState('');
  const [rows, setRows] = useState<ParticipantRow[]>(m.participants.length
    ? m.participants.map((p) => ({ name: p.name, organisation: p.organisation, role: p.role ?? '' }))
    : [emptyParticipant()]);
  const record = useGuidanceAction<MeetingRecord, { ok: true }>(`/api/guidance/meetings/${m.id}/record`, caseKeys(caseId));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.run({ heldOn, participants: participantsBody(rows), decisions });
  };
  return (
    <details className="meeting-record" data-qa="meeting-record">
      <summary data-qa="meeting-record-toggle">{t('guidance.meetings.recordTitle')}</summary>
      <form onSubmit={submit} noValidate className="guidance-form" data-qa="meeting-record-form" aria-labelledby="meeting-record-title">
        <Heading variant="h3" id="meeting-record-title" className="visually-hidden">{t('guidance.meetings.recordTitle')}</Heading>
        <TextField id="meeting-held-on" type="date" label={t('guidance.meetings.heldOn')} value={heldOn} onChange={setHeldOn} error={record.errors.heldOn} />
        <Participants idPrefix="meeting-record" rows={rows} setRows={setRows} errors={participantErrors(record.errors, rows)} />
        <TextField id="meeting-decisions" label={t('guidance.meetings.decisions')} hint={t('guidance.meetings.decisionsHint')} value={decisions} onChange={setDecisions} multiline rows={4} maxLength={4000}
          error={record.errors.decisions} />
        {record.errors.form && <Notice kind="error" qa="meeting-record-error">{record.errors.form}</Notice>}
        <Button type="submit" disabled={record.busy} data-qa="meeting-record-submit">{t('guidance.meetings.record')}</Button>
      </form>
    </details>
  );
}
