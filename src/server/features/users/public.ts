export { usersRoutes } from './users.routes.js';
export { createUser, type NewUser } from './users.service.js';
