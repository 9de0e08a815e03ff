import type { Kysely } from "kysely";
import type { DB, Localised } from "~/db/schema";

/** A café table as the public programme lists it under its block. */
export interface ProgrammeCafe {
  id: number;
  sessionId: number;
  topic: Localised;
  language: string;
  table: string;
  host: { name: string; organisation: string };
}

/** The café tables of these café blocks whose host is a confirmed participant, by table. */
export async function programmeCafes(db: Kysely<DB>, editionId: number, sessionIds: readonly number[]): Promise<ProgrammeCafe[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom("cafe")
    .innerJoin("registration as host", "host.id", "cafe.host_registration_id")
    .where("cafe.edition_id", "=", editionId)
    .where("cafe.session_id", "in", [...sessionIds])
    .where("host.status", "=", "confirmed")
    .where("host.anonymised_at", "is", null)
    .select(["cafe.id", "cafe.session_id", "cafe.topic", "cafe.language", "cafe.table_label", "host.given_name", "host.family_name", "host.organisation_name"])
    .orderBy("cafe.session_id")
    .orderBy("cafe.table_label")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    sessionId: row.session_id,
    topic: row.topic,
    language: row.language,
    table: row.table_label,
    host: { name: `${row.given_name} ${row.family_name}`, organisation: row.organisation_name },
  }));
}
