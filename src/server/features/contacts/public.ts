export { contactsRoutes } from './contacts.routes.js';
export { createContact, loadCountyCodes, insertEvent as insertContactEvent, lockContact, requireHolder, waitForConsultation, endConsultationWait, returnToGuidance, type ContactInput, type Actor, type NotifierInput } from './contacts.service.js';
export { ctiRoutes } from './cti.routes.js';
