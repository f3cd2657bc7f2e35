export { usersRoutes } from './users.routes.js';
export { createUser, type NewUser } from './users.service.js';
export { preferencesRoutes, DEFAULT_PREFERENCES } from './preferences.routes.js';
