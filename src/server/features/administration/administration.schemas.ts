import { z } from 'zod';
import { ROLES } from '../../platform/schema.js';
import { MESSAGE_LANGS } from '../../../domain/messages.js';

/**
 * County administration in the staff app (issue 18): one zod contract per route, shared by the
 * server and the staff app. Routes (all under /api):
 *
 * County administrator (role `admin`; sees and changes only the county of their account):
 *   GET    /admin/lines                              lines with weekly hours and exception days
 *   POST   /admin/lines                              a new line                           → 201 AdminLine
 *   PATCH  /admin/lines/{code}                       number, menu position, area, region, authority-only, names, active
 *   PUT    /admin/lines/{code}/hours                 the weekly hours (replaces them)      → AdminLine
 *   PUT    /admin/lines/{code}/exceptions/{day}      one day's hours ([] = closed all day) → AdminLine
 *   DELETE /admin/lines/{code}/exceptions/{day}      back to the weekly hours              → AdminLine
 *   GET    /admin/calendar?from&to                   days with public holidays and eves (≤ 400 days)
 *   GET    /admin/codes                              every code set with retired codes
 *   POST   /admin/codes                              a new code                            → 201 AdminCode
 *   PATCH  /admin/codes/{set}/{code}                 labels, order, retire (active: false) or restore
 *   GET    /admin/organisation                       regions, municipalities, units
 *   POST   /admin/regions | PATCH /admin/regions/{code}
 *   POST   /admin/municipalities | PATCH /admin/municipalities/{code}
 *   POST   /admin/units | PATCH /admin/units/{code}
 *   GET    /admin/settings | PATCH /admin/settings   site, social emergency service, chat, feedback, retention
 *   POST   /admin/links | PATCH /admin/links/{id} | DELETE /admin/links/{id}   the public site's self-service links
 *   GET    /admin/users | GET /admin/users/{id} (access-logged) | POST /admin/users | PATCH /admin/users/{id}
 *   GET    /admin/history?objectType&objectKey&limit every change, newest first, per object when given
 * Platform administrator (role `platform_admin`):
 *   GET    /platform/counties | POST /platform/counties   a county with its first administrator
 *
 * Errors: 400 `validation_failed` naming the field (`body.weekly.2.closes` …) with a field code;
 * 404 for another county's objects (as if they did not exist); 409 with a field for conflicts:
 * `code_in_use` (a code, line, region, municipality or unit code already there; a menu position
 * taken), `code_required` (retiring a service area a line or unit uses, a built-in code),
 * `last_admin` (deactivating or demoting the county's last active administrator),
 * `unit_in_use` (deactivating the social emergency unit). Nothing changes on an error.
 * Every change is one row in the history (`admin_change`) with before and after.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const codeId = z.string().trim().regex(/^[a-z0-9_]{1,60}$/, 'use 1–60 letters a–z, digits and _');
const phone = z.string().trim().regex(/^[0-9 +]{3,20}$/, 'use digits, spaces and + (3–20)');
const localDate = z.iso.date().describe('YYYY-MM-DD (Helsinki)');
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'HH:MM');
export const labels3 = z.object({ fi: text(200), sv: text(200), en: text(200) }).meta({ id: 'AdminLabels' });
/** An https address as the database stores it (lower-case scheme, `https://`). */
const httpsUrl = (max: number) => z.string().max(max).regex(/^https:\/\/[^\s/]/, 'an https:// address').pipe(z.url({ protocol: /^https$/ }));
const listTotal = z.number().int().min(0).describe('How many there are (the whole list: not paged)');

// ——— lines and hours ———

export const intervalSchema = z.object({ opens: time, closes: time });
export const weeklySlotSchema = z.object({ weekday: z.number().int().min(1).max(7).describe('ISO: 1 Monday … 7 Sunday'), opens: time, closes: time });
export const exceptionSchema = z.object({
  day: localDate,
  hours: z.array(intervalSchema).describe('[] = closed all day'),
  note: z.string().nullable(),
  holiday: z.string().nullable().describe('The public holiday or eve on that day (calendar code), if any'),
});
export const adminLineSchema = z.object({
  code: z.string(),
  phoneNumber: z.string(),
  menuNumber: z.number().int().nullable(),
  serviceArea: z.string().nullable(),
  region: z.string().nullable().describe('region code'),
  authorityOnly: z.boolean(),
  active: z.boolean(),
  name: labels3,
  weekly: z.array(weeklySlotSchema),
  exceptions: z.array(exceptionSchema).describe('From 60 days ago onward, by day'),
  openNow: z.boolean(),
  nextOpening: z.object({ date: z.string(), opens: z.string() }).nullable(),
}).meta({ id: 'AdminLine' });
export const adminLinesSchema = z.object({ items: z.array(adminLineSchema), total: listTotal });

