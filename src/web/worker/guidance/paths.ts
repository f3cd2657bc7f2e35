/** The guidance pages' addresses (WorkerApp routes them): a case, and one person across contacts. */
export const CASE_PATH = (id: string) => `/tyo/ohjaus/${id}`;
export const PERSON_PATH = (contactId: string) => `/tyo/yhteydenotot/${contactId}/henkilo`;
export const CONTACT_PATH = (id: string) => `/tyo/yhteydenotot/${id}`;
