import { z } from 'zod';
import { TRIGGER_CODES } from '../../../domain/codes.js';
import {
  BATTERY_AREAS, CASE_OUTCOMES, FOLLOW_UP_RESULTS, GOAL_STATUSES, OUTREACH_METHODS, OUTREACH_RESULTS, QUESTION_KINDS, STEP_OWNERS,
} from '../../../domain/guidance.js';

/**
 * Guidance levels 2 and 3 (issue 17): one zod contract per route, shared by the server and the
 * staff app. Rules without IO are in src/domain/guidance.ts.
 *
 * Every contact has a level (`guidanceLevel` 1, 2 or 3 on the queue item and the contact view).
 * Raising a contact to level 2 or 3 (`POST /api/contacts/{id}/level`) opens a guidance case
 * (*asiakasohjaus*, a client relationship) for its identified person, or joins the person's open
 * case. The case carries PAKU's five steps: assessments under a versioned question battery, the
 * plan (goals in the person's words, services and agreed steps), referrals (the existing closed
 * loop, on the case's contacts), follow-ups on agreed days (tasks in the worker's list; a
 * follow-up that does not reach the person books the next outreach by itself), and closing with an
 * outcome. Level 3 adds a named responsible worker, multi-professional meetings and logged
 * outreach attempts ("ei luovuteta": a case closes as not reached only after three).
 *
 * Roles: guidance workers and supervisors read and write cases; supervisors and administrators
 * edit the batteries. Every read of a case or of the person page is access-logged.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const localDate = z.iso.date().describe('YYYY-MM-DD (Helsinki)');
const labels = z.object({ fi: text(300), sv: text(300), en: text(300) }).meta({ id: 'GuidanceLabels' });
export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1 advice and guidance; 2 client guidance (PAKU five steps); 3 intensive service guidance');
export const triggerSchema = z.enum(TRIGGER_CODES);
const person = z.object({ id: z.string().uuid(), name: z.string() });

// ——— question batteries ———

export const batteryFlagSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a code (a–z, 0–9, _)').describe('e.g. low_mood, isolation'),
  label: labels,
  trigger: triggerSchema.optional().describe('The multi-service trigger the flag raises'),
  whenYes: z.literal(true).optional().describe('yes_no: raised by yes'),
  atLeast: z.number().int().optional().describe('scale: raised at or above'),
  atMost: z.number().int().optional().describe('scale: raised at or below'),
  values: z.array(z.string().max(40)).max(20).optional().describe('choice / multi: raised by any of these'),
}).meta({ id: 'BatteryFlag' });

export const batteryQuestionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a key (a–z, 0–9, _)'),
  kind: z.enum(QUESTION_KINDS),
  label: labels,
  section: labels.optional(),
  required: z.boolean().default(false),
  options: z.array(z.object({ value: z.string().regex(/^[a-z0-9_]{1,40}$/), label: labels })).max(20).optional(),
  scale: z.object({ min: z.number().int().min(0).max(10), max: z.number().int().min(0).max(10), minLabel: labels.optional(), maxLabel: labels.optional() }).optional(),
  flag: batteryFlagSchema.optional(),
}).meta({ id: 'BatteryQuestion' });

export const batteryInputSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a code (a–z, 0–9, _)').describe('The battery; a new version of an existing code supersedes it'),
  area: z.enum(BATTERY_AREAS).describe('general, family (the family situation), or a service area'),
  title: labels,
  questions: z.array(batteryQuestionSchema).min(1).max(80),
}).meta({ id: 'NewBatteryVersion' });

export const batterySchema = z.object({
  id: z.string().uuid(), code: z.string(), version: z.number().int().min(1), area: z.enum(BATTERY_AREAS), title: labels,
  questions: z.array(batteryQuestionSchema), current: z.boolean().describe('The newest version of its code: new assessments use it'),
  createdAt: z.string(), answered: z.number().int().min(0).describe('Assessments given under this version'),
}).meta({ id: 'Battery' });
export const batteriesSchema = z.object({ items: z.array(batterySchema), total: z.number().int().min(0) }).meta({ id: 'Batteries' });
export const batteriesQuerySchema = z.object({ all: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Also the superseded versions') });

// ——— levels and cases ———

export const levelChangeSchema = z.object({
  level: z.union([z.literal(2), z.literal(3)]),
  reason: text(500).optional().describe('Why, in a few words (kept in the timeline)'),
  responsibleUserId: z.string().uuid().optional().describe('The named responsible worker; defaults to the worker making the change'),
  consent: z.object({ givenBy: z.enum(['client', 'guardian', 'legal_representative']), method: z.enum(['verbal', 'written', 'electronic']) }).optional()
    .describe('The person knows and agrees that their guidance is recorded; needed unless the contact already holds a recording consent'),
}).meta({ id: 'LevelChange' });
export const levelResultSchema = z.object({ level: levelSchema, caseId: z.string().uuid(), joined: z.boolean().describe('true: the contact joined the person\'s open case') }).meta({ id: 'LevelResult' });

export const caseLevelSchema = z.object({ level: z.union([z.literal(2), z.literal(3)]), reason: text(500).optional(), responsibleUserId: z.string().uuid().optional() }).meta({ id: 'CaseLevelChange' });
export const responsibleSchema = z.object({ userId: z.string().uuid() }).meta({ id: 'CaseResponsible' });

export const signalsSchema = z.object({
  triggers: z.array(triggerSchema).describe('The multi-service triggers active now (marked, counted from contacts and follow-ups, raised by answers)'),
  proposedLevel: z.union([z.literal(2), z.literal(3)]).nullable(),
  proposeMeeting: z.boolean(),
  contactsInWindow: z.number().int().describe('The person\'s contacts in the last two months, this one included'),
}).meta({ id: 'GuidanceSignals' });

/** `GET /api/contacts/{id}/guidance`: the contact's level, its case, and what the product proposes. */
export const contactGuidanceSchema = z.object({
  level: levelSchema, caseId: z.string().uuid().nullable(),
  signals: signalsSchema,
  personOpenCase: z.object({ id: z.string().uuid(), level: levelSchema, responsible: person.nullable() }).nullable()
    .describe('The identified person\'s open case, when this contact is not yet part of it'),
  identified: z.boolean().describe('Levels 2–3 need an identified person'),
  recordingConsent: z.boolean().describe('The contact holds a live recording consent'),
}).meta({ id: 'ContactGuidance' });