export const lineCreateSchema = z.object({
  code: codeId,
  phoneNumber: phone,
  menuNumber: z.number().int().min(0).max(9).nullable().default(null),
  serviceArea: codeId.nullable().default(null),
  region: codeId.nullable().default(null),
  authorityOnly: z.boolean().default(false),
  name: labels3,
  weekly: z.array(weeklySlotSchema).max(70).default([]),
});
export const linePatchSchema = z.object({
  phoneNumber: phone.optional(),
  menuNumber: z.number().int().min(0).max(9).nullable().optional(),
  serviceArea: codeId.nullable().optional(),
  region: codeId.nullable().optional(),
  authorityOnly: z.boolean().optional(),
  name: labels3.optional(),
  active: z.boolean().optional(),
});
export const lineHoursSchema = z.object({ weekly: z.array(weeklySlotSchema).max(70) });
export const lineExceptionSchema = z.object({ hours: z.array(intervalSchema).max(10), note: z.string().trim().max(200).nullable().default(null) });
export const lineParams = z.object({ code: codeId });
export const exceptionParams = z.object({ code: codeId, day: localDate });

export const calendarQuery = z.object({ from: localDate, to: localDate });
export const calendarSchema = z.object({
  days: z.array(z.object({
    date: localDate,
    weekday: z.number().int().min(1).max(7),
    holiday: z.string().nullable().describe('calendar code, e.g. christmas_eve'),
    publicHoliday: z.boolean().describe('false for the eves on which public administration is closed'),
    workingDay: z.boolean(),
  })),
});

// ——— code sets ———

export const ADMIN_CODE_SETS = ['service_area', 'channel', 'contactor', 'urgency', 'reason', 'outcome', 'referral_outcome'] as const;
/** Sets the county may add codes to; the others (urgency, referral outcome) can only be renamed. */
export const EXTENSIBLE_CODE_SETS = ['service_area', 'channel', 'contactor', 'reason', 'outcome'] as const;
export const adminCodeSchema = z.object({
  set: z.enum(ADMIN_CODE_SETS),
  code: z.string(),
  label: labels3,
  active: z.boolean(),
  sortOrder: z.number().int(),
  builtIn: z.boolean().describe('The product relies on it: can be renamed, not retired'),
  usedBy: z.array(z.string()).describe('What depends on it and keeps it from being retired, e.g. "line:working_age", "unit:adult_social_work"'),
}).meta({ id: 'AdminCode' });
export const adminCodesSchema = z.object({ items: z.array(adminCodeSchema), total: listTotal });
export const codeCreateSchema = z.object({
  set: z.enum(EXTENSIBLE_CODE_SETS),
  code: codeId,
  label: labels3,
  sortOrder: z.number().int().min(0).max(10_000).optional().describe('Default: after the set\'s last'),
});
export const codePatchSchema = z.object({
  label: labels3.optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional().describe('false retires the code: still readable on old contacts and in the statistics, no longer chosen'),
});
export const codeParams = z.object({ set: z.enum(ADMIN_CODE_SETS), code: codeId });

// ——— organisation ———

