import type { Kysely, Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { AppError } from "~/lib/errors";
import { registrationFor } from "./access.server";
import { signupMail } from "./mails.server";

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

/** Active sign-ups of a registration that overlap [startsAt, endsAt). */
function overlapping(tx: Transaction<DB>, registrationId: number, session: { id: number; starts_at: Date; ends_at: Date }) {
  return tx
    .selectFrom("session_signup")
    .innerJoin("session", "session.id", "session_signup.session_id")
    .where("session_signup.registration_id", "=", registrationId)
    .where("session_signup.status", "<>", "cancelled")
    .where("session.id", "<>", session.id)
    .where("session.starts_at", "<", session.ends_at)
    .where("session.ends_at", ">", session.starts_at)
    .select(["session.id"]);
}

/**
 * Signs a confirmed registration up for a session that needs it: a seat while any remains, the
 * waitlist otherwise. Nobody holds two sessions at the same time.
 */
export async function signUp(
  db: Kysely<DB>,
  request: { registrationId: number; sessionId: number; personId: number; now: Date },
): Promise<SignupStatus> {
  return db.transaction().execute(async (tx) => {
    // The registration first, then the session's seats: one order everywhere, so no deadlock.
    // Each statement after this one sees the person's sign-ups as they are once it is held. The
    // lock also checks whose it is and that it is confirmed: one query less in the rush.
    const registration = await tx
      .selectFrom("registration")
      .where("id", "=", request.registrationId)
      .where("person_id", "=", request.personId)
      .select(["id", "edition_id", "status"])
      .forUpdate()
      .executeTakeFirst();
    // One answer for "does not exist" and "not yours", as registrationFor gives.
    if (!registration) throw new AppError("registration_not_found", "no such registration for this person");
    if (registration.status !== "confirmed") throw new AppError("registration_not_confirmed");
    const session = await lockSeats(tx, request.sessionId).executeTakeFirst();
    if (!session || session.edition_id !== registration.edition_id || !session.requires_signup || session.capacity === null) {
      throw new AppError("session_not_found", "no session to sign up for");
    }
    if (session.wish_round_id !== null) throw new AppError("session_allocated_by_wishes");
    const status: SignupStatus = session.confirmed < session.capacity ? "confirmed" : "waitlisted";
    // Written only if the person holds neither this session nor another at the same time; the
    // trigger on session_signup counts the seat.
    const inserted = await tx
      .insertInto("session_signup")
      .columns(["session_id", "registration_id", "status", "created_at", "waitlisted_at"])
      .expression(
        tx
          .selectNoFrom((eb) => [
            eb.val(session.id).as("session_id"),
            eb.val(registration.id).as("registration_id"),
            eb.val(status).as("status"),
            eb.val(request.now).as("created_at"),
            eb.val(status === "waitlisted" ? request.now : null).as("waitlisted_at"),
          ])
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom("session_signup")
                  .innerJoin("session", "session.id", "session_signup.session_id")
                  .where("session_signup.registration_id", "=", registration.id)
                  .where("session_signup.status", "<>", "cancelled")
                  .where("session.starts_at", "<", session.ends_at)
                  .where("session.ends_at", ">", session.starts_at)
                  .select("session_signup.id"),
              ),
            ),
          ),
      )
      .returning("status")
      .executeTakeFirst();
    if (inserted) return status;
    const already = await tx
      .selectFrom("session_signup")
      .where("session_id", "=", session.id)
      .where("registration_id", "=", registration.id)
      .where("status", "<>", "cancelled")
      .select("status")
      .executeTakeFirst();
    if (already) return already.status as SignupStatus;
    if (await overlapping(tx, registration.id, session).executeTakeFirst()) throw new AppError("session_overlap", "another session at that time");
    throw new Error("sign-up neither written nor refused");
  });
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
    const cancelled = await tx
      .updateTable("session_signup")
      .set({ status: "cancelled", cancelled_at: request.now })
      .where("session_id", "=", request.sessionId)
      .where("registration_id", "=", registration.id)
      .where("status", "<>", "cancelled")
      .returning("id")
      .executeTakeFirst();
    if (!cancelled) throw new AppError("signup_not_found", "no sign-up to cancel");
    return { promotedRegistrationId: await promoteSessionWaitlist(tx, request.sessionId, request.publicUrl) };
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
  for (const signup of signups) await promoteSessionWaitlist(tx, signup.session_id, publicUrl);
}

/**
 * Moves the first person of a session's waitlist onto a free seat. Nobody waits for a session
 * while holding another at the same time, so the seat can be given without further check.
 * It takes the session's seat lock (if the caller does not hold it already).
 */
export async function promoteSessionWaitlist(tx: Transaction<DB>, sessionId: number, publicUrl: string): Promise<number | undefined> {
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
  return next.registration_id;
}
