import type { Kysely } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import type { DB } from "~/db/schema";
import { zonedTime } from "~/features/calendar/zoned-time";
import { AppError } from "~/lib/errors";

export interface EditionSummary {
  id: number;
  number: number;
  year: number;
  theme: { fr: string; en: string };
  days: string[];
}

/** Published editions, newest first. */
export async function listEditions(db: Kysely<DB>): Promise<EditionSummary[]> {
  return db
    .selectFrom("edition")
    .where("published", "=", true)
    .select((eb) => [
      "edition.id",
      "edition.number",
      "edition.year",
      "edition.theme",
      jsonArrayFrom(
        eb.selectFrom("edition_day").whereRef("edition_day.edition_id", "=", "edition.id").select("day").orderBy("day"),
      ).as("days"),
    ])
    .orderBy("number", "desc")
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, days: row.days.map((d) => d.day) })));
}

/** Year of the edition the site leads with: the newest published one. */
export async function currentEditionYear(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("edition")
    .where("published", "=", true)
    .select("year")
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new AppError("edition_not_found", "no published edition");
  return row.year;
}

/**
 * Year of the edition `/` and `/fr` lead to at `now`: the next published one (the earliest whose
 * last day is today or later, where it takes place), else the latest published.
 */
export async function leadingEditionYear(db: Kysely<DB>, now: Date): Promise<number> {
  const rows = await db
    .selectFrom("edition")
    .where("published", "=", true)
    .select((eb) => [
      "year",
      "time_zone",
      jsonArrayFrom(eb.selectFrom("edition_day").whereRef("edition_day.edition_id", "=", "edition.id").select("day").orderBy("day")).as("days"),
    ])
    .orderBy("number", "asc")
    .execute();
  const coming = rows.find((row) => row.days.length > 0 && !editionIsOver({ days: row.days.map((d) => d.day), time_zone: row.time_zone }, now));
  const chosen = coming ?? rows.at(-1);
  if (!chosen) throw new AppError("edition_not_found", "no published edition");
  return chosen.year;
}

/** The years of the published editions, newest first: the first is the current edition. */
export async function publishedEditionYears(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.selectFrom("edition").where("published", "=", true).select("year").orderBy("number", "desc").execute();
  return rows.map((row) => row.year);
}

/** Whether an edition's last day is over at `now`, by the calendar of its own time zone. */
export function editionIsOver(edition: { days: string[]; time_zone: string }, now: Date): boolean {
  const last = edition.days.at(-1);
  if (!last) return false;
  const { year, month, day } = zonedTime(now, edition.time_zone);
  const today = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return last < today;
}

/**
 * Everything the public pages show of one published edition. `drafts` reaches a draft too: only
 * for its organisers (the back office, a preview), never for a visitor.
 */
export async function getEdition(db: Kysely<DB>, year: number, options: { drafts?: boolean } = {}) {
  const edition = await db
    .selectFrom("edition")
    .where("year", "=", year)
    .$if(!options.drafts, (qb) => qb.where("published", "=", true))
    .selectAll("edition")
    .select((eb) => [
      jsonObjectFrom(eb.selectFrom("venue").whereRef("venue.id", "=", "edition.venue_id").selectAll("venue"))
        .$notNull()
        .as("venue"),
      jsonArrayFrom(
        eb
          .selectFrom("venue_access")
          .whereRef("venue_access.venue_id", "=", "edition.venue_id")
          .select(["mode", "details"])
          .orderBy("position"),
      ).as("access"),
      jsonArrayFrom(
        eb.selectFrom("edition_day").whereRef("edition_day.edition_id", "=", "edition.id").select("day").orderBy("day"),
      ).as("days"),
      jsonArrayFrom(
        eb
          .selectFrom("edition_contact")
          .whereRef("edition_contact.edition_id", "=", "edition.id")
          .select(["name", "role", "email", "phone"])
          .orderBy("position"),
      ).as("contacts"),
      jsonArrayFrom(
        eb
          .selectFrom("edition_link")
          .whereRef("edition_link.edition_id", "=", "edition.id")
          .select(["kind", "url", "label"])
          .orderBy("position"),
      ).as("links"),
      jsonArrayFrom(
        eb
          .selectFrom("supporter")
          .whereRef("supporter.edition_id", "=", "edition.id")
          .select(["name", "acronym", "role", "note", "website"])
          .orderBy("position"),
      ).as("supporters"),
    ])
    .executeTakeFirst();
  if (!edition) throw new AppError("edition_not_found", `no edition ${year}`);
  return { ...edition, days: edition.days.map((d) => d.day) };
}

export type Edition = Awaited<ReturnType<typeof getEdition>>;

/** Where an edition's registration window stands at an instant (not a registration's own status). */
export type RegistrationWindowState =
  | { state: "upcoming"; opensAt: Date }
  | { state: "open"; closesAt: Date }
  | { state: "closed"; closedAt: Date };

/** Whether registration is open at `now`: opening instant included, closing instant excluded. */
export function registrationWindow(
  window: { registration_opens_at: Date; registration_closes_at: Date },
  now: Date,
): RegistrationWindowState {
  if (now < window.registration_opens_at) return { state: "upcoming", opensAt: window.registration_opens_at };
  if (now < window.registration_closes_at) return { state: "open", closesAt: window.registration_closes_at };
  return { state: "closed", closedAt: window.registration_closes_at };
}

/** The next instant at which an edition's registration window opens or closes, if any. */
export function nextRegistrationChange(
  window: { registration_opens_at: Date; registration_closes_at: Date },
  now: Date,
): Date | undefined {
  return [window.registration_opens_at, window.registration_closes_at].find((instant) => instant > now);
}
