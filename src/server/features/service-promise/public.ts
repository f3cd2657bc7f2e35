export { servicePromiseRoutes } from './service-promise.routes.js';
