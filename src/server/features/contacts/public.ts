export { contactsRoutes } from './contacts.routes.js';
export { createContact, loadCountyCodes, type ContactInput, type Actor } from './contacts.service.js';
export { ctiRoutes } from './cti.routes.js';
export { purgeExpiredPersonalData } from './retention.js';
