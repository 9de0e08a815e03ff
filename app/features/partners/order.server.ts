import type { Transaction } from "kysely";
import type { DB } from "~/db/schema";

export type Direction = "up" | "down";

/**
 * Moves a row of an edition's ordered list one place up or down, by swapping positions with its
 * neighbour; the first stays first when moved up. Answers the positions before and after, for the
 * audit log, or undefined when the row is not the edition's.
 */
export async function moveInEdition(
  tx: Transaction<DB>,
  table: "supporter" | "relay_authority",
  editionId: number,
  id: number,
  direction: Direction,
): Promise<{ before: number; after: number } | undefined> {
  const rows = await tx.selectFrom(table).select(["id", "position"]).where("edition_id", "=", editionId).orderBy("position").orderBy("id").forUpdate().execute();
  const index = rows.findIndex((row) => row.id === id);
  if (index < 0) return undefined;
  const target = direction === "up" ? index - 1 : index + 1;
  const ordered = [...rows];
  if (target >= 0 && target < rows.length) [ordered[index], ordered[target]] = [ordered[target]!, ordered[index]!];
  // Positions are rewritten 0, 1, 2… so that ties left by older data cannot stall a move.
  for (const [position, row] of ordered.entries()) {
    if (row.position !== position) await tx.updateTable(table).set({ position }).where("id", "=", row.id).execute();
  }
  return { before: index, after: ordered.findIndex((row) => row.id === id) };
}

/** The position after the last of an edition's list. */
export async function nextPosition(tx: Transaction<DB>, table: "supporter" | "relay_authority", editionId: number): Promise<number> {
  const row = await tx
    .selectFrom(table)
    .select((eb) => eb.fn.coalesce(eb.fn.max("position"), eb.val(-1)).as("last"))
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  return Number(row.last) + 1;
}