/** A unit's working language: the reminders to its shared mailbox are written in it (0024). */
const unitLanguage = z.enum(MESSAGE_LANGS).describe('The unit\'s working language: reminders to its shared e-mail address are written in it');
export const adminUnitSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  serviceArea: z.string(),
  name: labels3,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  clientContactDays: z.number().int().nullable().describe('Working days the unit has to reach a referred client (null: the product default 3)'),
  inOpastin: z.boolean().describe('true: works in Opastin\'s inbox; false: reached outside it (phone, e-mail)'),
  language: unitLanguage,
  active: z.boolean(),
  members: z.number().int().min(0).describe('Active staff bound to the unit'),
}).meta({ id: 'AdminUnit' });
export const adminOrganisationSchema = z.object({
  regions: z.array(z.object({ code: z.string(), name: labels3, municipalities: z.array(z.string()) })),
  municipalities: z.array(z.object({ code: z.string(), name: z.object({ fi: z.string(), sv: z.string() }), region: z.string().nullable() })),
  units: z.array(adminUnitSchema),
});
export const regionCreateSchema = z.object({ code: codeId, name: labels3, municipalities: z.array(z.string().regex(/^[0-9]{3}$/)).max(100).default([]) });
export const regionPatchSchema = z.object({ name: labels3.optional(), municipalities: z.array(z.string().regex(/^[0-9]{3}$/)).max(100).optional().describe('Moves these municipalities to the region (a municipality belongs to one region)') });
export const municipalityCreateSchema = z.object({ code: z.string().regex(/^[0-9]{3}$/, 'the official three-digit code'), name: z.object({ fi: text(100), sv: text(100) }), region: codeId.nullable().default(null) });
export const municipalityPatchSchema = z.object({ name: z.object({ fi: text(100), sv: text(100) }).optional(), region: codeId.nullable().optional() });
export const unitCreateSchema = z.object({
  code: codeId,
  serviceArea: codeId,
  name: labels3,
  phone: phone.nullable().default(null),
  email: z.email().max(200).nullable().default(null),
  address: text(300).nullable().default(null),
  clientContactDays: z.number().int().min(0).max(30).nullable().default(null),
  inOpastin: z.boolean().default(true),
  language: unitLanguage.default('fi'),
});
export const unitPatchSchema = z.object({
  serviceArea: codeId.optional(),
  name: labels3.optional(),
  phone: phone.nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  address: text(300).nullable().optional(),
  clientContactDays: z.number().int().min(0).max(30).nullable().optional(),
  inOpastin: z.boolean().optional(),
  language: unitLanguage.optional(),
  active: z.boolean().optional(),
});
export const regionParams = z.object({ code: codeId });
export const municipalityParams = z.object({ code: z.string().regex(/^[0-9]{3}$/) });
export const unitParams = z.object({ code: codeId });

// ——— site and policy settings ———

export const adminLinkSchema = z.object({ id: z.string().uuid(), url: z.string(), label: labels3, sortOrder: z.number().int() }).meta({ id: 'AdminLink' });
export const adminSettingsSchema = z.object({
  county: z.object({ code: z.string(), name: labels3 }),
  crisisPhone: z.string().nullable(),
  feedbackEmail: z.string().nullable().describe('Accessibility feedback address (Act 306/2019 § 15)'),
  statementDate: localDate.nullable().describe('Accessibility statement last reviewed'),
  statementUrl: z.string().nullable(),
  links: z.array(adminLinkSchema),
  socialEmergency: z.object({ phone: z.string().nullable(), unit: z.string().nullable().describe('receiving unit code'), weekly: z.array(weeklySlotSchema).describe('[] = around the clock') }),
  chat: z.object({ maxPerWorker: z.number().int(), idleMinutes: z.number().int() }),
  feedbackEnabled: z.boolean(),
  adviceRetentionDays: z.number().int().nullable().describe('null: the installation\'s ADVICE_RETENTION_DAYS'),
  installationAdviceRetentionDays: z.number().int(),
  serviceLevel: z.object({ seconds: z.number().int(), target: z.number() }).describe('The phone service level the statistics measure against (answered within seconds, share)'),
}).meta({ id: 'AdminSettings' });
export const settingsPatchSchema = z.object({
  crisisPhone: phone.nullable().optional(),
  feedbackEmail: z.email().max(200).nullable().optional(),
  statementDate: localDate.nullable().optional(),
  statementUrl: httpsUrl(500).nullable().optional(),
  socialEmergencyPhone: phone.nullable().optional(),
  socialEmergencyUnit: codeId.nullable().optional(),
  socialEmergencyWeekly: z.array(weeklySlotSchema).max(70).optional(),
  chatMaxPerWorker: z.number().int().min(1).max(10).optional(),
  chatIdleMinutes: z.number().int().min(2).max(120).optional(),
  feedbackEnabled: z.boolean().optional(),
  adviceRetentionDays: z.number().int().min(0).max(30).nullable().optional().describe('0–30 as ADVICE_RETENTION_DAYS: advice is not a client document (docs/records-retention.md)'),
  serviceLevelSeconds: z.number().int().min(5).max(3600).optional(),
  serviceLevelTarget: z.number().gt(0).lt(1).optional(),
});
export const linkCreateSchema = z.object({ url: httpsUrl(500), label: labels3, sortOrder: z.number().int().min(0).max(1000).optional() });
export const linkPatchSchema = z.object({ url: httpsUrl(500).optional(), label: labels3.optional(), sortOrder: z.number().int().min(0).max(1000).optional() });
export const linkParams = z.object({ id: z.string().uuid() });

