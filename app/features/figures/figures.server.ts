import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { registrationStatuses, type DB } from "~/db/schema";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { filterSearchParams, isEmptyFilter, type RegistrationFilter } from "~/features/segments/filter";
import { filterMatching, savedSegment } from "~/features/segments/segments.server";
import { cumulate, type Count, type EditionFigures, type Timeline } from "./figures";

type Scope = (eb: ExpressionBuilder<DB, "registration">) => Expression<SqlBool>;

/** The calendar day (YYYY-MM-DD) of an instant in a time zone, as the database computes it. */
const localDay = (instant: Expression<Date> | Date, timeZone: string) =>
  sql<string>`((${instant})::timestamptz at time zone ${timeZone})::date::text`;

/**
 * Registrations (not cancelled) of an edition by the day they were made, in the edition's time
 * zone, and the first day to count from: the opening of registration, or the first registration
 * when one came earlier (registered by the organisers before the opening).
 */
async function timelineOf(
  db: Kysely<DB>,
  edition: { id: number; year: number; timeZone: string; opensOn: string; lastDay: string },
  scope: Scope,
): Promise<Timeline> {
  const rows = await db
    .selectFrom("registration")
    .where(scope)
    .where("registration.status", "<>", "cancelled")
    .select((eb) => [localDay(sql.ref("registration.created_at"), edition.timeZone).as("day"), eb.fn.countAll<string>().as("count")])
    .groupBy(sql`1`)
    .execute();
  const perDay = new Map(rows.map((row) => [row.day, Number(row.count)]));
  const days = [...perDay.keys()].sort();
  const first = days[0];
  const opening = first && first < edition.opensOn ? first : edition.opensOn;
  const registered = days.at(-1);
  const lastDay = registered && registered > edition.lastDay ? registered : edition.lastDay;
  return { year: edition.year, opening, cumulative: cumulate(opening, lastDay < opening ? opening : lastDay, perDay) };
}

/** The edition, its venue's country, the local days of its opening and closing, and today. */
async function editionDays(db: Kysely<DB>, editionId: number, now: Date) {
  return db
    .selectFrom("edition")
    .innerJoin("venue", "venue.id", "edition.venue_id")
    .where("edition.id", "=", editionId)
    .select([
      "edition.id",
      "edition.year",
      "edition.time_zone",
      "venue.country_code",
      sql<string>`(edition.registration_opens_at at time zone edition.time_zone)::date::text`.as("opens_on"),
      sql<string>`(edition.registration_closes_at at time zone edition.time_zone)::date::text`.as("closes_on"),
      sql<string>`(${now}::timestamptz at time zone edition.time_zone)::date::text`.as("today"),
    ])
    .executeTakeFirstOrThrow();
}

/**
 * The figures of the proof's edition that funders and partners ask for, counted at `now`: counts
 * only, never a name or an address. With a filter (a saved segment, or the table's filter), the
 * counts are of the matching registrations only, which needs the right to the registrations;
 * the previous edition's curve is then still of all its registrations.
 */
