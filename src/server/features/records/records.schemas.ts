import { z } from 'zod';
import { RECORD_TYPES } from '../../../domain/retention.js';

const periodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('at_event') }),
  z.object({ kind: z.literal('by_service_task') }),
  z.object({ kind: z.literal('days'), days: z.number().int() }),
  z.object({ kind: z.literal('hours'), hours: z.number().int() }),
  z.object({ kind: z.literal('years'), years: z.number().int() }),
]);

export const retentionRuleSchema = z.object({
  type: z.enum(RECORD_TYPES),
  label: z.object({ fi: z.string(), sv: z.string(), en: z.string() }),
  kept: z.string(),
  erased: z.string(),
  period: periodSchema,
  periodText: z.string(),
  from: z.string(),
  legalBasis: z.string(),
  enforcement: z.string(),
}).meta({ id: 'RetentionRule' });

export const retentionTableSchema = z.object({
  rules: z.array(retentionRuleSchema),
  statutoryPeriods: z.array(z.object({ serviceTask: z.string(), years: z.number().int().nullable(), from: z.string(), legalBasis: z.string() })),
  /** this installation's setting: days after closing an advice contact keeps the data to reach the person (ADVICE_RETENTION_DAYS) */
  adviceRetentionDays: z.number().int(),
}).meta({ id: 'RetentionTable' });
export type RetentionTable = z.infer<typeof retentionTableSchema>;
