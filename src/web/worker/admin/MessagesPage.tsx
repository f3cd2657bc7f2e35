import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { api, ApiError, newIdempotencyKey, problemMessage } from '../../lib/api';
import { fieldErrorText } from '../../lib/i18n';
import { ErrorSummary, Notice, SelectField, summaryEntries, TextField } from '../../lib/fields';
import { checkWording, MESSAGE_LANGS, MESSAGE_TEMPLATES, type MessageChannel, type MessageTemplate, type PlaceholderProblem } from '../../../domain/messages';
import type { messageLogSchema, messageTemplateListSchema, messageTemplateSchema } from '../../../server/features/integration/integration.schemas';
import { AdminNav } from './AdminNav';
import { ensureIntegrationMessages } from './messages-integration';
import { HISTORY_KEY } from './org-common';
import { useWhen } from './IntegrationsPage';
import './admin.css';

type MessageLog = z.infer<typeof messageLogSchema>;
type LogRow = MessageLog['messages'][number];
type Templates = z.infer<typeof messageTemplateListSchema>;
type Template = z.infer<typeof messageTemplateSchema>;

const LOG_KEY = ['admin', 'messages'] as const;
const TEMPLATES_KEY = ['admin', 'message-templates'] as const;
const PAGE = 50;
const STATES = ['pending', 'sent', 'dead', 'skipped'] as const;

/** Whether e-mail and text messages are set up on this deployment. */
function ChannelsSection({ channels }: { channels: MessageLog['channels'] }) {
  const { t } = useTranslation();
  const L = (k: string) => t(`admin.messaging.channels.${k}`);
  return (
    <section className="panel" aria-labelledby="channels-title" data-qa="messages-channels">
      <Heading variant="h2" id="channels-title">{L('title')}</Heading>
      <dl className="admin-facts">
        <dt>{L('email')}</dt><dd data-qa="channel-email" data-on={channels.email}>{channels.email ? L('emailOn') : L('emailOff')}</dd>
        <dt>{L('sms')}</dt><dd data-qa="channel-sms" data-on={!!channels.sms}>{channels.sms ? t('admin.messaging.channels.smsOn', { provider: channels.sms }) : L('smsOff')}</dd>
      </dl>
      <p className="hint">{L('hint')}</p>
    </section>
  );
}

