/** The auth routes' contract (issue 14): the web app imports these types (`import type`). */
import { z } from 'zod';
import { ROLES } from '../schema.js';

export const meSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unitIds: z.array(z.string().uuid()),
  csrfToken: z.string(),
}).meta({ id: 'Me' });

export const authMethodsSchema = z.object({ password: z.boolean(), oidc: z.boolean() });

export type Me = z.infer<typeof meSchema>;
export type AuthMethods = z.infer<typeof authMethodsSchema>;
