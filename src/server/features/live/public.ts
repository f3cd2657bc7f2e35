import type { ContactChanges } from './contact-changes.js';
import type { ChatChanges } from './chat-changes.js';

export { ContactChanges, CONTACT_CHANNEL, LISTENER_APPLICATION_NAME, bulkChange, listenerOf } from './contact-changes.js';
export { liveRoutes, headersOf, type LiveOptions } from './live.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's one listener of contact changes (features/live), fanned out to the event streams. */
    contactChanges: ContactChanges;
    /** The chat's live transport (issue 16) on the same listener. */
    chatChanges: ChatChanges;
  }
}
export { ChatChanges, CHAT_CHANNEL, TYPING_MS, type ChatNotice } from './chat-changes.js';
