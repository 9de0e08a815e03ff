import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { revokeCalendarFeeds } from "~/features/registration/calendar-feed.server";
import type { Language } from "~/i18n/languages";
import { hashSecret, newSecret } from "./secrets.server";

/** A session ends this long after the person's last visit. */
export const signInSessionIdleMs = 30 * 24 * 60 * 60 * 1000;
/** …and at the latest this long after it was opened, however often the person comes back: a stolen cookie does not work forever. */
export const signInSessionMaxAgeMs = 90 * 24 * 60 * 60 * 1000;
/** A visit extends its session at most this often, so that reading pages does not write on every request. */
const sessionTouchIntervalMs = 5 * 60 * 1000;

/** The signed-in person behind a request. */
export interface SignedInPerson {
  personId: number;
  email: string;
  language: Language;
  /** The secret that every form of this session carries (see verifyCsrf). */
  csrfToken: string;
  /** The session itself, which a second factor marks as passed. */
  sessionId: number;
  /** When the session last passed a second factor (see second-factor.server.ts), or null. */
  secondFactorAt: Date | null;
}

/** Opens a session for a person; the returned token goes in the cookie, only its hash is kept. */
export async function openSignInSession(db: Kysely<DB>, personId: number, now: Date): Promise<{ token: string }> {
  const token = newSecret();
  await db.deleteFrom("auth_session").where("person_id", "=", personId).where("expires_at", "<=", now).execute();
  await db
    .insertInto("auth_session")
    .values({
      token_hash: hashSecret(token),
      person_id: personId,
      csrf_token: newSecret(),
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + signInSessionIdleMs),
    })
    .execute();
  return { token };
}

/** The person of a live session, extending the session when the last extension is a few minutes old. */
export async function findSignInSession(db: Kysely<DB>, token: string, now: Date): Promise<SignedInPerson | undefined> {
  const tokenHash = hashSecret(token);
  const row = await db
    .selectFrom("auth_session")
    .innerJoin("person", "person.id", "auth_session.person_id")
    .select(["auth_session.id", "auth_session.created_at", "auth_session.last_seen_at", "auth_session.csrf_token", "auth_session.second_factor_at", "person.id as person_id", "person.email", "person.language"])
    .where("auth_session.token_hash", "=", tokenHash)
    .where("auth_session.expires_at", ">", now)
    .where("person.anonymised_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() >= sessionTouchIntervalMs) {
    await db
      .updateTable("auth_session")
      .set({
        last_seen_at: now,
        expires_at: new Date(Math.min(now.getTime() + signInSessionIdleMs, row.created_at.getTime() + signInSessionMaxAgeMs)),
      })
      .where("id", "=", row.id)
      .execute();
  }
  return { personId: row.person_id, email: row.email, language: row.language, csrfToken: row.csrf_token, sessionId: row.id, secondFactorAt: row.second_factor_at };
}

/** Ends the session of this token (signing out on this device). */
export async function endSignInSession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom("auth_session").where("token_hash", "=", hashSecret(token)).execute();
}

/** Ends every session of a person, on every device; returns how many there were. */
export async function endAllSignInSessions(db: Kysely<DB>, personId: number): Promise<number> {
  const result = await db.deleteFrom("auth_session").where("person_id", "=", personId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * "Sign out everywhere": ends every session of the person, spends the sign-in links still waiting
 * in their mailbox and revokes their calendar feed addresses, so that nothing opened before keeps
 * working. Returns how many sessions there were.
 */
export async function signOutEverywhere(db: Kysely<DB>, person: Pick<SignedInPerson, "personId" | "email">, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await endAllSignInSessions(trx, person.personId);
    await trx.updateTable("sign_in_token").set({ used_at: now }).where("email", "=", person.email).where("used_at", "is", null).execute();
    await revokeCalendarFeeds(trx, person.personId, now);
    return ended;
  });
}
