import { z } from 'zod';

/** `GET /api/public/service-promise`: when we will contact a resident (business dates in Europe/Helsinki). */
export const servicePromiseSchema = z.object({ receivedOn: z.iso.date(), respondBy: z.iso.date() }).meta({ id: 'ServicePromise' });

export type ServicePromise = z.infer<typeof servicePromiseSchema>;