export const assessmentInputSchema = z.object({
  batteryId: z.string().uuid(),
  answers: z.record(z.string().max(40), z.union([z.boolean(), z.number(), z.string().max(2000), z.array(z.string().max(40)).max(20), z.null()])),
}).meta({ id: 'NewAssessment' });
export const flagSchema = z.object({ code: z.string(), label: labels, question: z.string(), trigger: triggerSchema.nullable() }).meta({ id: 'AssessmentFlag' });
export const assessmentCreatedSchema = z.object({ id: z.string().uuid(), flags: z.array(flagSchema) }).meta({ id: 'AssessmentCreated' });

export const goalSchema = z.object({ text: text(1000).describe('In the person\'s own words'), status: z.enum(GOAL_STATUSES).default('open') });
export const stepSchema = z.object({
  text: text(1000), service: z.string().trim().max(300).nullish().describe('The service the step is in (catalogue name or other actor)'),
  owner: z.enum(STEP_OWNERS).describe('Who does it: the person, the worker, the network'), dueOn: localDate.nullish(), done: z.boolean().default(false),
});
export const planInputSchema = z.object({
  goals: z.array(goalSchema).max(20),
  steps: z.array(stepSchema).max(50).default([]),
  agreedWithPerson: z.boolean().describe('The goals were agreed with the person'),
}).meta({ id: 'PlanInput' });

export const followUpInputSchema = z.object({
  dueOn: localDate, purpose: text(500), assignedUserId: z.string().uuid().optional().describe('Defaults to the case\'s responsible worker'),
}).meta({ id: 'NewFollowUp' });
export const followUpDoneSchema = z.object({
  result: z.enum(FOLLOW_UP_RESULTS), note: z.string().trim().max(2000).optional(),
}).meta({ id: 'FollowUpDone' });
export const followUpDoneResultSchema = z.object({
  id: z.string().uuid(), nextOutreach: z.object({ id: z.string().uuid(), dueOn: z.string() }).nullable().describe('Not reached: the next outreach, booked by itself'),
}).meta({ id: 'FollowUpDoneResult' });

export const outreachInputSchema = z.object({ method: z.enum(OUTREACH_METHODS), result: z.enum(OUTREACH_RESULTS), note: z.string().trim().max(2000).optional() }).meta({ id: 'NewOutreachAttempt' });
export const outreachResultSchema = z.object({ id: z.string().uuid(), attemptsSinceReached: z.number().int().min(0) }).meta({ id: 'OutreachAttemptResult' });

const participant = z.object({ name: text(200), organisation: text(200), role: z.string().trim().max(200).nullish() });
export const meetingInputSchema = z.object({
  reasons: z.array(triggerSchema).min(1).max(5), plannedOn: localDate.optional(), participants: z.array(participant).max(30).default([]),
}).meta({ id: 'NewMeeting' });
export const meetingRecordSchema = z.object({
  heldOn: localDate, participants: z.array(participant).min(1).max(30), decisions: text(4000),
}).meta({ id: 'MeetingRecord' });

