import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { registrationStatuses, type DB } from "~/db/schema";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { filterSearchParams, isEmptyFilter, type RegistrationFilter } from "~/features/segments/filter";
import { filterMatching, savedSegment } from "~/features/segments/segments.server";
import { AppError } from "~/lib/errors";
import { cumulate, type Count, type EditionFigures, type Timeline } from "./figures";

type Scope = (eb: ExpressionBuilder<DB, "registration">) => Expression<SqlBool>;

interface EditionDays {
  id: number;
  year: number;
  timeZone: string;
  /** The local day registration opens, and the last day the curve runs to. */
  opensOn: string;
  lastDay: string;
}

/**
 * Cumulative registrations (not cancelled) by the day they were made, in the edition's time
 * zone, from the first day to count: the opening of registration, or the first registration when
 * one came earlier (registered by the organisers before the opening).
 */
function timelineOf(edition: EditionDays, perDay: ReadonlyMap<string, number>): Timeline {
  const days = [...perDay.keys()].sort();
  const first = days[0];
  const opening = first && first < edition.opensOn ? first : edition.opensOn;
  const registered = days.at(-1);
  const lastDay = registered && registered > edition.lastDay ? registered : edition.lastDay;
  return { year: edition.year, opening, cumulative: cumulate(opening, lastDay < opening ? opening : lastDay, perDay) };
}

const sortedCounts = (counts: Map<string, number>): Count[] =>
  [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/**
 * The figures of the proof's edition that funders and partners ask for, counted at `now`: counts
 * only, never a name or an address. With a filter (a saved segment, or the table's filter), the
 * counts are of the matching registrations only, which needs the right to the registrations;
 * the previous edition's curve is then still of all its registrations. Four queries, whatever
 * the number of registrations.
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

  // This edition and the one before it (by design part of this edition's figures: its curve only).
  const editions = await db
    .selectFrom("edition")
    .innerJoin("venue", "venue.id", "edition.venue_id")
    .select([
      "edition.id",
      "edition.year",
      "edition.time_zone",
      "venue.country_code",
      sql<string>`(edition.registration_opens_at at time zone edition.time_zone)::date::text`.as("opens_on"),
      sql<string>`(edition.registration_closes_at at time zone edition.time_zone)::date::text`.as("closes_on"),
      sql<string>`(${request.now}::timestamptz at time zone edition.time_zone)::date::text`.as("today"),
    ])
    .where("edition.year", "<=", access.year)
    .orderBy("edition.year", "desc")
    .limit(2)
    .execute();
  const [edition, before] = editions;
  if (!edition || edition.id !== access.editionId) throw new AppError("not_staff", "edition not found");
  const venueCountry = edition.country_code.trim();
  const current: EditionDays = {
    id: edition.id,
    year: edition.year,
    timeZone: edition.time_zone,
    opensOn: edition.opens_on,
    // The curve runs to today, or to the closing of registration once it is past.
    lastDay: edition.today < edition.closes_on ? edition.today : edition.closes_on,
  };
  const previous: EditionDays | null = before ? { id: before.id, year: before.year, timeZone: before.time_zone, opensOn: before.opens_on, lastDay: before.closes_on } : null;

  const [groups, days, workshops] = await Promise.all([
    // Each breakdown is one grouping set of a single pass; the columns are never null, so the
    // column that is not null in a row names its set.
    db
      .selectFrom("registration")
      .innerJoin("person", "person.id", "registration.person_id")
      .where(scope)
      .select((eb) => [
        "registration.status",
        "registration.category",
        "registration.organisation_type",
        "registration.country_code",
        "person.language",
        eb.fn.countAll<string>().as("all"),
        eb.fn.countAll<string>().filterWhere("registration.status", "<>", "cancelled").as("active"),
      ])
      .groupBy(sql`grouping sets ((registration.status), (registration.category), (registration.organisation_type), (registration.country_code), (person.language))`)
      .execute(),
    db
      .selectFrom("registration")
      .innerJoin("edition", "edition.id", "registration.edition_id")
      .where((eb) => eb.and([eb("registration.status", "<>", "cancelled"), previous ? eb.or([scope(eb), eb("registration.edition_id", "=", previous.id)]) : scope(eb)]))
      .select((eb) => [
        "registration.edition_id",
        sql<string>`(registration.created_at at time zone edition.time_zone)::date::text`.as("day"),
        eb.fn.countAll<string>().as("count"),
      ])
      .groupBy(["registration.edition_id", sql`2`])
      .execute(),
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
        "session.starts_at",
        "session.capacity",
        eb.fn.count<string>("session_signup.id").filterWhere("session_signup.status", "=", "confirmed").as("confirmed"),
        eb.fn.count<string>("session_signup.id").filterWhere("session_signup.status", "=", "waitlisted").as("waitlisted"),
      ])
      .groupBy("session.id")
      .orderBy("session.starts_at")
      .orderBy("session.id")
      .execute(),
  ]);

  const breakdown = () => new Map<string, number>();
  const byStatus = breakdown();
  const byCategory = breakdown();
  const byOrganisationType = breakdown();
  const byCountry = breakdown();
  const byLanguage = breakdown();
  for (const row of groups) {
    const active = Number(row.active);
    if (row.status !== null) byStatus.set(row.status, Number(row.all));
    else if (active === 0) continue;
    else if (row.category !== null) byCategory.set(row.category, active);
    else if (row.organisation_type !== null) byOrganisationType.set(row.organisation_type, active);
    else if (row.country_code !== null) byCountry.set(row.country_code.trim(), active);
    else if (row.language !== null) byLanguage.set(row.language, active);
  }
  const perDay = (editionId: number) => new Map(days.filter((row) => row.edition_id === editionId).map((row) => [row.day, Number(row.count)]));
  const total = [...byCategory.values()].reduce((sum, count) => sum + count, 0);
  return {
    year: edition.year,
    venueCountry,
    timeZone: edition.time_zone,
    asOf: request.now.toISOString(),
    total,
    // Every status, in the order a registration goes through them, zeros included.
    byStatus: registrationStatuses.map((status) => ({ key: status, count: byStatus.get(status) ?? 0 })),
    byCategory: sortedCounts(byCategory),
    byOrganisationType: sortedCounts(byOrganisationType),
    byLanguage: sortedCounts(byLanguage),
    byCountry: sortedCounts(byCountry),
    countries: byCountry.size,
    foreign: total - (byCountry.get(venueCountry) ?? 0),
    workshops: workshops.map((row) => ({ id: row.id, title: row.title, startsAt: row.starts_at.toISOString(), capacity: row.capacity, confirmed: Number(row.confirmed), waitlisted: Number(row.waitlisted) })),
    timeline: timelineOf(current, perDay(current.id)),
    previous: previous ? timelineOf(previous, perDay(previous.id)) : null,
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

