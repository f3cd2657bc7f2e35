export { dispatchWebhooks } from './webhooks.service.js';
export { dispatchMessages, type Senders } from './messages.service.js';
export { integrationRoutes, eventsRoutes } from './integration.routes.js';
export { createDispatcher, type IntegrationDispatcher } from './dispatcher.js';
export { pullEvents } from './events.routes.js';
export { eventsPageSchema, eventsQuery } from './integration.schemas.js';
export { openApiWebhooks } from './events.catalogue.js';
export { skipWaitingResidentMessages } from './resident-messages.js';
