import { sql, type Kysely, type Transaction } from "kysely";
import { bumpContentVersion } from "~/features/site/content-version.server";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { ConsentKind, DB, RegistrationStatus } from "~/db/schema";
import { registrationWindow } from "~/features/editions/editions.server";
import type { Language } from "~/i18n/languages";
import { AppError } from "~/lib/errors";
import type { Answers, Consents, PersonFields } from "./form";
import { registrationCancellableBy, registrationFor } from "./access.server";
import type { RegistrationQuestion } from "./questions.server";
import { newReference } from "./confirmation.server";
import { cancelledByLeadMails, newRegistrationMails, referencePlaceholder, registrationMail, type NewRegistrationMails } from "./mails.server";
import { listQuestions } from "./questions.server";
import { cancelSignupsOf } from "./signups.server";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";

export interface RegistrationRequest {
  editionId: number;
  /** The person registered. */
  personId: number;
  /** Who filled the form and gave the consents: the person themselves (a lead invites, see invitations.server.ts). */
  registeredByPersonId: number;
  delegationId?: number;
  fields: PersonFields;
  answers: Answers;
  consents: Consents;
  /** The exact consent texts shown, in the language of the form. */
  consentTexts: Record<ConsentKind, string>;
  language: Language;
  now: Date;
  /** Origin of the site, for links in e-mails. */
  publicUrl: string;
}

async function insertAnswers(tx: Transaction<DB>, registrationId: number, answers: Answers) {
  const rows = Object.entries(answers).map(([questionId, value]) => ({
    registration_id: registrationId,
    question_id: Number(questionId),
    value: JSON.stringify(value),
  }));
  if (rows.length > 0) await tx.insertInto("registration_answer").values(rows).execute();
}

/** Records the decision on each of `kinds`, with the text shown, when, and who gave it. */
async function recordConsents(
  tx: Transaction<DB>,
  registrationId: number,
  kinds: ConsentKind[],
  request: Pick<RegistrationRequest, "consents" | "consentTexts" | "language" | "now"> & { givenByPersonId: number },
) {
  if (kinds.length === 0) return;
  await tx
    .insertInto("consent")
    .values(
      kinds.map((kind) => ({
        registration_id: registrationId,
        kind,
        granted: request.consents[kind],
        text_shown: request.consentTexts[kind],
        language: request.language,
        recorded_at: request.now,
        given_by_person_id: request.givenByPersonId,
      })),
    )
    .execute();
}

/**
 * Locks the edition's registration counter: places of one edition are decided one at a time,
 * here and in `register`'s single statement.
 */
async function lockEdition(tx: Transaction<DB>, editionId: number) {
  const edition = await tx
    .selectFrom("edition")
    .innerJoin("registration_counter", "registration_counter.edition_id", "edition.id")
    .where("edition.id", "=", editionId)
    .select([
      "edition.id",
      "edition.year",
      "edition.registration_opens_at",
      "edition.registration_closes_at",
      "edition.registration_requires_approval",
      "edition.registration_capacity",
    ])
    .forUpdate("registration_counter")
    .executeTakeFirst();
  if (!edition) throw new AppError("edition_not_found", "no such edition");
  return edition;
}

/** Confirmed registrations of an edition, from the counter a trigger keeps (read it under lockEdition). */
async function confirmedCount(tx: Transaction<DB>, editionId: number): Promise<number> {
  const row = await tx
    .selectFrom("registration_counter")
    .where("edition_id", "=", editionId)
    .select("confirmed")
    .executeTakeFirstOrThrow();
  return row.confirmed;
}

const isUniqueViolation = (error: unknown, constraint: string) =>
  typeof error === "object" && error !== null && "code" in error && error.code === "23505" && "constraint" in error && error.constraint === constraint;

