import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { listSessions, type Session } from "~/features/programme/programme.server";

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
  const held = sessions.filter((session) => seats.some((seat) => seat.session_id === session.id));
  const overlapsHeld = (session: Session) =>
    held.some((seat) => session.starts_at < seat.ends_at && session.ends_at > seat.starts_at);
  return sessions.filter((session) => held.includes(session) || (!session.requires_signup && !overlapsHeld(session)));
}
