import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { DB } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { fold, likeLiteral } from "./folding";
import { referencedSegments, registrationFilterSchema, type FilterField, type RegistrationFilter } from "./filter";

type Registrations = ExpressionBuilder<DB, "registration">;
type Condition = (eb: Registrations) => Expression<SqlBool>;

/** A saved segment may name others, down to this depth; deeper, or naming itself, is refused. */
const maxNesting = 4;
/** Words of a search beyond these are ignored. */
const maxSearchWords = 10;

export interface SavedSegment {
  id: number;
  name: string;
  filter: RegistrationFilter;
}

/** What compiling a filter needs to know of its edition, read once. */
interface FilterContext {
  editionId: number;
  segments: Map<number, RegistrationFilter>;
}

function searchCondition(q: string): Condition | undefined {
  const words = fold(q).split(" ").filter(Boolean).slice(0, maxSearchWords);
  if (words.length === 0) return undefined;
  return (eb) => eb.and(words.map((word) => eb("registration.search_text", "like", `%${likeLiteral(word)}%`)));
}

function fieldCondition(field: FilterField, values: string[], context: FilterContext, depth: number): Condition {
  const { editionId } = context;
  switch (field) {
    case "status":
    case "category":
    case "organisation_type":
      return (eb) => eb(`registration.${field}`, "in", values as never[]);
    case "country":
      return (eb) => eb("registration.country_code", "in", values);
    case "origin": {
      // Both values: everyone; the condition is kept simple rather than special-cased. The venue's
      // country is read by the query itself (once: the subquery names no column of the row).
      return (eb) => {
        const venueCountry = eb
          .selectFrom("edition")
          .innerJoin("venue", "venue.id", "edition.venue_id")
          .where("edition.id", "=", editionId)
          .select("venue.country_code");
        return eb.or(values.map((value) => eb("registration.country_code", value === "domestic" ? "=" : "<>", venueCountry)));
      };
    }
    case "language":
      return (eb) =>
        eb.exists(
          eb
            .selectFrom("person")
            .whereRef("person.id", "=", "registration.person_id")
            .where("person.language", "in", values as ("fr" | "en")[])
            .select("person.id"),
        );
    case "workshop": {
      const sessionIds = values.filter((value) => value !== "any").map(Number);
      const any = values.includes("any");
      return (eb) =>
        eb.exists(
          eb
            .selectFrom("session_signup")
            .innerJoin("session", "session.id", "session_signup.session_id")
            .whereRef("session_signup.registration_id", "=", "registration.id")
            .where("session_signup.status", "=", "confirmed")
            .where("session.edition_id", "=", editionId)
            .$if(!any, (query) => query.where("session.id", "in", sessionIds))
            .select("session_signup.id"),
        );
    }
    case "day":
      return () => sql<SqlBool>`registration.days && ${sql.val(values)}::date[]`;
    case "delegation": {
      const delegationIds = values.filter((value) => /^\d+$/.test(value)).map(Number);
      return (eb) => {
        const leads = (ids?: number[]) =>
          eb.exists(
            eb
              .selectFrom("delegation")
              .whereRef("delegation.lead_person_id", "=", "registration.person_id")
              .where("delegation.edition_id", "=", editionId)
              .$if(ids !== undefined, (query) => query.where("delegation.id", "in", ids!))
              .select("delegation.id"),
          );
        const inAny = eb.or([eb("registration.delegation_id", "is not", null), leads()]);
        const conditions: Expression<SqlBool>[] = [];
        if (values.includes("none")) conditions.push(eb.not(inAny));
        if (values.includes("any")) conditions.push(inAny);
        if (values.includes("lead")) conditions.push(leads());
        if (delegationIds.length > 0) conditions.push(eb.or([eb("registration.delegation_id", "in", delegationIds), leads(delegationIds)]));
        return eb.or(conditions);
      };
    }
    case "answer":
      return (eb) =>
        eb.or(
          values.map((value) => {
            const separator = value.indexOf(":");
            const questionId = Number(value.slice(0, separator));
            const option = value.slice(separator + 1);
            return eb.exists(
              eb
                .selectFrom("registration_answer")
                .innerJoin("registration_question", "registration_question.id", "registration_answer.question_id")
                .whereRef("registration_answer.registration_id", "=", "registration.id")
                .where("registration_question.edition_id", "=", editionId)
                .where("registration_answer.question_id", "=", questionId)
                // A choice is kept as a JSON string, several as an array of them.
                .$if(option !== "*", (query) =>
                  query.where(
                    sql<SqlBool>`(registration_answer.value = to_jsonb(${option}::text) or registration_answer.value @> jsonb_build_array(${option}::text))`,
                  ),
                )
                .select("registration_answer.question_id"),
            );
          }),
        );
    case "registration":
      return (eb) => eb("registration.id", "in", values.map(Number));
    case "checked_in":
      return (eb) => eb.or(values.map((value) => eb("registration.checked_in_at", value === "yes" ? "is not" : "is", null)));
    case "segment": {
      // Compiled now, not when the query is built, so that saving refuses what nests too deep.
      const nested = values.map((value) => {
        const named = context.segments.get(Number(value));
        return named && filterCondition(named, context, depth + 1);
      });
      // A segment deleted since it was named matches nobody.
      return (eb) => eb.or(nested.map((condition) => (condition ? condition(eb) : sql<SqlBool>`false`)));
    }
  }
}

