import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { AppError, type ErrorCode } from "~/lib/errors";
import { registrationFor } from "./access.server";
import { agendaChanged, signupMail } from "./mails.server";
import { seatsLeft } from "./seats";

export type SignupStatus = "confirmed" | "waitlisted";

/** Locks a session's seat counter: its seats are given one at a time. Returns what decides a seat. */
function lockSeats(tx: Transaction<DB>, sessionId: number) {
  return tx
    .selectFrom("session")
    .innerJoin("session_seat_counter", "session_seat_counter.session_id", "session.id")
    .where("session.id", "=", sessionId)
    .select([
      "session.id",
      "session.edition_id",
      "session.starts_at",
      "session.ends_at",
      "session.capacity",
      "session.requires_signup",
      "session.wish_round_id",
      "session_seat_counter.confirmed",
    ])
    .forUpdate("session_seat_counter");
}

/**
 * The seats of a session of the edition that needs a sign-up, from its seat counter: how many
 * it has, how many are left, and whether they are given by ranked wishes rather than first come,
 * first served. Undefined for a session open to all.
 */
export async function sessionSeats(db: Kysely<DB>, editionId: number, sessionId: number) {
  const session = await db
    .selectFrom("session")
    .innerJoin("session_seat_counter", "session_seat_counter.session_id", "session.id")
    .where("session.id", "=", sessionId)
    .where("session.edition_id", "=", editionId)
    .where("session.requires_signup", "=", true)
    .select(["session.capacity", "session.wish_round_id", "session_seat_counter.confirmed"])
    .executeTakeFirst();
  if (!session) return undefined;
  return { capacity: session.capacity ?? 0, left: seatsLeft({ capacity: session.capacity, taken: session.confirmed }), byWishes: session.wish_round_id !== null };
}

/** What the database's `sign_up` answers when it refuses (migration 0006). */
const signUpRefusals = [
  "registration_not_found",
  "registration_not_confirmed",
  "session_not_found",
  "session_allocated_by_wishes",
  "session_overlap",
] as const satisfies readonly ErrorCode[];

/**
 * Signs a confirmed registration up for a session that needs it: a seat while any remains, the
 * waitlist otherwise. Nobody holds two sessions at the same time. Decided by the database in one
 * call (`sign_up`, migration 0006), as a popular workshop's sign-ups arrive all at once; a
 * registration that does not exist and one that is not the person's get the same answer.
 */
export async function signUp(
  db: Kysely<DB>,
  request: { registrationId: number; sessionId: number; personId: number; now: Date; publicUrl: string },
): Promise<SignupStatus> {
  // A seat changes the agenda, whose update is queued in the same transaction (a place on a
  // waitlist does not: nothing more is written then). `sign_up` has locked the registration.
  const outcome = await db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ outcome: string }>`
      select sign_up(${request.registrationId}, ${request.personId}, ${request.sessionId}, ${request.now}) as outcome
    `.execute(tx);
    const answer = rows[0]?.outcome;
    if (answer === "confirmed") await agendaChanged(tx, request.registrationId, request.now, request.publicUrl);
    return answer;
  });
  if (outcome === "confirmed" || outcome === "waitlisted") return outcome;
  const refusal = signUpRefusals.find((code) => code === outcome);
  if (refusal) throw new AppError(refusal);
  throw new Error(`sign_up answered ${outcome}`);
}

/** Gives up a seat or a place on the waitlist; a freed seat goes to the next in line. */
export async function cancelSignup(
  db: Kysely<DB>,
  request: { registrationId: number; sessionId: number; personId: number; now: Date; publicUrl: string },
): Promise<{ promotedRegistrationId?: number }> {
  const registration = await registrationFor(db, request.registrationId, request.personId);
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom("registration").where("id", "=", registration.id).select("id").forUpdate().execute();
    await lockSeats(tx, request.sessionId).execute();
    const signup = await tx
      .selectFrom("session_signup")
      .where("session_id", "=", request.sessionId)
      .where("registration_id", "=", registration.id)
      .where("status", "<>", "cancelled")
      .select(["id", "status"])
      .executeTakeFirst();
    if (!signup) throw new AppError("signup_not_found", "no sign-up to cancel");
    await tx.updateTable("session_signup").set({ status: "cancelled", cancelled_at: request.now }).where("id", "=", signup.id).execute();
    if (signup.status === "confirmed") await agendaChanged(tx, registration.id, request.now, request.publicUrl);
    return { promotedRegistrationId: await promoteSessionWaitlist(tx, request.sessionId, request.now, request.publicUrl) };
  });
}

/** Cancels every sign-up of a registration (when it is cancelled) and hands the seats on. */
export async function cancelSignupsOf(tx: Transaction<DB>, registrationId: number, now: Date, publicUrl: string): Promise<void> {
  const signups = await tx
    .updateTable("session_signup")
    .set({ status: "cancelled", cancelled_at: now })
    .where("registration_id", "=", registrationId)
    .where("status", "<>", "cancelled")
    .returning("session_id")
    .execute();
  for (const signup of signups) await promoteSessionWaitlist(tx, signup.session_id, now, publicUrl);
}

/**
 * Moves the first person of a session's waitlist onto a free seat. Nobody waits for a session
 * while holding another at the same time, so the seat can be given without further check.
 * It takes the session's seat lock (if the caller does not hold it already).
 */
export async function promoteSessionWaitlist(tx: Transaction<DB>, sessionId: number, now: Date, publicUrl: string): Promise<number | undefined> {
  const session = await lockSeats(tx, sessionId).executeTakeFirstOrThrow();
  if (session.capacity === null || session.confirmed >= session.capacity) return undefined;
  const waiting = await tx
    .selectFrom("session_signup")
    .where("session_id", "=", session.id)
    .where("status", "=", "waitlisted")
    .select(["id", "registration_id"])
    .orderBy("waitlisted_at")
    .orderBy("id")
    .limit(1)
    .execute();
  const next = waiting[0];
  if (!next) return undefined;
  await tx.updateTable("session_signup").set({ status: "confirmed" }).where("id", "=", next.id).execute();
  await signupMail(tx, next.registration_id, session.id, publicUrl);
  await agendaChanged(tx, next.registration_id, now, publicUrl);
  return next.registration_id;
}
