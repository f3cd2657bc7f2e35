/**
 * The retention table (issue 12): for every kind of record Opastin holds, what is kept, what is
 * erased, for how long, from which event, on which legal basis, and how that is enforced. One
 * place in the code: the retention job (features/records), the administrators' view
 * (GET /api/admin/retention), the CLI preview and docs/records-retention.md all read it.
 *
 * Legal sources: Act 703/2023 on the processing of client data in health and social care
 * (asiakastietolaki), its appendix of retention periods (in force 1.1.2024, applying to older
 * documents too); Social Welfare Act 1301/2014 (SHL) 34–36 §; Child Welfare Act 417/2007 (LsL)
 * 25–26 §; GDPR art. 5(1)(e) (storage limitation) and 32 (security of processing). THL's
 * guidance on asiakasohjaus (seed 003 § 3.2.4): advice and guidance with no matter made pending is
 * not a client document. Confirm the exact wording against the act before relying on it in a
 * decision (docs/records-retention.md says so).
 *
 * Opastin does not know when a client dies: a period counted "from the client's death" never
 * passes here. Those records are disposed of by the county's archive decision (arkistonmuodostus-
 * suunnitelma), not by this job.
 */
import { REFERRAL_ACCESS_AFTER_COMPLETION_DAYS } from './referral-access.js';
export const RECORD_TYPES = [
  'advice_contact', 'anonymous_contact', 'callback_task', 'shl_35_notification', 'lsl_25_notification', 'initiation', 'client_guidance',
  'referral', 'consultation_named', 'consultation_anonymous', 'consent', 'chat_transcript', 'feedback_invite', 'client_feedback',
  'outbox_event', 'outbound_message', 'access_log',
  'staff_session', 'login_attempt', 'idempotency_record', 'rate_limit_counter', 'finished_job',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** How long a record is kept, machine-readable. `never`: the job never erases it (a period from death, or no period Opastin can count). */
export type Period =
  | { kind: 'never' }
  | { kind: 'at_event' }
  | { kind: 'days'; days: number }
  | { kind: 'hours'; hours: number }
  | { kind: 'years'; years: number }
  | { kind: 'by_service_task' };

export interface RetentionRule {
  type: RecordType;
  label: { fi: string; sv: string; en: string };
  /** What stays for good (statistics) or for the period. */
  kept: string;
  /** What the job erases or deletes when the period has passed. */
  erased: string;
  period: Period;
  /** The period in words, for people. */
  periodText: string;
  /** The event the period counts from. */
  from: string;
  legalBasis: string;
  /** How the rule is enforced: job, database constraint, test. */
  enforcement: string;
}

/** Advice contacts: the county may keep the data to reach the person for at most this many days after closing (ADVICE_RETENTION_DAYS). */
export const MAX_ADVICE_RETENTION_DAYS = 30;
/** A contact with a referral keeps what the referral needs until it ends, and this long after (the unit's view after completion; docs/records-retention.md). */
export const REFERRAL_AFTER_END_DAYS = REFERRAL_ACCESS_AFTER_COMPLETION_DAYS;
export const SESSION_KEEP_DAYS = 90;
export const LOGIN_ATTEMPT_KEEP_DAYS = 90;
export const IDEMPOTENCY_KEEP_HOURS = 48;
export const RATE_LIMIT_KEEP_HOURS = 48;
export const FINISHED_JOB_KEEP_DAYS = 14;
/** A feedback link can be answered for this many days (issue 16); then its invite is pruned. */
export const FEEDBACK_INVITE_DAYS = 30;
/** A feedback's free text is kept this long; its score stays for the statistics. */
export const FEEDBACK_TEXT_KEEP_DAYS = 730;
export const ACCESS_LOG_KEEP_YEARS = 12;
/** An outbox event (issue 19) is kept this long after it happened: pull consumers can read back this far. */
export const OUTBOX_KEEP_DAYS = 30;
/** The message log (issue 19): a row is kept this long after the message was queued. */
export const MESSAGE_LOG_KEEP_DAYS = 365;
/** A message still not sent this long after it was queued is given up, and the address goes with it. */
export const MESSAGE_PENDING_MAX_DAYS = 7;

/**
 * The service task of a statutory record and its period from Act 703/2023's appendix. `null`
 * years: counted from the client's death (or from an event Opastin cannot know), so never here.
 */
export const SERVICE_TASKS = ['child_welfare', 'families', 'working_age', 'older_people', 'substance_abuse', 'disability', 'unknown'] as const;
export type ServiceTask = (typeof SERVICE_TASKS)[number];
export const STATUTORY_PERIODS: Record<ServiceTask, { years: number | null; from: string; basis: string }> = {
  child_welfare: { years: null, from: 'the client’s death (2 years after it): the county’s archive decision', basis: 'Act 703/2023 appendix: child welfare service task, 2 years after the client’s death' },
  families: { years: 30, from: 'the matter closed', basis: 'Act 703/2023 appendix: service task for families with children, 30 years after the matter is closed' },
  working_age: { years: 10, from: 'the matter closed', basis: 'Act 703/2023 appendix: working-age service task, 10 years after the matter is closed' },
  older_people: { years: 10, from: 'the matter closed', basis: 'Act 703/2023 appendix: older people’s service task, 10 years after the matter is closed' },
  substance_abuse: { years: 10, from: 'the matter closed', basis: 'Act 703/2023 appendix: substance abuse service task, 10 years after the matter is closed' },
  disability: { years: null, from: 'the last matter closed once the need has ended (Opastin cannot know it): the county’s archive decision', basis: 'Act 703/2023 appendix: disability services, 10 years after the last matter is closed when the need has ended' },
  unknown: { years: null, from: 'unknown service task: the county’s archive decision', basis: 'Act 703/2023: client relationship document and basic data, 2 years after the client’s death' },
};

/** The county's service area code (codes.md) → the service task of the appendix. */
export function serviceTaskOfArea(area: string | null | undefined): ServiceTask {
  switch (area) {
    case 'families': return 'families';
    case 'working_age': return 'working_age';
    case 'older_people': return 'older_people';
    case 'mental_health_substance': return 'substance_abuse';
    case 'disability': return 'disability';
    default: return 'unknown';
  }
}

/** The longer period wins (never > any number of years); child welfare always wins. */
export function statutoryTask(f: { childWelfare: boolean; serviceAreas: readonly (string | null)[] }): ServiceTask {
  if (f.childWelfare) return 'child_welfare';
  const tasks = f.serviceAreas.map(serviceTaskOfArea);
  if (!tasks.length) return 'unknown';
  let best: ServiceTask = tasks[0]!;
  for (const t of tasks) {
    const a = STATUTORY_PERIODS[t].years;
    const b = STATUTORY_PERIODS[best].years;
    if (a === null || (b !== null && a > b)) best = t;
  }
  return best;
}

const STATUTORY_TEXT = 'By service task: child welfare — from the client’s death (never by the job); families with children — 30 years; working-age, older people, substance abuse — 10 years; disability services and an unknown task — the county’s archive decision (never by the job).';

export const RETENTION_TABLE: readonly RetentionRule[] = [
  {
    type: 'advice_contact',
    label: { fi: 'Neuvonta- ja ohjausyhteydenotto (tunnistettu)', sv: 'Rådgivnings- och handledningskontakt (identifierad)', en: 'Advice-only contact (identified)' },
    kept: 'Statistics for good: channel, reasons, service area, region, outcome, duration, urgency, acute category, timestamps.',
    erased: 'Name, phone, identity code, birth date, address, e-mail, callback window, caller number, note, the resident’s message as sent, the caller (name, phone, organisation, relationship), the acute trigger words; the timeline’s free text; consent targets; who notified; the resident’s message shared with a unit.',
    period: { kind: 'days', days: 0 },
    periodText: 'At closing by default (ADVICE_RETENTION_DAYS, 0–30 days, if the county sets a short period to reach the person); with a referral: until the referral has ended + 30 days.',
    from: 'the contact closed (and its last referral ended, its consultations answered)',
    legalBasis: 'Not a client document (THL guidance, seed 003 § 3.2.4; domain § 7): kept only while needed to reach the person, GDPR 5(1)(c)(e).',
    enforcement: 'Retention job (features/records/retention.service.ts, hourly); CHECK contact_erased_holds_no_personal_data (0010, 0013); records/retention.test.ts',
  },
  {
    type: 'anonymous_contact',
    label: { fi: 'Anonyymi yhteydenotto', sv: 'Anonym kontakt', en: 'Anonymous contact' },
    kept: 'Statistics, the note and the resident’s message as sent (neither can hold an identity code, phone number or e-mail).',
    erased: 'Nothing to erase: it never holds personal data (nor a caller); the caller number from the phone system goes when it closes.',
    period: { kind: 'at_event' },
    periodText: 'No personal data at any time; caller number erased at closing.',
    from: 'creation (caller number: closing)',
    legalBasis: 'GDPR 5(1)(c) data minimisation; not a client document.',
    enforcement: 'CHECKs contact_anonymous_holds_no_personal_data, contact_anonymous_caller_number_gone_when_closed (0005), contact_anonymous_holds_no_caller (0013); contacts/anonymity.test.ts',
  },
  {
    type: 'callback_task',
    label: { fi: 'Takaisinsoittopyyntö', sv: 'Begäran om återuppringning', en: 'Callback task' },
    kept: 'Statistics and the attempts (time and result, no text).',
    erased: 'As an advice contact: the phone number, name and callback window once the call is made and the contact closed.',
    period: { kind: 'days', days: 0 },
    periodText: 'As an advice contact.',
    from: 'the contact closed',
    legalBasis: 'As an advice contact: the number is kept only to make the call (GDPR 5(1)(e)).',
    enforcement: 'Retention job; records/retention.test.ts',
  },
  {
    type: 'shl_35_notification',
    label: { fi: 'Ilmoitus sosiaalihuollon tarpeesta (SHL 35 §)', sv: 'Anmälan om behov av socialvård (SocialvårdsL 35 §)', en: 'Notification of a need for social welfare (SHL 35 §)' },
    kept: 'Everything: the person, the notifier, the text, the timeline, referrals and consents — a notification makes a matter pending and is a client document.',
    erased: 'When its period has passed: the same as an advice contact, the notifier and the initiation’s text.',
    period: { kind: 'by_service_task' },
    periodText: STATUTORY_TEXT,
    from: 'the matter closed (the contact closed and its referrals ended)',
    legalBasis: 'SHL 35 §, 34 § (the matter is pending); Act 703/2023 appendix by service task.',
    enforcement: 'Automatic initiation record at receipt (contacts/notification-matter.ts); retention job never erases before the period; trigger contact_statutory_record_kept refuses erasing a contact whose initiation is live; records/retention.test.ts',
  },
  {
    type: 'lsl_25_notification',
    label: { fi: 'Lastensuojeluilmoitus (LsL 25 §)', sv: 'Barnskyddsanmälan (BarnskyddsL 25 §)', en: 'Child welfare notification (LsL 25 §)' },
    kept: 'Everything: the child, the notifier, the text, the timeline, referrals and consents.',
    erased: 'Nothing by the job: the period runs from the client’s death, which Opastin does not know.',
    period: { kind: 'never' },
    periodText: '2 years after the client’s death: never by the job; disposal by the county’s archive decision.',
    from: 'the client’s death',
    legalBasis: 'LsL 25–26 §; Act 703/2023 appendix: child welfare service task, 2 years after the client’s death.',
    enforcement: 'As for SHL 35 §; records/retention.test.ts runs the job 50 years later and finds it intact.',
  },
  {
    type: 'initiation',
    label: { fi: 'Merkintä asian vireilletulosta', sv: 'Anteckning om att ärendet inletts', en: 'Record of a matter made pending' },
    kept: 'The record and its contact with everything in it, for the period of its service task.',
    erased: 'When the period has passed: the concerns text, then the contact as an advice contact.',
    period: { kind: 'by_service_task' },
    periodText: STATUTORY_TEXT,
    from: 'the matter closed',
    legalBasis: 'SHL 34–36 §; Act 703/2023: client document, appendix by service task; basic data 2 years after the client’s death.',
    enforcement: 'Retention job; CHECK initiation_erased_holds_no_text; trigger contact_statutory_record_kept; records/retention.test.ts',
  },
  {
    type: 'client_guidance',
    label: { fi: 'Asiakasohjaus (tasot 2–3)', sv: 'Klienthandledning (nivå 2–3)', en: 'Client guidance (levels 2–3)' },
    kept: 'The case and every contact of it with everything in them: assessments and their answers, the plan, follow-ups, outreach attempts, meetings (participants and decisions), for the period of its service task.',
    erased: 'When the period has passed: the answers, goals and steps, notes, participants, decisions and the anchoring service\'s name (codes, dates, levels, flags and outcomes stay for the statistics), then each contact as an advice contact.',
    period: { kind: 'by_service_task' },
    periodText: STATUTORY_TEXT,
    from: 'the case closed (and its contacts closed and their referrals ended)',
    legalBasis: 'Client guidance starts a client relationship (PAKU level 2, seed 002; domain § 3); its records are client documents: Act 703/2023 appendix by service task.',
    enforcement: 'Retention job (erases the case before its contacts); trigger contact_statutory_record_kept refuses erasing a contact whose case still holds data (0020); CHECKs *_erased_holds_no_text on the guidance tables; guidance/guidance.test.ts, records/retention.test.ts',
  },
  {
    type: 'referral',
    label: { fi: 'Lähete / viesti palveluun', sv: 'Remiss / meddelande till tjänst', en: 'Referral' },
    kept: 'Kind, target, urgency, dates, status, outcome code, needs codes (statistics).',
    erased: 'Summary, preferred time, booked place, outcome note, return, cancel and legal-ground reasons; the snapshot’s person fields and the resident’s message when it was shared.',
    period: { kind: 'days', days: REFERRAL_AFTER_END_DAYS },
    periodText: 'While in the loop, then 30 days after it ended (completed, returned, cancelled); with a statutory record: its period.',
    from: 'the referral ended',
    legalBasis: 'Needed to carry out the hand-off and answer questions on it; GDPR 5(1)(e). A statutory contact’s referral is part of its client document.',
    enforcement: 'Retention job; CHECK referral_erased_holds_no_text; records/retention.test.ts',
  },
  {
    type: 'consultation_named',
    label: { fi: 'Konsultaatio (nimetty)', sv: 'Konsultation (med namn)', en: 'Consultation (named)' },
    kept: 'Consultee, unit, times, status.',
    erased: 'Question and answer, with the contact.',
    period: { kind: 'days', days: 0 },
    periodText: 'With its contact (not while open).',
    from: 'the contact erased',
    legalBasis: 'As its contact.',
    enforcement: 'Retention job; CHECK consultation_erased_holds_no_text; records/retention.test.ts',
  },
  {
    type: 'consultation_anonymous',
    label: { fi: 'Konsultaatio (anonyymi)', sv: 'Konsultation (anonym)', en: 'Consultation (anonymous)' },
    kept: 'Everything: it holds no personal data.',
    erased: 'Nothing.',
    period: { kind: 'at_event' },
    periodText: 'No personal data at any time.',
    from: 'creation',
    legalBasis: 'GDPR 5(1)(c).',
    enforcement: 'CHECK consultation_anonymous_holds_no_personal_data (0008)',
  },
  {
    type: 'consent',
    label: { fi: 'Suostumus', sv: 'Samtycke', en: 'Consent' },
    kept: 'Purpose, method, who gave it, when, withdrawal.',
    erased: 'The target (free text naming the recipient).',
    period: { kind: 'days', days: 0 },
    periodText: 'With its contact (a statutory record: its period).',
    from: 'the contact erased',
    legalBasis: 'Act 703/2023: consent to disclose is part of the client data of its matter.',
    enforcement: 'Retention job; CHECK consent_erased_holds_no_target; records/retention.test.ts',
  },
  {
    type: 'chat_transcript',
    label: { fi: 'Chat-keskustelu', sv: 'Chattsamtal', en: 'Chat transcript' },
    kept: 'An anonymous chat: until its contact closes (the statistics stay on the contact and the chat row). A chat made identified (turned into a callback, or the worker recorded the person for a referral): as its contact.',
    erased: 'The resident\'s and the workers\' messages and service cards (system lines such as "joined" hold no words): an anonymous chat\'s when its contact closes; an identified one\'s when the contact\'s personal data is erased (at closing for advice, by the service task for a matter made pending).',
    period: { kind: 'days', days: 0 },
    periodText: 'Anonymous: at closing. Identified: as its contact.',
    from: 'the contact closed',
    legalBasis: 'GDPR 5(1)(c), (e); as its contact (Act 703/2023 appendix) when it became a client document.',
    enforcement: 'Triggers chat_end_on_close and contact_erase_chat (migration 0019), whichever route closes or erases; chat/chat.test.ts, records/retention.test.ts',
  },
  {
    type: 'feedback_invite',
    label: { fi: 'Palautekutsu', sv: 'Inbjudan till respons', en: 'Feedback invite' },
    kept: 'Until the feedback is given or 30 days pass (the only row that knows which contact a feedback link belongs to).',
    erased: 'The row, when used or expired; with its contact otherwise.',
    period: { kind: 'days', days: FEEDBACK_INVITE_DAYS },
    periodText: '30 days after the contact, or at once when used.',
    from: 'the invite was made',
    legalBasis: 'GDPR 5(1)(c), (e): it serves only to let one feedback in.',
    enforcement: 'Retention job (pruning); records/retention.test.ts',
  },
  {
    type: 'client_feedback',
    label: { fi: 'Asiakaspalaute', sv: 'Klientrespons', en: 'Client feedback' },
    kept: 'The score, channel, line and day for the statistics; the free text for two years. No contact, person or moment is stored with it.',
    erased: 'The free text after two years (residents may write names in it despite the form\'s request).',
    period: { kind: 'days', days: FEEDBACK_TEXT_KEEP_DAYS },
    periodText: 'The text: two years after it was given; the score: kept.',
    from: 'the feedback was given',
    legalBasis: 'GDPR 5(1)(c), (e); PAKU quality criteria (seed 002) ask for the client\'s experience.',
    enforcement: 'Table feedback has no column leading to a contact (0019); retention job (pruning the text); records/retention.test.ts',
  },
  {
    type: 'outbox_event',
    label: { fi: 'Integraatiotapahtuma (lähtevä)', sv: 'Integrationshändelse (utgående)', en: 'Integration event (outbox)' },
    kept: 'The event: ids, the contact\'s reference, codes, dates and statuses (no personal data: the triggers build it from an allow-list of columns), with its webhook deliveries (state, attempts, HTTP status; never a response body).',
    erased: 'The event row, and with it its delivered and dead deliveries (foreign key cascade).',
    period: { kind: 'days', days: OUTBOX_KEEP_DAYS },
    periodText: '30 days after the event (systems that poll can read 30 days back); not while a webhook delivery of it is pending or a consumer has not yet passed it.',
    from: 'the event happened',
    legalBasis: 'GDPR 5(1)(c), (e): holds no personal data; kept only to deliver, replay and read back. A subscription with a legal basis gets the person\'s data added at delivery, never stored here.',
    enforcement: 'Retention job (pruning); the triggers of migration 0022 (no personal data by construction); integration/outbox.test.ts, records/retention.test.ts',
  },
  {
    type: 'outbound_message',
    label: { fi: 'Lähetetty viesti (sähköposti, tekstiviesti)', sv: 'Skickat meddelande (e-post, sms)', en: 'Message sent (e-mail, text message)' },
    kept: 'The message log: template, channel, language, recipient kind, the contact\'s reference, state, attempts, times. The address only while the message waits to be sent; the body is never stored.',
    erased: 'The address and the wording\'s parameters once the message is sent or given up; a message still waiting after 7 days is given up (its address erased); the log row after a year.',
    period: { kind: 'days', days: MESSAGE_LOG_KEEP_DAYS },
    periodText: 'The address: until sent, at most 7 days; the log row: 365 days after the message was queued.',
    from: 'the message was queued',
    legalBasis: 'GDPR 5(1)(c), (e): the address is needed only to send; the log shows what was sent to whom (a kind, not a person) and when.',
    enforcement: 'CHECK outbound_message_address_only_while_pending (0022); retention job (giving up, pruning); records/retention.test.ts',
  },
  {
    type: 'access_log',
    label: { fi: 'Käyttöloki', sv: 'Användningslogg', en: 'Access log' },
    kept: 'Every row, hash-chained.',
    erased: 'Nothing by the job: nothing is old enough before 12 years.',
    period: { kind: 'years', years: ACCESS_LOG_KEEP_YEARS },
    periodText: 'At least 12 years from its creation; then the county’s archive decision.',
    from: 'the row written',
    legalBasis: 'Act 703/2023 (käyttöloki, at least 12 years).',
    enforcement: 'The job never deletes it; the table is append-only (0004 trigger).',
  },
  {
    type: 'staff_session',
    label: { fi: 'Istunto', sv: 'Session', en: 'Staff session' },
    kept: 'While valid, then 90 days for security review.',
    erased: 'The row.',
    period: { kind: 'days', days: SESSION_KEEP_DAYS },
    periodText: '90 days after it expired or was revoked.',
    from: 'the session ended',
    legalBasis: 'GDPR 5(1)(e), 32: security review of sign-ins.',
    enforcement: 'Retention job (pruning); records/retention.test.ts',
  },
  {
    type: 'login_attempt',
    label: { fi: 'Kirjautumisyritys (IP-osoite)', sv: 'Inloggningsförsök (IP-adress)', en: 'Login attempt (IP address)' },
    kept: '90 days.',
    erased: 'The row (username, IP address).',
    period: { kind: 'days', days: LOGIN_ATTEMPT_KEEP_DAYS },
    periodText: '90 days after the attempt.',
    from: 'the attempt',
    legalBasis: 'GDPR 5(1)(e), 32: detecting attacks; the lock-out needs minutes.',
    enforcement: 'Retention job (pruning); records/retention.test.ts',
  },
  {
    type: 'idempotency_record',
    label: { fi: 'Toistosuojan tallenne', sv: 'Idempotenspost', en: 'Idempotency record' },
    kept: '48 hours.',
    erased: 'The row (the stored answer).',
    period: { kind: 'hours', hours: IDEMPOTENCY_KEEP_HOURS },
    periodText: '48 hours after the request (well past any client’s retry window).',
    from: 'the request',
    legalBasis: 'GDPR 5(1)(e): only retries need it.',
    enforcement: 'Retention job (pruning); records/retention.test.ts',
  },
  {
    type: 'rate_limit_counter',
    label: { fi: 'Käyttörajan laskuri', sv: 'Räknare för begränsning', en: 'Rate-limit counter' },
    kept: 'Its window, then 48 hours (keys are HMACs).',
    erased: 'The row.',
    period: { kind: 'hours', hours: RATE_LIMIT_KEEP_HOURS },
    periodText: '48 hours after its window started (windows are at most 24 hours).',
    from: 'the window started',
    legalBasis: 'GDPR 5(1)(e).',
    enforcement: 'Retention job (pruning); records/retention.test.ts',
  },
  {
    type: 'finished_job',
    label: { fi: 'Päättynyt taustatyö', sv: 'Avslutat bakgrundsjobb', en: 'Finished background job' },
    kept: '14 days (no personal data in the payloads).',
    erased: 'The job row.',
    period: { kind: 'days', days: FINISHED_JOB_KEEP_DAYS },
    periodText: '14 days after it completed or failed.',
    from: 'the job finished',
    legalBasis: 'Operations only; GDPR 5(1)(e).',
    enforcement: 'pg-boss’s own retention (deleteAfterSeconds on each queue, platform/jobs.ts); counted by the preview.',
  },
];

export function ruleOf(type: RecordType): RetentionRule {
  return RETENTION_TABLE.find((r) => r.type === type)!;
}

/** What the job knows of a closed, identified, not yet erased contact. */
export interface ContactFacts {
  channel: string;
  closedAt: Date;
  notificationKind: 'social_welfare' | 'child_welfare' | null;
  /** initiation records not yet erased */
  initiations: number;
  /** the contact's own service area and those of its initiations' units */
  serviceAreas: (string | null)[];
  /** a referral sent on the child welfare legal ground */
  childWelfareGround: boolean;
  referrals: { open: boolean; endedAt: Date | null }[];
  openConsultations: number;
  /**
   * The guidance case (levels 2–3) the contact belongs to, as one matter over all its contacts: open
   * while the case, a contact or a referral of it is; closed when the last of them closed; the
   * service areas of all its contacts (and families when a family battery was used) and whether any
   * is child welfare. Every contact of a case thus gets the same period and is erased with the others.
   */
  guidance?: { open: boolean; closedAt: Date | null; serviceAreas?: (string | null)[]; childWelfare?: boolean } | null;
}

export type ContactDecision =
  | { erase: false; why: 'statutory_period_running' | 'statutory_never' | 'advice_period_running' | 'referral_in_loop' | 'referral_period_running' | 'consultation_open' | 'guidance_open' }
  | { erase: true; recordType: RecordType; statutory: boolean };

export interface RetentionSettings { adviceRetentionDays: number }

const DAY = 86_400_000;
const addYears = (d: Date, years: number) => { const x = new Date(d); x.setUTCFullYear(x.getUTCFullYear() + years); return x; };

/** The record type a contact counts under. */
export function contactRecordType(f: Pick<ContactFacts, 'channel' | 'notificationKind' | 'initiations' | 'guidance'>): RecordType {
  if (f.notificationKind === 'child_welfare') return 'lsl_25_notification';
  if (f.notificationKind === 'social_welfare') return 'shl_35_notification';
  if (f.initiations > 0) return 'initiation';
  if (f.guidance) return 'client_guidance';
  return f.channel === 'callback' ? 'callback_task' : 'advice_contact';
}

/** Whether a contact counts as a statutory record (a matter made pending, a notification, or client guidance at level 2–3). */
export const isStatutory = (f: Pick<ContactFacts, 'notificationKind' | 'initiations' | 'guidance'>) => f.notificationKind !== null || f.initiations > 0 || !!f.guidance;

/**
 * Whether the job erases a closed identified contact's personal data as of `asOf`. A matter
 * made pending (initiation or notification) is kept for its service task's period from the day
 * the matter closed in Opastin (the contact closed and its referrals ended); a period from
 * death never passes. Anything else keeps the data only while needed to reach the person: open
 * referrals and consultations hold it, an ended referral for REFERRAL_AFTER_END_DAYS, and the
 * county's ADVICE_RETENTION_DAYS (0 by default) after closing.
 */
export function decideContact(f: ContactFacts, asOf: Date, settings: RetentionSettings): ContactDecision {
  if (f.referrals.some((r) => r.open)) return { erase: false, why: 'referral_in_loop' };
  if (f.openConsultations > 0) return { erase: false, why: 'consultation_open' };
  if (f.guidance?.open) return { erase: false, why: 'guidance_open' };
  const lastReferralEnd = f.referrals.reduce<number>((m, r) => Math.max(m, r.endedAt?.getTime() ?? 0), 0);
  const recordType = contactRecordType(f);
  if (isStatutory(f)) {
    const task = statutoryTask({
      childWelfare: f.notificationKind === 'child_welfare' || f.childWelfareGround || !!f.guidance?.childWelfare,
      serviceAreas: [...f.serviceAreas, ...(f.guidance?.serviceAreas ?? [])],
    });
    const years = STATUTORY_PERIODS[task].years;
    if (years === null) return { erase: false, why: 'statutory_never' };
    const matterClosed = new Date(Math.max(f.closedAt.getTime(), lastReferralEnd, f.guidance?.closedAt?.getTime() ?? 0));
    return asOf.getTime() >= addYears(matterClosed, years).getTime() ? { erase: true, recordType, statutory: true } : { erase: false, why: 'statutory_period_running' };
  }
  if (lastReferralEnd && asOf.getTime() < lastReferralEnd + REFERRAL_AFTER_END_DAYS * DAY) return { erase: false, why: 'referral_period_running' };
  if (asOf.getTime() < f.closedAt.getTime() + settings.adviceRetentionDays * DAY) return { erase: false, why: 'advice_period_running' };
  return { erase: true, recordType, statutory: false };
}

/** The earliest a statutory record can be erased: closing + 10 years (the shortest statutory period). */
export const SHORTEST_STATUTORY_YEARS = Math.min(...Object.values(STATUTORY_PERIODS).map((p) => p.years ?? Infinity));

/**
 * The keys of a timeline event's details that hold no personal data (codes, ids, dates, staff
 * names). Everything else — transfer, wait, reopen and cancel notes, reasons in free text, consent
 * targets, the acute words — is dropped at erasure. An allow-list: a new free-text key is erased
 * unless someone decides it is safe.
 */
const SAFE_EVENT_KEYS = new Set([
  'outcome', 'channel', 'form', 'topic', 'dangerNow', 'consentText', 'kind', 'existingClient', 'consentId', 'purpose', 'method',
  'initiationId', 'unit', 'legalDeadline', 'legalBasis', 'source', 'referralId', 'referralKind', 'acceptBy', 'contactBy', 'legalGround',
  'consultationId', 'consultee', 'anonymous', 'referralOutcome', 'level', 'due', 'automatic', 'attempts', 'result', 'fields',
  'previousOutcome', 'acuteReasons', 'afterArrival', 'to', 'toName', 'contactor', 'residentMessageShared', 'caseId', 'from',
]);
/** `reason` is a code in some events (waiting, referral returned, hand-off) and free text in others (reopened). */
const REASON_CODES = new Set(['consultation', 'callback_attempt', 'client_to_call_back', 'referral_returned', 'acute', 'urgent', 'child_welfare']);

export function scrubEventDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (SAFE_EVENT_KEYS.has(k) && (v === null || typeof v !== 'object' || (Array.isArray(v) && k === 'acuteReasons') || k === 'fields')) out[k] = v;
    else if (k === 'reason' && typeof v === 'string' && REASON_CODES.has(v)) out[k] = v;
  }
  return out;
}

