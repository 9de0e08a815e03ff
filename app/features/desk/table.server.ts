import { sql, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { registrationStatuses, type DB, type ParticipantCategory, type OrganisationType, type RegistrationStatus } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { decideOnRegistration } from "~/features/registration/registration.server";
import { filtersMatching, matchingRegistrationIds } from "~/features/segments/segments.server";
import type { RegistrationFilter } from "~/features/segments/filter";
import { AppError } from "~/lib/errors";
import type { BulkAction, TableColumn, TableOrder } from "./table-url";
import type { Language } from "~/i18n/languages";

export const tablePageSize = 50;

export interface TableRow {
  id: number;
  reference: string;
  givenName: string;
  familyName: string;
  email: string;
  organisationName: string;
  organisationType: OrganisationType;
  countryCode: string;
  city: string;
  category: ParticipantCategory;
  status: RegistrationStatus;
  language: Language;
  registeredAt: Date;
  checkedInAt: Date | null;
}

export interface TablePage {
  rows: TableRow[];
  /** Registrations matching the filter. */
  total: number;
  /** Registrations matching the filter but for its conditions on status, per status. */
  byStatus: Record<RegistrationStatus, number>;
  page: number;
  pageCount: number;
}

/** The SQL each column sorts by; text is compared folded (kept so by the database), so that "Élise" sorts with "Elise". */
const sortKeys = {
  name: sql`registration.sort_name`,
  organisation: sql`registration.sort_organisation`,
  organisation_type: sql`registration.organisation_type`,
  country: sql`registration.country_code`,
  city: sql`registration.sort_city`,
  category: sql`registration.category`,
  // In the order a registration goes through them.
  status: sql`array_position(${sql.val([...registrationStatuses])}::text[], registration.status::text)`,
  language: sql`(select person.language from person where person.id = registration.person_id)`,
  registered: sql`registration.created_at`,
  checked_in: sql`registration.checked_in_at`,
} satisfies Record<TableColumn, ReturnType<typeof sql>>;

/** The filter without its conditions on status: what the counts per status are taken over. */
function withoutStatus(filter: RegistrationFilter): RegistrationFilter {
  const { status: _included, ...include } = filter.include;
  const { status: _excluded, ...exclude } = filter.exclude;
  return { ...filter, include, exclude };
}

/**
 * One page of the edition's registrations matching the filter, in the order asked (the
 * registration's id breaks ties, so that pages never overlap), with the counts per status.
 * One statement: the counts, then the page they allow (a page past the last shows the last).
 */
export async function registrationsTable(db: Kysely<DB>, access: BackOfficeAccess, filter: RegistrationFilter, order: TableOrder): Promise<TablePage> {
  requirePermission(access, "registrations");
  const hasStatusCondition = filter.include.status !== undefined || filter.exclude.status !== undefined;
  const [matching, facet] = await filtersMatching(db, access, [filter, withoutStatus(filter)]);
  const direction = order.dir === "asc" ? sql`asc` : sql`desc`;
  // Registrations never checked in come last whichever the direction.
  const nulls = order.sort === "checked_in" ? sql`nulls last` : sql``;
  const sortKey = sortKeys[order.sort];
  const result = await db
    // The registrations of the filter but for its status conditions, read once: what the counts
    // are taken over, and, those the status conditions keep, what the page is cut from.
    .with(
      (cte) => cte("facet").materialized(),
      (qb) =>
        qb
          .selectFrom("registration")
          .where(facet!)
          .select((eb) => [
            "registration.id",
            "registration.status",
            sortKey.as("sort_key"),
            // With a condition on status, whether it keeps the row; without, every row is kept.
            sql<boolean>`(${hasStatusCondition ? matching!(eb) : sql`true`})`.as("kept"),
          ]),
    )
    .with("counts", (qb) =>
      qb
        .selectFrom("facet")
        .select((eb) => ["facet.status", eb.fn.countAll<string>().as("count"), eb.fn.countAll<string>().filterWhere("facet.kept", "=", true).as("kept")])
        .groupBy("facet.status"),
    )
    .with("summary", (qb) =>
      qb
        .selectFrom("counts")
        .select([
          sql<[RegistrationStatus, string][]>`coalesce(json_agg(json_build_array(counts.status, counts.count)), '[]')`.as("by_status"),
          sql<string>`coalesce(sum(counts.kept), 0)`.as("total"),
        ]),
    )
    .selectFrom("summary")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom((eb) =>
            eb
              .selectFrom("facet")
              .where("facet.kept", "=", true)
              .select(["facet.id", "facet.sort_key"])
              .orderBy(sql`facet.sort_key ${direction} ${nulls}, facet.id ${direction}`)
              .limit(tablePageSize)
              // The page asked, or the last there is.
              .offset(sql<number>`(greatest(1, least(${order.page}::int, ceil(summary.total / ${tablePageSize}::numeric)::int)) - 1) * ${tablePageSize}::int`)
              .as("page"),
          )
          .innerJoin("registration", "registration.id", "page.id")
          .select((eb) => [
            "registration.id",
            "registration.reference",
            "registration.given_name",
            "registration.family_name",
            "registration.email",
            "registration.organisation_name",
            "registration.organisation_type",
            "registration.country_code",
            "registration.city",
            "registration.category",
            "registration.status",
            // Read for the page's rows only: a join would read every matching person first.
            eb.selectFrom("person").select("person.language").whereRef("person.id", "=", "registration.person_id").$asScalar().as("language"),
            "registration.created_at",
            "registration.checked_in_at",
            "page.sort_key",
          ])
          .as("shown"),
      (join) => join.onTrue(),
    )
    .select([
      "summary.by_status",
      "summary.total",
      "shown.id",
      "shown.reference",
      "shown.given_name",
      "shown.family_name",
      "shown.email",
      "shown.organisation_name",
      "shown.organisation_type",
      "shown.country_code",
      "shown.city",
      "shown.category",
      "shown.status",
      "shown.language",
      "shown.created_at",
      "shown.checked_in_at",
    ])
    // The page's order, said again: a join does not promise to keep it.
    .orderBy(sql`shown.sort_key ${direction} ${nulls}, shown.id ${direction}`)
    .execute();
  const [summary] = result;
  const byStatus = Object.fromEntries(registrationStatuses.map((status) => [status, 0])) as Record<RegistrationStatus, number>;
  for (const [status, count] of summary?.by_status ?? []) byStatus[status] = Number(count);
  const total = Number(summary?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / tablePageSize));
  const page = Math.min(order.page, pageCount);
  const rows: TableRow[] = [];
  for (const row of result) {
    // No registration on the page: one row of counts alone.
    if (row.id === null) continue;
    rows.push({
      id: row.id,
      reference: row.reference!,
      givenName: row.given_name!,
      familyName: row.family_name!,
      email: row.email!,
      organisationName: row.organisation_name!,
      organisationType: row.organisation_type!,
      countryCode: row.country_code!.trim(),
      city: row.city!,
      category: row.category!,
      status: row.status!,
      language: row.language!,
      registeredAt: row.created_at!,
      checkedInAt: row.checked_in_at ?? null,
    });
  }
  return { rows, total, byStatus, page, pageCount };
}