/**
 * Registers a person for an edition, inside the registration window (server clock): confirmed
 * while seats remain, pending when organisers approve each registration or its category (a
 * speaker, the press…: see `categoriesRequiringApproval`), waitlisted when full.
 * The registration, its answers, consents and e-mail are written by one statement, which takes
 * the edition's counter lock (see lockEdition) only for its own duration: nothing is decided
 * between round trips, and the e-mails are composed beforehand.
 */
export async function register(
  db: Kysely<DB>,
  request: RegistrationRequest,
  setting?: RegistrationSetting,
): Promise<{ id: number; status: RegistrationStatus }> {
  return insertRegistration(db, request, await registrationMailsFor(db, request, setting && { ...setting.mailContext, questions: setting.questions }));
}

/** What composes a registration's e-mails and decides whether its window is open. */
type MailContext = { year: number; registration_opens_at: Date; registration_closes_at: Date; language: Language; content_version: string; questions?: RegistrationQuestion[] };

/**
 * What a registration form's submission needs before it is parsed, in one query: the published
 * edition of `year`, its questions (in the order of the form), and what composes the person's
 * e-mails (pass it on to `register`, which then reads none of it again). On PGlite every query
 * waits its turn on the one connection, so the rush pays for each.
 */
export async function registrationSetting(db: Kysely<DB>, year: number, personId: number) {
  const row = await db
    .selectFrom(["edition", "person", "site_state"])
    .where("edition.year", "=", year)
    .where("edition.published", "=", true)
    .where("person.id", "=", personId)
    .select((eb) => [
      "edition.id",
      "edition.year",
      "edition.registration_opens_at",
      "edition.registration_closes_at",
      "person.language",
      "edition.consent_texts",
      sql<string>`site_state.content_version::text`.as("content_version"),
      jsonArrayFrom(
        eb
          .selectFrom("registration_question")
          .whereRef("registration_question.edition_id", "=", "edition.id")
          .where("registration_question.removed_at", "is", null)
          .select(["id", "kind", "label", "help", "options", "required", "health_data"])
          .orderBy("position")
          .orderBy("id"),
      ).as("questions"),
    ])
    .executeTakeFirst();
  if (!row) throw new AppError("edition_not_found", `no edition ${year}`);
  const { id, questions, consent_texts: consentTexts, ...mailContext } = row;
  // Timestamps inside JSON would be strings; the questions have none.
  return {
    editionId: id,
    questions: questions as RegistrationQuestion[],
    consentTexts,
    mailContext: { ...mailContext, language: mailContext.language as Language },
  };
}
export type RegistrationSetting = Awaited<ReturnType<typeof registrationSetting>>;

/**
 * The e-mails a registration may send, one per outcome, prepared before it is decided (see
 * `newRegistrationMails`); refuses at once a registration outside the window.
 */
export async function registrationMailsFor(db: Kysely<DB>, request: RegistrationRequest, known?: MailContext): Promise<NewRegistrationMails> {
  const edition: MailContext | undefined = known ?? await db
    .selectFrom(["edition", "person", "site_state"])
    .where("edition.id", "=", request.editionId)
    .where("person.id", "=", request.personId)
    .select([
      "edition.year",
      "edition.registration_opens_at",
      "edition.registration_closes_at",
      "person.language",
      sql<string>`site_state.content_version::text`.as("content_version"),
    ])
    .executeTakeFirst();
  if (!edition) throw new AppError("edition_not_found", "no such edition");
  // The window is checked against the request's own instant, which no lock would change.
  if (registrationWindow(edition, request.now).state !== "open") throw new AppError("registration_closed");
  return newRegistrationMails(db, {
    questions: edition.questions ?? (await listQuestions(db, request.editionId)),
    answers: request.answers,
    consents: request.consents,
    consentTexts: request.consentTexts,
    now: request.now,
    language: edition.language,
    year: edition.year,
    contentVersion: edition.content_version,
    givenName: request.fields.given_name,
    email: request.fields.email,
    publicUrl: request.publicUrl,
  });
}

