/** Kysely table types. Keep in step with src/server/migrations (the schema test checks the database side). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = Generated<string>;

export interface CountyTable {
  id: Id; code: string; name_fi: string; name_sv: string; name_en: string;
  crisis_phone: string | null; social_emergency_phone: string | null; social_emergency_unit_id: string | null; accessibility_feedback_email: string | null; accessibility_statement_date: string | null;
  service_level_seconds: Generated<number>; service_level_target: ColumnType<string, string | number | undefined, string | number>; created_at: Timestamp; updated_at: Timestamp;
  /** the chat (0019): chats a worker holds at once, minutes before a vanished resident's chat closes itself, whether feedback is asked */
  chat_max_per_worker: Generated<number>; chat_idle_minutes: Generated<number>; feedback_enabled: Generated<boolean>;
  /** county administration (0021): advice contacts' retention in days where the county chooses (null: the installation's), the accessibility statement's address */
  advice_retention_days: number | null; accessibility_statement_url: string | null;
}
/** The chat and client feedback (issue 16, migration 0019). */
export interface ChatOpeningSlotTable { id: Id; county_id: string; weekday: number; opens: string; closes: string; created_at: Timestamp; updated_at: Timestamp }
export type ChatStatus = 'waiting' | 'active' | 'ended';
export type ChatEndedReason = 'closed' | 'resident_left' | 'timeout' | 'callback';
export interface ChatTable {
  id: Id; county_id: string; contact_id: string; token_hash: string; status: Generated<ChatStatus>; ended_reason: ChatEndedReason | null;
  answered_at: Timestamp | null; ended_at: Timestamp | null; resident_seen_at: Timestamp; next_seq: Generated<number>; arrival: ColumnType<string, never, never>; created_at: Timestamp; updated_at: Timestamp;
}
export interface ChatMessageTable {
  id: Id; chat_id: string; seq: number; sender: 'resident' | 'worker' | 'system'; user_id: string | null; client_id: string | null;
  kind: Generated<'text' | 'service_card' | 'event'>; body: string | null; card: ColumnType<unknown, string | null | undefined, string | null>; created_at: Timestamp; updated_at: Timestamp;
}
export interface SavedReplyTable {
  id: Id; county_id: string; lang: 'fi' | 'sv' | 'en'; title: string; body: string; sort_order: Generated<number>; active: Generated<boolean>; created_at: Timestamp; updated_at: Timestamp;
}
export interface FeedbackInviteTable { id: Id; county_id: string; contact_id: string; token_hash: string; expires_at: Timestamp; used_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp }
export interface FeedbackTable {
  id: Id; county_id: string; channel: string; phone_line_id: string | null; given_on: string; lang: 'fi' | 'sv' | 'en'; score: number; text: string | null; created_at: Timestamp; updated_at: Timestamp;
}
/** The workers planned on the phones for a weekday (ISO 1–7) and hour (0–23, Helsinki), county-wide (issue 15). */
/** The statistics' rollup of a day's contacts (issue 15, migration 0016) and the days to rewrite. */
export interface StatContactDayTable {
  id: Id; county_id: string; day: string; dimension: string; code: string | null; count: number; created_at: Timestamp; updated_at: Timestamp;
}
export interface StatDirtyDayTable { id: Id; county_id: string; day: string; created_at: Timestamp; updated_at: Timestamp }
/** The referrals' rollup (migration 0018), as the contacts'. */
export type StatReferralDayTable = StatContactDayTable;
export type StatReferralDirtyDayTable = StatDirtyDayTable;
export interface StaffingRosterTable { id: Id; county_id: string; weekday: number; hour: number; workers: number; created_at: Timestamp; updated_at: Timestamp }
export interface SelfServiceLinkTable { id: Id; county_id: string; url: string; label_fi: string; label_sv: string; label_en: string; sort_order: Generated<number>; created_at: Timestamp; updated_at: Timestamp }
export interface MunicipalityTable { id: Id; county_id: string; code: string; name_fi: string; name_sv: string; created_at: Timestamp; updated_at: Timestamp }
export interface RegionTable { id: Id; county_id: string; code: string; name_fi: string; name_sv: string; name_en: string; created_at: Timestamp; updated_at: Timestamp }
export interface RegionMunicipalityTable { id: Id; region_id: string; municipality_id: string; created_at: Timestamp; updated_at: Timestamp }

