import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import type { RegistrationFilter } from "~/features/segments/filter";
import { editionFiguresSchema, type EditionFigures } from "./figures";
import { editionFigures, scopeName } from "./figures.server";

export interface SnapshotSummary {
  id: number;
  frozenAt: Date;
  /** Shown to organisers only: partners read figures, not who works on them. */
  frozenByEmail: string | null;
  segmentName: string | null;
  total: number;
}

export interface FiguresSnapshot extends SnapshotSummary {
  figures: EditionFigures;
}

/**
 * Counts the proof's edition's figures at `now` (restricted to `filter`, as on the page) and
 * freezes them as its figures on that date, for a report: kept as they are, whatever changes
 * afterwards. Organisers only; audit-logged.
 */
export async function freezeFigures(db: Kysely<DB>, access: BackOfficeAccess, request: { filter: RegistrationFilter; now: Date }): Promise<number> {
  requirePermission(access, "registrations");
  const figures = await editionFigures(db, access, request);
  const segmentName = await scopeName(db, access, request.filter);
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto("figures_snapshot")
      .values({
        edition_id: access.editionId,
        frozen_at: request.now,
        frozen_by_person_id: access.personId,
        frozen_by_email: access.email,
        segment_name: segmentName,
        figures: JSON.stringify(figures),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      access,
      { action: "figures.freeze", subjectType: "figures_snapshot", subjectId: id, after: { asOf: figures.asOf, segment: segmentName, total: figures.total } },
      request.now,
    );
    return id;
  });
}

const withoutAuthor = (access: BackOfficeAccess, email: string) => (access.permissions.has("registrations") ? email : null);

/** The edition's frozen snapshots, newest first. */
export async function figuresSnapshots(db: Kysely<DB>, access: BackOfficeAccess): Promise<SnapshotSummary[]> {
  requirePermission(access, "figures");
  const rows = await db
    .selectFrom("figures_snapshot")
    .select(["id", "frozen_at", "frozen_by_email", "segment_name", "figures"])
    .where("edition_id", "=", access.editionId)
    .orderBy("frozen_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    frozenAt: row.frozen_at,
    frozenByEmail: withoutAuthor(access, row.frozen_by_email),
    segmentName: row.segment_name,
    total: editionFiguresSchema.parse(row.figures).total,
  }));
}

/** One frozen snapshot of the proof's edition; any other id is not found. */
export async function figuresSnapshot(db: Kysely<DB>, access: BackOfficeAccess, snapshotId: number): Promise<FiguresSnapshot> {
  requirePermission(access, "figures");
  const row = await db
    .selectFrom("figures_snapshot")
    .select(["id", "frozen_at", "frozen_by_email", "segment_name", "figures"])
    .where("edition_id", "=", access.editionId)
    .where("id", "=", snapshotId)
    .executeTakeFirst();
  if (!row) throw new AppError("figures_snapshot_not_found");
  const figures = editionFiguresSchema.parse(row.figures);
  return { id: row.id, frozenAt: row.frozen_at, frozenByEmail: withoutAuthor(access, row.frozen_by_email), segmentName: row.segment_name, total: figures.total, figures };
}
