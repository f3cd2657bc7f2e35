import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { adminLinkSchema, adminSettingsSchema, linkCreateSchema, linkParams, linkPatchSchema, settingsPatchSchema } from './administration.schemas.js';
import { createLink, deleteLink, patchLink, patchSettings, settingsOf } from './settings.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const config = { roles: ['admin' as const] };
const tags = ['admin'];

/**
 * The county's site and policy settings and the public site's self-service links (issue 18), for its
 * administrator. A change shows on the public site at once (the caches are told after commit).
 */
export async function adminSettingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const installationRetention = () => app.deps.config.adviceRetentionDays;

  r.get('/admin/settings', {
    config, schema: { tags, summary: 'The public site, the social emergency service, the chat, feedback, retention and the phone service level', response: { 200: adminSettingsSchema, ...errors } },
  }, async (req) => settingsOf(db(), currentUser(req).countyId, installationRetention()));

  r.patch('/admin/settings', {
    config, schema: {
      tags, summary: 'Change settings: only those sent',
      description: '`socialEmergencyWeekly` replaces the weekly hours ([] = around the clock); a slot closes after it opens and slots of a weekday do not overlap ' +
        '(400 naming `body.socialEmergencyWeekly.<i>.closes` `closes_before_opens` or `.opens` `overlap`). `socialEmergencyUnit` is an active unit of the county.',
      body: settingsPatchSchema, response: { 200: adminSettingsSchema, ...errors },
    },
  }, async (req) => patchSettings(db(), currentUser(req), req.body, installationRetention()));

  r.post('/admin/links', {
    config, schema: { tags, summary: 'A self-service link on the public site (labels at most 120 characters)', body: linkCreateSchema, response: { 201: adminLinkSchema, ...errors } },
  }, async (req, reply) => reply.code(201).send(await createLink(db(), currentUser(req), req.body)));

  r.patch('/admin/links/:id', {
    config, schema: { tags, summary: 'Change a self-service link', params: linkParams, body: linkPatchSchema, response: { 200: adminLinkSchema, ...errors } },
  }, async (req) => patchLink(db(), currentUser(req), req.params.id, req.body));

  r.delete('/admin/links/:id', {
    config, schema: { tags, summary: 'Remove a self-service link', params: linkParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteLink(db(), currentUser(req), req.params.id);
    return reply.code(204).send(null);
  });
}