export const anchoredInputSchema = z.object({
  service: text(300).describe('The service the person is anchored in'), startedOn: localDate, referralId: z.string().uuid().optional(),
}).meta({ id: 'Anchored' });
export const closeCaseSchema = z.object({ outcome: z.enum(CASE_OUTCOMES), note: z.string().trim().max(2000).optional() }).meta({ id: 'CloseCase' });

export const followUpSchema = z.object({
  id: z.string().uuid(), caseId: z.string().uuid(), reference: z.string().describe('The case\'s first contact'), level: levelSchema,
  kind: z.enum(['follow_up', 'outreach']), dueOn: z.string(), purpose: z.string().nullable(), assignedTo: person.nullable(),
  overdue: z.boolean(), doneAt: z.string().nullable(), result: z.enum(FOLLOW_UP_RESULTS).nullable(), note: z.string().nullable(), doneOnTime: z.boolean().nullable(),
  cancelledAt: z.string().nullable().describe('The case closed before it was done: kept, not in the lists (missed if its day had passed)'),
}).meta({ id: 'FollowUp' });

export const caseSchema = z.object({
  id: z.string().uuid(), level: levelSchema, status: z.enum(['open', 'closed']), contactId: z.string().uuid(), reference: z.string(),
  person: z.object({ name: z.string().nullable(), birthDate: z.string().nullable() }).nullable().describe('null after erasure'),
  responsible: person.nullable(), openedAt: z.string(), openedBy: z.string().nullable(), intensiveSince: z.string().nullable(),
  contacts: z.array(z.object({ id: z.string().uuid(), reference: z.string(), receivedAt: z.string(), channel: z.string(), status: z.string(), mainReason: z.string().nullable() })),
  levels: z.array(z.object({ at: z.string(), from: levelSchema, to: levelSchema, by: z.string().nullable(), reason: z.string().nullable() })),
  assessments: z.array(z.object({
    id: z.string().uuid(), battery: z.object({ id: z.string().uuid(), code: z.string(), version: z.number().int(), title: labels, questions: z.array(batteryQuestionSchema) }),
    answers: z.record(z.string(), z.unknown()), flags: z.array(flagSchema), by: z.string().nullable(), at: z.string(),
  })).describe('Each under the battery version it was given under'),
  plan: z.object({
    version: z.number().int(), goals: z.array(goalSchema.required()), steps: z.array(stepSchema.extend({ service: z.string().nullable(), dueOn: z.string().nullable() }).required()),
    agreedWithPerson: z.boolean(), by: z.string().nullable(), at: z.string(),
  }).nullable(),
  followUps: z.array(followUpSchema),
  outreach: z.array(z.object({ id: z.string().uuid(), at: z.string(), method: z.enum(OUTREACH_METHODS), result: z.enum(OUTREACH_RESULTS), note: z.string().nullable(), by: z.string().nullable() })),
  attemptsSinceReached: z.number().int(),
  meetings: z.array(z.object({
    id: z.string().uuid(), status: z.enum(['proposed', 'held', 'cancelled']), reasons: z.array(triggerSchema), plannedOn: z.string().nullable(), heldOn: z.string().nullable(),
    participants: z.array(participant.extend({ role: z.string().nullable() })), decisions: z.string().nullable(), at: z.string(),
  })),
  signals: signalsSchema,
  anchoredOn: z.string().nullable(), anchoredService: z.string().nullable(),
  closedAt: z.string().nullable(), outcome: z.enum(CASE_OUTCOMES).nullable(), closeNote: z.string().nullable(),
  nextFollowUp: z.string().nullable().describe('The earliest open follow-up\'s day; null: nothing booked (the supervisor sees it)'),
}).meta({ id: 'GuidanceCase' });