/** The message log: newest first, a state filter, older pages on request. No addresses or contents exist to show. */
function LogSection() {
  const { t } = useTranslation();
  const when = useWhen();
  const [state, setState] = useState('');
  const log = useInfiniteQuery({
    queryKey: [...LOG_KEY, state],
    queryFn: ({ pageParam }) => api<MessageLog>(`/api/admin/messages?limit=${PAGE}${state ? `&state=${state}` : ''}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => (last.messages.length === PAGE ? last.messages[last.messages.length - 1]!.createdAt : undefined),
  });
  const L = (k: string) => t(`admin.messaging.log.${k}`);
  const first = log.data?.pages[0];
  const rows: LogRow[] = log.data?.pages.flatMap((p) => p.messages) ?? [];
  return (
    <>
      {first && <ChannelsSection channels={first.channels} />}
      {first && (
        <section className="panel" aria-labelledby="totals-title" data-qa="messages-totals">
          <Heading variant="h2" id="totals-title">{t('admin.messaging.totals.title')}</Heading>
          <dl className="stats">
            {STATES.map((s) => (
              <div key={s}><dt>{t(`admin.messaging.states.${s}`)}</dt><dd><strong data-qa={`messages-total-${s}`}>{first.totals[s]}</strong></dd></div>
            ))}
          </dl>
        </section>
      )}
      <section className="panel" aria-labelledby="log-title" data-qa="messages-log">
        <Heading variant="h2" id="log-title">{L('title')}</Heading>
        <div className="actions">
          <SelectField id="messages-state" label={L('filter')} value={state} onChange={setState} empty={L('all')}
            options={STATES.map((s) => ({ value: s, label: t(`admin.messaging.states.${s}`) }))} />
        </div>
        {log.isError && <Notice kind="error" qa="messages-failed">{problemMessage(log.error, t('admin.messaging.failed'))}</Notice>}
        {log.isPending && <p>{t('common.loading')}</p>}
        {log.data && (
          <p className="list-summary" role="status" data-qa={rows.length ? 'messages-count' : 'messages-none'}>
            {rows.length ? t('admin.messaging.log.count', { count: rows.length }) : L('none')}
          </p>
        )}
        {rows.length > 0 && (
          <div className="admin-scroll" role="region" aria-label={L('title')} tabIndex={0}>
            <table className="data" data-qa="messages-table">
              <caption className="visually-hidden">{L('title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{L('cols.time')}</th><th scope="col">{L('cols.template')}</th><th scope="col">{L('cols.channel')}</th><th scope="col">{L('cols.recipient')}</th>
                  <th scope="col">{L('cols.reference')}</th><th scope="col">{L('cols.state')}</th><th scope="col" className="num">{L('cols.attempts')}</th><th scope="col">{L('cols.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} data-qa="message-row" data-state={m.state} data-template={m.template}>
                    <td className="nowrap">{when(m.createdAt)}{m.sentAt && <><br /><span className="hint">{t('admin.messaging.log.sentAt', { at: when(m.sentAt) })}</span></>}</td>
                    <td data-qa="message-template">{t(`admin.messaging.templateNames.${m.template}`, { defaultValue: m.template })} ({m.lang})</td>
                    <td data-qa="message-channel">{t(`admin.messaging.channelNames.${m.channel}`)}</td>
                    <td data-qa="message-recipient">{t(`admin.messaging.recipients.${m.recipientKind}`)}</td>
                    <td className="reference" data-qa="message-reference">{m.reference ?? '–'}</td>
                    <td data-qa="message-state">{t(`admin.messaging.states.${m.state}`)}</td>
                    <td className="num">{m.attempts}</td>
                    <td data-qa="message-error">{m.lastError ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {log.hasNextPage && (
          <Button variant="secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} data-qa="messages-more">{L('more')}</Button>
        )}
      </section>
    </>
  );
}

/**
 * The server's word on a wording, in the reader's language and naming the placeholder: the
 * problem's code comes from the server; which placeholder it is, from the same pure check.
 */
function wordingError(code: string | undefined, message: string, problems: PlaceholderProblem[], t: TFunction): string {
  const named = problems.filter((p) => p.problem === code).map((p) => p.placeholder);
  if (code && named.length) return t(`admin.messaging.editor.problems.${code}`, { list: [...new Set(named)].join(', ') });
  return (code && fieldErrorText(code)) || message;
}

/** One wording: subject (e-mail) and text, the placeholders it may use, save and restore the default. */
function WordingForm({ row }: { row: Template }) {
  const { t } = useTranslation();
  const when = useWhen();
  const client = useQueryClient();
  const [subject, setSubject] = useState(row.subject ?? '');
  const [body, setBody] = useState(row.body);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (status) statusRef.current?.focus(); }, [status]);
  const key = useRef(newIdempotencyKey());
  const L = (k: string) => t(`admin.messaging.editor.${k}`);
  const path = `/api/admin/message-templates/${row.template}/${row.channel}/${row.lang}`;
  const email = row.channel === 'email';
  const mutation = useMutation({
    mutationFn: (input: { method: 'PUT' | 'DELETE'; body?: unknown; sent: { subject: string; body: string } }) =>
      api<Template>(path, { method: input.method, body: input.body, idempotencyKey: key.current }),
    onSuccess: async (saved, input) => {
      key.current = newIdempotencyKey();
      await Promise.all([client.invalidateQueries({ queryKey: [...TEMPLATES_KEY] }), client.invalidateQueries({ queryKey: [...HISTORY_KEY] })]);
      setSubject(saved.subject ?? '');
      setBody(saved.body);
      setStatus(input.method === 'PUT' ? L('saved') : L('restored'));
    },
  });
  // the server's field errors at their fields, the rest as the form's own
  const server: Record<string, string> = {};
  if (mutation.error instanceof ApiError) {
    const sent = mutation.variables?.sent ?? { subject, body };
    for (const e of mutation.error.problem.errors ?? []) {
      const field = e.field.replace(/^body\./, '');
      const problems = field === 'subject' || field === 'body' ? checkWording(row.template, row.channel, sent[field]) : [];
      server[field === 'subject' || field === 'body' ? field : 'form'] ??= wordingError(e.code, e.message, problems, t);
    }
    if (Object.keys(server).length === 0) server.form = problemMessage(mutation.error, t('admin.integrations.saveFailed'));
  } else if (mutation.error) server.form = problemMessage(mutation.error, t('admin.integrations.saveFailed'));
  const errors: Record<string, string | undefined> = { ...server, ...local };
  const prefix = 'template';
  const fields = { subject: { id: `${prefix}-subject`, label: L('subject') }, body: { id: `${prefix}-body`, label: L('body') }, form: { id: `${prefix}-body`, label: '' } };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const problems: Record<string, string> = {};
    if (email && !subject.trim()) problems.subject = t('fieldErrors.required');
    if (!body.trim()) problems.body = t('fieldErrors.required');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    mutation.mutate({ method: 'PUT', body: { subject: email ? subject.trim() : null, body: body.trim() }, sent: { subject, body } });
  };
  const restore = () => {
    setStatus(null);
    setLocal({});
    mutation.mutate({ method: 'DELETE', sent: { subject, body } });
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="template-form-title" data-qa="template-form">
      <Heading variant="h3" id="template-form-title">
        {t(`admin.messaging.templateNames.${row.template}`)}, {t(`admin.messaging.channelNames.${row.channel}`).toLocaleLowerCase()}, {t(`common.languageNames.${row.lang}`)}
      </Heading>
      <p className="hint" data-qa="template-state">
        {t('admin.messaging.editor.recipient', { recipient: t(`admin.messaging.recipients.${row.recipient}`).toLocaleLowerCase() })}{' '}
        {row.isDefault || !row.updatedAt ? L('isDefault') : t('admin.messaging.editor.custom', { at: when(row.updatedAt) })}
      </p>
      <ErrorSummary title={t('admin.integrations.errorsTitle')} errors={summaryEntries(errors, fields, `${prefix}-body`)} qa="template-errors" />
      {!email && <p className="notice" data-qa="template-sms-note">{L('smsNote')}</p>}
      <section aria-labelledby="placeholders-title" className="admin-placeholders" data-qa="template-placeholders">
        <h4 id="placeholders-title">{L('placeholders')}</h4>
        <ul>
          {row.placeholders.map((p) => (
            <li key={p} data-qa="template-placeholder"><code>{`{${p}}`}</code> – {t(`admin.messaging.editor.placeholderNames.${p}`, { defaultValue: p })}</li>
          ))}
        </ul>
        <p className="hint">{t('admin.messaging.editor.placeholderHint', { open: '{{', close: '}}' })}</p>
      </section>
      {email && <TextField id={`${prefix}-subject`} label={L('subject')} value={subject} onChange={setSubject} maxLength={200} required error={errors.subject} />}
      <TextField id={`${prefix}-body`} label={L('body')} value={body} onChange={setBody} multiline rows={email ? 10 : 4} maxLength={2000} required error={errors.body} />
      <div ref={statusRef} tabIndex={-1}>{status && <Notice kind="success" qa="template-saved">{status}</Notice>}</div>
      <div className="actions">
        <Button type="submit" disabled={mutation.isPending} data-qa="template-save">{L('save')}</Button>
        {!row.isDefault && <Button variant="secondary" disabled={mutation.isPending} onClick={restore} data-qa="template-restore">{L('restore')}</Button>}
      </div>
    </form>
  );
}

/** Choose a template, its channel and language; then edit that wording. */
function TemplatesSection() {
  const { t, i18n } = useTranslation();
  const templates = useQuery({ queryKey: TEMPLATES_KEY, queryFn: () => api<Templates>('/api/admin/message-templates') });
  const [template, setTemplate] = useState<MessageTemplate>('receipt');
  const [channel, setChannel] = useState<MessageChannel>('email');
  const [lang, setLang] = useState<string>(MESSAGE_LANGS.includes(i18n.language as 'fi') ? i18n.language : 'fi');
  const L = (k: string) => t(`admin.messaging.editor.${k}`);
  const rows = templates.data?.templates ?? [];
  const channels = [...new Set(rows.filter((r) => r.template === template).map((r) => r.channel))];
  const chosenChannel = channels.includes(channel) ? channel : channels[0];
  const row = rows.find((r) => r.template === template && r.channel === chosenChannel && r.lang === lang);
  return (
    <section className="panel" aria-labelledby="templates-title" data-qa="messages-templates">
      <Heading variant="h2" id="templates-title">{L('title')}</Heading>
      <p className="hint">{L('intro')}</p>
      {templates.isError && <Notice kind="error" qa="templates-failed">{problemMessage(templates.error, L('failed'))}</Notice>}
      {templates.isPending && <p>{t('common.loading')}</p>}
      {templates.data && (
        <div className="form-grid">
          <SelectField id="template-choice" label={L('template')} value={template} onChange={(v) => setTemplate(v as MessageTemplate)}
            options={MESSAGE_TEMPLATES.filter((x) => rows.some((r) => r.template === x)).map((x) => ({ value: x, label: t(`admin.messaging.templateNames.${x}`) }))} />
          <SelectField id="template-channel" label={L('channel')} value={chosenChannel ?? ''} onChange={(v) => setChannel(v as MessageChannel)}
            options={channels.map((c) => ({ value: c, label: t(`admin.messaging.channelNames.${c}`) }))} />
          <SelectField id="template-lang" label={L('lang')} value={lang} onChange={setLang}
            options={MESSAGE_LANGS.map((l) => ({ value: l, label: t(`common.languageNames.${l}`) }))} />
        </div>
      )}
      {row && <WordingForm key={`${row.template}/${row.channel}/${row.lang}`} row={row} />}
    </section>
  );
}

/**
 * E-mail and text messages (issue 19): whether the channels are set up, the message log with its
 * totals (no addresses and no contents: only what was sent, when, to which kind of recipient and
 * how it went), and the county's own wordings of the templates.
 */
export function MessagesPage() {
  const { t, i18n } = useTranslation();
  ensureIntegrationMessages(i18n);
  return (
    <>
      <AdminNav />
      <section aria-labelledby="messages-title" data-qa="admin-messages">
        <Heading variant="h1" id="messages-title">{t('admin.messaging.title')}</Heading>
        <p className="hint">{t('admin.messaging.intro')}</p>
        <LogSection />
        <TemplatesSection />
      </section>
    </>
  );
}
