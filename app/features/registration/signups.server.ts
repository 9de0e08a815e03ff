import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { AppError } from "~/lib/errors";
import { registrationFor } from "./access.server";
import { signupMail } from "./mails.server";

export type SignupStatus = "confirmed" | "waitlisted";

async function seatsTaken(tx: Transaction<DB>, sessionId: number): Promise<number> {
  const row = await tx
    .selectFrom("session_signup")
    .where("session_id", "=", sessionId)
    .where("status", "=", "confirmed")
    .select(sql<number>`count(*)::int`.as("count"))
    .executeTakeFirstOrThrow();
  return row.count;
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
  const registration = await registrationFor(db, request.registrationId, request.personId);
  if (registration.status !== "confirmed") throw new AppError("registration_not_confirmed");
  return db.transaction().execute(async (tx) => {
    // The registration first, then the session: one order everywhere, so no deadlock.
    await tx.selectFrom("registration").where("id", "=", registration.id).select("id").forUpdate().execute();
    const session = await tx
      .selectFrom("session")
      .where("id", "=", request.sessionId)
      .where("edition_id", "=", registration.edition_id)
      .select(["id", "starts_at", "ends_at", "capacity", "requires_signup", "wish_round_id"])
      .forUpdate()
      .executeTakeFirst();
    if (!session || !session.requires_signup || session.capacity === null) throw new AppError("session_not_found", "no session to sign up for");
    if (session.wish_round_id !== null) throw new AppError("session_allocated_by_wishes");
    const already = await tx
      .selectFrom("session_signup")
      .where("session_id", "=", session.id)
      .where("registration_id", "=", registration.id)
      .where("status", "<>", "cancelled")
      .select("status")
      .executeTakeFirst();
    if (already) return already.status as SignupStatus;
    if (await overlapping(tx, registration.id, session).executeTakeFirst()) throw new AppError("session_overlap", "another session at that time");
    const status: SignupStatus = (await seatsTaken(tx, session.id)) < session.capacity ? "confirmed" : "waitlisted";
    await tx
      .insertInto("session_signup")
      .values({
        session_id: session.id,
        registration_id: registration.id,
        status,
        created_at: request.now,
        waitlisted_at: status === "waitlisted" ? request.now : null,
      })
      .execute();
    return status;
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
    await tx.selectFrom("session").where("id", "=", request.sessionId).select("id").forUpdate().execute();
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
 * The caller holds the session's lock.
 */
export async function promoteSessionWaitlist(tx: Transaction<DB>, sessionId: number, publicUrl: string): Promise<number | undefined> {
  const session = await tx
    .selectFrom("session")
    .where("id", "=", sessionId)
    .select(["id", "capacity"])
    .executeTakeFirstOrThrow();
  if (session.capacity === null || (await seatsTaken(tx, session.id)) >= session.capacity) return undefined;
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