/**
 * Writes a registration, its answers, consents and e-mail in one statement, on `db` or inside a
 * transaction the caller holds (an invitation's acceptance). The statement takes the edition's
 * counter lock (see lockEdition) for its own duration only: nothing is decided between round trips.
 */
export async function insertRegistration(
  db: Kysely<DB>,
  request: RegistrationRequest,
  mails: NewRegistrationMails,
): Promise<{ id: number; status: RegistrationStatus }> {
  const { category, ...person } = request.fields;
  const answers = Object.entries(request.answers).map(([questionId, value]) => ({ question_id: Number(questionId), value }));
  const consents = (Object.keys(request.consents) as ConsentKind[]).map((kind) => ({
    kind,
    granted: request.consents[kind],
    text_shown: request.consentTexts[kind],
  }));
  const outbox = Object.fromEntries(
    Object.entries(mails.mails).map(([status, mail]) => [
      status,
      { to_address: mail.to, language: mail.language, subject: mail.subject, text_body: mail.text, html_body: mail.html, attachments: mail.attachments ?? [] },
    ]),
  );
  // Candidate references, the first one free in the edition taken: the statement reads them
  // under the edition's counter lock, which every registration of the edition takes.
  const references = Array.from({ length: 4 }, () => newReference(mails.year));
  try {
    // `counter ... for update` waits for the registration deciding before this one, then reads
    // its committed count; the trigger on registration raises the count before the lock is let go.
    const { rows } = await sql<{ id: number; status: RegistrationStatus }>`
      with counter as (
        select edition.id as edition_id,
          case
            when edition.registration_requires_approval then 'pending'
            when ${category}::text = any(edition.categories_requiring_approval) then 'pending'
            when edition.registration_capacity is null or registration_counter.confirmed < edition.registration_capacity then 'confirmed'
            else 'waitlisted'
          end as status
        from edition join registration_counter on registration_counter.edition_id = edition.id
        where edition.id = ${request.editionId}
        for update of registration_counter
      ), reference as (
        select candidate.reference
        from unnest(${references}::text[]) with ordinality as candidate(reference, position)
        where not exists (select from registration where edition_id = ${request.editionId} and registration.reference = candidate.reference)
        order by candidate.position
        limit 1
      ), inserted as (
        insert into registration (
          edition_id, person_id, registered_by_person_id, delegation_id, status, category, reference,
          given_name, family_name, job_title, email, phone, languages, organisation_type, organisation_name, city, country_code, days,
          created_at, updated_at, confirmed_at, waitlisted_at
        )
        select counter.edition_id, ${request.personId}::integer, ${request.registeredByPersonId}::integer, ${request.delegationId ?? null}::integer,
          counter.status, ${category}::text, (select reference.reference from reference), ${person.given_name}::text, ${person.family_name}::text, ${person.job_title}::text,
          ${person.email}::text, ${person.phone}::text, ${person.languages}::text[], ${person.organisation_type}::text,
          ${person.organisation_name}::text, ${person.city}::text, ${person.country_code}::text, ${person.days}::date[], ${request.now}::timestamptz, ${request.now}::timestamptz,
          case when counter.status = 'confirmed' then ${request.now}::timestamptz end,
          case when counter.status = 'waitlisted' then ${request.now}::timestamptz end
        from counter
        returning id, status, reference
      ), answers as (
        insert into registration_answer (registration_id, question_id, value)
        select inserted.id, answer.question_id, answer.value
        from inserted, jsonb_to_recordset(${JSON.stringify(answers)}::jsonb) as answer(question_id integer, value jsonb)
      ), consents as (
        insert into consent (registration_id, kind, granted, text_shown, language, recorded_at, given_by_person_id)
        select inserted.id, consent.kind, consent.granted, consent.text_shown, ${request.language}::text, ${request.now}::timestamptz,
          ${request.registeredByPersonId}::integer
        from inserted, jsonb_to_recordset(${JSON.stringify(consents)}::jsonb) as consent(kind text, granted boolean, text_shown text)
      ), mail as (
        insert into mail_outbox (to_address, language, subject, text_body, html_body, attachments)
        select mail.to_address, mail.language, mail.subject,
          replace(mail.text_body, ${referencePlaceholder}, inserted.reference), replace(mail.html_body, ${referencePlaceholder}, inserted.reference), mail.attachments
        from inserted, jsonb_to_record(${JSON.stringify(outbox)}::jsonb -> inserted.status)
          as mail(to_address text, language text, subject text, text_body text, html_body text, attachments jsonb)
      )
      select id, status from inserted
    `.execute(db);
    const registration = rows[0];
    if (!registration) throw new Error(`edition ${request.editionId} has no registration counter`);
    return registration;
  } catch (error) {
    if (isUniqueViolation(error, "registration_active")) throw new AppError("already_registered");
    throw error;
  }
}

