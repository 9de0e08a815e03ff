import { sql, type Kysely } from "kysely";
import { consentKinds, type ConsentKind, type DB, type Localised, type QuestionKind, type QuestionOption } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import type { Answers, Consents, PersonFields } from "~/features/registration/form";
import { newRegistrationMails, registrationMail } from "~/features/registration/mails.server";
import { listQuestions } from "~/features/registration/questions.server";
import { currentConsents, insertRegistration } from "~/features/registration/registration.server";
import { isLanguage, type Language } from "~/i18n/languages";
import { AppError } from "~/lib/errors";
import { noteMaxLength } from "./person";

/** A registration of the proof's edition whose personal data are still held; any other id names nothing. */
async function registrationOfEdition(db: Kysely<DB>, access: BackOfficeAccess, registrationId: number) {
  requirePermission(access, "registrations");
  const registration = await db
    .selectFrom("registration")
    .innerJoin("person", "person.id", "registration.person_id")
    .leftJoin("person as registrant", "registrant.id", "registration.registered_by_person_id")
    .where("registration.id", "=", registrationId)
    .where("registration.edition_id", "=", access.editionId)
    .where("registration.anonymised_at", "is", null)
    .selectAll("registration")
    // As ISO dates on every driver (node-postgres reads a date[] as Date objects).
    .select([sql<string[]>`registration.days::text[]`.as("days"), "person.language as person_language", "registrant.email as registered_by"])
    .executeTakeFirst();
  if (!registration) throw new AppError("registration_not_found", "no such registration in this edition");
  return registration;
}

/**
 * Everything the desk shows of one registration of the proof's edition: identity, organisation,
 * answers, every consent decision, workshop seats and wishes, the delegation, every e-mail queued
 * for the person with its delivery, and the organisers' notes. One query per kind of row.
 */
export async function personPage(db: Kysely<DB>, access: BackOfficeAccess, registrationId: number) {
  const registration = await registrationOfEdition(db, access, registrationId);
  const [answers, consents, workshops, wishes, delegation, mails, notes] = await Promise.all([
    db
      .selectFrom("registration_answer")
      .innerJoin("registration_question", "registration_question.id", "registration_answer.question_id")
      .where("registration_answer.registration_id", "=", registration.id)
      .select([
        "registration_answer.question_id as questionId",
        "registration_answer.question_label as label",
        "registration_answer.question_options as options",
        "registration_answer.value",
        "registration_question.kind",
        "registration_question.health_data as healthData",
      ])
      .orderBy("registration_question.position")
      .orderBy("registration_question.id")
      .execute(),
    db
      .selectFrom("consent")
      .leftJoin("person as giver", "giver.id", "consent.given_by_person_id")
      .where("consent.registration_id", "=", registration.id)
      .select([
        "consent.id",
        "consent.kind",
        "consent.granted",
        "consent.text_shown as text",
        "consent.language",
        "consent.recorded_at as recordedAt",
        "giver.email as givenBy",
      ])
      .orderBy("consent.recorded_at", "desc")
      .orderBy("consent.id", "desc")
      .execute(),
    db
      .selectFrom("session_signup")
      .innerJoin("session", "session.id", "session_signup.session_id")
      .where("session_signup.registration_id", "=", registration.id)
      .where("session.edition_id", "=", access.editionId)
      .select([
        "session.id",
        "session.title",
        "session.starts_at as startsAt",
        "session.ends_at as endsAt",
        "session_signup.status",
        "session_signup.created_at as createdAt",
      ])
      .orderBy("session.starts_at")
      .orderBy("session.id")
      .execute(),
    db
      .selectFrom("session_wish")
      .innerJoin("session", "session.id", "session_wish.session_id")
      .innerJoin("wish_round", "wish_round.id", "session_wish.wish_round_id")
      .where("session_wish.registration_id", "=", registration.id)
      .where("wish_round.edition_id", "=", access.editionId)
      .select([
        "session.id",
        "session.title",
        "session_wish.rank",
        "wish_round.id as roundId",
        "wish_round.closes_at as closesAt",
        "wish_round.allocated_at as allocatedAt",
      ])
      .orderBy("wish_round.id")
      .orderBy("session_wish.rank")
      .execute(),
    delegationOf(db, access, registration),
    db
      .selectFrom("mail_outbox")
      .where("person_id", "=", registration.person_id)
      .select(["id", "subject", "language", "status", "attempts", "last_error as lastError", "created_at as createdAt", "sent_at as sentAt"])
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute(),
    db
      .selectFrom("registration_note")
      .leftJoin("person as author", "author.id", "registration_note.author_person_id")
      .where("registration_note.registration_id", "=", registration.id)
      .select(["registration_note.id", "registration_note.body", "registration_note.created_at as createdAt", "author.email as author"])
      .orderBy("registration_note.created_at", "desc")
      .orderBy("registration_note.id", "desc")
      .execute(),
  ]);
  const { search_text: _search, ...identity } = registration;
  return {
    registration: {
      ...identity,
      personLanguage: isLanguage(registration.person_language) ? registration.person_language : ("fr" as Language),
    },
    answers: answers as {
      questionId: number;
      label: Localised;
      options: QuestionOption[];
      value: unknown;
      kind: QuestionKind;
      healthData: boolean;
    }[],
    consents,
    workshops,
    wishes,
    delegation,
    mails,
    notes,
  };
}
export type PersonPage = Awaited<ReturnType<typeof personPage>>;