export async function editionFigures(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { filter?: RegistrationFilter; now: Date },
): Promise<EditionFigures> {
  requirePermission(access, "figures");
  const filtered = request.filter !== undefined && !isEmptyFilter(request.filter);
  if (filtered) requirePermission(access, "registrations");
  // Without a filter every registration counts, those anonymised at the end of retention too:
  // their country, category and type are kept for these figures.
  const scope: Scope = filtered ? await filterMatching(db, access, request.filter!) : (eb) => eb("registration.edition_id", "=", access.editionId);
  const edition = await editionDays(db, access.editionId, request.now);
  const venueCountry = edition.country_code.trim();
  const active = () => db.selectFrom("registration").where(scope).where("registration.status", "<>", "cancelled");
  const counted = (rows: { key: string; count: string }[]): Count[] =>
    rows.map((row) => ({ key: row.key.trim(), count: Number(row.count) })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const byColumn = (column: "status" | "category" | "organisation_type" | "country_code", rows = active()) =>
    rows
      .select((eb) => [sql<string>`${sql.ref(`registration.${column}`)}`.as("key"), eb.fn.countAll<string>().as("count")])
      .groupBy(`registration.${column}`)
      .execute()
      .then(counted);
  // The curve runs to today, or to the closing of registration once it is past.
  const lastDay = edition.today < edition.closes_on ? edition.today : edition.closes_on;
  const previousEdition = await db
    .selectFrom("edition")
    .select(["id", "year", "time_zone"])
    .select([
      sql<string>`(registration_opens_at at time zone time_zone)::date::text`.as("opens_on"),
      sql<string>`(registration_closes_at at time zone time_zone)::date::text`.as("closes_on"),
    ])
    .where("year", "<", edition.year)
    .orderBy("year", "desc")
    .limit(1)
    .executeTakeFirst();

  const [byStatus, byCategory, byOrganisationType, byCountry, byLanguage, foreign, workshops, timeline, previous] = await Promise.all([
    byColumn("status", db.selectFrom("registration").where(scope)),
    byColumn("category"),
    byColumn("organisation_type"),
    byColumn("country_code"),
    active()
      .innerJoin("person", "person.id", "registration.person_id")
      .select((eb) => ["person.language as key", eb.fn.countAll<string>().as("count")])
      .groupBy("person.language")
      .execute()
      .then(counted),
    active()
      .where("registration.country_code", "<>", venueCountry)
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count)),
    db
      .selectFrom("session")
      .leftJoin("session_signup", (join) =>
        join
          .onRef("session_signup.session_id", "=", "session.id")
          .on("session_signup.registration_id", "in", db.selectFrom("registration").select("registration.id").where(scope)),
      )
      .where("session.edition_id", "=", access.editionId)
      .where("session.requires_signup", "=", true)
      .select((eb) => [
        "session.id",
        "session.title",
        "session.capacity",
        eb.fn.count<string>("session_signup.id").filterWhere("session_signup.status", "=", "confirmed").as("confirmed"),
        eb.fn.count<string>("session_signup.id").filterWhere("session_signup.status", "=", "waitlisted").as("waitlisted"),
      ])
      .groupBy("session.id")
      .orderBy("session.starts_at")
      .orderBy("session.id")
      .execute(),
    timelineOf(db, { id: edition.id, year: edition.year, timeZone: edition.time_zone, opensOn: edition.opens_on, lastDay }, scope),
    // The edition before this one, by design part of this edition's figures: its curve only.
    previousEdition
      ? timelineOf(
          db,
          { id: previousEdition.id, year: previousEdition.year, timeZone: previousEdition.time_zone, opensOn: previousEdition.opens_on, lastDay: previousEdition.closes_on },
          (eb) => eb("registration.edition_id", "=", previousEdition.id),
        )
      : null,
  ]);
  const total = byCategory.reduce((sum, row) => sum + row.count, 0);
  return {
    year: edition.year,
    venueCountry,
    timeZone: edition.time_zone,
    asOf: request.now.toISOString(),
    total,
    // Every status, in the order a registration goes through them, zeros included.
    byStatus: registrationStatuses.map((status) => ({ key: status, count: byStatus.find((row) => row.key === status)?.count ?? 0 })),
    byCategory,
    byOrganisationType,
    byLanguage,
    byCountry,
    countries: byCountry.length,
    foreign,
    workshops: workshops.map((row) => ({ id: row.id, title: row.title, capacity: row.capacity, confirmed: Number(row.confirmed), waitlisted: Number(row.waitlisted) })),
    timeline,
    previous,
  };
}

/**
 * What the figures are restricted to, as people read it: a saved segment's name, the parameters of
 * any other filter, or null for the whole edition. An unknown segment is not found.
 */
export async function scopeName(db: Kysely<DB>, access: BackOfficeAccess, filter: RegistrationFilter): Promise<string | null> {
  if (isEmptyFilter(filter)) return null;
  requirePermission(access, "registrations");
  const segments = filter.include.segment ?? [];
  const onlySegment = !filter.q && Object.keys(filter.exclude).length === 0 && Object.keys(filter.include).length === 1 && segments.length === 1;
  if (onlySegment) return (await savedSegment(db, access, Number(segments[0]))).name;
  return `?${filterSearchParams(filter).toString()}`;
}

