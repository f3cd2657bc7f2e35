export { contactsRoutes } from './contacts.routes.js';
export { createContact, loadCountyCodes, insertEvent as insertContactEvent, lockContact, type ContactInput, type Actor, type NotifierInput } from './contacts.service.js';
export { ctiRoutes } from './cti.routes.js';
export { purgeExpiredPersonalData } from './retention.js';