/** The registration's delegation, its lead and the colleagues, each with the id of their registration. */
async function delegationOf(db: Kysely<DB>, access: BackOfficeAccess, registration: { id: number; delegation_id: number | null }) {
  if (registration.delegation_id === null) return null;
  const delegation = await db
    .selectFrom("delegation")
    .where("id", "=", registration.delegation_id)
    .where("edition_id", "=", access.editionId)
    .select(["id", "organisation_name as organisation", "lead_person_id"])
    .executeTakeFirst();
  if (!delegation) return null;
  const members = await db
    .selectFrom("registration")
    .where("delegation_id", "=", delegation.id)
    .where("edition_id", "=", access.editionId)
    .where("anonymised_at", "is", null)
    .select(["id", "person_id", "given_name", "family_name", "status"])
    .orderBy("id")
    .execute();
  const isLead = (member: { person_id: number }) => member.person_id === delegation.lead_person_id;
  return {
    organisation: delegation.organisation,
    lead: members.find(isLead) ?? null,
    colleagues: members.filter((member) => !isLead(member)),
  };
}

/** What the registration form shows to change a registration: its stored values, by field name. */
export async function registrationFormValues(db: Kysely<DB>, access: BackOfficeAccess, registrationId: number): Promise<Record<string, string | string[]>> {
  const registration = await registrationOfEdition(db, access, registrationId);
  const [answers, consents] = await Promise.all([
    db.selectFrom("registration_answer").where("registration_id", "=", registration.id).select(["question_id", "value"]).execute(),
    currentConsents(db, registration.id),
  ]);
  return {
    ...Object.fromEntries(
      (["given_name", "family_name", "job_title", "phone", "organisation_type", "organisation_name", "city", "country_code", "category"] as const).map(
        (key) => [key, String(registration[key])],
      ),
    ),
    email: registration.email,
    languages: registration.languages,
    days: registration.days,
    ...Object.fromEntries(answers.map((answer) => [`q${answer.question_id}`, answer.value as string | string[]])),
    ...Object.fromEntries(consentKinds.map((kind) => [`consent_${kind}`, consents[kind] ? "yes" : ""])),
  };
}

/** The sign-in address of a registration of the proof's edition, which no form changes. */
export async function registrationEmail(db: Kysely<DB>, access: BackOfficeAccess, registrationId: number): Promise<string> {
  return (await registrationOfEdition(db, access, registrationId)).email;
}