// ——— people ———

export const ADMIN_ROLES = ROLES.filter((r) => r !== 'platform_admin') as Exclude<(typeof ROLES)[number], 'platform_admin'>[];
export const adminUserListItemSchema = z.object({
  id: z.string().uuid(), username: z.string(), displayName: z.string(), active: z.boolean(),
  roles: z.array(z.enum(ROLES)), units: z.array(z.string()).describe('receiving unit codes'),
}).meta({ id: 'AdminUserListItem' });
export const adminUsersSchema = z.object({ items: z.array(adminUserListItemSchema), total: listTotal });
export const adminUserSchema = z.object({
  id: z.string().uuid(), username: z.string(), displayName: z.string(), email: z.string().nullable(), active: z.boolean(), sso: z.boolean(),
  roles: z.array(z.enum(ROLES)), units: z.array(z.string()),
  lastLoginAt: z.string().nullable().describe('ISO time of the latest session, if any'),
}).meta({ id: 'StaffUser' });
export const userCreateSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._@-]{2,100}$/, 'use 2–100 letters a–z, digits and . _ @ -'),
  displayName: text(200),
  email: z.email().max(200).nullish(),
  password: z.string().max(256).nullish().describe('At least 12 characters; without one the account signs in by SSO only and stays inactive until it has one'),
  roles: z.array(z.enum(ROLES)).min(1),
  units: z.array(z.string()).default([]),
});
export const userPatchSchema = z.object({
  displayName: text(200).optional(),
  email: z.email().max(200).nullable().optional(),
  password: z.string().max(256).optional().describe('A new password (at least 12 characters); ends the user\'s sessions'),
  roles: z.array(z.enum(ROLES)).min(1).optional(),
  units: z.array(z.string()).optional(),
  active: z.boolean().optional().describe('false deactivates: the user\'s sessions end at once'),
});
export const userParams = z.object({ id: z.string().uuid() });

// ——— history ———

export const ADMIN_OBJECT_TYPES = ['line', 'code', 'region', 'municipality', 'unit', 'user', 'settings', 'link', 'county', 'webhook', 'message_template'] as const;
export const ADMIN_ACTIONS = ['create', 'update', 'retire', 'restore', 'delete', 'deactivate', 'activate'] as const;
export const historyQuery = z.object({
  objectType: z.enum(ADMIN_OBJECT_TYPES).optional(),
  objectKey: z.string().max(200).optional().describe('line/unit/region code, "set:code" for a code, municipality code, user id, link id, "site" for settings'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const historyItemSchema = z.object({
  id: z.string().uuid(),
  at: z.string(),
  actor: z.object({ id: z.string().uuid().nullable(), name: z.string() }),
  objectType: z.enum(ADMIN_OBJECT_TYPES),
  objectKey: z.string(),
  action: z.enum(ADMIN_ACTIONS),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
}).meta({ id: 'AdminChange' });
export const historySchema = z.object({ items: z.array(historyItemSchema), total: listTotal });

// ——— counties (platform) ———

export const countyListSchema = z.object({
  items: z.array(z.object({ id: z.string().uuid(), code: z.string(), name: labels3, admins: z.number().int(), users: z.number().int(), createdAt: z.string() })),
  total: listTotal,
});
export const countyCreateSchema = z.object({
  code: codeId,
  name: labels3,
  admin: z.object({
    username: userCreateSchema.shape.username,
    displayName: text(200),
    email: z.email().max(200).nullish(),
    password: z.string().min(1).max(256),
  }),
});
export const countyCreatedSchema = z.object({ id: z.string().uuid(), code: z.string(), adminId: z.string().uuid() });

export type AdminLine = z.infer<typeof adminLineSchema>;
export type AdminCode = z.infer<typeof adminCodeSchema>;
export type AdminUnit = z.infer<typeof adminUnitSchema>;
export type AdminOrganisation = z.infer<typeof adminOrganisationSchema>;
export type AdminSettings = z.infer<typeof adminSettingsSchema>;
export type AdminUser = z.infer<typeof adminUserSchema>;
export type AdminUserListItem = z.infer<typeof adminUserListItemSchema>;
export type HistoryItem = z.infer<typeof historyItemSchema>;
