export { administrationRoutes } from './administration.routes.js';
export { recordChange, announceChange, type AdminActor } from './history.js';
export { adminWrite } from './organisation.service.js';
