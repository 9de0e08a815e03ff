import type { Kysely, Transaction } from "kysely";
import type { DB, Localised } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { moveInEdition, nextPosition, type Direction } from "./order.server";
import type { RelayFields } from "./partners";

// The « Relais de la coop déc' »: the local authorities thanked at the ceremony, each with what it
// relayed, in the order they are thanked.

export interface RelayAuthority {
  id: number;
  name: Localised;
  relayed: Localised;
  position: number;
}

export async function listRelayAuthorities(db: Kysely<DB> | Transaction<DB>, editionId: number): Promise<RelayAuthority[]> {
  return db
    .selectFrom("relay_authority")
    .select(["id", "name", "relayed", "position"])
    .where("edition_id", "=", editionId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

async function relayOf(tx: Transaction<DB>, access: BackOfficeAccess, id: number) {
  const row = await tx.selectFrom("relay_authority").select(["id", "name", "relayed"]).where("id", "=", id).where("edition_id", "=", access.editionId).forUpdate().executeTakeFirst();
  if (!row) throw new AppError("relay_authority_not_found", `no relay authority ${id} in edition ${access.editionId}`);
  return row;
}

/** Adds an authority at the end of the edition's list. Call it in a transaction. */
export async function createRelayAuthority(tx: Transaction<DB>, access: BackOfficeAccess, fields: RelayFields, now: Date): Promise<{ id: number }> {
  requirePermission(access, "content");
  const { id } = await tx
    .insertInto("relay_authority")
    .values({ edition_id: access.editionId, name: JSON.stringify(fields.name), relayed: JSON.stringify(fields.relayed), position: await nextPosition(tx, "relay_authority", access.editionId) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, access, { action: "partners.relay.create", subjectType: "relay_authority", subjectId: id, after: fields }, now);
  return { id };
}

export async function updateRelayAuthority(db: Kysely<DB>, access: BackOfficeAccess, id: number, fields: RelayFields, now: Date): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await relayOf(tx, access, id);
    await tx
      .updateTable("relay_authority")
      .set({ name: JSON.stringify(fields.name), relayed: JSON.stringify(fields.relayed) })
      .where("id", "=", id)
      .where("edition_id", "=", access.editionId)
      .execute();
    await recordAudit(tx, access, { action: "partners.relay.update", subjectType: "relay_authority", subjectId: id, before: { name: before.name, relayed: before.relayed }, after: fields }, now);
  });
}

export async function moveRelayAuthority(db: Kysely<DB>, access: BackOfficeAccess, id: number, direction: Direction, now: Date): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const moved = await moveInEdition(tx, "relay_authority", access.editionId, id, direction);
    if (!moved) throw new AppError("relay_authority_not_found", `no relay authority ${id} in edition ${access.editionId}`);
    await recordAudit(tx, access, { action: "partners.relay.move", subjectType: "relay_authority", subjectId: id, before: { position: moved.before }, after: { position: moved.after } }, now);
  });
}

export async function removeRelayAuthority(db: Kysely<DB>, access: BackOfficeAccess, id: number, now: Date): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await relayOf(tx, access, id);
    await tx.deleteFrom("relay_authority").where("id", "=", id).where("edition_id", "=", access.editionId).execute();
    await recordAudit(tx, access, { action: "partners.relay.remove", subjectType: "relay_authority", subjectId: id, before: { name: before.name, relayed: before.relayed } }, now);
  });
}
