import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, signedInOrganiser } from "~/test/factories";
import { addTheme, deleteTheme, moveTheme, renameTheme, themesForOrganisers } from "./themes.server";

const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("the themes organisers keep on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => database().db;
  let access: BackOfficeAccess;
  let other: BackOfficeAccess;

  beforeAll(async () => {
    const editionId = await createEdition(db());
    const otherEditionId = await createEdition(db());
    const yearOf = async (id: number) => (await db().selectFrom("edition").where("id", "=", id).select("year").executeTakeFirstOrThrow()).year;
    ({ access } = await signedInOrganiser(db(), await yearOf(editionId), now));
    ({ access: other } = await signedInOrganiser(db(), await yearOf(otherEditionId), now));
  });

  const labels = async () => (await themesForOrganisers(db(), access)).map((theme) => theme.label.en);

  it("adds, renames, reorders and deletes, each in the audit log", async () => {
    const water = await addTheme(db(), access, { label: { fr: "  Eau et   assainissement ", en: "Water and sanitation" }, now });
    const health = await addTheme(db(), access, { label: { fr: "Santé", en: "Health" }, now });
    expect(await labels()).toEqual(["Water and sanitation", "Health"]);
    expect((await themesForOrganisers(db(), access))[0]?.label.fr).toBe("Eau et assainissement");
    await moveTheme(db(), access, { themeId: health, direction: "up", now });
    expect(await labels()).toEqual(["Health", "Water and sanitation"]);
    // The first cannot go higher: nothing changes.
    await moveTheme(db(), access, { themeId: health, direction: "up", now });
    expect(await labels()).toEqual(["Health", "Water and sanitation"]);
    await renameTheme(db(), access, { themeId: water, label: { fr: "Eau", en: "Water" }, now });
    await deleteTheme(db(), access, { themeId: health, now });
    expect(await labels()).toEqual(["Water"]);
    const actions = await db()
      .selectFrom("audit_log")
      .where("edition_id", "=", access.editionId)
      .where("action", "like", "meetings.theme%")
      .select("action")
      .orderBy("id")
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      "meetings.theme_add",
      "meetings.theme_add",
      "meetings.theme_move",
      "meetings.theme_rename",
      "meetings.theme_delete",
    ]);
  });

  it("refuses a label missing a language or too long, and another edition's theme", async () => {
    await expect(addTheme(db(), access, { label: { fr: "Culture", en: " " }, now })).rejects.toMatchObject({ code: "meeting_theme_label_invalid" });
    await expect(addTheme(db(), access, { label: { fr: "x".repeat(81), en: "Culture" }, now })).rejects.toMatchObject({ code: "meeting_theme_label_invalid" });
    const theirs = await addTheme(db(), other, { label: { fr: "Sport", en: "Sport" }, now });
    await expect(renameTheme(db(), access, { themeId: theirs, label: { fr: "Pris", en: "Taken" }, now })).rejects.toMatchObject({
      code: "meeting_theme_not_found",
    });
    await expect(deleteTheme(db(), access, { themeId: theirs, now })).rejects.toMatchObject({ code: "meeting_theme_not_found" });
    await expect(moveTheme(db(), access, { themeId: theirs, direction: "down", now })).rejects.toMatchObject({ code: "meeting_theme_not_found" });
    expect((await themesForOrganisers(db(), other)).map((theme) => theme.label.en)).toEqual(["Sport"]);
  });

  it("is for organisers: a partner may not", async () => {
    const { access: partner } = await signedInOrganiser(db(), access.year, now, "partner");
    await expect(themesForOrganisers(db(), partner)).rejects.toMatchObject({ code: "not_staff" });
    await expect(addTheme(db(), partner, { label: { fr: "Culture", en: "Culture" }, now })).rejects.toMatchObject({ code: "not_staff" });
  });
});
