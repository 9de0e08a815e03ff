import type { ColumnType, Generated } from "kysely";

/** A text stored in both languages of the site. */
export type Localised = { fr: string; en: string };

/** jsonb column holding a localised text: written as JSON, read as an object. */
type LocalisedColumn = ColumnType<Localised, string, string>;
type NullableLocalisedColumn = ColumnType<Localised | null, string | null, string | null>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type CreatedInstant = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SiteStateTable {
  id: Generated<boolean>;
  content_version: ColumnType<string, never, string>;
}

export interface VenueTable {
  id: Generated<number>;
  name: string;
  street_address: string;
  postal_code: string;
  locality: string;
  country_code: string;
  website: string | null;
  latitude: number | null;
  longitude: number | null;
}

export type AccessMode = "metro" | "rer" | "bus" | "tram" | "parking" | "bicycle" | "accessibility";

export interface VenueAccessTable {
  id: Generated<number>;
  venue_id: number;
  mode: AccessMode;
  details: LocalisedColumn;
  position: Generated<number>;
}

export interface EditionTable {
  id: Generated<number>;
  number: number;
  year: number;
  title: LocalisedColumn;
  theme: LocalisedColumn;
  summary: LocalisedColumn;
  time_zone: Generated<string>;
  venue_id: number;
  registration_opens_at: Instant;
  registration_closes_at: Instant;
  hashtag: string | null;
  honoured_country_code: string | null;
  honour_text: NullableLocalisedColumn;
  published: Generated<boolean>;
  registration_requires_approval: Generated<boolean>;
  /** Categories (participantCategories, checked by the database) whose registrations wait for an organiser's approval. */
  categories_requiring_approval: Generated<string[]>;
  registration_capacity: number | null;
  /** The consent texts the edition's form shows, in both languages (see docs/decisions/0024). */
  consent_texts: ColumnType<Record<ConsentKind, Localised>, string | undefined, string>;
  /** Days after the last day before the edition's registrations are anonymised. */
  retention_days: Generated<number>;
  /** Days after the last day before health answers are erased (0: at the end of the last day). */
  health_retention_days: Generated<number>;
  created_at: CreatedInstant;
  updated_at: CreatedInstant;
}

/** A section of practical information written by the edition's organisers. */
export interface PracticalSectionTable {
  id: Generated<number>;
  edition_id: number;
  title: LocalisedColumn;
  body: LocalisedColumn;
  position: Generated<number>;
}

export interface EditionDayTable {
  id: Generated<number>;
  edition_id: number;
  /** ISO date, YYYY-MM-DD (parsed as text, never as a Date). */
  day: string;
}

export interface EditionContactTable {
  id: Generated<number>;
  edition_id: number;
  name: string;
  role: LocalisedColumn;
  email: string | null;
  phone: string | null;
  position: Generated<number>;
}

export type LinkKind = "website" | "event_site" | "x" | "linkedin" | "facebook" | "instagram" | "youtube" | "bluesky" | "mastodon";

export interface EditionLinkTable {
  id: Generated<number>;
  edition_id: number;
  kind: LinkKind;
  url: string;
  label: LocalisedColumn;
  position: Generated<number>;
}

export type SupporterRole = "organiser" | "support" | "funder" | "partner" | "media";

