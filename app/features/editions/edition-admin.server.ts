import { sql, type Kysely, type Transaction } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB, Localised } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { byReach, permissionsOf, type Permission } from "~/features/organisers/roles";
import { AppError } from "~/lib/errors";
import type { EditionInput } from "./edition-form";
import { daysBetween, shiftInstant } from "./shift";
import { countMissingTranslations } from "./translations.server";

type Db = Kysely<DB> | Transaction<DB>;

export interface StaffEdition {
  year: number;
  number: number;
  title: Localised;
  published: boolean;
  days: string[];
  permissions: Permission[];
}

/**
 * The editions a person holds a live role on, drafts included, newest first: a role on every
 * edition (edition_id null) reaches them all.
 */
export async function staffEditions(db: Db, personId: number): Promise<StaffEdition[]> {
  const roles = await db.selectFrom("staff_role").where("person_id", "=", personId).where("revoked_at", "is", null).select(["edition_id", "role"]).execute();
  if (roles.length === 0) return [];
  const everywhere = roles.filter((role) => role.edition_id === null).map((role) => role.role);
  const editionIds = [...new Set(roles.flatMap((role) => (role.edition_id === null ? [] : [role.edition_id])))];
  const rows = await db
    .selectFrom("edition")
    .$if(everywhere.length === 0, (qb) => qb.where("id", "in", editionIds))
    .select((eb) => [
      "id",
      "year",
      "number",
      "title",
      "published",
      jsonArrayFrom(eb.selectFrom("edition_day").whereRef("edition_day.edition_id", "=", "edition.id").select("day").orderBy("day")).as("days"),
    ])
    .orderBy("number", "desc")
    .execute();
  return rows.map((row) => ({
    year: row.year,
    number: row.number,
    title: row.title,
    published: row.published,
    days: row.days.map((d) => d.day),
    permissions: [...permissionsOf(byReach([...everywhere, ...roles.filter((role) => role.edition_id === row.id).map((role) => role.role)]))],
  }));
}

/** Whether the person holds `content` on every edition, which copying an edition asks. */
export async function mayCopyEditions(db: Db, personId: number): Promise<boolean> {
  const roles = await db.selectFrom("staff_role").where("person_id", "=", personId).where("revoked_at", "is", null).where("edition_id", "is", null).select("role").execute();
  return permissionsOf(roles.map((row) => row.role)).has("content");
}

/** The edition's own fields, as its form shows them. */
export async function editionSettings(db: Db, access: BackOfficeAccess) {
  requirePermission(access, "content");
  const edition = await db
    .selectFrom("edition")
    .where("id", "=", access.editionId)
    .select((eb) => [
      "id",
      "year",
      "number",
      "title",
      "theme",
      "summary",
      "honour_text",
      "hashtag",
      "honoured_country_code",
      "time_zone",
      "published",
      jsonArrayFrom(eb.selectFrom("edition_day").whereRef("edition_day.edition_id", "=", "edition.id").select(["id", "day"]).orderBy("day")).as("days"),
    ])
    .executeTakeFirst();
  if (!edition) throw new AppError("edition_not_found");
  return edition;
}

export type EditionSettings = Awaited<ReturnType<typeof editionSettings>>;

function comparable(edition: EditionSettings) {
  return {
    title: edition.title,
    theme: edition.theme,
    summary: edition.summary,
    honour_text: edition.honour_text,
    hashtag: edition.hashtag,
    honoured_country_code: edition.honoured_country_code,
    time_zone: edition.time_zone,
    days: edition.days.map((d) => d.day),
  };
}

/**
 * Changes the edition's own fields. Days are matched by position: a day that moves takes its
 * sessions along (same local times), a day added is empty, a day removed must hold no session.
 */
export async function updateEdition(db: Kysely<DB>, access: BackOfficeAccess, input: EditionInput, now: Date): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await editionSettings(tx, access);
    const days = before.days;
    const removed = days.slice(input.days.length);
    if (removed.length > 0) {
      const used = await tx.selectFrom("session").where("day_id", "in", removed.map((d) => d.id)).select("id").limit(1).executeTakeFirst();
      if (used) throw new AppError("day_has_sessions");
      await tx.deleteFrom("edition_day").where("id", "in", removed.map((d) => d.id)).where("edition_id", "=", access.editionId).execute();
    }
    // Moved days: first out of the way (dates are unique per edition), then to their new date.
    const moved = days.flatMap((day, index) => {
      const to = input.days[index];
      return to !== undefined && to !== day.day ? [{ ...day, to }] : [];
    });
    if (moved.length > 0) {
      await tx
        .updateTable("edition_day")
        .set({ day: sql<string>`day + 400000` })
        .where("id", "in", moved.map((d) => d.id))
        .execute();
      for (const day of moved) {
        await tx.updateTable("edition_day").set({ day: day.to }).where("id", "=", day.id).execute();
        const shift = daysBetween(day.day, day.to);
        const sessions = await tx.selectFrom("session").where("day_id", "=", day.id).where("edition_id", "=", access.editionId).select(["id", "starts_at", "ends_at"]).execute();
        for (const session of sessions) {
          await tx
            .updateTable("session")
            .set({ starts_at: shiftInstant(session.starts_at, shift, before.time_zone), ends_at: shiftInstant(session.ends_at, shift, before.time_zone), updated_at: now })
            .where("id", "=", session.id)
            .execute();
        }
      }
    }
    const added = input.days.slice(days.length);
    if (added.length > 0) await tx.insertInto("edition_day").values(added.map((day) => ({ edition_id: access.editionId, day }))).execute();
    await tx
      .updateTable("edition")
      .set({
        title: JSON.stringify(input.title),
        theme: JSON.stringify(input.theme),
        summary: JSON.stringify(input.summary),
        honour_text: input.honourText ? JSON.stringify(input.honourText) : null,
        hashtag: input.hashtag,
        honoured_country_code: input.honouredCountryCode,
        time_zone: input.timeZone,
        updated_at: now,
      })
      .where("id", "=", access.editionId)
      .execute();
    const after = await editionSettings(tx, access);
    await recordAudit(tx, access, { action: "edition.update", subjectType: "edition", subjectId: access.editionId, before: comparable(before), after: comparable(after) }, now);
  });
}

/**
 * Publishes or unpublishes the edition. Publishing with texts missing in one language needs
 * `confirmed`: the published site then shows them in the other language.
 */
export async function setPublished(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  change: { published: boolean; confirmed: boolean },
  now: Date,
): Promise<{ changed: boolean }> {
  requirePermission(access, "content");
  return db.transaction().execute(async (tx) => {
    const edition = await tx.selectFrom("edition").where("id", "=", access.editionId).select("published").forUpdate().executeTakeFirst();
    if (!edition) throw new AppError("edition_not_found");
    if (edition.published === change.published) return { changed: false };
    if (change.published && !change.confirmed && (await countMissingTranslations(tx, access)) > 0) throw new AppError("missing_translations_unconfirmed");
    await tx.updateTable("edition").set({ published: change.published, updated_at: now }).where("id", "=", access.editionId).execute();
    await recordAudit(
      tx,
      access,
      { action: change.published ? "edition.publish" : "edition.unpublish", subjectType: "edition", subjectId: access.editionId, before: { published: edition.published }, after: { published: change.published } },
      now,
    );
    return { changed: true };
  });
}