/** An organiser's internal note on a registration, with its author and time; never shown to the person. */
export async function addNote(db: Kysely<DB>, access: BackOfficeAccess, request: { registrationId: number; body: string; now: Date }): Promise<number> {
  const registration = await registrationOfEdition(db, access, request.registrationId);
  const body = request.body.trim();
  if (body.length === 0 || body.length > noteMaxLength) throw new AppError("note_invalid", `note of ${body.length} characters`);
  return db.transaction().execute(async (tx) => {
    const note = await tx
      .insertInto("registration_note")
      .values({
        registration_id: registration.id,
        author_person_id: access.personId,
        body,
        created_at: request.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The note's text stays out of the log, kept for good: its id leads to it while it exists.
    await recordAudit(
      tx,
      access,
      {
        action: "registration.note",
        subjectType: "registration",
        subjectId: registration.id,
        after: { noteId: note.id },
      },
      request.now,
    );
    return note.id;
  });
}

/**
 * Sends the person again the e-mail of their registration's current state (confirmed with the
 * agenda, pending or waitlisted), in their language; a cancelled registration has none.
 */
export async function resendConfirmation(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { registrationId: number; now: Date; publicUrl: string },
): Promise<void> {
  const registration = await registrationOfEdition(db, access, request.registrationId);
  if (registration.status === "cancelled") throw new AppError("registration_cancelled");
  await db.transaction().execute(async (tx) => {
    await registrationMail(tx, registration.id, registration.status, request.publicUrl);
    await recordAudit(
      tx,
      access,
      {
        action: "registration.resend",
        subjectType: "registration",
        subjectId: registration.id,
        after: { status: registration.status },
      },
      request.now,
    );
  });
}

export interface OnBehalfRequest {
  fields: PersonFields;
  answers: Answers;
  consents: Consents;
  /** The consent texts of the form the organiser filled, in its language. */
  consentTexts: Record<ConsentKind, string>;
  /** The language of the form the organiser filled, recorded with the consents. */
  language: Language;
  /** The language of the person's e-mails, for a person the site does not know yet. */
  mailLanguage: Language;
  now: Date;
  publicUrl: string;
}

/**
 * An organiser registers someone for their edition, whatever the registration window: the
 * person (found by e-mail, or created with `mailLanguage`) gets the registration's status by the
 * edition's usual rules and its usual e-mail, in their language. The registration and its
 * consents name the organiser as who filled the form.
 */
export async function registerOnBehalf(db: Kysely<DB>, access: BackOfficeAccess, request: OnBehalfRequest): Promise<{ id: number; status: string }> {
  requirePermission(access, "registrations");
  const email = request.fields.email;
  const [edition, questions] = await Promise.all([
    db
      .selectFrom(["edition", "site_state"])
      .where("edition.id", "=", access.editionId)
      .select((eb) => ["edition.year", eb.cast<string>("site_state.content_version", "text").as("content_version")])
      .executeTakeFirstOrThrow(),
    listQuestions(db, access.editionId),
  ]);
  const known = await db.selectFrom("person").where("email", "=", email).where("anonymised_at", "is", null).select("language").executeTakeFirst();
  // The e-mails are composed before the statement that decides the status, as for any registration.
  const mails = await newRegistrationMails(db, {
    language: known?.language ?? request.mailLanguage,
    year: edition.year,
    contentVersion: edition.content_version,
    givenName: request.fields.given_name,
    email,
    publicUrl: request.publicUrl,
    questions,
    answers: request.answers,
    consents: request.consents,
    consentTexts: request.consentTexts,
    now: request.now,
  });
  return db.transaction().execute(async (tx) => {
    const person = await tx
      .insertInto("person")
      .values({ email, language: request.mailLanguage })
      .onConflict((conflict) => conflict.column("email").where("anonymised_at", "is", null).doUpdateSet({ email }))
      .returning("id")
      .executeTakeFirstOrThrow();
    const registration = await insertRegistration(
      tx,
      {
        editionId: access.editionId,
        personId: person.id,
        registeredByPersonId: access.personId,
        fields: request.fields,
        answers: request.answers,
        consents: request.consents,
        consentTexts: request.consentTexts,
        language: request.language,
        now: request.now,
        publicUrl: request.publicUrl,
      },
      mails,
    );
    await recordAudit(
      tx,
      access,
      {
        action: "registration.register_on_behalf",
        subjectType: "registration",
        subjectId: registration.id,
        after: { status: registration.status, email },
      },
      request.now,
    );
    return registration;
  });
}
