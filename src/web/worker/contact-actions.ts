import type { z } from 'zod';
import { useAction } from './use-action';
import type {
  callbackAttemptResultSchema, closeSchema, contactUpdateSchema, contactViewSchema, createdIdSchema, earlierContactSchema, initiationResultSchema, okSchema, reachedResultSchema,
} from '../../server/features/contacts/contacts.schemas';

/**
 * One contract (issue 14): the contact view is the server's own schema, not a copy. A rename on the
 * server fails the web's typecheck.
 */
export type ContactView = z.infer<typeof contactViewSchema>;
export type EarlierContact = z.infer<typeof earlierContactSchema>;
export type ContactReferral = ContactView['referrals'][number];
/** Request bodies as the client sends them (`z.input`: defaults may be left out) and the actions' declared responses. */
export type ContactUpdate = z.input<typeof contactUpdateSchema>;
export type CloseBody = z.input<typeof closeSchema>;
export type Ok = z.infer<typeof okSchema>;
export type CallbackAttemptResult = z.infer<typeof callbackAttemptResultSchema>;
export type ReachedResult = z.infer<typeof reachedResultSchema>;
export type CreatedId = z.infer<typeof createdIdSchema>;
export type InitiationResult = z.infer<typeof initiationResultSchema>;

/** One action on a contact (claim, close, consent…): `useAction` on the contact's path, refreshing the contact and the queue. */
export function useContactAction<B = void, R = unknown>(contactId: string, path: string | ((body: B) => string), method: 'POST' | 'PATCH' = 'POST') {
  const url = (body: B) => `/api/contacts/${contactId}${typeof path === 'function' ? path(body) : path}`;
  return useAction<B, R>(url, [['contact', contactId], ['queue']], method);
}
