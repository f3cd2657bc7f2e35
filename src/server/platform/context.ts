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
     * A resident's own words (the public forms, triage): a NUL or a lone surrogate in the body is
     * not refused but made harmless (the route's schema turns control characters into spaces; a lone
     * surrogate becomes U+FFFD), so a pasted crisis message is never refused for a character nobody
     * types (issue 11: characters never silence detection). Parameters, query and headers are still
     * refused (issue 13).
     */
    residentText?: boolean;
  }
}