/** A segment as the table lists it: its name, to pick it. */
export interface SegmentChoice {
  id: number;
  name: string;
}

/**
 * What the filter form offers beyond fixed lists: the edition's workshops, questions, countries
 * and saved segments, in one statement. Countries are read from an index, one step per country
 * (migration 0023), rather than by reading every registration.
 */
export async function tableChoices(db: Kysely<DB>, access: BackOfficeAccess) {
  requirePermission(access, "registrations");
  const editionId = access.editionId;
  const choices = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom("session")
          .where("edition_id", "=", editionId)
          .where("requires_signup", "=", true)
          .select(["id", "title", "starts_at"])
          .orderBy("starts_at")
          .orderBy("id"),
      ).as("workshops"),
      jsonArrayFrom(
        eb
          .selectFrom("registration_question")
          .where("edition_id", "=", editionId)
          .where("kind", "in", ["choice", "multiple"])
          .select(["id", "label", "options"])
          .orderBy("position")
          .orderBy("id"),
      ).as("questions"),
      sql<string[]>`(
        with recursive country (code) as (
          (select registration.country_code from registration
            where registration.edition_id = ${editionId} and registration.anonymised_at is null
            order by registration.country_code limit 1)
          union all
          select (select registration.country_code from registration
              where registration.edition_id = ${editionId} and registration.anonymised_at is null and registration.country_code > country.code
              order by registration.country_code limit 1)
            from country where country.code is not null
        )
        select coalesce(array_agg(code order by code), '{}') from country where code is not null
      )`.as("countries"),
      jsonArrayFrom(
        eb
          .selectFrom("segment")
          .where("edition_id", "=", editionId)
          .select(["id", "name"])
          .orderBy(sql`lower(name)`)
          .orderBy("id"),
      ).as("segments"),
    ])
    .executeTakeFirstOrThrow();
  return {
    // Read as JSON: the start is a string there.
    workshops: choices.workshops.map((workshop) => ({ id: workshop.id, title: workshop.title, startsAt: new Date(workshop.starts_at) })),
    questions: choices.questions.map((question) => ({ id: question.id, label: question.label, options: question.options })),
    countries: choices.countries.map((code) => code.trim()),
    segments: choices.segments satisfies SegmentChoice[],
  };
}