export type CodeSet = 'service_area' | 'channel' | 'contactor' | 'urgency' | 'reason' | 'outcome' | 'referral_outcome';
export interface CodeTable {
  id: Id; county_id: string; code_set: CodeSet; code: string; label_fi: string; label_sv: string; label_en: string;
  sort_order: Generated<number>; active: Generated<boolean>; created_at: Timestamp; updated_at: Timestamp;
}
export interface ReceivingUnitTable {
  id: Id; county_id: string; code: string; service_area: string; name_fi: string; name_sv: string; name_en: string;
  active: Generated<boolean>; created_at: Timestamp; updated_at: Timestamp;
  /** 0021: contact details, working days to reach a referred client (null: the default), works in Opastin's inbox or is reached outside it */
  phone: string | null; email: string | null; address: string | null; client_contact_days: number | null; in_opastin: Generated<boolean>;
  /** 0024: the unit's working language: its shared mailbox's reminders go in it */
  language: Generated<'fi' | 'sv' | 'en'>;
}
export type AdminObjectType = 'line' | 'code' | 'region' | 'municipality' | 'unit' | 'user' | 'settings' | 'link' | 'county' | 'webhook' | 'message_template';
export type AdminAction = 'create' | 'update' | 'retire' | 'restore' | 'delete' | 'deactivate' | 'activate';
/** Every administrative change (0021): insert-only. */
export interface AdminChangeTable {
  id: Id; county_id: string; actor_user_id: string | null; actor_name: string; object_type: AdminObjectType; object_key: string; action: AdminAction;
  before: ColumnType<unknown, string | null | undefined, never>; after: ColumnType<unknown, string | null | undefined, never>; at: Generated<Date>; created_at: Timestamp; updated_at: Timestamp;
}
export interface PhoneLineTable {
  id: Id; county_id: string; code: string; region_id: string | null; service_area: string | null; menu_number: number | null;
  authority_only: Generated<boolean>; phone_number: string; name_fi: string; name_sv: string; name_en: string;
  active: Generated<boolean>; created_at: Timestamp; updated_at: Timestamp;
}
export interface OpeningSlotTable { id: Id; phone_line_id: string; weekday: number; opens: string; closes: string; created_at: Timestamp; updated_at: Timestamp }
export interface OpeningExceptionTable {
  id: Id; phone_line_id: string; day: string; opens: string | null; closes: string | null; note: string | null; created_at: Timestamp; updated_at: Timestamp;
}

export const ROLES = ['guidance_worker', 'unit_worker', 'supervisor', 'catalogue_editor', 'admin', 'ed_professional', 'platform_admin'] as const;
export type Role = (typeof ROLES)[number];
export interface AppUserTable {
  id: Id; county_id: string; username: string; display_name: string; email: string | null; password_hash: string | null;
  oidc_issuer: string | null; oidc_subject: string | null; active: Generated<boolean>; created_at: Timestamp; updated_at: Timestamp;
}
export interface UserRoleTable { id: Id; user_id: string; role: Role; created_at: Timestamp; updated_at: Timestamp }
export interface UserUnitTable { id: Id; user_id: string; receiving_unit_id: string; created_at: Timestamp; updated_at: Timestamp }
export interface UserSessionTable {
  id: Id; user_id: string; token_hash: string; csrf_token: string; auth_method: 'password' | 'oidc';
  last_seen_at: Timestamp; expires_at: ColumnType<Date, Date, Date>; revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp; updated_at: Timestamp;
}
export interface LoginAttemptTable { id: Id; username: string; ip: string; succeeded: boolean; created_at: Timestamp; updated_at: Timestamp }