export const caseListQuerySchema = z.object({
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Cases I am responsible for'),
  status: z.enum(['open', 'closed']).default('open'),
  level: z.coerce.number().int().min(2).max(3).optional(),
  attention: z.enum(['overdue', 'no_next_step', 'silent', 'meeting']).optional().describe('overdue follow-ups; open with nothing booked; the last follow-up or outreach did not reach the person; a meeting proposed by the triggers and not yet arranged'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export const caseListItemSchema = z.object({
  id: z.string().uuid(), reference: z.string(), level: levelSchema, status: z.enum(['open', 'closed']), responsible: person.nullable(), openedAt: z.string(),
  nextFollowUp: z.string().nullable(), overdueFollowUps: z.number().int(), silent: z.boolean(), anchoredOn: z.string().nullable(), outcome: z.enum(CASE_OUTCOMES).nullable(),
}).meta({ id: 'GuidanceCaseItem' });
export const caseListSchema = z.object({
  items: z.array(caseListItemSchema), total: z.number().int().min(0), totalCapped: z.boolean(), offset: z.number().int(), limit: z.number().int(),
}).meta({ id: 'GuidanceCases' });

export const followUpListQuerySchema = z.object({
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  due: z.enum(['today', 'overdue', 'upcoming', 'all']).default('all').describe('today: due today or overdue; overdue: before today; upcoming: after today; all: every open one'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export const followUpListSchema = z.object({
  items: z.array(followUpSchema), total: z.number().int().min(0), totalCapped: z.boolean(), offset: z.number().int(), limit: z.number().int(), today: z.string(),
}).meta({ id: 'FollowUps' });

export const overviewSchema = z.object({
  open: z.object({ level2: z.number().int(), level3: z.number().int() }),
  overdueFollowUps: z.number().int(), noNextStep: z.number().int().describe('Open cases with no follow-up booked'),
  silent: z.number().int().describe('Open cases whose last follow-up or outreach did not reach the person'),
  meetingsProposed: z.number().int().describe('Open cases where the triggers propose a meeting not yet arranged'),
}).meta({ id: 'GuidanceOverview' });

/** `GET /api/contacts/{id}/person`: one person across contacts (access-logged every time). */
export const personPageSchema = z.object({
  person: z.object({ name: z.string().nullable(), birthDate: z.string().nullable(), hetu: z.string().nullable(), phone: z.string().nullable() }),
  matchedBy: z.enum(['hetu', 'phone']),
  contacts: z.array(z.object({
    id: z.string().uuid(), reference: z.string(), receivedAt: z.string(), channel: z.string(), status: z.string(), level: levelSchema,
    mainReason: z.string().nullable(), outcome: z.string().nullable(), notificationKind: z.enum(['social_welfare', 'child_welfare']).nullable(),
  })).describe('Newest first, at most 200; contacts where this person only called about someone else are not here'),
  cases: z.array(z.object({ id: z.string().uuid(), level: levelSchema, status: z.enum(['open', 'closed']), responsible: person.nullable(), openedAt: z.string(), nextFollowUp: z.string().nullable(), anchoredOn: z.string().nullable(), anchoredService: z.string().nullable(), outcome: z.enum(CASE_OUTCOMES).nullable() })),
  openFollowUps: z.array(followUpSchema),
  referrals: z.array(z.object({
    id: z.string().uuid(), contactId: z.string().uuid(), reference: z.string(), kind: z.string(), unit: z.string().nullable(), external: z.string().nullable(),
    status: z.string(), sentAt: z.string(), overdue: z.boolean(),
    outcome: z.string().nullable().describe('null also when consent to forward was withdrawn (outcomeHidden)'), outcomeHidden: z.boolean(),
  })),
  hidden: z.object({ referralOutcomes: z.number().int().describe('Referral outcomes not shown: the consent to forward was withdrawn') }),
}).meta({ id: 'PersonPage' });

/** The guidance figures of a period (issue 17), beside the same dates a year earlier. */
export const guidanceFiguresSchema = z.object({
  contactsByLevel: z.object({ level1: z.number().int(), level2: z.number().int(), level3: z.number().int() }),
  previousYear: z.object({ level1: z.number().int(), level2: z.number().int(), level3: z.number().int() }),
  casesOpened: z.object({ level2: z.number().int(), level3: z.number().int() }).describe('Cases opened in the period, by the level they reached'),
  followUps: z.object({
    due: z.number().int().describe('Follow-ups due in the period'), onTime: z.number().int(), late: z.number().int(),
    missed: z.number().int().describe('Due in the period, past, not done'), pending: z.number().int(),
  }),
  anchored: z.number().int().describe('People anchored in a service in the period'),
  meetingsHeld: z.number().int(), outreachAttempts: z.number().int(),
}).meta({ id: 'GuidanceFigures' });

export type GuidanceFigures = z.infer<typeof guidanceFiguresSchema>;
export type GuidanceCase = z.infer<typeof caseSchema>;
export type ContactGuidance = z.infer<typeof contactGuidanceSchema>;
export type Battery = z.infer<typeof batterySchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
export type PersonPage = z.infer<typeof personPageSchema>;
export type GuidanceOverview = z.infer<typeof overviewSchema>;
export type CaseListItem = z.infer<typeof caseListItemSchema>;
