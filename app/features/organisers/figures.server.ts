import { sql, type Kysely } from "kysely";
import { registrationStatuses, type DB, type Localised } from "~/db/schema";
import { requirePermission, type BackOfficeAccess } from "./organisers.server";

export interface Count<K extends string = string> {
  key: K;
  count: number;
}

export interface EditionFigures {
  byStatus: Count[];
  /** Registrations not cancelled, by category, organisation type and country. */
  byCategory: Count[];
  byOrganisationType: Count[];
  byCountry: Count[];
  countries: number;
  workshops: { id: number; title: Localised; capacity: number | null; confirmed: number; waitlisted: number }[];
}

/**
 * The figures of an edition that funders and partners ask for: counts only, never a name or an
 * address. One query per table, each filtered by the edition of the proof.
 */
export async function editionFigures(db: Kysely<DB>, access: BackOfficeAccess): Promise<EditionFigures> {
  requirePermission(access, "figures");
  const registrations = () => db.selectFrom("registration").where("edition_id", "=", access.editionId);
  const active = () => registrations().where("status", "<>", "cancelled");
  const counted = <K extends "status" | "category" | "organisation_type" | "country_code">(column: K, rows: ReturnType<typeof registrations>) =>
    rows
      .select([sql<string>`${sql.ref(column)}`.as("key"), (eb) => eb.fn.countAll<string>().as("count")])
      .groupBy(column)
      .orderBy("count", "desc")
      .orderBy(column)
      .execute()
      .then((found) => found.map((row) => ({ key: row.key.trim(), count: Number(row.count) })));
  const [byStatus, byCategory, byOrganisationType, byCountry, workshops] = await Promise.all([
    counted("status", registrations()),
    counted("category", active()),
    counted("organisation_type", active()),
    counted("country_code", active()),
    db
      .selectFrom("session")
      .leftJoin("session_signup", "session_signup.session_id", "session.id")
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
  ]);
  return {
    // Every status, in the order a registration goes through them, zeros included.
    byStatus: registrationStatuses.map((status) => ({ key: status, count: byStatus.find((row) => row.key === status)?.count ?? 0 })),
    byCategory,
    byOrganisationType,
    byCountry,
    countries: byCountry.length,
    workshops: workshops.map((row) => ({ ...row, confirmed: Number(row.confirmed), waitlisted: Number(row.waitlisted) })),
  };
}
