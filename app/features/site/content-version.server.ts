import { sql, type Kysely } from "kysely";
import type { DB } from "~/db/schema";

/** The version of public content; it changes whenever an organiser edits what visitors read. */
export async function readContentVersion(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom("site_state")
    .select(sql<string>`content_version::text`.as("version"))
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Marks public content as changed; call it in the transaction that changes it. */
export async function bumpContentVersion(db: Kysely<DB>): Promise<string> {
  const row = await db
    .updateTable("site_state")
    .set({ content_version: sql`content_version + 1` })
    .returning(sql<string>`content_version::text`.as("version"))
    .executeTakeFirstOrThrow();
  return row.version;
}
