export { administrationRoutes } from './administration.routes.js';
export { recordChange, announceChange, type AdminActor } from './history.js';