export type AccessSubjectType = 'person' | 'contact' | 'user' | 'referral' | 'consultation';
export type AccessAction = 'read' | 'create' | 'update' | 'delete' | 'export' | 'print' | 'search';
export interface AccessLogTable {
  id: Id; seq: ColumnType<number, never, never>; county_id: string | null; actor_user_id: string | null; actor_label: string;
  subject_type: AccessSubjectType; subject_id: string; action: AccessAction; purpose: string;
  details: ColumnType<unknown, string | null | undefined, never>; created_at: ColumnType<Date, never, never>;
  prev_hash: ColumnType<string, never, never>; hash: ColumnType<string, never, never>;
  /** HMAC-SHA-256 of the identity code of the person the row concerns (migration 0012); set on insert only */
  person_key: ColumnType<string | null, string | null | undefined, never>;
}
/** A signed anchor of the access log's hash chain (migration 0012), append-only. */
export interface AccessLogCheckpointTable {
  id: Id; scope: 'global'; seq: number; hash: string; row_count: number; signed_at: Date; payload: string; signature: string; public_key: string;
  created_at: ColumnType<Date, never, never>;
}
/** What was shared with the receiving unit when the referral was sent (migration 0012). */
export interface ReferralSnapshotTable {
  id: Id; referral_id: string; person_name: string | null; person_phone: string | null; person_hetu: string | null; person_birth_date: string | null;
  person_address: string | null; person_email: string | null; callback_window: string | null; language: string | null;
  /** the resident's words, when the worker shared them with the unit (0013) */
  resident_message: string | null;
  source: 'sent' | 'migration'; taken_at: Date; erased_at: Date | null; created_at: Timestamp; updated_at: Timestamp;
}