export interface SupporterTable {
  id: Generated<number>;
  edition_id: number;
  name: LocalisedColumn;
  acronym: NullableLocalisedColumn;
  role: SupporterRole;
  note: NullableLocalisedColumn;
  website: string | null;
  position: Generated<number>;
  logo_media_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** An image uploaded in the back office, re-encoded, served at `/media/<id>-<hash>.webp`. */
export interface MediaTable {
  id: Generated<number>;
  edition_id: number;
  content_type: "image/webp";
  bytes: Buffer;
  width: number;
  height: number;
  /** SHA-256 of `bytes`, hexadecimal. */
  hash: string;
  uploaded_by_person_id: number | null;
  created_at: CreatedInstant;
}

/** A local authority thanked for the « Relais de la coop déc' », with what it relayed. */
export interface RelayAuthorityTable {
  id: Generated<number>;
  edition_id: number;
  name: LocalisedColumn;
  relayed: LocalisedColumn;
  position: Generated<number>;
}

export interface RoomTable {
  id: Generated<number>;
  venue_id: number;
  name: LocalisedColumn;
  capacity: number | null;
}

/** A speaker or moderator of one edition's programme. */
export interface SpeakerTable {
  id: Generated<number>;
  edition_id: number;
  name: string;
  /** What the person does (their title), in both languages. */
  role: NullableLocalisedColumn;
  organisation: string | null;
  /** Plain text; blank lines separate paragraphs. */
  biography: NullableLocalisedColumn;
  photo_media_id: number | null;
}

export const sessionKinds = [
  "welcome",
  "opening",
  "plenary",
  "conference",
  "workshop_thematic",
  "workshop_regional",
  "regional_meeting",
  "b2b",
  "cafe",
  "break",
  "meal",
  "ceremony",
  "networking",
  "closing",
] as const;
export type SessionKind = (typeof sessionKinds)[number];

export interface SessionTable {
  id: Generated<number>;
  uid: Generated<string>;
  edition_id: number;
  day_id: number;
  starts_at: Instant;
  ends_at: Instant;
  kind: SessionKind;
  title: LocalisedColumn;
  description: NullableLocalisedColumn;
  room_id: number | null;
  capacity: number | null;
  requires_signup: Generated<boolean>;
  position: Generated<number>;
  updated_at: CreatedInstant;
  wish_round_id: number | null;
}

export interface SessionSpeakerTable {
  session_id: number;
  speaker_id: number;
  role: "speaker" | "moderator";
  position: Generated<number>;
}

export type LanguageCode = "fr" | "en";

export interface PersonTable {
  id: Generated<number>;
  /** Always lower case. */
  email: string;
  language: Generated<LanguageCode>;
  created_at: CreatedInstant;
  anonymised_at: Date | null;
}

export interface SignInTokenTable {
  id: Generated<number>;
  email: string;
  token_hash: string;
  language: LanguageCode;
  return_to: string | null;
  created_at: CreatedInstant;
  expires_at: Instant;
  used_at: Date | null;
}

export interface AuthSessionTable {
  id: Generated<number>;
  token_hash: string;
  person_id: number;
  csrf_token: string;
  created_at: CreatedInstant;
  last_seen_at: CreatedInstant;
  expires_at: Instant;
  second_factor_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface RateLimitTable {
  key: string;
  window_start: Instant;
  count: Generated<number>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Base64. */
  content: string;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  language: LanguageCode;
  subject: string;
  text_body: string;
  html_body: string;
  attachments: ColumnType<MailAttachment[], string | undefined, string>;
  status: Generated<"pending" | "sent" | "failed">;
  attempts: Generated<number>;
  next_attempt_at: CreatedInstant;
  locked_until: Date | null;
  /** The claim holding the message until `locked_until`; null once it is sent, rescheduled or released. */
  claimed_by: string | null;
  last_error: string | null;
  created_at: CreatedInstant;
  sent_at: Date | null;
  /** A later message of the same key replaces this one while it waits (an updated agenda). */
  replace_key: string | null;
  /** The person of the address, set by the database when the message is queued. */
  person_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** 0 for a message one person waits for, 1 for a message to many: the worker sends lower first. */
  priority: Generated<0 | 1>;
}

export const questionKinds = ["text", "choice", "multiple", "yes_no"] as const;
export type QuestionKind = (typeof questionKinds)[number];
export interface QuestionOption {
  value: string;
  label: Localised;
}

export interface RegistrationQuestionTable {
  id: Generated<number>;
  edition_id: number;
  kind: QuestionKind;
  label: LocalisedColumn;
  help: NullableLocalisedColumn;
  options: ColumnType<QuestionOption[], string | undefined, string>;
  required: Generated<boolean>;
  health_data: Generated<boolean>;
  position: Generated<number>;
  /** Removed from the form; the answers already given stay. */
  removed_at: Date | null;
}

export interface DelegationTable {
  id: Generated<number>;
  edition_id: number;
  lead_person_id: number;
  organisation_name: string;
  created_at: CreatedInstant;
}

export const registrationStatuses = ["pending", "confirmed", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const participantCategories = ["participant", "speaker", "partner", "press", "staff"] as const;
export type ParticipantCategory = (typeof participantCategories)[number];
export const organisationTypes = [
  "commune",
  "intercommunality",
  "department",
  "region",
  "foreign_local_authority",
  "state_embassy",
  "network",
  "ngo",
  "company",
  "research",
  "other",
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export interface RegistrationTable {
  id: Generated<number>;
  edition_id: number;
  person_id: number;
  delegation_id: number | null;
  registered_by_person_id: number | null;
  status: RegistrationStatus;
  category: ParticipantCategory;
  given_name: string;
  family_name: string;
  job_title: Generated<string>;
  email: string;
  phone: Generated<string>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  organisation_type: OrganisationType;
  organisation_name: string;
  country_code: string;
  created_at: CreatedInstant;
  updated_at: CreatedInstant;
  waitlisted_at: Date | null;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  checked_in_at: Date | null;
  /** Short and unique per edition, e.g. R26-4K7Q (see registration-reference.ts). */
  reference: string;
  /** Raised at each change of what the person attends: the SEQUENCE of their agenda's events. */
  agenda_sequence: Generated<number>;
  /** When the edition's retention period ended and the registration's personal data were erased. */
  anonymised_at: Date | null;
  city: Generated<string>;
  /** The days of the edition the person attends (all of them when a registration names none). */
  days: ColumnType<string[], string[] | undefined, string[]>;
  /** Name, organisation, e-mail, city and reference folded for search (kept by the database). */
  search_text: ColumnType<string, never, never>;
  /** Family and given name, organisation and city folded, to sort by (kept by the database). */
  sort_name: ColumnType<string, never, never>;
  sort_organisation: ColumnType<string, never, never>;
  sort_city: ColumnType<string, never, never>;
}

/** A filter of the registrations table kept under a name (see app/features/segments/filter.ts). */
export interface SegmentTable {
  id: Generated<number>;
  edition_id: number;
  name: string;
  filter: ColumnType<unknown, string, string>;
  created_by_person_id: number | null;
  created_at: CreatedInstant;
  updated_at: CreatedInstant;
}

export interface RegistrationAnswerTable {
  registration_id: number;
  question_id: number;
  value: ColumnType<unknown, string, string>;
  /** The question's label when it was answered (filled by the database from the question). */
  question_label: ColumnType<Localised, string | undefined, string>;
  /** The question's options when it was answered. */
  question_options: ColumnType<QuestionOption[], string | undefined, string>;
}

export const consentKinds = ["photos", "share_contact", "newsletter", "health_data"] as const;
export type ConsentKind = (typeof consentKinds)[number];

/** The consent to publish a meeting profile, given in the participant's space, not at registration. */
export const meetingProfileConsent = "meeting_profile";

export interface ConsentTable {
  id: Generated<number>;
  registration_id: number;
  kind: ConsentKind | typeof meetingProfileConsent;
  granted: boolean;
  text_shown: string;
  language: LanguageCode;
  recorded_at: CreatedInstant;
  /** The person who gave (or refused) the consent; null on rows older than the column. */
  given_by_person_id: number | null;
}

export interface DelegationInvitationTable {
  id: Generated<number>;
  edition_id: number;
  lead_person_id: number;
  given_name: string;
  family_name: string;
  job_title: Generated<string>;
  /** Always lower case. */
  email: string;
  language: LanguageCode;
  token_hash: string;
  created_at: CreatedInstant;
  expires_at: Instant;
  accepted_at: Date | null;
  declined_at: Date | null;
  withdrawn_at: Date | null;
  registration_id: number | null;
}

export interface SessionSignupTable {
  id: Generated<number>;
  session_id: number;
  registration_id: number;
  status: "confirmed" | "waitlisted" | "cancelled";
  created_at: CreatedInstant;
  waitlisted_at: Date | null;
  cancelled_at: Date | null;
}

export interface CalendarFeedTable {
  id: Generated<number>;
  person_id: number;
  token_hash: string;
  /** What the token is derived from with the server's secret; null on feeds older than the column. */
  token_seed: string | null;
  created_at: CreatedInstant;
  revoked_at: Date | null;
}

export interface WishRoundTable {
  id: Generated<number>;
  edition_id: number;
  opens_at: Instant;
  closes_at: Instant;
  seed: string;
  allocated_at: Date | null;
}

export interface SessionWishTable {
  wish_round_id: number;
  registration_id: number;
  session_id: number;
  rank: number;
}

/** Confirmed registrations of an edition, kept by a trigger on registration. */
export interface RegistrationCounterTable {
  edition_id: number;
  confirmed: Generated<number>;
}

/** Confirmed seats of a session, kept by a trigger on session_signup. */
export interface SessionSeatCounterTable {
  session_id: number;
  confirmed: Generated<number>;
}

export type StaffRoleName = "owner" | "organiser" | "meetings" | "checkin" | "partner";

/** A back-office role on one edition, or on every edition when `edition_id` is null. */
export interface StaffRoleTable {
  id: Generated<number>;
  person_id: number;
  edition_id: number | null;
  role: StaffRoleName;
  granted_at: CreatedInstant;
  granted_by_person_id: number | null;
  revoked_at: Date | null;
  revoked_by_person_id: number | null;
}

/** One change made in the back office; the database refuses to update or delete it. */
export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: CreatedInstant;
  actor_person_id: number | null;
  actor_email: string | null;
  edition_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: ColumnType<object | null, string | null | undefined, never>;
  after: ColumnType<object | null, string | null | undefined, never>;
}

export type SecondFactorKind = "passkey" | "totp";

/** A passkey or a TOTP app of a person (see migrations/0011_second_factors.sql). */
export interface SecondFactorTable {
  id: Generated<number>;
  person_id: number;
  kind: SecondFactorKind;
  label: string;
  created_at: CreatedInstant;
  confirmed_at: Date | null;
  last_used_at: Date | null;
  credential_id: string | null;
  public_key: string | null;
  /** int8: read as a string. */
  sign_count: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  transports: string[] | null;
  totp_secret: string | null;
  totp_last_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
}

/** A single-use recovery code, as its SHA-256. */
export interface RecoveryCodeTable {
  id: Generated<number>;
  person_id: number;
  code_hash: string;
  created_at: CreatedInstant;
  used_at: Date | null;
}

export type WebAuthnCeremony = "registration" | "authentication";

/** The challenge of a WebAuthn ceremony of one sign-in session. */
export interface WebauthnChallengeTable {
  session_id: number;
  ceremony: WebAuthnCeremony;
  challenge: string;
  expires_at: Instant;
}

/** The key of a back-office form submitted once (see `app/lib/once.server.ts`). */
export interface FormSubmissionTable {
  key: string;
  person_id: number;
  created_at: CreatedInstant;
  result: ColumnType<object | null, string | null | undefined, string | null>;
}

/** A theme of the edition's bilingual list, which meeting profiles pick from. */
export interface MeetingThemeTable {
  id: Generated<number>;
  edition_id: number;
  label: LocalisedColumn;
  position: Generated<number>;
  created_at: CreatedInstant;
}

/** What a participant shows to the others of the edition, for B2B meetings. */
export interface MeetingProfileTable {
  registration_id: number;
  edition_id: number;
  /** Set while the person's consent stands; only these are in the directory. */
  published_at: Date | null;
  region: Generated<string>;
  photo_media_id: number | null;
  offer: Generated<string>;
  seek: Generated<string>;
  updated_at: CreatedInstant;
  /** How many meetings the person takes at most; null for no limit of their own. */
  max_meetings: number | null;
  /** Region, offer and seek folded for search (kept by the database). */
  search_text: ColumnType<string, never, never>;
}

export interface MeetingProfileThemeTable {
  registration_id: number;
  theme_id: number;
}

export interface MeetingProfileCountryTable {
  registration_id: number;
  country_code: string;
}

export interface MeetingSettingsTable {
  edition_id: number;
  /** Requests still pending then expire; null leaves them open. */
  requests_close_at: Date | null;
  /** Minutes of one meeting slot. */
  slot_minutes: Generated<number>;
  /** When the schedule was first sent; null while it is a draft. */
  published_at: Date | null;
  last_run: ColumnType<MeetingRun | null, string | null, string | null>;
  /** Raised by every change of placed meetings. */
  board_version: Generated<number>;
}

/** What the board shows of the engine's last run. */
export interface MeetingRun {
  at: string;
  value: number;
  /** The LP bound: no schedule of these requests is worth more. */
  bound: number;
  placed: number;
  accepted: number;
  seconds: number;
  /** "optimal" when HiGHS proved the value is the best possible. */
  exactStage: "optimal" | "stopped" | "skipped";
}

export const meetingPriorities = ["must", "would_like"] as const;
export type MeetingPriority = (typeof meetingPriorities)[number];
export type MeetingRequestStatus = "pending" | "accepted" | "declined" | "withdrawn" | "expired" | "redirected" | "cancelled";

export interface MeetingRequestTable {
  id: Generated<number>;
  edition_id: number;
  requester_registration_id: number;
  invitee_registration_id: number;
  /** A meeting of the two delegations rather than of the two people. */
  group_meeting: Generated<boolean>;
  priority: MeetingPriority;
  message: Generated<string>;
  status: Generated<MeetingRequestStatus>;
  created_at: CreatedInstant;
  answered_at: Date | null;
  /** The request the invitee passed on to this colleague of their delegation. */
  redirected_from_id: number | null;
}

/** A B2B block of the programme in which a person cannot meet. */
export interface MeetingUnavailabilityTable {
  registration_id: number;
  session_id: number;
}

/** A table of the partners' area. */
export interface MeetingTableTable {
  id: Generated<number>;
  edition_id: number;
  label: string;
  seats: number;
  position: number;
}

/** A slot of a B2B block, in which a table holds one meeting. */
export interface MeetingSlotTable {
  id: Generated<number>;
  edition_id: number;
  session_id: number;
  starts_at: Date;
  ends_at: Date;
}

export type MeetingPlacedBy = "engine" | "organiser" | "participants";

/** An accepted request placed on a slot and a table. */
export interface MeetingTable {
  id: Generated<number>;
  edition_id: number;
  request_id: number;
  slot_id: number;
  table_id: number;
  locked: Generated<boolean>;
  /** Sent to its people, so kept in place when the engine runs again. */
  announced: Generated<boolean>;
  placed_by: MeetingPlacedBy;
  placed_at: CreatedInstant;
}

/** A person of a meeting; the slot is the meeting's, kept in step by the database. */
export interface MeetingAttendeeTable {
  meeting_id: number;
  registration_id: number;
  slot_id: number;
}

/** What a person was last sent of their meetings. */
export interface MeetingAnnouncementTable {
  registration_id: number;
  digest: string;
  announced_at: Date;
}

export type CafeMode = "booking" | "wishes";

/** The organisers' settings of an edition's cafés. */
export interface CafeSettingsTable {
  edition_id: number;
  /** Minutes of one round; each café block is cut into rounds of this length. */
  round_minutes: Generated<number>;
  mode: Generated<CafeMode>;
  /** Wishes are taken until then (wishes mode). */
  wishes_close_at: Date | null;
  allocated_at: Date | null;
  /** The seed of the draw order of the allocation. */
  seed: string | null;
}

/** A host's table during one café block, for all its rounds. */
export interface CafeTable {
  id: Generated<number>;
  edition_id: number;
  session_id: number;
  host_registration_id: number;
  topic: LocalisedColumn;
  /** A spoken language of the registration form (fr, en, es…). */
  language: string;
  table_label: string;
  /** Seats per round, the host not counted. */
  seats: number;
  created_at: CreatedInstant;
}

/** A participant's seat at a café for one round. */
export interface CafeSeatTable {
  cafe_id: number;
  round_starts_at: Date;
  round_ends_at: Date;
  registration_id: number;
  created_at: CreatedInstant;
}

/** A participant's ranked wish of a café (wishes mode). */
export interface CafeWishTable {
  registration_id: number;
  cafe_id: number;
  rank: number;
}

export interface DB {
  cafe_settings: CafeSettingsTable;
  cafe: CafeTable;
  cafe_seat: CafeSeatTable;
  cafe_wish: CafeWishTable;
  meeting_table: MeetingTableTable;
  meeting_slot: MeetingSlotTable;
  meeting: MeetingTable;
  meeting_attendee: MeetingAttendeeTable;
  meeting_announcement: MeetingAnnouncementTable;
  meeting_theme: MeetingThemeTable;
  meeting_profile: MeetingProfileTable;
  meeting_profile_theme: MeetingProfileThemeTable;
  meeting_profile_country: MeetingProfileCountryTable;
  meeting_settings: MeetingSettingsTable;
  meeting_request: MeetingRequestTable;
  meeting_unavailability: MeetingUnavailabilityTable;
  site_state: SiteStateTable;
  venue: VenueTable;
  venue_access: VenueAccessTable;
  edition: EditionTable;
  edition_day: EditionDayTable;
  practical_section: PracticalSectionTable;
  edition_contact: EditionContactTable;
  edition_link: EditionLinkTable;
  supporter: SupporterTable;
  media: MediaTable;
  relay_authority: RelayAuthorityTable;
  room: RoomTable;
  speaker: SpeakerTable;
  session: SessionTable;
  session_speaker: SessionSpeakerTable;
  person: PersonTable;
  sign_in_token: SignInTokenTable;
  auth_session: AuthSessionTable;
  rate_limit: RateLimitTable;
  mail_outbox: MailOutboxTable;
  registration_question: RegistrationQuestionTable;
  delegation: DelegationTable;
  registration: RegistrationTable;
  registration_answer: RegistrationAnswerTable;
  consent: ConsentTable;
  delegation_invitation: DelegationInvitationTable;
  session_signup: SessionSignupTable;
  calendar_feed: CalendarFeedTable;
  wish_round: WishRoundTable;
  session_wish: SessionWishTable;
  registration_counter: RegistrationCounterTable;
  segment: SegmentTable;
  session_seat_counter: SessionSeatCounterTable;
  staff_role: StaffRoleTable;
  audit_log: AuditLogTable;
  form_submission: FormSubmissionTable;
  second_factor: SecondFactorTable;
  recovery_code: RecoveryCodeTable;
  webauthn_challenge: WebauthnChallengeTable;
  figures_snapshot: FiguresSnapshotTable;
  registration_note: RegistrationNoteTable;
  message: MessageTable;
  message_recipient: MessageRecipientTable;
}

export const messageStatuses = ["draft", "scheduled", "sending", "queued", "missed"] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** A message to participants, or a reminder sent at a time relative to the edition (see app/features/messages). */
export interface MessageTable {
  id: Generated<number>;
  edition_id: number;
  kind: "message" | "reminder";
  subject: LocalisedColumn;
  /** Markdown, per language. */
  body: LocalisedColumn;
  /** A RegistrationFilter, as JSON. */
  filter: ColumnType<unknown, string, string>;
  status: MessageStatus;
  anchor: "start" | "end" | null;
  offset_days: number | null;
  /** "HH:MM" on the edition's clock. */
  send_time: string | null;
  enabled: Generated<boolean>;
  recipient_count: number | null;
  created_by_person_id: number | null;
  created_at: CreatedInstant;
  updated_at: CreatedInstant;
  confirmed_by_person_id: number | null;
  confirmed_at: Date | null;
  queued_at: Date | null;
  missed_at: Date | null;
}

/** One person a message goes to, frozen when it starts; queued once its e-mail is in the outbox. */
export interface MessageRecipientTable {
  message_id: number;
  registration_id: number;
  language: LanguageCode;
  outbox_id: number | null;
  queued_at: Date | null;
}

/** The figures of an edition frozen at a date (see app/features/figures/figures.ts). */
export interface FiguresSnapshotTable {
  id: Generated<number>;
  edition_id: number;
  frozen_at: Instant;
  frozen_by_person_id: number | null;
  frozen_by_email: string;
  segment_name: string | null;
  figures: ColumnType<unknown, string, string>;
}

/** An organiser's internal note on a registration, never shown to the person. */
export interface RegistrationNoteTable {
  id: Generated<number>;
  registration_id: number;
  author_person_id: number | null;
  body: string;
  created_at: CreatedInstant;
}
