import { createHmac, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { hashSecret, newSecret } from "~/features/accounts/secrets.server";
import { agendaCalendar } from "~/features/calendar/calendar.server";
import { getEdition } from "~/features/editions/editions.server";
import { translate } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { personalAgenda } from "./agenda.server";
import { meetingsOfPeople } from "~/features/meetings/placement.server";

// Personal agendas as a calendar to subscribe to, at a secret address; a new address revokes the
// previous one. The token is an HMAC, under the server's secret (SECRET_KEY), of a random seed
// kept with the feed: the person's space derives it again to show the address after a reload,
// while the database alone (which keeps the seed and the token's SHA-256) gives no address.

/** What newSecret() and an HMAC-SHA256 in base64url write: 43 characters. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Without SECRET_KEY, a key of this process: addresses keep working after a restart (they are
 * found by their hash), but can no longer be shown again, and the space offers to replace them.
 */
const processKey = randomBytes(32).toString("base64url");

const tokenOf = (seed: string, secret: string | undefined) => createHmac("sha256", secret ?? processKey).update(`calendar-feed:${seed}`).digest("base64url");

/** Opens a new feed for the person at `now` (the application's clock), revoking the earlier ones; returns its token. */
export async function createCalendarFeed(db: Kysely<DB>, personId: number, now: Date, secret?: string): Promise<string> {
  const seed = newSecret();
  const token = tokenOf(seed, secret);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable("calendar_feed").set({ revoked_at: now }).where("person_id", "=", personId).where("revoked_at", "is", null).execute();
    await tx.insertInto("calendar_feed").values({ person_id: personId, token_hash: hashSecret(token), token_seed: seed, created_at: now }).execute();
  });
  return token;
}

/**
 * The person's open feed, for their own space only: its token when it can be derived again,
 * "lost" when it cannot (a feed older than seeds, or another server secret since).
 */
export async function calendarFeedOf(db: Kysely<DB>, personId: number, secret?: string): Promise<{ state: "none" } | { state: "lost" } | { state: "open"; token: string }> {
  const feed = await db
    .selectFrom("calendar_feed")
    .where("person_id", "=", personId)
    .where("revoked_at", "is", null)
    .select(["token_hash", "token_seed"])
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!feed) return { state: "none" };
  const token = feed.token_seed === null ? undefined : tokenOf(feed.token_seed, secret);
  return token !== undefined && hashSecret(token) === feed.token_hash ? { state: "open", token } : { state: "lost" };
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
    .select(["registration.id", "registration.edition_id", "registration.agenda_sequence", "edition.year"])
    .orderBy("edition.number", "desc")
    .execute();
  const editions = await Promise.all(
    registrations.map(async (registration) => ({
      edition: await getEdition(db, registration.year),
      sessions: await personalAgenda(db, registration.id),
      meetings: (await meetingsOfPeople(db, registration.edition_id, [registration.id])).get(registration.id) ?? [],
      sequence: registration.agenda_sequence,
    })),
  );
  const { language } = person;
  return agendaCalendar({ language, publicUrl, name: translate(language, "site.name"), editions });
}
