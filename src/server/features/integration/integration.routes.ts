import type { FastifyInstance } from 'fastify';
import { webhooksRoutes } from './webhooks.routes.js';
import { messagesRoutes } from './messages.routes.js';
export { eventsRoutes } from './events.routes.js';

/** The staff scope's integration routes (issue 19): webhooks and messages, for the county's administrator. */
export async function integrationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(webhooksRoutes);
  await app.register(messagesRoutes);
}
