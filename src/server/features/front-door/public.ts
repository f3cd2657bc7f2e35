export { frontDoorRoutes } from './front-door.routes.js';