/**
 * Cancels a registration and its session sign-ups; the seat goes to the first person on the
 * waitlist, who is told by e-mail. A colleague whose lead cancels is told by whom, and the lead
 * gets a copy.
 */
export async function cancelRegistration(
  db: Kysely<DB>,
  request: { registrationId: number; personId: number; now: Date; publicUrl: string },
): Promise<{ promotedRegistrationId?: number }> {
  const { edition_id, person_id } = await registrationCancellableBy(db, request.registrationId, request.personId);
  return db.transaction().execute(async (tx) => {
    const edition = await lockEdition(tx, edition_id);
    if (!(await endRegistration(tx, request.registrationId, request.now, request.publicUrl))) return {};
    if (person_id === request.personId) await registrationMail(tx, request.registrationId, "cancelled", request.publicUrl);
    else await cancelledByLeadMails(tx, request.registrationId, request.publicUrl);
    return { promotedRegistrationId: await promoteFromWaitlist(tx, edition, request.now, request.publicUrl) };
  });
}

/**
 * Cancels a registration that is not cancelled yet, and its session sign-ups, whose seats go on
 * to those waiting for them; false when it was cancelled already. Call it under lockEdition.
 */
async function endRegistration(tx: Transaction<DB>, registrationId: number, now: Date, publicUrl: string): Promise<boolean> {
  const cancelled = await tx
    .updateTable("registration")
    .set({ status: "cancelled", cancelled_at: now, updated_at: now })
    .where("id", "=", registrationId)
    .where("status", "<>", "cancelled")
    .returning("status")
    .executeTakeFirst();
  if (!cancelled) return false;
  await cancelSignupsOf(tx, registrationId, now, publicUrl);
  // Café seats and wishes are given up with the registration; a café it hosted leaves the public
  // programme (cafes.server.ts lists confirmed hosts only), whose cached pages must change.
  await tx.deleteFrom("cafe_seat").where("registration_id", "=", registrationId).execute();
  await tx.deleteFrom("cafe_wish").where("registration_id", "=", registrationId).execute();
  const hosted = await tx.selectFrom("cafe").where("host_registration_id", "=", registrationId).select("id").limit(1).executeTakeFirst();
  if (hosted) await bumpContentVersion(tx);
  return true;
}

