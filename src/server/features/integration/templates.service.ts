import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { tx } from '../../platform/tx.js';
import { recordChange } from '../administration/public.js';
import {
  checkWording, DEFAULT_WORDINGS, MESSAGE_LANGS, MESSAGE_TEMPLATES, TEMPLATE_SPECS,
  type MessageChannel, type MessageLang, type MessageTemplate, type Wording,
} from '../../../domain/messages.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A template's wording as the administrator sees it (integration.schemas.ts messageTemplateSchema). */
export interface TemplateView {
  template: MessageTemplate; channel: MessageChannel; lang: MessageLang; recipient: 'resident' | 'unit' | 'supervisor';
  subject: string | null; body: string; isDefault: boolean; placeholders: string[]; updatedAt: string | null;
}

interface Key { template: MessageTemplate; channel: MessageChannel; lang: MessageLang }
const keyOf = (k: Key) => `${k.template}/${k.channel}/${k.lang}`;

/** The default wording of a template, channel and language, or null when the template has no such channel. */
export function defaultWording(k: Key): Wording | null {
  return DEFAULT_WORDINGS[k.template][k.channel]?.[k.lang] ?? null;
}

function view(k: Key, row: { subject: string | null; body: string; updated_at: Date } | undefined): TemplateView {
  const fallback = defaultWording(k)!;
  return {
    ...k, recipient: TEMPLATE_SPECS[k.template].recipient, placeholders: [...TEMPLATE_SPECS[k.template].placeholders[k.channel]],
    subject: row ? row.subject : fallback.subject, body: row ? row.body : fallback.body, isDefault: !row,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}

/** Every template × channel × language the templates define: the county's wording where it has one, else the default. */
export async function listTemplates(db: Db, countyId: string): Promise<TemplateView[]> {
  const rows = await db.selectFrom('message_template').select(['template', 'channel', 'lang', 'subject', 'body', 'updated_at']).where('county_id', '=', countyId).execute();
  const byKey = new Map(rows.map((r) => [`${r.template}/${r.channel}/${r.lang}`, r]));
  const out: TemplateView[] = [];
  for (const template of MESSAGE_TEMPLATES) {
    for (const channel of TEMPLATE_SPECS[template].channels) {
      for (const lang of MESSAGE_LANGS) out.push(view({ template, channel, lang }, byKey.get(keyOf({ template, channel, lang }))));
    }
  }
  return out;
}

/**
 * The wording to send: the county's when it has one that still passes the template's check (a
 * template's placeholders may have narrowed since it was saved), else the default.
 */
export async function wordingFor(db: Db, countyId: string, k: Key): Promise<Wording | null> {
  const row = await db.selectFrom('message_template').select(['subject', 'body'])
    .where('county_id', '=', countyId).where('template', '=', k.template).where('channel', '=', k.channel).where('lang', '=', k.lang).executeTakeFirst();
  if (row && !checkWording(k.template, k.channel, row.body).length && !(row.subject && checkWording(k.template, k.channel, row.subject).length)) {
    if (k.channel === 'sms' || row.subject) return { subject: k.channel === 'sms' ? null : row.subject, body: row.body };
  }
  return defaultWording(k);
}

function requireTemplate(k: Key): void {
  if (!TEMPLATE_SPECS[k.template].channels.includes(k.channel)) {
    throw new AppError(404, 'not_found', `The template ${k.template} is not sent by ${k.channel === 'sms' ? 'text message' : 'e-mail'}.`);
  }
}

const PROBLEM_TEXT = {
  unknown_placeholder: 'is not a placeholder of this template',
  placeholder_not_allowed: 'may not be used in this channel (a text message never names the unit, others may read it)',
  unbalanced_brace: 'is a brace without its pair: write {{ or }} for a literal brace',
} as const;

/** The field errors of a wording: each problem placeholder named, with its stable code. */
export function wordingErrors(k: Key, input: { subject: string | null; body: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (k.channel === 'sms' && input.subject !== null) {
    errors.push({ field: 'body.subject', message: 'A text message has no subject: send null.', code: 'invalid' });
  } else if (k.channel === 'email' && input.subject === null) {
    errors.push({ field: 'body.subject', message: 'An e-mail needs a subject.', code: 'required' });
  } else if (input.subject !== null) {
    for (const p of checkWording(k.template, k.channel, input.subject)) {
      errors.push({ field: 'body.subject', message: `${p.placeholder} ${PROBLEM_TEXT[p.problem]}.`, code: p.problem });
    }
  }
  for (const p of checkWording(k.template, k.channel, input.body)) {
    errors.push({ field: 'body.body', message: `${p.placeholder} ${PROBLEM_TEXT[p.problem]}.`, code: p.problem });
  }
  return errors;
}

/** The county's own wording (created or replaced), in the administration's history. */
export async function saveTemplate(db: Kysely<DB>, user: SessionUser, k: Key, input: { subject: string | null; body: string }, now: Date): Promise<TemplateView> {
  requireTemplate(k);
  const errors = wordingErrors(k, input);
  if (errors.length) throw new AppError(400, 'validation_failed', undefined, errors);
  return tx(db, async (trx) => {
    const before = await trx.selectFrom('message_template').select(['subject', 'body']).where('county_id', '=', user.countyId)
      .where('template', '=', k.template).where('channel', '=', k.channel).where('lang', '=', k.lang).forUpdate().executeTakeFirst();
    const row = await trx.insertInto('message_template')
      .values({ county_id: user.countyId, ...k, subject: input.subject, body: input.body, updated_by_user_id: user.userId, updated_at: now })
      .onConflict((oc) => oc.columns(['county_id', 'template', 'channel', 'lang']).doUpdateSet({ subject: input.subject, body: input.body, updated_by_user_id: user.userId, updated_at: now }))
      .returning(['subject', 'body', 'updated_at']).executeTakeFirstOrThrow();
    if (!before || before.subject !== input.subject || before.body !== input.body) {
      await recordChange(trx, user, user.countyId, {
        objectType: 'message_template', objectKey: keyOf(k), action: before ? 'update' : 'create',
        before: before ?? defaultWording(k), after: { subject: input.subject, body: input.body },
      });
    }
    return view(k, row);
  });
}

/** Back to the default wording; the county's is kept in the history. Idempotent. */
export async function resetTemplate(db: Kysely<DB>, user: SessionUser, k: Key): Promise<TemplateView> {
  requireTemplate(k);
  return tx(db, async (trx) => {
    const removed = await trx.deleteFrom('message_template').where('county_id', '=', user.countyId)
      .where('template', '=', k.template).where('channel', '=', k.channel).where('lang', '=', k.lang).returning(['subject', 'body']).executeTakeFirst();
    if (removed) {
      await recordChange(trx, user, user.countyId, {
        objectType: 'message_template', objectKey: keyOf(k), action: 'delete', before: { subject: removed.subject, body: removed.body }, after: defaultWording(k),
      });
    }
    return view(k, undefined);
  });
}
