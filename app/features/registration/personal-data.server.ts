import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { AppError } from "~/lib/errors";
import { cancelRegistration } from "./registration.server";

// A person's right to their data: a copy of everything held about them, and the deletion of
// their account. See docs/decisions/0012-personal-data.md.

/** Ids of the person's own registrations (not those they made for colleagues). */
function ownRegistrations(db: Kysely<DB>, personId: number) {
  return db.selectFrom("registration").where("person_id", "=", personId).select("id");
}

/** The rows that belong to one registration, without the id that ties them to it. */
function rowsOf<T extends { registration_id: number }>(rows: T[], registrationId: number): Omit<T, "registration_id">[] {
  return rows.filter((row) => row.registration_id === registrationId).map(({ registration_id: _registrationId, ...rest }) => rest);
}

/**
 * Everything the database holds about a person, for them to download. Secrets (hashes of
 * sign-in, session and calendar tokens, CSRF tokens) stay out: they open the account, they do
 * not describe the person. Colleagues registered by a delegation lead appear only in their own
 * export.
 */
export async function exportPersonalData(db: Kysely<DB>, personId: number): Promise<Record<string, unknown>> {
  const account = await db
    .selectFrom("person")
    .where("id", "=", personId)
    .where("anonymised_at", "is", null)
    .select(["email", "language", "created_at"])
    .executeTakeFirst();
  if (!account) throw new AppError("person_not_found", "no such person");
  const own = ownRegistrations(db, personId);
  const [registrations, answers, consents, signups, wishes] = await Promise.all([
    db
      .selectFrom("registration")
      .innerJoin("edition", "edition.id", "registration.edition_id")
      .where("registration.person_id", "=", personId)
      .selectAll("registration")
      .select("edition.year as edition_year")
      .orderBy("registration.created_at")
      .orderBy("registration.id")
      .execute(),
    db
      .selectFrom("registration_answer")
      .innerJoin("registration_question", "registration_question.id", "registration_answer.question_id")
      .where("registration_answer.registration_id", "in", own)
      // The question and its options as they were when answered.
      .select([
        "registration_answer.registration_id",
        "registration_answer.question_label as question",
        "registration_answer.question_options as options",
        "registration_answer.value as answer",
      ])
      .orderBy("registration_question.position")
      .orderBy("registration_question.id")
      .execute(),
    db
      .selectFrom("consent")
      .where("registration_id", "in", own)
      .select(["registration_id", "kind", "granted", "text_shown", "language", "recorded_at"])
      .orderBy("recorded_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("session_signup")
      .innerJoin("session", "session.id", "session_signup.session_id")
      .where("session_signup.registration_id", "in", own)
      .select([
        "session_signup.registration_id",
        "session.title as session",
        "session.starts_at as session_starts_at",
        "session_signup.status",
        "session_signup.created_at",
        "session_signup.waitlisted_at",
        "session_signup.cancelled_at",
      ])
      .orderBy("session_signup.created_at")
      .orderBy("session_signup.id")
      .execute(),
    db
      .selectFrom("session_wish")
      .innerJoin("session", "session.id", "session_wish.session_id")
      .where("session_wish.registration_id", "in", own)
      .select(["session_wish.registration_id", "session.title as session", "session_wish.rank"])
      .orderBy("session_wish.rank")
      .execute(),
  ]);
  const [delegationsLed, calendarFeeds, sessions, signInLinks, emails] = await Promise.all([
    db
      .selectFrom("delegation")
      .innerJoin("edition", "edition.id", "delegation.edition_id")
      .where("delegation.lead_person_id", "=", personId)
      .select(["delegation.id", "edition.year as edition_year", "delegation.organisation_name", "delegation.created_at"])
      .orderBy("delegation.created_at")
      .execute(),
    db.selectFrom("calendar_feed").where("person_id", "=", personId).select(["created_at", "revoked_at"]).orderBy("created_at").orderBy("id").execute(),
    db
      .selectFrom("auth_session")
      .where("person_id", "=", personId)
      .select(["created_at", "last_seen_at", "expires_at"])
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("sign_in_token")
      .where("email", "=", account.email)
      .select(["created_at", "expires_at", "used_at"])
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("mail_outbox")
      .where((eb) => eb.or([eb("to_address", "=", account.email), eb("to_address", "in", ownAddresses(eb, personId))]))
      .select(["subject", "created_at", "sent_at", "status"])
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  return {
    account,
    registrations: registrations.map((registration) => ({
      ...registration,
      answers: rowsOf(answers, registration.id),
      consents: rowsOf(consents, registration.id),
      session_signups: rowsOf(signups, registration.id),
      session_wishes: rowsOf(wishes, registration.id),
    })),
    delegations_led: delegationsLed,
    calendar_feeds: calendarFeeds,
    sessions,
    sign_in_links: signInLinks,
    emails,
  };
}

/** The addresses written on the person's own registrations. */
function ownAddresses(eb: ExpressionBuilder<DB, "mail_outbox">, personId: number) {
  return eb.selectFrom("registration").where("registration.person_id", "=", personId).select("registration.email");
}

/**
 * Whether the registration's edition is still to come or under way: its last day, read on the
 * edition's clock, is not past (an edition with no days yet is still to come).
 */
function editionNotOver(now: Date) {
  return sql<boolean>`coalesce(
    (select max(edition_day.day) from edition_day where edition_day.edition_id = edition.id)
      >= (${now}::timestamptz at time zone edition.time_zone)::date,
    true)`;
}

/**
 * Deletes a person's account. Their registrations of editions still to come are cancelled first,
 * one by one as if they had cancelled them, so that seats go to the next in line; then, in one
 * transaction, everything that identifies them goes, and their registrations stay as anonymous
 * rows so that every edition keeps its counts.
 */
export async function deleteAccount(db: Kysely<DB>, request: { personId: number; now: Date; publicUrl: string }): Promise<void> {
  const { personId, now } = request;
  const activeRegistrations = (executor: Kysely<DB>) =>
    executor
      .selectFrom("registration")
      .innerJoin("edition", "edition.id", "registration.edition_id")
      .where("registration.person_id", "=", personId)
      .where("registration.status", "<>", "cancelled")
      .where(editionNotOver(now))
      .select("registration.id");
  for (const { id } of await activeRegistrations(db).execute()) {
    await cancelRegistration(db, { registrationId: id, personId, now, publicUrl: request.publicUrl });
  }
  await db.transaction().execute(async (tx) => {
    const person = await tx
      .selectFrom("person")
      .where("id", "=", personId)
      .where("anonymised_at", "is", null)
      .select("email")
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw new AppError("person_not_found", "no such person");
    // A registration made in the meantime would keep a seat under no name: ask to try again.
    if (await activeRegistrations(tx).executeTakeFirst()) throw new AppError("registered_during_deletion");

    const registrationAddresses = await tx.selectFrom("registration").where("person_id", "=", personId).select("email").distinct().execute();
    const addresses = [person.email, ...registrationAddresses.map((row) => row.email)];
    const own = ownRegistrations(tx, personId);
    await tx.deleteFrom("registration_answer").where("registration_id", "in", own).execute();
    await tx.deleteFrom("consent").where("registration_id", "in", own).execute();
    await tx.deleteFrom("session_wish").where("registration_id", "in", own).execute();
    // Organisers' notes on the person's registrations describe them.
    await tx.deleteFrom("registration_note").where("registration_id", "in", own).execute();
    await tx
      .updateTable("registration")
      .set({ given_name: "", family_name: "", job_title: "", email: "", phone: "", languages: [], organisation_name: "", updated_at: now })
      .where("person_id", "=", personId)
      .execute();
    await tx.deleteFrom("auth_session").where("person_id", "=", personId).execute();
    await tx.deleteFrom("calendar_feed").where("person_id", "=", personId).execute();
    await tx.deleteFrom("sign_in_token").where("email", "in", addresses).execute();
    // Invitations addressed to the person hold their name and address as a lead typed them; those
    // they sent as a lead can no longer be accepted (their registrations are cancelled above).
    await tx
      .deleteFrom("delegation_invitation")
      .where((eb) => eb.or([eb("email", "in", addresses), eb("lead_person_id", "=", personId)]))
      .execute();
    await tx.deleteFrom("mail_outbox").where("to_address", "in", addresses).execute();
    await tx.updateTable("person").set({ email: `anonymised-${personId}@invalid`, anonymised_at: now }).where("id", "=", personId).execute();
  });
}
