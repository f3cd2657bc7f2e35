import type { Config } from './config.js';
import type { Database } from './db.js';
import type { SessionCache, SessionUser } from './auth/sessions.js';
import type { Role } from './schema.js';

export interface AppDeps {
  config: Config;
  database: Database;
  /** Injected so tests can travel in time; every rule that reads "now" takes it from here. */
  clock: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    sessionCache: SessionCache;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed on a staff route; absent = any signed-in staff member. */
    roles?: Role[];
    /**
     * The route also takes `Authorization: Bearer <token>` without a session and checks the token
     * itself (GET /api/events: a subscription's pull, issue 19); with a session the guard applies.
     */
    bearer?: boolean;
    /**
     * A resident's own words (the public forms, triage): the input-hygiene hook leaves the body to
     * the route's schema instead of refusing a NUL or a lone surrogate (front-door `text()` turns
     * control characters into a space; a lone surrogate is stored as U+FFFD by the UTF-8 encoding),
     * so a pasted crisis message is never refused for a character nobody types (issue 11).
     * Parameters, query and headers are still refused (issue 13).
     */
    residentText?: boolean;
  }
}
