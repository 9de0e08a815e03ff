import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { listSessions, type Session } from "~/features/programme/programme.server";
import { agendaOf } from "./agenda";

/**
 * Everything a registered person attends: the sessions open to all, and the sessions they hold a
 * seat in, in place of whatever open session runs at the same time. Empty unless confirmed.
 */
export async function personalAgenda(db: Kysely<DB>, registrationId: number): Promise<Session[]> {
  const registration = await db
    .selectFrom("registration")
    .where("id", "=", registrationId)
    .select(["edition_id", "status"])
    .executeTakeFirstOrThrow();
  if (registration.status !== "confirmed") return [];
  const seats = await db
    .selectFrom("session_signup")
    .where("registration_id", "=", registrationId)
    .where("status", "=", "confirmed")
    .select("session_id")
    .execute();
  const sessions = await listSessions(db, registration.edition_id);
  return agendaOf(
    sessions,
    seats.map((seat) => seat.session_id),
  );
}
