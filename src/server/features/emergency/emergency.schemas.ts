import { z } from 'zod';

/** One row of the social emergency service's list (GET /api/emergency-handoffs): no personal data. */
export const emergencyHandoffSchema = z.object({
  id: z.string().uuid(),
  contactId: z.string().uuid(),
  reference: z.string(),
  reason: z.enum(['acute', 'urgent', 'child_welfare']).describe('acute: the resident said someone is in danger, or the text was detected acute; child_welfare: a notification (LsL 25 §); urgent: any other urgent contact'),
  acute: z.boolean(),
  acuteReasons: z.array(z.string()).describe('danger_now, worker, or the detector’s category'),
  channel: z.string(),
  urgency: z.string(),
  childWelfare: z.boolean(),
  receivedAt: z.string(),
  routedAt: z.string(),
  waitedMinutes: z.number().int().describe('From arrival until acknowledged, or until now'),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
}).meta({ id: 'EmergencyHandoff' });

export const emergencyHandoffsSchema = z.object({ items: z.array(emergencyHandoffSchema), total: z.number().int().min(0).describe('How many there are (the whole list: not paged)') });

export type EmergencyHandoff = z.infer<typeof emergencyHandoffSchema>;
export type EmergencyHandoffs = z.infer<typeof emergencyHandoffsSchema>;
