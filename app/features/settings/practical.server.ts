import type { Kysely, Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { onceOnly } from "~/lib/once.server";
import type { PracticalSectionInput } from "./fields";

/** The practical information sections of an edition, in the order of its page. */
export function listPracticalSections(db: Kysely<DB>, editionId: number) {
  return db
    .selectFrom("practical_section")
    .where("edition_id", "=", editionId)
    .select(["id", "title", "body"])
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export type PracticalSection = Awaited<ReturnType<typeof listPracticalSections>>[number];

async function sectionOf(tx: Transaction<DB>, access: BackOfficeAccess, id: number) {
  const section = await tx
    .selectFrom("practical_section")
    .where("id", "=", id)
    .where("edition_id", "=", access.editionId)
    .select(["id", "title", "body", "position"])
    .forUpdate()
    .executeTakeFirst();
  if (!section) throw new AppError("practical_section_not_found", `no section ${id} in edition ${access.editionId}`);
  return section;
}

/** Adds a section at the end of the page, once per submitted form; returns its id. */
export async function addPracticalSection(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { input: PracticalSectionInput; submissionKey: string; now: Date },
): Promise<{ id: number }> {
  requirePermission(access, "content");
  const { result } = await db.transaction().execute((tx) =>
    onceOnly(tx, { key: request.submissionKey, personId: access.personId, now: request.now }, async () => {
      const last = await tx
        .selectFrom("practical_section")
        .where("edition_id", "=", access.editionId)
        .select((eb) => eb.fn.max("position").as("position"))
        .executeTakeFirst();
      const { id } = await tx
        .insertInto("practical_section")
        .values({
          edition_id: access.editionId,
          title: JSON.stringify(request.input.title),
          body: JSON.stringify(request.input.body),
          position: (last?.position ?? -1) + 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(tx, access, { action: "practical.add", subjectType: "practical_section", subjectId: id, after: request.input }, request.now);
      return { id };
    }),
  );
  return result;
}

export async function updatePracticalSection(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { id: number; input: PracticalSectionInput; now: Date },
): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await sectionOf(tx, access, request.id);
    await tx
      .updateTable("practical_section")
      .set({ title: JSON.stringify(request.input.title), body: JSON.stringify(request.input.body) })
      .where("id", "=", before.id)
      .execute();
    await recordAudit(
      tx,
      access,
      { action: "practical.edit", subjectType: "practical_section", subjectId: before.id, before: { title: before.title, body: before.body }, after: request.input },
      request.now,
    );
  });
}

export async function deletePracticalSection(db: Kysely<DB>, access: BackOfficeAccess, request: { id: number; now: Date }): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await sectionOf(tx, access, request.id);
    await tx.deleteFrom("practical_section").where("id", "=", before.id).execute();
    await recordAudit(
      tx,
      access,
      { action: "practical.delete", subjectType: "practical_section", subjectId: before.id, before: { title: before.title, body: before.body } },
      request.now,
    );
  });
}

/**
 * Moves a row of an edition's ordered list one place up or down: the list is numbered again from
 * 0 in its current order, then the row swaps with its neighbour (nothing happens at either end).
 */
export async function moveInList(
  tx: Transaction<DB>,
  table: "practical_section" | "registration_question",
  ids: number[],
  id: number,
  direction: "up" | "down",
): Promise<{ from: number; to: number }> {
  const from = ids.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  const order = [...ids];
  if (to >= 0 && to < ids.length) [order[from], order[to]] = [order[to] as number, order[from] as number];
  for (const [position, rowId] of order.entries()) {
    await tx.updateTable(table).set({ position }).where("id", "=", rowId).execute();
  }
  return { from, to: Math.max(0, Math.min(ids.length - 1, to)) };
}

export async function movePracticalSection(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { id: number; direction: "up" | "down"; now: Date },
): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    // Locks every section of the edition: two moves at once do not interleave their numbering.
    const rows = await tx
      .selectFrom("practical_section")
      .where("edition_id", "=", access.editionId)
      .select("id")
      .orderBy("position")
      .orderBy("id")
      .forUpdate()
      .execute();
    const ids = rows.map((row) => row.id);
    if (!ids.includes(request.id)) throw new AppError("practical_section_not_found", `no section ${request.id} in edition ${access.editionId}`);
    const { from, to } = await moveInList(tx, "practical_section", ids, request.id, request.direction);
    await recordAudit(
      tx,
      access,
      { action: "practical.move", subjectType: "practical_section", subjectId: request.id, before: { position: from }, after: { position: to } },
      request.now,
    );
  });
}
