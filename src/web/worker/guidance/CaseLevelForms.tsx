import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'suomifi-ui-components';
import type { z } from 'zod';
import type { caseLevelSchema, GuidanceCase, levelResultSchema } from '../../../server/features/guidance/guidance.schemas';
import { Notice, SelectField, TextField } from '../../lib/fields';
import { useMe } from '../session';
import { caseKeys } from './case-keys';
import { useColleagues, useGuidanceAction } from './use-guidance';

type CaseLevelChange = z.input<typeof caseLevelSchema>;
type LevelResult = z.infer<typeof levelResultSchema>;

/**
 * The case's level and its responsible worker: raise 2 → 3 (with the responsible worker), lower
 * 3 → 2 (with the reason), and at level 3 change the responsible worker.
 */
export function CaseLevelForms({ c }: { c: GuidanceCase }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const colleagues = useColleagues();
  const target = c.level === 3 ? 2 : 3;
  const [open, setOpen] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const [responsible, setResponsible] = useState('');
  const [newResponsible, setNewResponsible] = useState('');
  const change = useGuidanceAction<CaseLevelChange, LevelResult>(`/api/guidance/cases/${c.id}/level`, caseKeys(c.id));
  const reassign = useGuidanceAction<{ userId: string }, { ok: true }>(`/api/guidance/cases/${c.id}/responsible`, caseKeys(c.id), 'PUT');
  const isOpen = open ?? c.signals.proposedLevel === 3;
  const people = (colleagues.data?.items ?? []).map((p) => ({ value: p.id, label: p.id === me?.id ? t('guidance.me', { name: p.name }) : p.name }));
  const responsibleId = responsible || c.responsible?.id || me?.id || '';
  const reassignTo = newResponsible || c.responsible?.id || '';

  const submitLevel = (e: FormEvent) => {
    e.preventDefault();
    change.runAsync({ level: target, reason: reason.trim() || undefined, responsibleUserId: target === 3 ? responsibleId || undefined : undefined })
      .then(() => setReason(''), () => undefined);
  };
  const submitResponsible = (e: FormEvent) => {
    e.preventDefault();
    if (reassignTo) reassign.run({ userId: reassignTo });
  };

  return (
    <details className="case-level-forms" open={isOpen} onToggle={(e) => { if (e.currentTarget.open !== isOpen) setOpen(e.currentTarget.open); }} data-qa="case-level-forms">
      <summary data-qa="case-level-toggle">{t(c.level === 3 ? 'guidance.caseLevel.title3' : 'guidance.caseLevel.title2')}</summary>
      {change.succeeded && change.data && <Notice kind="success" qa="case-level-changed">{t('guidance.caseLevel.changed', { level: change.data.level })}</Notice>}
      <form onSubmit={submitLevel} noValidate data-qa="case-level-form" className="guidance-form">
        <p className="hint">{t(target === 3 ? 'guidance.caseLevel.raiseHint' : 'guidance.caseLevel.lowerHint')}</p>
        <TextField id="case-level-reason" label={t('guidance.section.reason')} value={reason} onChange={setReason} maxLength={500} error={change.errors.reason} />
        {target === 3 && (
          <SelectField id="case-level-responsible" label={t('guidance.responsible')} value={responsibleId} onChange={setResponsible} options={people} error={change.errors.responsibleUserId} />
        )}
        {change.errors.form && <Notice kind="error" qa="case-level-error">{change.errors.form}</Notice>}
        <Button type="submit" variant={target === 3 ? 'default' : 'secondary'} disabled={change.busy} data-qa="case-level-submit">
          {t(target === 3 ? 'guidance.caseLevel.raise' : 'guidance.caseLevel.lower')}
        </Button>
      </form>
      {c.level === 3 && (
        <form onSubmit={submitResponsible} noValidate data-qa="case-responsible-form" className="guidance-form">
          <SelectField id="case-responsible" label={t('guidance.caseLevel.newResponsible')} value={reassignTo} onChange={setNewResponsible} options={people} empty={c.responsible ? undefined : ''}
            error={reassign.errors.userId} />
          {reassign.succeeded && <Notice kind="success" qa="case-responsible-changed">{t('guidance.caseLevel.responsibleChanged')}</Notice>}
          {reassign.errors.form && <Notice kind="error" qa="case-responsible-error">{reassign.errors.form}</Notice>}
          <Button type="submit" variant="secondary" disabled={reassign.busy || !reassignTo || reassignTo === c.responsible?.id} data-qa="case-responsible-submit">
            {t('guidance.caseLevel.changeResponsible')}
          </Button>
        </form>
      )}
    </details>
  );
}