/** Confirms waitlisted people, first come first served, while seats remain. */
async function promoteFromWaitlist(
  tx: Transaction<DB>,
  edition: { id: number; registration_capacity: number | null },
  now: Date,
  publicUrl: string,
): Promise<number | undefined> {
  if (edition.registration_capacity !== null && (await confirmedCount(tx, edition.id)) >= edition.registration_capacity) return undefined;
  const next = await tx
    .selectFrom("registration")
    .where("edition_id", "=", edition.id)
    .where("status", "=", "waitlisted")
    .select("id")
    .orderBy("waitlisted_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!next) return undefined;
  await tx
    .updateTable("registration")
    .set({ status: "confirmed", confirmed_at: now, updated_at: now })
    .where("id", "=", next.id)
    .execute();
  await registrationMail(tx, next.id, "promoted", publicUrl);
  return next.id;
}

/**
 * Changes a registration's details, answers and consents. A consent that changes is recorded
 * again with its text and time; earlier records stay as proof of what was agreed when.
 */
export async function updateRegistration(
  db: Kysely<DB>,
  request: Omit<RegistrationRequest, "editionId" | "registeredByPersonId" | "delegationId" | "publicUrl"> & { registrationId: number },
): Promise<void> {
  const registration = await registrationFor(db, request.registrationId, request.personId);
  if (registration.status === "cancelled") throw new AppError("registration_cancelled");
  // A place already given is not turned into one the organisers approve by a change of form:
  // such a change goes through them.
  const { category } = request.fields;
  if (category !== registration.category && (await categoriesRequiringApproval(db, registration.edition_id)).includes(category)) {
    throw new AppError("category_needs_approval", `category ${category} needs approval`);
  }
  await db.transaction().execute((tx) => writeRegistrationChange(tx, registration.id, request, request.personId));
}

/**
 * Writes a registration's new details, answers and consents (those that changed recorded again,
 * as given by `givenByPersonId`), the e-mail left as it is.
 */
async function writeRegistrationChange(
  tx: Transaction<DB>,
  registrationId: number,
  request: Pick<RegistrationRequest, "fields" | "answers" | "consents" | "consentTexts" | "language" | "now">,
  givenByPersonId: number,
): Promise<void> {
  const { category, ...person } = request.fields;
  // The e-mail of a registration is its person's sign-in address: it does not change here.
  const { email: _email, ...editable } = person;
  await tx
    .updateTable("registration")
    .set({ ...editable, category, updated_at: request.now })
    .where("id", "=", registrationId)
    .execute();
  // Answers to questions since removed from the form stay as they were given.
  await tx
    .deleteFrom("registration_answer")
    .where("registration_id", "=", registrationId)
    .where("question_id", "in", (eb) => eb.selectFrom("registration_question").where("removed_at", "is", null).select("id"))
    .execute();
  await insertAnswers(tx, registrationId, request.answers);
  const current = await currentConsents(tx, registrationId);
  const changed = (Object.keys(request.consents) as ConsentKind[]).filter((kind) => current[kind] !== request.consents[kind]);
  await recordConsents(tx, registrationId, changed, { ...request, givenByPersonId });
}

/** The categories of an edition whose registrations wait for an organiser's approval. */
export async function categoriesRequiringApproval(db: Kysely<DB>, editionId: number): Promise<string[]> {
  const edition = await db.selectFrom("edition").where("id", "=", editionId).select("categories_requiring_approval").executeTakeFirst();
  if (!edition) throw new AppError("edition_not_found", "no such edition");
  return edition.categories_requiring_approval;
}

/** The latest decision on each consent of a registration. */
export async function currentConsents(db: Kysely<DB>, registrationId: number): Promise<Partial<Record<ConsentKind, boolean>>> {
  const rows = await db
    .selectFrom("consent")
    .where("registration_id", "=", registrationId)
    .select(["kind", "granted"])
    .orderBy("recorded_at")
    .orderBy("id")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.kind, row.granted]));
}

/** The answers of a registration, by question id. */
export async function registrationAnswers(db: Kysely<DB>, registrationId: number): Promise<Record<number, unknown>> {
  const rows = await db.selectFrom("registration_answer").where("registration_id", "=", registrationId).select(["question_id", "value"]).execute();
  return Object.fromEntries(rows.map((row) => [row.question_id, row.value]));
}

/**
 * An organiser's decision on a registration awaiting approval: approved, it is confirmed while
 * places remain and waitlisted otherwise; refused, it is cancelled. The person is told by e-mail.
 * Only registrations of the organiser's edition: any other id names nothing.
 */
