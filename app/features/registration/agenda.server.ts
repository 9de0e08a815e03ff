import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { listSessions, type Session } from "~/features/programme/programme.server";
import { agendaOf } from "./agenda";

/**
 * Everything a registered person attends: the sessions open to all, and the sessions they hold a
 * seat in, in place of whatever open session runs at the same time. Empty unless confirmed.
 */
export async function personalAgenda(db: Kysely<DB>, registrationId: number): Promise<Session[]> {
  // The registration and its seats in one query: the participant's space asks after every sign-up.
  const registration = await db
    .selectFrom("registration")
    .where("id", "=", registrationId)
    .select((eb) => [
      "edition_id",
      "status",
      eb
        .fn<number[]>("array", [
          eb.selectFrom("session_signup").whereRef("session_signup.registration_id", "=", "registration.id").where("session_signup.status", "=", "confirmed").select("session_id"),
        ])
        .as("seats"),
    ])
    .executeTakeFirstOrThrow();
  if (registration.status !== "confirmed") return [];
  const sessions = await listSessions(db, registration.edition_id);
  return agendaOf(sessions, registration.seats);
}
