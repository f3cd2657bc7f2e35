import { useTranslation } from 'react-i18next';
import { ensureGuidanceAdminMessages } from './messages';
import './guidance-admin.css';

/**
 * A contact's or a case's guidance level as words, "Taso 2" / "Nivå 2" / "Level 2" (never colour
 * alone): level 2 is client guidance in PAKU's five steps, level 3 intensive service guidance. The
 * caller decides which levels to mark (the queue marks 2 and 3 only).
 */
export function LevelBadge({ level, qa = 'level-badge' }: { level: number; qa?: string }) {
  const { t, i18n } = useTranslation();
  ensureGuidanceAdminMessages(i18n);
  return (
    <span className={`badge guidance-level level-${level}`} data-qa={qa} data-level={level} title={t(`guidanceAdmin.level.names.${level}`, { defaultValue: '' }) || undefined}>
      {t('guidanceAdmin.level.badge', { level })}
    </span>
  );
}