/** The text that replaces an erased free-text field that cannot be null (initiation concerns, consent target). */
export const ERASED_TEXT = '–';

/** When a record type's simple pruning cutoff falls, as of a moment. */
export function pruneCutoff(
  type: 'staff_session' | 'login_attempt' | 'idempotency_record' | 'rate_limit_counter' | 'finished_job' | 'client_feedback' | 'outbox_event' | 'outbound_message' | 'outbound_message_pending',
  asOf: Date,
): Date {
  const hours = {
    staff_session: SESSION_KEEP_DAYS * 24, login_attempt: LOGIN_ATTEMPT_KEEP_DAYS * 24, idempotency_record: IDEMPOTENCY_KEEP_HOURS, rate_limit_counter: RATE_LIMIT_KEEP_HOURS,
    finished_job: FINISHED_JOB_KEEP_DAYS * 24, client_feedback: FEEDBACK_TEXT_KEEP_DAYS * 24,
    outbox_event: OUTBOX_KEEP_DAYS * 24, outbound_message: MESSAGE_LOG_KEEP_DAYS * 24, outbound_message_pending: MESSAGE_PENDING_MAX_DAYS * 24,
  }[type];
  return new Date(asOf.getTime() - hours * 3_600_000);
}

/** `--as-of 2026-12-01` → the job runs as if at 03:00 UTC that day (the night run, 05:00/06:00 in Helsinki). Null when not a real calendar date. */
export function parseAsOf(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T03:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return null;
  return d;
}

