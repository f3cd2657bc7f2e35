import { z } from 'zod';

const labels = z.object({ fi: z.string(), sv: z.string(), en: z.string() });
const interval = z.object({ opens: z.string(), closes: z.string() });
export const phoneLineSchema = z.object({
  code: z.string(),
  menuNumber: z.number().int().nullable(),
  serviceArea: z.string().nullable(),
  authorityOnly: z.boolean(),
  phoneNumber: z.string(),
  name: labels,
  region: z.object({ code: z.string(), name: labels }).nullable(),
  openNow: z.boolean(),
  nextOpening: z.object({ date: z.string(), opens: z.string() }).nullable(),
  weekly: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })),
  week: z.array(z.object({ date: z.string(), hours: z.array(interval) })).describe('The coming seven days with holidays and exceptions applied'),
}).meta({ id: 'PhoneLine' });

export const CODE_SETS = ['service_area', 'channel', 'contactor', 'urgency', 'reason', 'outcome', 'referral_outcome'] as const;

/** The total of a whole (unpaged) list (issue 14: every list response carries one). */
const listTotal = z.number().int().min(0).describe('How many there are (the whole list: not paged)');

export const phoneLinesSchema = z.object({ items: z.array(phoneLineSchema), total: listTotal });

export const codesSchema = z.object({ items: z.array(z.object({ set: z.enum(CODE_SETS), code: z.string(), label: labels, active: z.boolean() })), total: listTotal });

export const organisationSchema = z.object({
  municipalities: z.array(z.object({ code: z.string(), name: z.object({ fi: z.string(), sv: z.string() }), region: z.string().nullable() })),
  regions: z.array(z.object({ code: z.string(), name: labels })),
  units: z.array(z.object({ id: z.string().uuid(), code: z.string(), serviceArea: z.string(), name: labels, active: z.boolean() })),
});

export type PhoneLine = z.infer<typeof phoneLineSchema>;
export type PhoneLines = z.infer<typeof phoneLinesSchema>;
export type Codes = z.infer<typeof codesSchema>;
export type CodeItem = Codes['items'][number];
export type Organisation = z.infer<typeof organisationSchema>;
