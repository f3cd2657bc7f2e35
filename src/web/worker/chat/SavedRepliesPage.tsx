import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import { api, fieldErrors, problemMessage } from '../../lib/api';
import { ErrorSummary, Notice, SelectField, summaryEntries, TextField } from '../../lib/fields';
import type { SavedReplies, SavedReply, savedReplyInputSchema } from '../../../server/features/chat/chat.schemas';
import { CHAT_MAX } from '../chat-panel-logic';
import { ensureChatMessages } from './messages';
import './chat.css';

type Lang = SavedReply['lang'];
type ReplyBody = z.input<typeof savedReplyInputSchema>;
const LANGS: Lang[] = ['fi', 'sv', 'en'];
const REPLIES_KEY = ['saved-replies'] as const;
interface Draft { id: string | null; lang: Lang; title: string; body: string; sortOrder: string }
const emptyDraft = (lang: Lang): Draft => ({ id: null, lang, title: '', body: '', sortOrder: '0' });

/**
 * The county's saved replies (issue 16), for supervisors: listed by language and order, added,
 * edited and removed (`/api/chats/saved-replies`). Workers send them into a chat in the resident's
 * language. Removing asks once more in the row itself.
 */
export function SavedRepliesSection() {
  const { t, i18n } = useTranslation();
  ensureChatMessages(i18n);
  const client = useQueryClient();
  const [filter, setFilter] = useState<'' | Lang>('');
  const list = useQuery({ queryKey: [...REPLIES_KEY, 'all'], queryFn: () => api<SavedReplies>('/api/chats/saved-replies') });
  const items = (list.data?.items ?? []).filter((r) => !filter || r.lang === filter)
    .sort((a, b) => LANGS.indexOf(a.lang) - LANGS.indexOf(b.lang) || a.sortOrder - b.sortOrder || a.title.localeCompare(b.title));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: REPLIES_KEY });

  const save = useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ReplyBody }) =>
      api<SavedReply>(id ? `/api/chats/saved-replies/${id}` : '/api/chats/saved-replies', { method: id ? 'PUT' : 'POST', body, lang: i18n.language }),
    onSuccess: async () => { setDraft(null); setStatus(t('staffChat.replies.saved')); await refresh(); },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/chats/saved-replies/${id}`, { method: 'DELETE', lang: i18n.language }),
    onSuccess: async () => { setConfirming(null); setStatus(t('staffChat.replies.removed')); await refresh(); },
  });

  const fields = {
    lang: { id: 'reply-lang', label: t('staffChat.replies.language') },
    title: { id: 'reply-title', label: t('staffChat.replies.heading') },
    body: { id: 'reply-body', label: t('staffChat.replies.body') },
    sortOrder: { id: 'reply-order', label: t('staffChat.replies.sortOrder') },
  };
  const server = fieldErrors(save.error);
  const serverText: Record<string, string> = Object.fromEntries(Object.keys(server).map((k) => [k, (t(`staffChat.replies.errors.${k}`, { defaultValue: '' }) || server[k])!]));
  const errors = { ...serverText, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const problems: Record<string, string> = {};
    const title = draft.title.trim();
    const body = draft.body.trim();
    const order = draft.sortOrder.trim() === '' ? 0 : /^\d+$/.test(draft.sortOrder.trim()) ? Number(draft.sortOrder.trim()) : Number.NaN;
    if (!title || title.length > 100) problems.title = t('staffChat.replies.errors.title');
    if (!body || body.length > CHAT_MAX) problems.body = t('staffChat.replies.errors.body');
    if (!Number.isInteger(order) || order < 0 || order > 10_000) problems.sortOrder = t('staffChat.replies.errors.sortOrder');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setStatus(null);
    save.mutate({ id: draft.id, body: { lang: draft.lang, title, body, sortOrder: order } });
  };
  const startEdit = (r: SavedReply | null) => {
    save.reset();
    setLocal({});
    setStatus(null);
    setDraft(r ? { id: r.id, lang: r.lang, title: r.title, body: r.body, sortOrder: String(r.sortOrder) } : emptyDraft(filter || 'fi'));
    window.setTimeout(() => document.getElementById('reply-title')?.focus(), 0);
  };
  const set = (k: keyof Draft) => (v: string) => setDraft((d) => (d ? { ...d, [k]: v } : d));

  return (
    <section className="panel" aria-labelledby="saved-replies-title" data-qa="saved-replies-admin">
      <Heading variant="h2" id="saved-replies-title">{t('staffChat.replies.title')}</Heading>
      <p className="hint">{t('staffChat.replies.intro')}</p>
      <div className="actions">
        <SelectField id="replies-filter" label={t('staffChat.replies.language')} value={filter} onChange={(v) => setFilter(v as '' | Lang)} empty={t('staffChat.replies.allLanguages')}
          options={LANGS.map((l) => ({ value: l, label: t(`common.languages.${l}`) }))} />
        {!draft && <Button variant="secondary" onClick={() => startEdit(null)} data-qa="reply-add">{t('staffChat.replies.add')}</Button>}
      </div>
      {status && <Notice kind="success" qa="replies-status">{status}</Notice>}
      {list.isError && <Notice kind="error">{problemMessage(list.error, t('common.error'))}</Notice>}
      {remove.isError && <Notice kind="error" qa="reply-remove-failed">{problemMessage(remove.error, t('staffChat.replies.failed'))}</Notice>}

      {draft && (
        <form onSubmit={submit} noValidate aria-labelledby="reply-form-title" data-qa="reply-form" className="panel">
          <Heading variant="h3" id="reply-form-title">{draft.id ? t('staffChat.replies.editTitle') : t('staffChat.replies.addTitle')}</Heading>
          <ErrorSummary title={t('staffChat.replies.errorsTitle')} errors={summaryEntries(errors, fields, 'reply-title')} qa="reply-errors" />
          <div className="form-grid">
            <SelectField id="reply-lang" label={fields.lang.label} value={draft.lang} onChange={set('lang')} options={LANGS.map((l) => ({ value: l, label: t(`common.languages.${l}`) }))} error={errors.lang} />
            <TextField id="reply-title" label={fields.title.label} value={draft.title} onChange={set('title')} maxLength={100} error={errors.title} />
            <TextField id="reply-order" label={fields.sortOrder.label} hint={t('staffChat.replies.sortOrderHint')} value={draft.sortOrder} onChange={set('sortOrder')} inputMode="numeric" maxLength={5} error={errors.sortOrder} />
          </div>
          <TextField id="reply-body" label={fields.body.label} value={draft.body} onChange={set('body')} multiline rows={5} maxLength={CHAT_MAX} error={errors.body} />
          {save.isError && Object.keys(server).length === 0 && <Notice kind="error" qa="reply-failed">{problemMessage(save.error, t('staffChat.replies.failed'))}</Notice>}
          <div className="actions">
            <Button type="submit" disabled={save.isPending} data-qa="reply-save">{t('staffChat.replies.save')}</Button>
            <Button variant="secondary" onClick={() => { setDraft(null); setLocal({}); }} data-qa="reply-cancel">{t('staffChat.replies.cancel')}</Button>
          </div>
        </form>
      )}

      {list.isSuccess && (
        <table className="data saved-replies-table" data-qa="saved-replies-table">
          <caption><strong>{t('staffChat.replies.count', { count: items.length })}</strong></caption>
          <thead>
            <tr>
              <th scope="col">{t('staffChat.replies.heading')}</th><th scope="col">{t('staffChat.replies.language')}</th>
              <th scope="col">{t('staffChat.replies.body')}</th><th scope="col" className="num">{t('staffChat.replies.sortOrder')}</th><th scope="col">{t('staffChat.replies.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && <tr><td colSpan={5} data-qa="saved-replies-none">{t('staffChat.replies.none')}</td></tr>}
            {items.map((r) => (
              <tr key={r.id} data-qa="saved-reply-row">
                <th scope="row" data-qa="saved-reply-title">{r.title}</th>
                <td>{t(`common.languages.${r.lang}`)}</td>
                <td className="body" lang={r.lang}>{r.body}</td>
                <td className="num">{r.sortOrder}</td>
                <td>
                  {confirming === r.id ? (
                    <span role="group" aria-label={t('staffChat.replies.confirmRemove', { title: r.title })}>
                      <span>{t('staffChat.replies.confirmRemove', { title: r.title })}</span>{' '}
                      <button type="button" className="link" onClick={() => remove.mutate(r.id)} disabled={remove.isPending} data-qa="saved-reply-confirm-remove">{t('staffChat.replies.confirm')}</button>{' '}
                      <button type="button" className="link" onClick={() => setConfirming(null)} data-qa="saved-reply-cancel-remove">{t('staffChat.replies.cancel')}</button>
                    </span>
                  ) : (
                    <>
                      <button type="button" className="link" onClick={() => startEdit(r)} aria-label={t('staffChat.replies.editNamed', { title: r.title })} data-qa="saved-reply-edit">{t('staffChat.replies.edit')}</button>{' '}
                      <button type="button" className="link" onClick={() => { setStatus(null); setConfirming(r.id); }} aria-label={t('staffChat.replies.removeNamed', { title: r.title })} data-qa="saved-reply-remove">{t('staffChat.replies.remove')}</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