export type ContactStatus = 'new' | 'in_progress' | 'waiting' | 'closed';
export type WaitingReason = 'consultation' | 'callback_attempt' | 'client_to_call_back';
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
export interface ContactTable {
  id: Id; county_id: string; reference: string; channel: string; phone_line_id: string | null; service_area: string | null;
  region_id: string | null; municipality_id: string | null; contactor: Generated<string>; anonymous: boolean; main_reason: string | null;
  additional_reasons: TextArray; note: string | null; urgency: Generated<string>; urgency_rank: ColumnType<number, never, never>; received_at: Timestamp; received_on: string; respond_by: string;
  status: Generated<ContactStatus>; waiting_reason: WaitingReason | null; assigned_user_id: string | null; outcome: string | null;
  closed_at: Timestamp | null; closed_by_user_id: string | null; handling_seconds: number | null; led_to_client_relationship: boolean | null;
  triggers: TextArray; repeat_contacts_30d: Generated<number>; first_response_at: Timestamp | null; callback_attempts_allowed: Generated<number>;
  person_name: string | null; person_phone: string | null; person_hetu: string | null; person_birth_date: string | null;
  person_address: string | null; person_email: string | null; callback_window: string | null; caller_number: string | null;
  personal_data_erased_at: Timestamp | null; created_by_user_id: string | null; created_at: Timestamp; updated_at: Timestamp;
  notification_kind: NotificationKind | null; legal_deadline: string | null; legal_basis: 'lsl_26' | null; language: 'fi' | 'sv' | 'en' | null;
  referral_returns: Generated<number>;
  /** the resident's consent to messages about their matter (0022): 'email', 'sms'; emptied with the personal data */
  message_channels: TextArray;
  acute: Generated<boolean>; acute_reasons: Generated<AcuteReasonCode[]>; acute_trigger_words: Generated<string[]>; acute_flagged_at: Timestamp | null;
  /** when the person (or the notifier) was first reached, and how (0011): the service promise is kept when this is by respond_by */
  reached_at: Timestamp | null; reached_how: ReachedHow | null;
  /** the resident's words as sent through a public form, never edited, erased with the person's data (0013) */
  resident_message: string | null;
  /** the guidance level (0020): 1 advice, 2 client guidance, 3 intensive; and the guidance case the contact belongs to */
  guidance_level: Generated<number>; guidance_case_id: string | null;
  /** who called when it was not the person concerned (0013); `contactor` is the relation */
  caller_name: string | null; caller_phone: string | null; caller_organisation: string | null; caller_relationship: string | null;
}
/** A worker's saved queue filters and notification choices (0013), validated by the preferences route. */
export interface WorkerPreferenceTable { id: Id; user_id: string; settings: ColumnType<Record<string, unknown>, string | undefined, string>; created_at: Timestamp; updated_at: Timestamp }
export type ReachedHow = 'call_answered' | 'callback' | 'reply_sent' | 'phone' | 'met' | 'chat';
/** Why a contact is acute: the resident's answer, a worker's mark, or the detector's category (domain/triage). */
export type AcuteReasonCode = (typeof CONTACT_ACUTE_REASONS)[number];
export interface SocialEmergencySlotTable { id: Id; county_id: string; weekday: number; opens: string; closes: string; created_at: Timestamp; updated_at: Timestamp }
export interface EmergencyHandoffTable {
  id: Id; county_id: string; contact_id: string; reason: 'acute' | 'urgent' | 'child_welfare'; routed_at: Timestamp; unit_id: string | null;
  acknowledged_at: Timestamp | null; acknowledged_by_user_id: string | null; created_at: Timestamp; updated_at: Timestamp;
}
export type NotificationKind = 'social_welfare' | 'child_welfare';
export interface NotifierTable {
  id: Id; contact_id: string; name: string; organisation: string; role: string | null; phone: string | null; email: string | null;
  /** null: not a consent question (a child welfare notification, LsL 25 §) */
  subject_consent: 'given' | 'not_given' | 'not_asked' | null; no_consent_reason: string | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface RateLimitCounterTable { id: Id; scope: string; key_hash: string; window_start: Timestamp; hits: Generated<number>; created_at: Timestamp; updated_at: Timestamp }
export interface ContactEventTable {
  id: Id; contact_id: string; at: Timestamp; actor_user_id: string | null; kind: string;
  details: ColumnType<Record<string, unknown>, string | undefined, string>; created_at: Timestamp; updated_at: Timestamp;
}
export interface ConsentTable {
  id: Id; contact_id: string; given_by: 'client' | 'guardian' | 'legal_representative'; method: 'verbal' | 'written' | 'electronic';
  purpose: 'forward_to_unit' | 'consultation' | 'kela' | 'other_actor' | 'recording'; target: string; given_at: Timestamp;
  recorded_by_user_id: string | null; withdrawn_at: Timestamp | null; withdrawn_by_user_id: string | null; created_at: Timestamp; updated_at: Timestamp;
  /** erased with its contact (0010): the target becomes '–' */
  personal_data_erased_at: Timestamp | null;
}
export interface InitiationTable {
  id: Id; contact_id: string; initiated_on: string; concerns: string; receiving_unit_id: string | null; urgent: boolean; highest_care_allowance: Generated<boolean>;
  /** where the record came from (0010): a worker, or created with a notification (SHL 35 §, LsL 25 §), which has no unit until routed */
  source: Generated<InitiationSource>; personal_data_erased_at: Timestamp | null;
  age_at_initiation: number | null; legal_deadline: string | null; legal_basis: 'shl_36' | 'lsl_26' | 'thl_51' | null; recorded_by_user_id: string | null; created_at: Timestamp; updated_at: Timestamp;
}
export type InitiationSource = 'worker' | 'shl_35_notification' | 'lsl_25_notification';
export interface CallbackAttemptTable { id: Id; contact_id: string; at: Timestamp; result: 'reached' | 'no_answer' | 'busy' | 'wrong_number' | 'voicemail'; user_id: string | null; created_at: Timestamp; updated_at: Timestamp }
export interface PhoneCallTable {
  id: Id; county_id: string; call_id: string; contact_id: string; state: 'ringing' | 'answered' | 'ended'; answered_by: string | null;
  started_at: Timestamp; answered_at: Timestamp | null; ended_at: Timestamp | null; hangup_cause: string | null; created_at: Timestamp; updated_at: Timestamp;
  /** the line the call came in on (migration 0017; a trigger fills it from the contact when left out) */
  phone_line_id: Generated<string | null>;
}
export interface IdempotentRequestTable {
  id: Id; scope: string; key: string; request_hash: string; status_code: number; response: ColumnType<unknown, string, string>; created_at: Timestamp; updated_at: Timestamp;
}

/** Guidance levels 2–3 (issue 17, migration 0020). jsonb columns are read as parsed values. */
export interface QuestionBatteryTable {
  id: Id; county_id: string; code: string; version: number; area: string; title: Json<{ fi: string; sv: string; en: string }>; questions: Json<unknown[]>;
  created_by_user_id: string | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface GuidanceCaseTable {
  id: Id; county_id: string; contact_id: string; level: number; status: Generated<'open' | 'closed'>; responsible_user_id: string | null; opened_by_user_id: string | null;
  opened_at: Timestamp; intensive_since: Timestamp | null; anchored_on: string | null; anchored_service: string | null; closed_at: Timestamp | null;
  outcome: string | null; close_note: string | null; personal_data_erased_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface GuidanceAssessmentTable {
  id: Id; case_id: string; contact_id: string | null; battery_id: string; answers: Json<Record<string, unknown>>; flags: Json<unknown[]>;
  created_by_user_id: string | null; personal_data_erased_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface GuidancePlanTable {
  id: Id; case_id: string; version: number; goals: Json<unknown[]>; steps: Json<unknown[]>; agreed_with_person: boolean;
  created_by_user_id: string | null; personal_data_erased_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface FollowUpTable {
  id: Id; county_id: string; case_id: string; kind: Generated<'follow_up' | 'outreach'>; due_on: string; purpose: string | null; assigned_user_id: string | null;
  created_by_user_id: string | null; done_at: Timestamp | null; done_by_user_id: string | null; result: 'reached' | 'not_reached' | null; note: string | null;
  cancelled_at: Timestamp | null; personal_data_erased_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface OutreachAttemptTable {
  id: Id; case_id: string; at: Timestamp; method: string; result: 'reached' | 'no_answer' | 'message_left' | 'declined'; note: string | null; by_user_id: string | null;
  personal_data_erased_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface GuidanceMeetingTable {
  id: Id; case_id: string; status: Generated<'proposed' | 'held' | 'cancelled'>; reasons: TextArray; planned_on: string | null; held_on: string | null;
  participants: Json<unknown[]>; decisions: string | null; proposed_by_user_id: string | null; recorded_by_user_id: string | null;
  personal_data_erased_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
}

export interface DB {
  county: CountyTable;
  question_battery: QuestionBatteryTable;
  admin_change: AdminChangeTable;
  outbox_event: OutboxEventTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_delivery: WebhookDeliveryTable;
  outbox_consumer: OutboxConsumerTable;
  outbox_horizon: OutboxHorizonTable;
  outbound_message: OutboundMessageTable;
  message_template: MessageTemplateTable;
  guidance_case: GuidanceCaseTable;
  guidance_assessment: GuidanceAssessmentTable;
  guidance_plan: GuidancePlanTable;
  follow_up: FollowUpTable;
  outreach_attempt: OutreachAttemptTable;
  guidance_meeting: GuidanceMeetingTable;
  chat_opening_slot: ChatOpeningSlotTable;
  chat: ChatTable;
  chat_message: ChatMessageTable;
  saved_reply: SavedReplyTable;
  feedback_invite: FeedbackInviteTable;
  feedback: FeedbackTable;
  staffing_roster: StaffingRosterTable;
  stat_contact_day: StatContactDayTable;
  stat_dirty_day: StatDirtyDayTable;
  stat_referral_day: StatReferralDayTable;
  stat_referral_dirty_day: StatReferralDirtyDayTable;
  municipality: MunicipalityTable;
  region: RegionTable;
  region_municipality: RegionMunicipalityTable;
  code: CodeTable;
  receiving_unit: ReceivingUnitTable;
  phone_line: PhoneLineTable;
  opening_slot: OpeningSlotTable;
  opening_exception: OpeningExceptionTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_unit: UserUnitTable;
  user_session: UserSessionTable;
  login_attempt: LoginAttemptTable;
  access_log: AccessLogTable;
  access_log_checkpoint: AccessLogCheckpointTable;
  referral_snapshot: ReferralSnapshotTable;
  contact: ContactTable;
  worker_preference: WorkerPreferenceTable;
  contact_event: ContactEventTable;
  consent: ConsentTable;
  initiation: InitiationTable;
  callback_attempt: CallbackAttemptTable;
  phone_call: PhoneCallTable;
  idempotent_request: IdempotentRequestTable;
  self_service_link: SelfServiceLinkTable;
  catalogue_organisation: CatalogueOrganisationTable;
  service: ServiceTable;
  service_channel: ServiceChannelTable;
  service_channel_hour: ServiceChannelHourTable;
  service_service_channel: ServiceServiceChannelTable;
  service_revision: ServiceRevisionTable;
  catalogue_word: CatalogueWordTable;
  notifier: NotifierTable;
  rate_limit_counter: RateLimitCounterTable;
  referral: ReferralTable;
  referral_reminder: ReferralReminderTable;
  consultation: ConsultationTable;
  social_emergency_slot: SocialEmergencySlotTable;
  emergency_handoff: EmergencyHandoffTable;
}

import type { ProviderType } from '../../domain/catalogue.js';
import type { CONTACT_ACUTE_REASONS } from '../../domain/triage/lexicon.js';
export type ChannelKind = 'phone' | 'electronic' | 'web_page' | 'printable_form' | 'service_location';
type Json<T> = ColumnType<T, string, string>;
export interface CatalogueOrganisationTable {
  id: Id; county_id: string; ptv_id: string | null; provider_type: ProviderType; business_code: string | null;
  name_fi: string | null; name_sv: string | null; name_en: string | null; description_fi: string | null; description_sv: string | null; description_en: string | null;
  municipality_code: string | null; web_url: string | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface ServiceTable {
  id: Id; county_id: string; ptv_id: string | null; source: 'ptv' | 'local'; organisation_id: string | null;
  kind: Generated<'service' | 'permit_or_obligation' | 'professional_qualification'>;
  name_fi: string | null; name_sv: string | null; name_en: string | null; summary_fi: string | null; summary_sv: string | null; summary_en: string | null;
  description_fi: string | null; description_sv: string | null; description_en: string | null; keywords_fi: string | null; keywords_sv: string | null; keywords_en: string | null;
  service_classes: TextArray; target_groups: TextArray; ontology_uris: TextArray; nationwide: Generated<boolean>; municipalities: TextArray; languages: TextArray;
  charge_type: 'free' | 'chargeable' | 'other' | null; service_areas: TextArray; reasons: TextArray; mapping_edited: Generated<boolean>;
  owner_user_id: string | null; review_interval_days: Generated<number>; reviewed_at: Generated<Date>; ptv_modified: Timestamp | null; active: Generated<boolean>;
  search_fi: ColumnType<string, never, never>; search_sv: ColumnType<string, never, never>; search_en: ColumnType<string, never, never>; search_names: ColumnType<string, never, never>;
  created_at: Timestamp; updated_at: Timestamp;
}
export interface ServiceChannelTable {
  id: Id; county_id: string; ptv_id: string | null; organisation_id: string | null; kind: ChannelKind;
  name_fi: string | null; name_sv: string | null; name_en: string | null; description_fi: string | null; description_sv: string | null; description_en: string | null;
  phones: Json<{ number: string; info: string | null; charge: string | null; lang: string | null }[]>; emails: TextArray;
  urls: Json<{ url: string; label: string | null; lang: string | null }[]>;
  street_fi: string | null; street_sv: string | null; street_number: string | null; postal_code: string | null; post_office_fi: string | null; post_office_sv: string | null;
  municipality_code: string | null; languages: TextArray; created_at: Timestamp; updated_at: Timestamp;
}
export interface ServiceChannelHourTable {
  id: Id; channel_id: string; kind: 'weekly' | 'exception'; weekday: number | null; opens: string | null; closes: string | null; closes_next_day: Generated<boolean>;
  valid_from: string | null; valid_to: string | null; closed: Generated<boolean>; note: string | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface ServiceServiceChannelTable { id: Id; service_id: string; channel_id: string; created_at: Timestamp; updated_at: Timestamp }
export interface ServiceRevisionTable {
  id: Id; service_id: string; at: Timestamp; actor_user_id: string | null; source: 'ptv_import' | 'editor' | 'review';
  changes: Json<Record<string, { from: unknown; to: unknown }>>; created_at: Timestamp; updated_at: Timestamp;
}
export interface CatalogueWordTable { id: Id; county_id: string; word: string; created_at: Timestamp; updated_at: Timestamp }

import type { ReferralKind, ReferralStatus, LegalGround, ReferralLegalBasis, Consultee } from '../../domain/referral.js';
export interface ReferralTable {
  id: Id; county_id: string; contact_id: string; kind: ReferralKind; assessment: 'pta' | 'hta' | null; receiving_unit_id: string | null;
  external_name: string | null; external_service_id: string | null; summary: string | null; preferred_time: string | null; needs: TextArray;
  urgency: 'emergency' | 'urgent' | 'non_urgent'; consent_id: string | null; legal_ground: LegalGround | null; legal_ground_reason: string | null;
  booked_at: Timestamp | null; booked_place: string | null; status: ReferralStatus; accept_by: string; contact_by: string;
  legal_deadline: string | null; legal_basis: ReferralLegalBasis | null; sent_at: Timestamp; sent_by_user_id: string; handler_user_id: string | null;
  accepted_at: Timestamp | null; client_contacted_at: Timestamp | null; completed_at: Timestamp | null; returned_at: Timestamp | null; return_reason: string | null;
  cancelled_at: Timestamp | null; cancel_reason: string | null; outcome: string | null; outcome_note: string | null;
  escalation_level: Generated<number>; escalated_at: Timestamp | null; personal_data_erased_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
  /** the contact's channel, phone line, region and municipality when the referral was sent (migration 0017: set by a trigger on insert) */
  contact_channel: Generated<string | null>; contact_phone_line_id: Generated<string | null>; contact_region_id: Generated<string | null>; contact_municipality_id: Generated<string | null>;
}
export interface ReferralReminderTable { id: Id; referral_id: string; level: number; due: string; receiving_unit_id: string | null; sent_at: Timestamp; created_at: Timestamp; updated_at: Timestamp }
export interface ConsultationTable {
  id: Id; county_id: string; contact_id: string; consultee: Consultee; receiving_unit_id: string | null; anonymous: boolean; question: string | null;
  consent_id: string | null; status: Generated<'open' | 'answered' | 'cancelled'>; answer: string | null; answered_by_user_id: string | null; answered_by_name: string | null;
  answered_at: Timestamp | null; asked_by_user_id: string; asked_at: Timestamp; personal_data_erased_at: Timestamp | null; created_at: Timestamp; updated_at: Timestamp;
}

/** Integration and messaging (0022, issue 19). */
type BigIntCol = ColumnType<string, string | number | bigint, string | number | bigint>;
export interface OutboxEventTable {
  id: Id; seq: ColumnType<string | null, never, string | number | bigint>; county_id: string; type: string; subject: string; time: Generated<Date>;
  data: ColumnType<Record<string, unknown>, string, string>; created_at: Timestamp; updated_at: Timestamp;
}
export interface WebhookSubscriptionTable {
  id: Id; county_id: string; name: string; url: string | null; event_types: TextArray; secret: string; token_hash: string;
  personal_data: Generated<boolean>; legal_basis: string | null; active: Generated<boolean>; after_seq: ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
  created_by_user_id: string | null; created_at: Timestamp; updated_at: Timestamp;
}
export type WebhookDeliveryState = 'pending' | 'delivered' | 'dead';
export interface WebhookDeliveryTable {
  id: Id; subscription_id: string; event_id: string; seq: BigIntCol; subject: string; state: Generated<WebhookDeliveryState>;
  attempts: Generated<number>; next_attempt_at: Generated<Date>; lease_until: Date | null; last_status: number | null; last_error: string | null;
  delivered_at: Date | null; dead_at: Date | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface OutboxHorizonTable { id: Id; county_id: string; pruned_seq: ColumnType<string, string | number | bigint, string | number | bigint>; created_at: Timestamp; updated_at: Timestamp }
export interface OutboxConsumerTable { id: Id; name: string; after_seq: ColumnType<string, string | number | bigint | undefined, string | number | bigint>; created_at: Timestamp; updated_at: Timestamp }
export type MessageState = 'pending' | 'sent' | 'dead' | 'skipped';
export interface OutboundMessageTable {
  id: Id; county_id: string; event_id: string | null; channel: 'email' | 'sms'; template: string; lang: 'fi' | 'sv' | 'en';
  recipient_kind: 'unit' | 'supervisor' | 'resident'; recipient_id: string; address: string | null;
  params: ColumnType<Record<string, string>, string | undefined, string>; reference: string | null; state: Generated<MessageState>;
  attempts: Generated<number>; next_attempt_at: Generated<Date>; lease_until: Date | null; last_error: string | null; provider_id: string | null;
  sent_at: Date | null; created_at: Timestamp; updated_at: Timestamp;
}
export interface MessageTemplateTable {
  id: Id; county_id: string; template: string; channel: 'email' | 'sms'; lang: 'fi' | 'sv' | 'en'; subject: string | null; body: string;
  updated_by_user_id: string | null; created_at: Timestamp; updated_at: Timestamp;
}
