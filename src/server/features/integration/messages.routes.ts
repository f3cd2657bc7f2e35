import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { messageLogQuery, messageLogSchema, messageTemplateInput, messageTemplateListSchema, messageTemplateSchema, templateParams } from './integration.schemas.js';
import { listTemplates, resetTemplate, saveTemplate } from './templates.service.js';
import { messageLog } from './messages.queries.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const config = { roles: ['admin' as const] };
const tags = ['admin', 'integration'];

/** Message templates and the message log (issue 19): /admin/message-templates, /admin/messages (integration.schemas.ts). */
export async function messagesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  r.get('/admin/message-templates', {
    config, schema: {
      tags, summary: 'Every message template × channel × language: the county\'s wording, or the default',
      description: 'A wording uses `{placeholder}`s from `placeholders` (`{{` and `}}` are literal braces). A text message never names the unit a matter went to.',
      response: { 200: messageTemplateListSchema, ...errors },
    },
  }, async (req) => ({ templates: await listTemplates(db(), currentUser(req).countyId) }));

  r.put('/admin/message-templates/:template/:channel/:lang', {
    config, schema: {
      tags, summary: 'The county\'s own wording of a message',
      description: '400 `validation_failed` on `body.body` / `body.subject` with `unknown_placeholder`, `placeholder_not_allowed` (e.g. `{unitName}` in a text message) or `unbalanced_brace`; '
        + 'a text message has no subject (null), an e-mail needs one. 404 for a channel the template is not sent by.',
      params: templateParams, body: messageTemplateInput, response: { 200: messageTemplateSchema, ...errors },
    },
  }, async (req) => saveTemplate(db(), currentUser(req), req.params, req.body, app.deps.clock()));

  r.delete('/admin/message-templates/:template/:channel/:lang', {
    config, schema: { tags, summary: 'Back to the default wording (the county\'s stays in the history)', params: templateParams, response: { 200: messageTemplateSchema, ...errors } },
  }, async (req) => resetTemplate(db(), currentUser(req), req.params));

  r.get('/admin/messages', {
    config, schema: {
      tags, summary: 'The message log: what was sent, to whom by kind, in what state; never an address or a body',
      querystring: messageLogQuery, response: { 200: messageLogSchema, ...errors },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const { mail, sms } = app.deps.config;
    return {
      ...await messageLog(db(), currentUser(req).countyId, { state: req.query.state, limit: req.query.limit, before: req.query.before ? new Date(req.query.before) : undefined }),
      channels: { email: mail !== null, sms: sms?.provider ?? null },
    };
  });
}
