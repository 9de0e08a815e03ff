import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { hashSecret, newSecret } from "~/features/accounts/secrets.server";
import { agendaCalendar } from "~/features/calendar/calendar.server";
import { getEdition } from "~/features/editions/editions.server";
import { translate } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { personalAgenda } from "./agenda.server";

// Personal agendas as a calendar to subscribe to, at a secret address: the token is shown once,
// only its SHA-256 is kept, and a new address revokes the previous one.

/** What newSecret() writes: 43 base64url characters. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Opens a new feed for the person at `now` (the application's clock), revoking the earlier ones; returns its token. */
export async function createCalendarFeed(db: Kysely<DB>, personId: number, now: Date): Promise<string> {
  const token = newSecret();
  await db.transaction().execute(async (tx) => {
    await tx.updateTable("calendar_feed").set({ revoked_at: now }).where("person_id", "=", personId).where("revoked_at", "is", null).execute();
    await tx.insertInto("calendar_feed").values({ person_id: personId, token_hash: hashSecret(token), created_at: now }).execute();
  });
  return token;
}

export async function revokeCalendarFeeds(db: Kysely<DB>, personId: number, now: Date): Promise<void> {
  await db.updateTable("calendar_feed").set({ revoked_at: now }).where("person_id", "=", personId).where("revoked_at", "is", null).execute();
}

export async function hasCalendarFeed(db: Kysely<DB>, personId: number): Promise<boolean> {
  const feed = await db.selectFrom("calendar_feed").where("person_id", "=", personId).where("revoked_at", "is", null).select("id").executeTakeFirst();
  return feed !== undefined;
}

/**
 * The calendar behind a feed token: everything the person attends in every edition they are
 * confirmed for, newest edition first, in their language.
 */
export async function personalFeed(db: Kysely<DB>, token: string, publicUrl: string): Promise<string> {
  if (!tokenPattern.test(token)) throw new AppError("calendar_feed_not_found", "malformed calendar feed token");
  const person = await db
    .selectFrom("calendar_feed")
    .innerJoin("person", "person.id", "calendar_feed.person_id")
    .where("calendar_feed.token_hash", "=", hashSecret(token))
    .where("calendar_feed.revoked_at", "is", null)
    .where("person.anonymised_at", "is", null)
    .select(["person.id", "person.language"])
    .executeTakeFirst();
  if (!person) throw new AppError("calendar_feed_not_found", "no such calendar feed");
  const registrations = await db
    .selectFrom("registration")
    .innerJoin("edition", "edition.id", "registration.edition_id")
    .where("registration.person_id", "=", person.id)
    .where("registration.status", "=", "confirmed")
    .where("edition.published", "=", true)
    .select(["registration.id", "edition.year"])
    .orderBy("edition.number", "desc")
    .execute();
  const editions = await Promise.all(
    registrations.map(async (registration) => ({
      edition: await getEdition(db, registration.year),
      sessions: await personalAgenda(db, registration.id),
    })),
  );
  const { language } = person;
  return agendaCalendar({ language, publicUrl, name: translate(language, "site.name"), editions });
}
