import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { linkProps, usePath } from '../../lib/router';
import { setTitlePart } from '../tab-title';
import { unreadChats } from '../chat-panel-logic';
import { ensureChatMessages } from './messages';
import { useChatSeen, useMyChats } from './use-chat';
import './chat.css';

const contactPath = (id: string) => `/tyo/yhteydenotot/${id}`;
const currentContact = (path: string) => /^\/tyo\/yhteydenotot\/([0-9a-f-]{36})$/.exec(path)?.[1] ?? null;

/** The unread chats now: those with a resident's message the worker has not seen (the chat open in front of them excepted). */
function useUnread() {
  const mine = useMyChats();
  const seen = useChatSeen();
  const path = usePath();
  const visible = typeof document === 'undefined' || document.visibilityState === 'visible';
  return { mine, unread: unreadChats(mine.data?.items ?? [], seen, visible ? currentContact(path) : null), path };
}

/**
 * "Omat chatit" (issue 16): the chats the worker holds now, each a link to its contact, with its
 * state, whether the resident is connected and a mark on one with a message the worker has not
 * seen; the worker's count against the county's maximum, and how many chats wait in the queue.
 * Shows nothing while the worker holds no chat and none waits (or the chat is not in use).
 */
export function MyChats() {
  const { t, i18n } = useTranslation();
  ensureChatMessages(i18n);
  const { mine, unread, path } = useUnread();
  const m = mine.data;
  if (!m || (m.items.length === 0 && m.waiting === 0)) return null;
  return (
    <nav className="my-chats panel" aria-labelledby="my-chats-title" data-qa="my-chats">
      <h2 id="my-chats-title" className="my-chats-title">{t('staffChat.mine.title')}</h2>
      <p className="my-chats-summary">
        <span data-qa="my-chats-count">{t('staffChat.mine.count', { n: m.total, max: m.maxPerWorker })}</span>
        {' · '}
        <span data-qa="my-chats-waiting">{t('staffChat.mine.waiting', { count: m.waiting })}</span>
      </p>
      {m.items.length > 0 && (
        <ul className="my-chats-list">
          {m.items.map((c) => {
            const here = path === contactPath(c.contactId);
            return (
              <li key={c.contactId} data-qa={`my-chat-${c.reference}`}>
                <a {...linkProps(contactPath(c.contactId))} aria-current={here ? 'page' : undefined} className="reference" data-qa="my-chat-open">{c.reference}</a>
                {' '}<span className="hint">{t(`staffChat.mine.statuses.${c.status}`)}</span>
                {c.status !== 'ended' && (
                  <> · <span className={c.residentOnline ? 'chat-presence-dot online' : 'chat-presence-dot'} aria-hidden="true" />
                    <span className="hint">{t(c.residentOnline ? 'staffChat.mine.online' : 'staffChat.mine.offline')}</span></>
                )}
                {c.acute && <> <span className="badge acute">{t('staffChat.mine.acute')}</span></>}
                {unread.has(c.contactId) && <> <span className="badge new" data-qa="my-chat-unread">{t('staffChat.mine.unread')}</span></>}
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}

/** Mount once for a guidance worker (WorkerApp): the tab's title counts the chats with an unseen message, "(2) Chat – …". */
export function ChatTitle() {
  const { t, i18n } = useTranslation();
  ensureChatMessages(i18n);
  const { unread } = useUnread();
  const count = unread.size;
  useEffect(() => { setTitlePart('chat', count ? `(${count}) ${t('staffChat.mine.tabTitle')}` : null); }, [count, t]);
  useEffect(() => () => setTitlePart('chat', null), []);
  return null;
}
