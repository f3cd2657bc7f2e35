import { z } from 'zod';
import { EMERGENCY_CONTACT_KINDS, TEXT_MAX, TOPIC_CODES } from '../../../domain/front-door.js';
import { residentText } from '../../platform/resident-text.js';

/**
 * The public forms' bodies. Limits are the same as the forms' own (src/web/resident): a resident
 * who passes the form's checks never meets another refusal here.
 */
const lang = z.enum(['fi', 'sv', 'en']).default('fi').describe('The language the resident used: the worker answers in it');
const text = residentText;
const shortText = (max: number) => text().max(max);
const dangerNow = z.boolean().default(false)
  .describe('The resident’s answer to "is someone in danger now, or has someone nowhere safe to be tonight?". Authoritative: true makes the contact acute (danger_now) and an emergency. Optional only for old clients; the forms always send it.');
/** The honeypot: hidden from people (and from assistive technology), filled in by naive bots. */
const website = z.string().max(500).optional().describe('Leave empty. A form that fills it is refused as automated.');
const municipality = z.string().regex(/^[0-9]{3}$/, 'must be a three-digit municipality code').nullish();

export const contactRequestSchema = z.object({
  lang,
  anonymous: z.boolean(),
  contactor: z.enum(['self', 'close_one']).default('self').describe('About whom: me, or a close one (professionals use the notification form)'),
  topic: z.enum(TOPIC_CODES).optional().describe('What it is about, in the form’s plain words'),
  text: text().min(1).max(TEXT_MAX).describe('The matter in the resident’s own words'),
  dangerNow,
  urgent: z.boolean().default(false).describe('The resident says it cannot wait: handled the same working day'),
  municipality,
  name: shortText(200).nullish(),
  phone: shortText(40).nullish(),
  callbackWindow: shortText(100).nullish().describe('When to call, e.g. morning or afternoon'),
  email: z.union([z.literal(''), z.email().max(200)]).nullish().describe('Where to send the receipt and the notice of where the matter went (issue 19)'),
  messages: z.array(z.enum(['email', 'sms'])).max(2).default([]).describe('The resident wants a receipt and a notice of where the matter went by these channels: email needs email, sms needs phone; none when anonymous'),
  consent: z.boolean().optional().describe('The resident agreed to the plain-language consent text: required when identified'),
  website,
}).meta({ id: 'ContactRequest' });

export const callbackRequestSchema = z.object({
  lang,
  line: z.string().regex(/^[a-z0-9_]{1,60}$/).describe('The phone line whose worker should call'),
  phone: shortText(40),
  name: shortText(200).nullish(),
  callbackWindow: shortText(100).nullish(),
  dangerNow,
  messages: z.array(z.enum(['sms'])).max(1).default([]).describe('["sms"]: the resident wants a text message confirming the request (issue 19); off by default, since others may read the phone'),
  consent: z.boolean().optional().describe('Asking for a call is consent to keep the number until the call; false refuses it'),
  website,
}).meta({ id: 'CallbackRequest' });

export const professionalNotificationSchema = z.object({
  lang,
  kind: z.enum(['social_welfare', 'child_welfare']).describe('child_welfare: a child welfare notification (LsL 25 §), always urgent; the 7-working-day clock of LsL 26 § starts'),
  contactor: z.enum(['authority', 'professional', 'organisation']).describe('authority: police, Kela, school, day care…; professional: social or health care; organisation: NGO, parish'),
  notifier: z.object({
    name: shortText(200).min(1),
    organisation: shortText(200).min(1),
    role: shortText(200).nullish(),
    phone: shortText(40).nullish(),
    email: z.union([z.literal(''), z.email().max(200)]).nullish(),
  }),
  subject: z.object({
    name: shortText(200).min(1),
    hetu: shortText(20).nullish(),
    address: shortText(300).nullish(),
    phone: shortText(40).nullish(),
  }),
  municipality,
  subjectConsent: z.enum(['given', 'not_given', 'not_asked']).nullish()
    .describe('SHL 35 § (kind social_welfare, required): does the person know and agree that social services are contacted? Not asked of a child welfare notification (LsL 25 §: the duty to notify does not depend on consent); ignored there'),
  noConsentReason: shortText(1000).nullish(),
  text: text().min(1).max(TEXT_MAX),
  urgency: z.enum(['urgent', 'non_urgent']).describe('Asked explicitly; a child welfare notification is urgent whatever is given'),
  website,
}).meta({ id: 'ProfessionalNotification' });