export async function decideOnRegistration(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { registrationId: number; approve: boolean; now: Date; publicUrl: string },
): Promise<RegistrationStatus> {
  return db.transaction().execute(async (tx) => {
    const registration = await tx
      .selectFrom("registration")
      .where("id", "=", request.registrationId)
      .where("edition_id", "=", access.editionId)
      .select(["id", "edition_id", "status"])
      .executeTakeFirst();
    if (!registration) throw new AppError("registration_not_found", "no such registration in this edition");
    const edition = await lockEdition(tx, registration.edition_id);
    const pending = await tx
      .selectFrom("registration")
      .where("id", "=", registration.id)
      .where("status", "=", "pending")
      .select("id")
      .forUpdate()
      .executeTakeFirst();
    if (!pending) throw new AppError("not_awaiting_approval");
    const full = edition.registration_capacity !== null && (await confirmedCount(tx, edition.id)) >= edition.registration_capacity;
    const status: RegistrationStatus = !request.approve ? "cancelled" : full ? "waitlisted" : "confirmed";
    await tx
      .updateTable("registration")
      .set({
        status,
        updated_at: request.now,
        confirmed_at: status === "confirmed" ? request.now : null,
        waitlisted_at: status === "waitlisted" ? request.now : null,
        cancelled_at: status === "cancelled" ? request.now : null,
      })
      .where("id", "=", registration.id)
      .execute();
    await registrationMail(tx, registration.id, status, request.publicUrl);
    await recordAudit(
      tx,
      access,
      { action: request.approve ? "registration.approve" : "registration.refuse", subjectType: "registration", subjectId: registration.id, before: { status: "pending" }, after: { status } },
      request.now,
    );
    return status;
  });
}

