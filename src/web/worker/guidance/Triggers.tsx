import { useTranslation } from 'react-i18next';
import { TRIGGERS, type TriggerCode } from '../../../domain/codes';
import type { Lang } from '../../lib/i18n';
import { repeatOrdinal } from './guidance-logic';

/** One trigger as a short reason: "kolmas yhteydenotto kahdessa kuukaudessa". */
export function useTriggerReason() {
  const { t } = useTranslation();
  return (code: TriggerCode, contactsInWindow: number) => {
    const n = code === 'repeated_contacts' ? repeatOrdinal(contactsInWindow) : null;
    if (n === null) return t(`guidance.triggerShort.${code}`);
    const ordinal = t(`guidance.ordinals.${n}`, { defaultValue: t('guidance.ordinalOther', { n }) });
    return t('guidance.triggerShort.repeatedNth', { ordinal });
  };
}

/** "Ehdotus: nosta tasolle 2 — kolmas yhteydenotto kahdessa kuukaudessa" as a banner (a status: it is read out when it appears). */
export function LevelProposal({ level, triggers, contactsInWindow, qa = 'guidance-proposal' }: { level: 2 | 3; triggers: TriggerCode[]; contactsInWindow: number; qa?: string }) {
  const { t } = useTranslation();
  const reason = useTriggerReason();
  return (
    <p className="guidance-proposal" role="status" data-qa={qa} data-level={level}>
      {t('guidance.proposal', { level, reasons: triggers.map((c) => reason(c, contactsInWindow)).join(', ') })}
    </p>
  );
}

/** The active multi-service triggers in the county's full words (domain § 10). */
export function TriggerList({ triggers, qa = 'guidance-triggers' }: { triggers: TriggerCode[]; qa?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (triggers.length === 0) return <p className="hint" data-qa={`${qa}-none`}>{t('guidance.noTriggers')}</p>;
  return (
    <div className="guidance-triggers">
      <p id={`${qa}-title`} className="guidance-label">{t('guidance.triggersTitle')}</p>
      <ul className="compact-list" aria-labelledby={`${qa}-title`} data-qa={qa}>
        {triggers.map((c) => <li key={c} data-qa={`trigger-${c}`}>{TRIGGERS[c][lang] ?? TRIGGERS[c].fi}</li>)}
      </ul>
    </div>
  );
}
