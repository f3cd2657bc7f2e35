import { useTranslation } from 'react-i18next';
import { formatDateTime, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { useReferenceData } from './reference-data';
import type { EarlierContact } from './contact-actions';

export const contactPath = (id: string) => `/tyo/yhteydenotot/${id}`;

/**
 * An identified person's earlier contacts (same identity code, newest first; the server logs the
 * read): reference linking to the contact, when, channel, reason, how it ended or where it stands,
 * and "soittajana" when the person was the one who called about someone else.
 */
export function EarlierContacts({ items }: { items: EarlierContact[] }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  if (items.length === 0) return <p data-qa="earlier-none">{t('contactDay.earlierNone')}</p>;
  return (
    <>
      <p className="hint">{t('contactDay.earlierHint')}</p>
      <ul className="compact-list earlier-contacts" data-qa="earlier-contacts">
        {items.map((e) => (
          <li key={e.id} data-qa={`earlier-${e.reference}`}>
            <a {...linkProps(contactPath(e.id))} data-qa="earlier-open">{e.reference}</a>
            {' · '}{formatDateTime(e.receivedAt, i18n.language as Lang)}
            {' · '}{ref.label('channel', e.channel)}
            {e.mainReason && <> · {ref.label('reason', e.mainReason)}</>}
            {' · '}<span data-qa="earlier-state">{e.status === 'closed' && e.outcome ? ref.label('outcome', e.outcome) : t(`queue.statusNames.${e.status}`)}</span>
            {e.role === 'caller' && <> · <strong data-qa="earlier-as-caller">{t('contactDay.asCaller')}</strong></>}
          </li>
        ))}
      </ul>
    </>
  );
}
