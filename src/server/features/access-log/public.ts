export { accessLogRoutes } from './access-log.routes.js';
export { personAccessLog, type PersonAccessRow } from './access-log.service.js';
