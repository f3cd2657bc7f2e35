export { accessLogRoutes } from './access-log.routes.js';
