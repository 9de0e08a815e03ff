import type { Kysely } from "kysely";
import type { DB, Localised } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { themeLabelMax } from "./limits";
import { listThemes, type Theme } from "./profiles.server";

/** The edition's themes, with how many profiles name each, for the organisers' list. */
export async function themesForOrganisers(db: Kysely<DB>, access: BackOfficeAccess): Promise<(Theme & { profiles: number })[]> {
  requirePermission(access, "meetings");
  const [themes, counts] = await Promise.all([
    listThemes(db, access.editionId),
    db
      .selectFrom("meeting_profile_theme")
      .innerJoin("meeting_theme", "meeting_theme.id", "meeting_profile_theme.theme_id")
      .where("meeting_theme.edition_id", "=", access.editionId)
      .groupBy("meeting_profile_theme.theme_id")
      .select(["meeting_profile_theme.theme_id", (eb) => eb.fn.countAll<string>().as("profiles")])
      .execute(),
  ]);
  const profiles = new Map(counts.map((row) => [row.theme_id, Number(row.profiles)]));
  return themes.map((theme) => ({ ...theme, profiles: profiles.get(theme.id) ?? 0 }));
}

/** A theme's label in both languages, on one line each, within its limit. */
function checkedLabel(label: Localised): Localised {
  const clean = (value: string) => value.replace(/\s+/g, " ").trim();
  const checked = { fr: clean(label.fr), en: clean(label.en) };
  if (!checked.fr || !checked.en || [...checked.fr].length > themeLabelMax || [...checked.en].length > themeLabelMax) {
    throw new AppError("meeting_theme_label_invalid");
  }
  return checked;
}

async function themeOf(db: Kysely<DB>, access: BackOfficeAccess, themeId: number) {
  const theme = await db
    .selectFrom("meeting_theme")
    .where("id", "=", themeId)
    .where("edition_id", "=", access.editionId)
    .select(["id", "label", "position"])
    .executeTakeFirst();
  if (!theme) throw new AppError("meeting_theme_not_found");
  return theme;
}

/** Adds a theme at the end of the list. */
export async function addTheme(db: Kysely<DB>, access: BackOfficeAccess, request: { label: Localised; now: Date }): Promise<number> {
  requirePermission(access, "meetings");
  const label = checkedLabel(request.label);
  return db.transaction().execute(async (tx) => {
    const last = await tx
      .selectFrom("meeting_theme")
      .where("edition_id", "=", access.editionId)
      .select((eb) => eb.fn.max("position").as("position"))
      .executeTakeFirst();
    const { id } = await tx
      .insertInto("meeting_theme")
      .values({ edition_id: access.editionId, label: JSON.stringify(label), position: (last?.position ?? -1) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(tx, access, { action: "meetings.theme_add", subjectType: "meeting_theme", subjectId: id, after: label }, request.now);
    return id;
  });
}

export async function renameTheme(db: Kysely<DB>, access: BackOfficeAccess, request: { themeId: number; label: Localised; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  const label = checkedLabel(request.label);
  await db.transaction().execute(async (tx) => {
    const theme = await themeOf(tx, access, request.themeId);
    await tx
      .updateTable("meeting_theme")
      .set({ label: JSON.stringify(label) })
      .where("id", "=", theme.id)
      .execute();
    await recordAudit(
      tx,
      access,
      { action: "meetings.theme_rename", subjectType: "meeting_theme", subjectId: theme.id, before: theme.label, after: label },
      request.now,
    );
  });
}

/** Swaps a theme with its neighbour above or below. */
export async function moveTheme(db: Kysely<DB>, access: BackOfficeAccess, request: { themeId: number; direction: "up" | "down"; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  await db.transaction().execute(async (tx) => {
    const themes = await tx
      .selectFrom("meeting_theme")
      .where("edition_id", "=", access.editionId)
      .select(["id"])
      .orderBy("position")
      .orderBy("id")
      .forUpdate()
      .execute();
    const index = themes.findIndex((theme) => theme.id === request.themeId);
    if (index < 0) throw new AppError("meeting_theme_not_found");
    const other = index + (request.direction === "up" ? -1 : 1);
    if (other < 0 || other >= themes.length) return;
    const order = themes.map((theme) => theme.id);
    [order[index], order[other]] = [order[other]!, order[index]!];
    for (const [position, id] of order.entries()) await tx.updateTable("meeting_theme").set({ position }).where("id", "=", id).execute();
    await recordAudit(
      tx,
      access,
      { action: "meetings.theme_move", subjectType: "meeting_theme", subjectId: request.themeId, after: { direction: request.direction } },
      request.now,
    );
  });
}

/** Deletes a theme; the profiles that named it no longer do. */
export async function deleteTheme(db: Kysely<DB>, access: BackOfficeAccess, request: { themeId: number; now: Date }): Promise<void> {
  requirePermission(access, "meetings");
  await db.transaction().execute(async (tx) => {
    const theme = await themeOf(tx, access, request.themeId);
    await tx.deleteFrom("meeting_theme").where("id", "=", theme.id).execute();
    await recordAudit(tx, access, { action: "meetings.theme_delete", subjectType: "meeting_theme", subjectId: theme.id, before: theme.label }, request.now);
  });
}
