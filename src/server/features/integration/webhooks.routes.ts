import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { EVENT_DESCRIPTIONS, EVENT_TYPES } from '../../../domain/events.js';
import {
  deliveryListQuery, deliveryListSchema, deliveryParams, deliverySchema, idParams, replayAllSchema,
  webhookCreateSchema, webhookListSchema, webhookSavedSchema, webhookUpdateSchema,
} from './integration.schemas.js';
import { createWebhook, deleteWebhook, replayDead, replayDelivery, updateWebhook, webhookDeliveries } from './webhooks.service.js';
import { subscriptionsOf } from './webhooks.queries.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const config = { roles: ['admin' as const] };
const tags = ['admin', 'integration'];
const eventTypes = EVENT_TYPES.map((type) => ({ type, description: EVENT_DESCRIPTIONS[type] }));

/**
 * Webhook subscriptions, their deliveries, replay (issue 19, ADR 0017), for the county's
 * administrator: their own county's subscriptions only (another county's is a 404). A secret is in
 * a response only when created or rotated.
 */
export async function webhooksRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const opts = () => ({ allowHttp: app.deps.config.webhookAllowHttp, now: app.deps.clock() });

  r.get('/admin/webhooks', {
    config, schema: { tags, summary: 'The county\'s subscriptions with their delivery state, and the event types', response: { 200: webhookListSchema, ...errors } },
  }, async (req) => ({ subscriptions: await subscriptionsOf(db(), currentUser(req).countyId), eventTypes }));

  r.post('/admin/webhooks', {
    config, schema: {
      tags, summary: 'A subscription: push to an https address, or pull only (url null)',
      description: 'The secret (Opastin generates it; a given `secret` is refused) signs the pushed events and is the pull token (`Authorization: Bearer`); it is in this response only. The subscription gets the events committed after it was created.',
      body: webhookCreateSchema, response: { 201: webhookSavedSchema, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(await createWebhook(db(), currentUser(req), req.body, opts())));

  r.patch('/admin/webhooks/:id', {
    config, schema: {
      tags, summary: 'Change a subscription; rotateSecret: a new secret, in this response only (the old one stops at once)',
      description: 'An inactive subscription is paused: nothing is sent, and when it is active again it gets the events committed meanwhile. A pull-only subscription given an address is pushed the events committed from then on.',
      params: idParams, body: webhookUpdateSchema, response: { 200: webhookSavedSchema, ...errors },
    },
  }, async (req) => updateWebhook(db(), currentUser(req), req.params.id, req.body, opts()));

  r.delete('/admin/webhooks/:id', {
    config, schema: { tags, summary: 'Delete a subscription and its deliveries', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteWebhook(db(), currentUser(req), req.params.id);
    return reply.code(204).send(null);
  });

  r.get('/admin/webhooks/:id/deliveries', {
    config, schema: { tags, summary: 'The subscription\'s deliveries, newest event first', params: idParams, querystring: deliveryListQuery, response: { 200: deliveryListSchema, ...errors } },
  }, async (req) => ({ deliveries: await webhookDeliveries(db(), currentUser(req).countyId, req.params.id, req.query) }));

  r.post('/admin/webhooks/:id/deliveries/:deliveryId/replay', {
    config, schema: {
      tags, summary: 'Send a delivery again: a dead or delivered one starts over; a pending one is tried now',
      params: deliveryParams, response: { 200: deliverySchema, ...errors },
    },
  }, async (req) => replayDelivery(db(), currentUser(req), req.params.id, req.params.deliveryId, app.deps.clock()));

  r.post('/admin/webhooks/:id/replay', {
    config, schema: { tags, summary: 'Send every dead delivery of the subscription again', params: idParams, response: { 200: replayAllSchema, ...errors } },
  }, async (req) => replayDead(db(), currentUser(req), req.params.id, app.deps.clock()));
}
