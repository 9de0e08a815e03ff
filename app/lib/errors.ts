import { data } from "react-router";
// Type only: the catalogues are not loaded with this module, so there is no import cycle.
import type { MessageKey } from "~/i18n/translate";

/**
 * Every refusal a person can meet, once: its HTTP status and the message that explains it. A code
 * names one cause; features throw it (`new AppError("session_overlap")`), and one wrapper per kind
 * of route turns it into an answer (`handleErrors` for loaders, `handleActionErrors` for actions).
 */
export const appErrors = {
  // Pages and ids that do not exist, or that this person may not know about: one answer for both.
  not_found: { status: 404, message: "error.notFound.text" },
  edition_not_found: { status: 404, message: "error.notFound.text" },
  day_not_found: { status: 404, message: "error.notFound.text" },
  session_not_found: { status: 404, message: "error.sessionNotFound" },
  person_not_found: { status: 404, message: "error.notFound.text" },
  calendar_feed_not_found: { status: 404, message: "error.notFound.text" },
  mailbox_unavailable: { status: 404, message: "error.notFound.text" },
  mail_not_found: { status: 404, message: "error.notFound.text" },
  /** Back-office pages do not exist for anyone without the right on that edition. */
  not_staff: { status: 404, message: "error.notFound.text" },
  registration_not_found: { status: 404, message: "registration.error.notFound" },
  wish_round_not_found: { status: 404, message: "registration.error.roundNotFound" },
  signup_not_found: { status: 404, message: "space.error.signupNotFound" },
  invitation_not_found: { status: 404, message: "registration.error.invitationNotFound" },
  supporter_not_found: { status: 404, message: "error.notFound.text" },
  relay_authority_not_found: { status: 404, message: "error.notFound.text" },
  room_not_found: { status: 404, message: "programme.error.roomNotFound" },
  speaker_not_found: { status: 404, message: "programme.error.speakerNotFound" },
  practical_section_not_found: { status: 404, message: "error.notFound.text" },
  question_not_found: { status: 404, message: "error.notFound.text" },
  segment_not_found: { status: 404, message: "segments.error.notFound" },
  /** A factor that is not one of the person's (or a TOTP enrolment never started). */
  second_factor_not_found: { status: 404, message: "secondFactor.error.notFound" },
  staff_role_not_found: { status: 404, message: "team.error.notFound" },

  unknown_intent: { status: 400, message: "error.badRequest.text" },
  /** A form POST another site could have made a browser send (Origin, Sec-Fetch-Site). */
  cross_site_form: { status: 403, message: "accounts.error.crossSite" },
  /** A signed-in person's form without their session's CSRF token, or with another one. */
  csrf_rejected: { status: 403, message: "accounts.error.forbidden" },

  /** Roles of every edition are granted and revoked by owners of every edition only. */
  every_edition_owner_required: { status: 403, message: "team.error.everyEdition" },
  /** An invitation opened by someone signed in with another address than the one invited. */
  invitation_wrong_person: { status: 403, message: "registration.error.invitationWrongPerson" },

  invitation_already_registered: { status: 409, message: "registration.error.invitationAlreadyRegistered" },
  registration_closed: { status: 409, message: "registration.error.closed" },
  already_registered: { status: 409, message: "registration.error.already" },
  registration_cancelled: { status: 409, message: "registration.error.cancelled" },
  /** A confirmed registration changed to a category the organisers approve (speaker, press…). */
  category_needs_approval: { status: 409, message: "registration.error.categoryNeedsApproval" },
  registration_not_confirmed: { status: 409, message: "space.error.notConfirmed" },
  /** Only a person registered for the edition may invite colleagues into a delegation. */
  delegation_lead_required: { status: 403, message: "registration.error.delegationLeadRequired" },
  registered_during_deletion: { status: 409, message: "space.error.registeredDuringDeletion" },
  session_overlap: { status: 409, message: "space.error.overlap" },
  session_allocated_by_wishes: { status: 409, message: "space.error.allocatedByWishes" },
  wish_round_not_open: { status: 409, message: "space.error.roundNotOpen" },
  not_awaiting_approval: { status: 409, message: "organisers.error.decided" },
  round_already_allocated: { status: 409, message: "organisers.error.allocated" },
  round_not_closed: { status: 409, message: "organisers.error.stillOpen" },
  session_not_wishable: { status: 409, message: "organisers.error.notWishable" },
  programme_day_exists: { status: 409, message: "programme.error.dayExists" },
  session_has_participants: { status: 409, message: "programme.error.sessionHasParticipants" },
  /** An edit that would end sign-up, or offer fewer seats than people already hold. */
  session_seats_taken: { status: 409, message: "programme.error.sessionSeatsTaken" },
  speaker_on_sessions: { status: 409, message: "programme.error.speakerOnSessions" },
  /** A capacity below the registrations already confirmed: their places are given. */
  capacity_below_confirmed: { status: 409, message: "settings.error.capacityBelowConfirmed" },
  /** A question answered keeps its kind: the answers given would no longer fit it. */
  question_kind_answered: { status: 409, message: "settings.error.kindAnswered" },
  /** A day of an edition removed while sessions still take place on it. */
  day_has_sessions: { status: 409, message: "editions.error.dayHasSessions" },
  edition_year_taken: { status: 409, message: "editions.error.yearTaken" },
  edition_number_taken: { status: 409, message: "editions.error.numberTaken" },
  /** Publishing an edition whose texts miss a language, without saying so again (a second POST with `confirm`). */
  missing_translations_unconfirmed: { status: 409, message: "editions.error.confirmPublication" },
  /** The last factor of someone holding a back-office role: removing it would lock them out. */
  last_second_factor: { status: 409, message: "secondFactor.error.last" },
  /** Removing a factor, or drawing new recovery codes, needs a factor passed a few minutes ago. */
  second_factor_not_recent: { status: 409, message: "secondFactor.error.notRecent" },
  /** The last owner covering an edition: revoking them would leave it without one. */
  last_owner: { status: 409, message: "team.error.lastOwner" },

  // An invitation that worked once and no longer does.
  invitation_expired: { status: 410, message: "registration.error.invitationExpired" },
  invitation_answered: { status: 410, message: "registration.error.invitationAnswered" },
  invitation_withdrawn: { status: 410, message: "registration.error.invitationWithdrawn" },

  /** Field-level errors of a form, shown beside each field. */
  invalid_form: { status: 422, message: "error.invalidForm" },
  confirmation_required: { status: 422, message: "space.error.confirm" },
  wish_ranks_repeated: { status: 422, message: "space.error.sameRank" },
  wish_session_repeated: { status: 422, message: "space.error.sessionTwice" },
  wish_session_not_in_round: { status: 422, message: "space.error.notInRound" },
  wish_round_without_sessions: { status: 422, message: "organisers.error.noSession" },
  invalid_round_dates: { status: 422, message: "organisers.error.dates" },
  /** A segment's name: one line of 1 to 100 characters, unique in the edition. */
  segment_name_invalid: { status: 422, message: "segments.error.name" },
  segment_name_taken: { status: 409, message: "segments.error.nameTaken" },
  /** A segment naming itself through others, or segments nested deeper than four. */
  segment_cycle: { status: 422, message: "segments.error.cycle" },
  segment_too_deep: { status: 422, message: "segments.error.tooDeep" },
  bulk_scope_empty: { status: 422, message: "desk.bulk.empty" },
  message_not_found: { status: 404, message: "error.notFound.text" },
  /** A preview or test as someone the message does not reach. */
  message_recipient_not_found: { status: 404, message: "messages.error.recipientNotFound" },
  message_subject_invalid: { status: 422, message: "messages.error.subject" },
  message_body_invalid: { status: 422, message: "messages.error.body" },
  /** A `{word}` in a subject or body that is not one of the placeholders offered. */
  message_placeholder_unknown: { status: 422, message: "messages.error.placeholder" },
  reminder_timing_invalid: { status: 422, message: "messages.error.timing" },
  /** Changing, deleting or confirming a message already started. */
  message_not_editable: { status: 409, message: "messages.error.notEditable" },
  message_no_recipients: { status: 422, message: "messages.error.noRecipients" },
  /** An image upload: judged by its content and size, never by its name or declared type. */
  image_missing: { status: 422, message: "media.error.missing" },
  image_too_heavy: { status: 422, message: "media.error.tooHeavy" },
  image_too_many_pixels: { status: 422, message: "media.error.tooManyPixels" },
  image_not_supported: { status: 422, message: "media.error.notSupported" },
  /** A registration window that closes before it opens, or on a day or hour that does not exist. */
  invalid_registration_window: { status: 422, message: "settings.error.window" },
  /** A TOTP or recovery code that does not match, or that was already used. */
  second_factor_code_wrong: { status: 422, message: "secondFactor.error.codeWrong" },
  /** A passkey answer that does not verify (no live challenge, another site, a foreign credential). */
  passkey_refused: { status: 422, message: "secondFactor.error.passkey" },

  /** Too many attempts from one address or for one e-mail address in a time window. */
  rate_limited: { status: 429, message: "accounts.error.rateLimited" },
  /** Colleague invitations a lead may send per hour. */
  invitation_rate_limited: { status: 429, message: "registration.error.invitationRateLimited" },
  /** Second-factor codes a person may try in 15 minutes. */
  second_factor_rate_limited: { status: 429, message: "secondFactor.error.rateLimited" },
  /** A frozen snapshot of figures that is not one of the edition's. */
  figures_snapshot_not_found: { status: 404, message: "error.notFound.text" },
  /** Moving up from the waiting list a registration that is not on it. */
  not_waitlisted: { status: 409, message: "deskPerson.error.notWaitlisted" },
  /** B2B meetings are for the edition's confirmed participants. */
  meeting_not_participant: { status: 403, message: "meetings.error.notParticipant" },
  meeting_profile_too_long: { status: 422, message: "meetings.error.tooLong" },
  /** A theme that is not one of the edition's, or too many. */
  meeting_profile_themes_invalid: { status: 422, message: "meetings.error.themes" },
  meeting_profile_countries_invalid: { status: 422, message: "meetings.error.countries" },
  meeting_theme_label_invalid: { status: 422, message: "meetings.error.themeLabel" },
  meeting_theme_not_found: { status: 404, message: "error.notFound.text" },
  meeting_profile_max_invalid: { status: 422, message: "meetings.error.max" },
  /** A block that is not one of the edition's B2B blocks. */
  meeting_profile_blocks_invalid: { status: 422, message: "meetings.error.blocks" },
  /** Someone not (or no longer) in the directory: unknown, unconfirmed, or without a published profile. */
  meeting_invitee_unknown: { status: 404, message: "meetings.error.inviteeUnknown" },
  meeting_priority_missing: { status: 422, message: "meetings.error.priority" },
  meeting_request_self: { status: 422, message: "meetings.error.self" },
  meeting_same_delegation: { status: 422, message: "meetings.error.sameDelegation" },
  meeting_group_without_delegation: { status: 422, message: "meetings.error.groupWithoutDelegation" },
  meeting_requests_closed: { status: 409, message: "meetings.error.closed" },
  meeting_request_exists: { status: 409, message: "meetings.error.exists" },
  meeting_request_declined: { status: 409, message: "meetings.error.declined" },
  meeting_message_too_long: { status: 422, message: "meetings.error.messageTooLong" },
  /** The person asking already has as many meetings as they said they take. */
  meeting_cap_reached: { status: 409, message: "meetings.error.cap" },
  meeting_invitee_cap_reached: { status: 409, message: "meetings.error.otherCap" },
  meeting_request_not_found: { status: 404, message: "error.notFound.text" },
  meeting_request_answered: { status: 409, message: "meetings.error.answered" },
  meeting_colleagues_invalid: { status: 422, message: "meetings.error.colleagues" },
  meeting_not_found: { status: 404, message: "error.notFound.text" },
  meeting_place_not_found: { status: 404, message: "error.notFound.text" },
  meeting_table_too_small: { status: 409, message: "meetings.error.tableTooSmall" },
  meeting_table_taken: { status: 409, message: "meetings.error.tableTaken" },
  meeting_person_unavailable: { status: 409, message: "meetings.error.personUnavailable" },
  meeting_person_busy: { status: 409, message: "meetings.error.personBusy" },
  meeting_person_cap: { status: 409, message: "meetings.error.personCap" },
  meeting_already_placed: { status: 409, message: "meetings.error.alreadyPlaced" },
  meeting_board_changed: { status: 409, message: "meetings.error.boardChanged" },
  meeting_slots_in_use: { status: 409, message: "meetings.error.slotsInUse" },
  meeting_table_in_use: { status: 409, message: "meetings.error.tableInUse" },
  meeting_table_invalid: { status: 422, message: "meetings.error.tableInvalid" },
  meeting_settings_invalid: { status: 422, message: "meetings.error.settingsInvalid" },
  meeting_not_published: { status: 409, message: "meetings.error.notPublished" },
  /** A café of the edition (with a confirmed host), a round of its block, a seat of one's own: any other is not found. */
  cafe_not_found: { status: 404, message: "cafes.error.notFound" },
  cafe_round_not_found: { status: 404, message: "cafes.error.notFound" },
  cafe_seat_not_found: { status: 404, message: "cafes.error.notFound" },
  /** Cafés are for the edition's confirmed participants. */
  cafe_not_participant: { status: 403, message: "cafes.error.notParticipant" },
  cafe_full: { status: 409, message: "cafes.error.full" },
  cafe_clash_workshop: { status: 409, message: "cafes.error.clashWorkshop" },
  cafe_clash_meeting: { status: 409, message: "cafes.error.clashMeeting" },
  cafe_clash_cafe: { status: 409, message: "cafes.error.clashCafe" },
  /** A host keeps their table every round of its block. */
  cafe_own_round: { status: 409, message: "cafes.error.ownRound" },
  cafe_round_started: { status: 409, message: "cafes.error.roundStarted" },
  /** Seats given by wishes, not yet allocated. */
  cafe_booking_by_wishes: { status: 409, message: "cafes.error.byWishes" },
  cafe_wishes_closed: { status: 409, message: "cafes.error.wishesClosed" },
  cafe_wish_ranks_repeated: { status: 422, message: "cafes.error.ranksRepeated" },
  cafe_not_wishes_mode: { status: 409, message: "cafes.error.notWishesMode" },
  cafe_already_allocated: { status: 409, message: "cafes.error.allocated" },
  cafe_wishes_still_open: { status: 409, message: "cafes.error.stillOpen" },
  /** A host who is not a confirmed participant of the edition with a meeting profile. */
  cafe_host_invalid: { status: 422, message: "cafes.error.host" },
  /** A host who already keeps another table, or holds a café seat, in the block. */
  cafe_host_busy: { status: 409, message: "cafes.error.hostBusy" },
  cafe_fields_invalid: { status: 422, message: "cafes.error.fields" },
  cafe_settings_invalid: { status: 422, message: "cafes.error.settings" },
  cafe_session_invalid: { status: 422, message: "cafes.error.session" },
  cafe_rounds_locked: { status: 409, message: "cafes.error.roundsLocked" },
  cafe_seats_below_booked: { status: 409, message: "cafes.error.seatsBelowBooked" },
  cafe_table_taken: { status: 409, message: "cafes.error.tableTaken" },
  /** An internal note empty or longer than 5,000 characters. */
  note_invalid: { status: 422, message: "deskPerson.error.note" },
} as const satisfies Record<string, { status: number; message: MessageKey }>;

export type ErrorCode = keyof typeof appErrors;

/** What a refused form answers, for the page to explain (see ErrorNotice). */
export interface ActionError {
  code: ErrorCode;
  message: MessageKey;
}

/** A failure a person can cause, named by its code; `detail` is for logs and tests only. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail: string = code,
  ) {
    super(detail);
    this.name = "AppError";
  }

  get status(): number {
    return appErrors[this.code].status;
  }

  get answer(): ActionError {
    return { code: this.code, message: appErrors[this.code].message };
  }
}

/** Turns a domain error into the response a loader throws (the root error boundary shows it). */
export function toResponse(error: unknown): unknown {
  if (error instanceof AppError) return data(error.answer, { status: error.status });
  return error;
}
