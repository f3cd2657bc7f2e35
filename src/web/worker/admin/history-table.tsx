import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../lib/api';
import { formatDateTime, type Lang } from '../../lib/i18n';
import { Notice } from '../../lib/fields';
import { useAdminHistory } from './lines-api';
import { changedKeys, valueText } from './lines-logic';

/**
 * Administrative changes (issue 18), newest first: who, when, which object, what kind of change,
 * and each changed key as "before → after". For the history page and a line's own page.
 */
export function HistoryTable({ objectType, objectKey, caption, qa = 'history-table' }: { objectType?: string; objectKey?: string; caption: string; qa?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const history = useAdminHistory({ objectType, objectKey });
  if (history.isError) return <Notice kind="error" qa={`${qa}-failed`}>{problemMessage(history.error, t('admin.history.failed'))}</Notice>;
  if (!history.data) return <p>{t('common.loading')}</p>;
  const items = history.data.items;
  return (
    <div className="admin-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data history-table" data-qa={qa}>
        <caption>
          <strong>{caption}</strong>{' '}
          <span data-qa={`${qa}-total`}>({t('admin.history.total', { count: history.data.total })})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.history.cols.at')}</th>
            <th scope="col">{t('admin.history.cols.actor')}</th>
            <th scope="col">{t('admin.history.cols.object')}</th>
            <th scope="col">{t('admin.history.cols.action')}</th>
            <th scope="col">{t('admin.history.cols.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && <tr><td colSpan={5} data-qa={`${qa}-none`}>{t('admin.history.none')}</td></tr>}
          {items.map((h) => {
            const changes = changedKeys(h.before, h.after);
            const v = (x: unknown) => valueText(x, t('admin.history.yes'), t('admin.history.no'));
            return (
              <tr key={h.id} data-qa="history-row" data-object={`${h.objectType}:${h.objectKey}`} data-action={h.action}>
                <td className="nowrap">{formatDateTime(h.at, lang)}</td>
                <td data-qa="history-actor">{h.actor.name}</td>
                <td data-qa="history-object">{t(`admin.history.types.${h.objectType}`)} <code>{h.objectKey}</code></td>
                <td data-qa="history-action">{t(`admin.history.actions.${h.action}`)}</td>
                <td>
                  {changes.length === 0
                    ? t('admin.history.noChanges')
                    : (
                      <ul className="history-diff" data-qa="history-diff">
                        {changes.map((c) => (
                          <li key={c.key} data-qa="history-diff-item">
                            <code>{c.key}</code>: <del>{v(c.before)}</del> {t('admin.history.arrow')} <ins>{v(c.after)}</ins>
                          </li>
                        ))}
                      </ul>
                    )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
