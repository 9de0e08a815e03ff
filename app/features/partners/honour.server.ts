import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import type { HonourFields } from "./partners";

/** The country an edition honours and the text said of it, as the editor shows them. */
export async function honourOf(db: Kysely<DB>, access: BackOfficeAccess): Promise<HonourFields> {
  const row = await db.selectFrom("edition").select(["honoured_country_code", "honour_text"]).where("id", "=", access.editionId).executeTakeFirstOrThrow();
  return { countryCode: row.honoured_country_code, text: row.honour_text };
}

/** Sets the country of honour of the edition (or none) and its text. */
export async function saveHonour(db: Kysely<DB>, access: BackOfficeAccess, fields: HonourFields, now: Date): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom("edition").select(["honoured_country_code", "honour_text"]).where("id", "=", access.editionId).forUpdate().executeTakeFirstOrThrow();
    await tx
      .updateTable("edition")
      .set({ honoured_country_code: fields.countryCode, honour_text: fields.text === null ? null : JSON.stringify(fields.text), updated_at: now })
      .where("id", "=", access.editionId)
      .execute();
    await recordAudit(
      tx,
      access,
      {
        action: "partners.honour.update",
        subjectType: "edition",
        subjectId: access.editionId,
        before: { countryCode: before.honoured_country_code, text: before.honour_text },
        after: fields,
      },
      now,
    );
  });
}
