import type { FastifyInstance } from 'fastify';
import { TtlCache } from '../../platform/ttl-cache.js';
import { ADMIN_CHANNEL } from './history.js';
import { adminLinesRoutes } from './lines.routes.js';
import { adminCodesRoutes } from './codes.routes.js';
import { adminOrganisationRoutes } from './organisation.routes.js';
import { adminSettingsRoutes } from './settings.routes.js';
import { adminHistoryRoutes } from './history.routes.js';
import { platformRoutes } from './platform.routes.js';

/**
 * County administration (issue 18). Every route is for `admin` (the county's administrator, within
 * the county of their account) or `platform_admin` (counties); see administration.schemas.ts.
 * A change made through any process reaches every process at once: NOTIFY opastin_admin (history.ts)
 * clears the reference-data caches here and forgets a changed user's cached sessions.
 */
export async function administrationRoutes(app: FastifyInstance): Promise<void> {
  const forget = (payload: string) => {
    TtlCache.clearAll();
    try {
      const p = JSON.parse(payload) as { user?: string };
      if (p.user) app.sessionCache.forgetUser(p.user);
    } catch { /* not ours */ }
  };
  app.contactChanges.addChannel(ADMIN_CHANNEL, forget, () => TtlCache.clearAll());
  await app.register(adminLinesRoutes);
  await app.register(adminCodesRoutes);
  await app.register(adminOrganisationRoutes);
  await app.register(adminSettingsRoutes);
  await app.register(adminHistoryRoutes);
  await app.register(platformRoutes);
}