function filterCondition(filter: RegistrationFilter, context: FilterContext, depth = 0): Condition {
  if (depth > maxNesting) throw new AppError("segment_too_deep");
  const search = searchCondition(filter.q);
  const conditions: Condition[] = [
    ...Object.entries(filter.include).map(([field, values]) => fieldCondition(field as FilterField, values, context, depth)),
    ...Object.entries(filter.exclude).map(([field, values]) => {
      const condition = fieldCondition(field as FilterField, values, context, depth);
      return (eb: Registrations) => eb.not(condition(eb));
    }),
  ];
  return (eb) => {
    const parts: Expression<SqlBool>[] = [];
    if (search) parts.push(search(eb));
    if (conditions.length > 0) {
      const compiled = conditions.map((condition) => condition(eb));
      parts.push(filter.match === "any" ? eb.or(compiled) : eb.and(compiled));
    }
    return eb.and(parts);
  };
}

/** Reads the segments the filters name, and those they name, down to `maxNesting`. */
async function namedSegments(db: Kysely<DB>, editionId: number, ...filters: RegistrationFilter[]): Promise<Map<number, RegistrationFilter>> {
  const found = new Map<number, RegistrationFilter>();
  let wanted = [...new Set(filters.flatMap(referencedSegments))];
  for (let depth = 0; wanted.length > 0 && depth <= maxNesting; depth++) {
    const rows = await db.selectFrom("segment").select(["id", "filter"]).where("edition_id", "=", editionId).where("id", "in", wanted).execute();
    const next: number[] = [];
    for (const row of rows) {
      const nested = registrationFilterSchema.parse(row.filter);
      found.set(row.id, nested);
      next.push(...referencedSegments(nested).filter((id) => !found.has(id)));
    }
    wanted = next;
  }
  return found;
}

/**
 * The condition that keeps the registrations of the proof's edition matching `filter`, to put in
 * the `where` of a query on `registration` (the table, exports, messages, figures use it alike).
 * Registrations whose personal data were erased are never kept.
 */
export async function filterMatching(db: Kysely<DB>, access: BackOfficeAccess, filter: RegistrationFilter): Promise<Condition> {
  const [condition] = await filtersMatching(db, access, [filter]);
  return condition!;
}

/**
 * `filterMatching` for a job of the server that acts on an edition without anyone's proof (a
 * reminder starting at its time); everything a person asks goes through `filterMatching`.
 */
export async function editionFilterMatching(db: Kysely<DB>, editionId: number, filter: RegistrationFilter): Promise<Condition> {
  const [condition] = await editionFiltersMatching(db, editionId, [filter]);
  return condition!;
}

/**
 * The conditions of several filters at once (filterMatching of each), reading the segments they
 * name in one go: a filter without segments reads nothing.
 */
export async function filtersMatching(db: Kysely<DB>, access: BackOfficeAccess, filters: readonly RegistrationFilter[]): Promise<Condition[]> {
  return editionFiltersMatching(db, access.editionId, filters);
}

async function editionFiltersMatching(db: Kysely<DB>, editionId: number, filters: readonly RegistrationFilter[]): Promise<Condition[]> {
  const context: FilterContext = { editionId, segments: await namedSegments(db, editionId, ...filters) };
  return filters.map((filter) => {
    const condition = filterCondition(filter, context);
    return (eb: Registrations) => eb.and([eb("registration.edition_id", "=", editionId), eb("registration.anonymised_at", "is", null), condition(eb)]);
  });
}

