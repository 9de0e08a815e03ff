import type { Kysely, Transaction } from "kysely";
import type { DB, Localised, SupporterRole } from "~/db/schema";
import { storeImage } from "~/features/media/image.server";
import { mediaPath } from "~/features/media/media";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { moveInEdition, nextPosition, type Direction } from "./order.server";
import type { SupporterFields } from "./partners";

export interface Supporter {
  id: number;
  name: Localised;
  acronym: Localised | null;
  role: SupporterRole;
  note: Localised | null;
  website: string | null;
  position: number;
  /** Where the logo is served, if there is one. */
  logo: string | null;
}

/** An edition's supporters in their order, with their logos: the editor and the public page alike. */
export async function listSupporters(db: Kysely<DB> | Transaction<DB>, editionId: number): Promise<Supporter[]> {
  const rows = await db
    .selectFrom("supporter")
    .leftJoin("media", "media.id", "supporter.logo_media_id")
    .select([
      "supporter.id",
      "supporter.name",
      "supporter.acronym",
      "supporter.role",
      "supporter.note",
      "supporter.website",
      "supporter.position",
      "media.id as media_id",
      "media.hash as media_hash",
    ])
    .where("supporter.edition_id", "=", editionId)
    .orderBy("supporter.position")
    .orderBy("supporter.id")
    .execute();
  return rows.map(({ media_id, media_hash, ...row }) => ({
    ...row,
    logo: media_id !== null && media_hash !== null ? mediaPath({ id: media_id, hash: media_hash }) : null,
  }));
}

/** What the audit log keeps of a supporter. */
function auditValues(row: { name: Localised; acronym: Localised | null; role: SupporterRole; note: Localised | null; website: string | null; logo_media_id: number | null }) {
  return { name: row.name, acronym: row.acronym, role: row.role, note: row.note, website: row.website, logoMediaId: row.logo_media_id };
}

async function supporterOf(tx: Transaction<DB>, access: BackOfficeAccess, id: number) {
  const row = await tx
    .selectFrom("supporter")
    .selectAll()
    .where("id", "=", id)
    .where("edition_id", "=", access.editionId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError("supporter_not_found", `no supporter ${id} in edition ${access.editionId}`);
  return row;
}

const json = (value: Localised | null) => (value === null ? null : JSON.stringify(value));

/** Adds a supporter at the end of the edition's list, with its logo if one is given. Call it in a transaction. */
export async function createSupporter(tx: Transaction<DB>, access: BackOfficeAccess, fields: SupporterFields, logo: File | undefined, now: Date): Promise<{ id: number }> {
  requirePermission(access, "content");
  const image = logo ? await storeImage(tx, access, logo, now) : undefined;
  const { id } = await tx
    .insertInto("supporter")
    .values({
      edition_id: access.editionId,
      name: JSON.stringify(fields.name),
      acronym: json(fields.acronym),
      role: fields.role,
      note: json(fields.note),
      website: fields.website,
      position: await nextPosition(tx, "supporter", access.editionId),
      logo_media_id: image?.id ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, access, { action: "partners.supporter.create", subjectType: "supporter", subjectId: id, after: auditValues({ ...fields, logo_media_id: image?.id ?? null }) }, now);
  return { id };
}

/**
 * Changes a supporter of the edition: its texts, and its logo when a new file is given or
 * `removeLogo` says so (the image it replaces is deleted: nothing else uses it).
 */
export async function updateSupporter(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  id: number,
  change: { fields: SupporterFields; logo?: File; removeLogo?: boolean },
  now: Date,
): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await supporterOf(tx, access, id);
    const image = change.logo ? await storeImage(tx, access, change.logo, now) : undefined;
    const logoMediaId = image ? image.id : change.removeLogo ? null : before.logo_media_id;
    const { fields } = change;
    await tx
      .updateTable("supporter")
      .set({ name: JSON.stringify(fields.name), acronym: json(fields.acronym), role: fields.role, note: json(fields.note), website: fields.website, logo_media_id: logoMediaId })
      .where("id", "=", id)
      .where("edition_id", "=", access.editionId)
      .execute();
    if (before.logo_media_id !== null && before.logo_media_id !== logoMediaId) {
      await tx.deleteFrom("media").where("id", "=", before.logo_media_id).where("edition_id", "=", access.editionId).execute();
    }
    await recordAudit(
      tx,
      access,
      { action: "partners.supporter.update", subjectType: "supporter", subjectId: id, before: auditValues(before), after: auditValues({ ...fields, logo_media_id: logoMediaId }) },
      now,
    );
  });
}

/** Moves a supporter one place up or down in the edition's list. */
export async function moveSupporter(db: Kysely<DB>, access: BackOfficeAccess, id: number, direction: Direction, now: Date): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const moved = await moveInEdition(tx, "supporter", access.editionId, id, direction);
    if (!moved) throw new AppError("supporter_not_found", `no supporter ${id} in edition ${access.editionId}`);
    await recordAudit(tx, access, { action: "partners.supporter.move", subjectType: "supporter", subjectId: id, before: { position: moved.before }, after: { position: moved.after } }, now);
  });
}

/** Removes a supporter of the edition, and its logo. */
export async function removeSupporter(db: Kysely<DB>, access: BackOfficeAccess, id: number, now: Date): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await supporterOf(tx, access, id);
    await tx.deleteFrom("supporter").where("id", "=", id).where("edition_id", "=", access.editionId).execute();
    if (before.logo_media_id !== null) await tx.deleteFrom("media").where("id", "=", before.logo_media_id).where("edition_id", "=", access.editionId).execute();
    await recordAudit(tx, access, { action: "partners.supporter.remove", subjectType: "supporter", subjectId: id, before: auditValues(before) }, now);
  });
}
