export { frontDoorRoutes } from './front-door.routes.js';
export { publicSite, setSiteSettings, addSelfServiceLink, removeSelfServiceLink } from './front-door.queries.js';