/** Registrations of the organiser's edition awaiting a decision, oldest first. */
export function pendingRegistrations(db: Kysely<DB>, access: BackOfficeAccess) {
  return db
    .selectFrom("registration")
    .where("edition_id", "=", access.editionId)
    .where("status", "=", "pending")
    .select(["id", "given_name", "family_name", "email", "organisation_name", "country_code", "category", "created_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The person's registration of an edition that is not cancelled, if any (one at most). */
export function activeRegistration(db: Kysely<DB>, personId: number, editionId: number) {
  return db
    .selectFrom("registration")
    .where("person_id", "=", personId)
    .where("edition_id", "=", editionId)
    .where("status", "<>", "cancelled")
    .select(["id", "organisation_name", "organisation_type", "country_code"])
    .executeTakeFirst();
}

// --- The registrations desk: an organiser acting on a registration of their edition -----------

/** Locks a registration of the proof's edition (not anonymised) under its edition's counter lock. */
async function lockRegistrationOfEdition(tx: Transaction<DB>, access: BackOfficeAccess, registrationId: number) {
  const edition = await lockEdition(tx, access.editionId);
  const registration = await tx
    .selectFrom("registration")
    .where("id", "=", registrationId)
    .where("edition_id", "=", access.editionId)
    .where("anonymised_at", "is", null)
    .selectAll()
    .forUpdate()
    .executeTakeFirst();
  if (!registration) throw new AppError("registration_not_found", "no such registration in this edition");
  return { edition, registration };
}

/**
 * An organiser cancels a registration of their edition: its sign-ups end, the person is told by
 * e-mail, and the place goes to the first person waiting, as when a participant cancels.
 */
export async function cancelRegistrationAsOrganiser(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { registrationId: number; now: Date; publicUrl: string },
): Promise<{ promotedRegistrationId?: number }> {
  requirePermission(access, "registrations");
  return db.transaction().execute(async (tx) => {
    const { edition, registration } = await lockRegistrationOfEdition(tx, access, request.registrationId);
    if (!(await endRegistration(tx, registration.id, request.now, request.publicUrl))) throw new AppError("registration_cancelled");
    await registrationMail(tx, registration.id, "cancelled", request.publicUrl);
    await recordAudit(
      tx,
      access,
      { action: "registration.cancel", subjectType: "registration", subjectId: registration.id, before: { status: registration.status }, after: { status: "cancelled" } },
      request.now,
    );
    return { promotedRegistrationId: await promoteFromWaitlist(tx, edition, request.now, request.publicUrl) };
  });
}

/**
 * An organiser moves a person up from the waiting list: confirmed at once, before those who
 * waited longer and even when the edition is full (the organiser gives the place), and told by
 * e-mail like anyone promoted.
 */
export async function promoteRegistration(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { registrationId: number; now: Date; publicUrl: string },
): Promise<{ beyondCapacity: boolean }> {
  requirePermission(access, "registrations");
  return db.transaction().execute(async (tx) => {
    const { edition, registration } = await lockRegistrationOfEdition(tx, access, request.registrationId);
    if (registration.status !== "waitlisted") throw new AppError("not_waitlisted");
    const beyondCapacity = edition.registration_capacity !== null && (await confirmedCount(tx, edition.id)) >= edition.registration_capacity;
    await tx
      .updateTable("registration")
      .set({ status: "confirmed", confirmed_at: request.now, updated_at: request.now })
      .where("id", "=", registration.id)
      .execute();
    await registrationMail(tx, registration.id, "promoted", request.publicUrl);
    await recordAudit(
      tx,
      access,
      {
        action: "registration.promote",
        subjectType: "registration",
        subjectId: registration.id,
        before: { status: "waitlisted" },
        after: { status: "confirmed", beyondCapacity },
      },
      request.now,
    );
    return { beyondCapacity };
  });
}

/** What the audit log keeps of a registration's details, answers and consents (no health answer). */
async function registrationSnapshot(tx: Transaction<DB>, registrationId: number) {
  const registration = await tx
    .selectFrom("registration")
    .where("id", "=", registrationId)
    .select(["given_name", "family_name", "job_title", "phone", "languages", "category", "organisation_type", "organisation_name", "city", "country_code", "days"])
    .executeTakeFirstOrThrow();
  const answers = await tx
    .selectFrom("registration_answer")
    .innerJoin("registration_question", "registration_question.id", "registration_answer.question_id")
    .where("registration_answer.registration_id", "=", registrationId)
    .where("registration_question.health_data", "=", false)
    .select(["registration_answer.question_id", "registration_answer.value"])
    .orderBy("registration_answer.question_id")
    .execute();
  return {
    ...registration,
    answers: Object.fromEntries(answers.map((answer) => [answer.question_id, answer.value])),
    consents: await currentConsents(tx, registrationId),
  };
}

/**
 * An organiser changes what the participant could change on their registration: details,
 * answers and consents (recorded as given by the organiser, with the text shown), and any
 * category, the organisers being those who approve. The e-mail stays the person's sign-in address.
 */
export async function updateRegistrationAsOrganiser(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: Pick<RegistrationRequest, "fields" | "answers" | "consents" | "consentTexts" | "language" | "now"> & { registrationId: number },
): Promise<void> {
  requirePermission(access, "registrations");
  await db.transaction().execute(async (tx) => {
    const registration = await tx
      .selectFrom("registration")
      .where("id", "=", request.registrationId)
      .where("edition_id", "=", access.editionId)
      .where("anonymised_at", "is", null)
      .select(["id", "status"])
      .forUpdate()
      .executeTakeFirst();
    if (!registration) throw new AppError("registration_not_found", "no such registration in this edition");
    if (registration.status === "cancelled") throw new AppError("registration_cancelled");
    const before = await registrationSnapshot(tx, registration.id);
    await writeRegistrationChange(tx, registration.id, request, access.personId);
    const after = await registrationSnapshot(tx, registration.id);
    await recordAudit(tx, access, { action: "registration.update", subjectType: "registration", subjectId: registration.id, before, after }, request.now);
  });
}