export const emergencyContactSchema = z.object({
  kind: z.enum(EMERGENCY_CONTACT_KINDS).describe('emergency: 112; crisis_line: the county’s social and crisis emergency line; social_emergency: the county’s social emergency service (sosiaalipäivystys)'),
  phone: z.string(),
  openNow: z.boolean(),
}).meta({ id: 'EmergencyContact' });

export const suggestedServiceSchema = z.object({
  id: z.string().uuid(), name: z.string(), summary: z.string().nullable(), url: z.string().nullable(), phone: z.string().nullable(),
  because: z.array(z.string()).describe('the words (or the reason code) that led to it'),
}).meta({ id: 'SuggestedService' });

export const receiptSchema = z.object({
  reference: z.string().describe('Short code the resident can quote'),
  respondBy: z.iso.date().describe('We contact the resident by this date (Europe/Helsinki); an acute receipt does not promise it: call now'),
  urgent: z.boolean(),
  acute: z.boolean().describe('The resident said someone is in danger now, or the text points to danger: show the emergency contacts first, call now'),
  emergencyContacts: z.array(emergencyContactSchema).describe('For an acute receipt: 112, the crisis line and the social emergency service, each with whether it is open now; empty otherwise'),
  handedToSocialEmergency: z.boolean().describe('It arrived outside guidance hours and was handed to the social emergency service at once'),
  socialEmergencyPhone: z.string().nullable().describe('The social emergency service’s number, when it was handed to it'),
  services: z.array(suggestedServiceSchema).describe('Catalogue services that may help now: only for a non-acute request, only of the resident’s municipality (or the county), above a relevance floor; often none'),
  feedbackToken: z.string().nullable().describe('The contact form\'s receipt: the token for POST /api/public/feedback (the "tell us how it went" link); null when the county does not ask for feedback, and on the other forms'),
}).meta({ id: 'Receipt' });

const siteLabels = z.object({ fi: z.string(), sv: z.string(), en: z.string() });

/** `GET /api/public/site`: what the public site shows for a county. */
export const publicSiteSchema = z.object({
  county: z.object({ code: z.string(), name: siteLabels }),
  crisisPhone: z.string().nullable().describe('The social and crisis emergency line (sosiaali- ja kriisipäivystys)'),
  socialEmergency: z.object({
    phone: z.string().nullable(),
    openNow: z.boolean(),
    weekly: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })).describe('Its weekly hours; empty: around the clock'),
  }).describe('The social emergency service (sosiaalipäivystys): urgent matters out of guidance hours go to it'),
  accessibility: z.object({ feedbackEmail: z.string().nullable(), statementDate: z.string().nullable(), statementUrl: z.string().nullable().describe('The county\'s own accessibility statement page, if it has one') }),
  selfServiceLinks: z.array(z.object({ url: z.string(), label: siteLabels })),
  municipalities: z.array(z.object({ code: z.string(), name: z.object({ fi: z.string(), sv: z.string() }) })).describe('The county\'s municipalities (official codes), for the chat\'s "where do you live" question'),
  adviceRetentionDays: z.number().int().describe('Days after closing an advice contact keeps the resident’s details (0: erased when it is closed); the consent text states it (domain/retention.ts)'),
}).meta({ id: 'PublicSite' });

export type Receipt = z.infer<typeof receiptSchema>;
export type PublicSite = z.infer<typeof publicSiteSchema>;
export type ContactRequest = z.infer<typeof contactRequestSchema>;
export type CallbackRequest = z.infer<typeof callbackRequestSchema>;
export type ProfessionalNotification = z.infer<typeof professionalNotificationSchema>;
