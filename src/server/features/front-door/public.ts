export { frontDoorRoutes } from './front-door.routes.js';
export { publicSite, setSiteSettings, addSelfServiceLink, removeSelfServiceLink } from './front-door.queries.js';
export { emergencyContactSchema } from './front-door.schemas.js';
export { acuteOf, emergencyContacts, withEmergencyContacts } from './front-door.service.js';