/** The edition's registrations matching the filter, by id. */
export async function matchingRegistrationIds(db: Kysely<DB>, access: BackOfficeAccess, filter: RegistrationFilter): Promise<number[]> {
  requirePermission(access, "registrations");
  const matching = await filterMatching(db, access, filter);
  const rows = await db.selectFrom("registration").select("registration.id").where(matching).orderBy("registration.id").execute();
  return rows.map((row) => row.id);
}

// --- Saved segments ---------------------------------------------------------------------------

export async function savedSegments(db: Kysely<DB>, access: BackOfficeAccess): Promise<SavedSegment[]> {
  const rows = await db
    .selectFrom("segment")
    .select(["id", "name", "filter"])
    .where("edition_id", "=", access.editionId)
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, filter: registrationFilterSchema.parse(row.filter) }));
}

export async function savedSegment(db: Kysely<DB>, access: BackOfficeAccess, segmentId: number): Promise<SavedSegment> {
  const row = await db
    .selectFrom("segment")
    .select(["id", "name", "filter"])
    .where("edition_id", "=", access.editionId)
    .where("id", "=", segmentId)
    .executeTakeFirst();
  if (!row) throw new AppError("segment_not_found");
  return { id: row.id, name: row.name, filter: registrationFilterSchema.parse(row.filter) };
}

const segmentName = (name: string) => {
  const cleaned = name.replace(/\s+/gu, " ").trim();
  if (cleaned.length === 0 || cleaned.length > 100) throw new AppError("segment_name_invalid");
  return cleaned;
};

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && "code" in error && error.code === "23505";

/** Refuses a filter naming segments of which one leads back to `segmentId`, or nests too deep. */
async function checkNesting(db: Kysely<DB>, access: BackOfficeAccess, filter: RegistrationFilter, segmentId?: number) {
  const named = await namedSegments(db, access.editionId, filter);
  if (segmentId !== undefined && (referencedSegments(filter).includes(segmentId) || named.has(segmentId))) throw new AppError("segment_cycle");
  // Compiling walks the whole nesting and refuses what is too deep.
  filterCondition(filter, { editionId: access.editionId, segments: named });
}

/** Saves the filter under a name, new (`segmentId` undefined) or in place of a segment's filter. */
export async function saveSegment(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { segmentId?: number; name: string; filter: RegistrationFilter; now: Date },
): Promise<SavedSegment> {
  requirePermission(access, "registrations");
  const name = segmentName(request.name);
  const filter = registrationFilterSchema.parse(request.filter);
  await checkNesting(db, access, filter, request.segmentId);
  try {
    return await db.transaction().execute(async (tx) => {
      if (request.segmentId === undefined) {
        const { id } = await tx
          .insertInto("segment")
          .values({ edition_id: access.editionId, name, filter: JSON.stringify(filter), created_by_person_id: access.personId, created_at: request.now, updated_at: request.now })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(tx, access, { action: "segment.create", subjectType: "segment", subjectId: id, after: { name, filter } }, request.now);
        return { id, name, filter };
      }
      const before = await tx
        .selectFrom("segment")
        .select(["name", "filter"])
        .where("edition_id", "=", access.editionId)
        .where("id", "=", request.segmentId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new AppError("segment_not_found");
      await tx
        .updateTable("segment")
        .set({ name, filter: JSON.stringify(filter), updated_at: request.now })
        .where("edition_id", "=", access.editionId)
        .where("id", "=", request.segmentId)
        .execute();
      await recordAudit(tx, access, { action: "segment.update", subjectType: "segment", subjectId: request.segmentId, before, after: { name, filter } }, request.now);
      return { id: request.segmentId, name, filter };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("segment_name_taken");
    throw error;
  }
}

/** Deletes a saved segment; segments naming it then match nobody through it. */
export async function deleteSegment(db: Kysely<DB>, access: BackOfficeAccess, request: { segmentId: number; now: Date }): Promise<void> {
  requirePermission(access, "registrations");
  await db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom("segment")
      .where("edition_id", "=", access.editionId)
      .where("id", "=", request.segmentId)
      .returning(["name", "filter"])
      .executeTakeFirst();
    if (!removed) throw new AppError("segment_not_found");
    await recordAudit(tx, access, { action: "segment.delete", subjectType: "segment", subjectId: request.segmentId, before: removed }, request.now);
  });
}
