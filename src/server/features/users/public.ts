export { usersRoutes } from './users.routes.js';
export { createUser, insertUser, checkPassword, assertUsernameFree, adminFieldError, uniqueViolationAsConflict, type NewUser, type UserAdminActor } from './users.service.js';
export { preferencesRoutes, DEFAULT_PREFERENCES } from './preferences.routes.js';