// --- Bulk actions ---------------------------------------------------------------------------

/** What a bulk action is asked to act on: the rows ticked on the page, or every row of the filter. */
export type BulkScope = { kind: "selection"; registrationIds: number[] } | { kind: "filter"; filter: RegistrationFilter };

export interface BulkReview {
  /** Registrations the scope names in this edition. */
  named: number;
  /** Those awaiting a decision: the ones approving or refusing touches. */
  touched: number[];
}

/** The scope as the audit log keeps it: the filter, or the ids ticked. */
const scopeForLog = (scope: BulkScope) => (scope.kind === "filter" ? { filter: scope.filter } : { registrationIds: scope.registrationIds });

/** The registrations of the scope, in this edition and not erased, by id. */
async function scopeIds(db: Kysely<DB>, access: BackOfficeAccess, scope: BulkScope): Promise<number[]> {
  if (scope.kind === "filter") return matchingRegistrationIds(db, access, scope.filter);
  if (scope.registrationIds.length === 0) return [];
  const rows = await db
    .selectFrom("registration")
    .select("id")
    .where("edition_id", "=", access.editionId)
    .where("anonymised_at", "is", null)
    .where("id", "in", scope.registrationIds)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

/** How many registrations a bulk decision (approve or refuse) would touch, before anything is done. */
export async function reviewBulkAction(db: Kysely<DB>, access: BackOfficeAccess, scope: BulkScope): Promise<BulkReview> {
  requirePermission(access, "registrations");
  const named = await scopeIds(db, access, scope);
  if (named.length === 0) return { named: 0, touched: [] };
  const applicable = await db
    .selectFrom("registration")
    .select("id")
    .where("edition_id", "=", access.editionId)
    .where("id", "in", named)
    // Approving and refusing are decisions on registrations awaiting one.
    .where("status", "=", "pending")
    .orderBy("id")
    .execute();
  return { named: named.length, touched: applicable.map((row) => row.id) };
}

/**
 * Applies a bulk action the organiser confirmed after seeing it touch `expected` registrations.
 * When the scope has changed since (someone registered, another organiser decided), nothing is
 * done and the new review is returned to confirm again. Each registration is decided in its own
 * transaction, e-mailed and audit-logged as one decided alone would be.
 */
export async function applyBulkAction(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { action: BulkAction; scope: BulkScope; expected: number; now: Date; publicUrl: string },
): Promise<{ done: number } | { changed: BulkReview }> {
  const review = await reviewBulkAction(db, access, request.scope);
  if (review.touched.length !== request.expected) return { changed: review };
  await recordAudit(
    db,
    access,
    { action: `registration.bulk_${request.action}`, subjectType: "edition", subjectId: access.editionId, after: { scope: scopeForLog(request.scope), count: review.touched.length } },
    request.now,
  );
  let done = 0;
  for (const registrationId of review.touched) {
    try {
      await decideOnRegistration(db, access, { registrationId, approve: request.action === "approve", now: request.now, publicUrl: request.publicUrl });
      done++;
    } catch (error) {
      // Decided by someone else in the meantime: nothing left to do for this one.
      if (!(error instanceof AppError && error.code === "not_awaiting_approval")) throw error;
    }
  }
  return { done };
}
