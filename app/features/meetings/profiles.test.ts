import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import { register } from "~/features/registration/registration.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, personFields, registrationRequest } from "~/test/factories";
import { listMeetingBlocks, readOwnProfile, saveOwnProfile, searchDirectory, type DirectoryQuery, type ProfileFields } from "./profiles.server";

const now = new Date("2026-05-01T10:00:00Z");
const everyone: DirectoryQuery = {
  q: "",
  themeIds: [],
  countries: [],
  organisationTypes: [],
  language: "",
  page: 1,
};
const blank: ProfileFields = {
  region: "",
  offer: "",
  seek: "",
  themeIds: [],
  countries: [],
  maxMeetings: null,
  unavailableBlockIds: [],
};

describe.each(databaseKinds)("meeting profiles and the directory on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => database().db;
  let editionId: number;
  let otherEditionId: number;
  let water: number;
  let health: number;
  let otherEditionTheme: number;

  async function participant(editionOf: number, family: string, overrides: Partial<ReturnType<typeof personFields>> = {}, status = "confirmed" as const) {
    const person = await createPerson(db());
    const { id } = await register(
      db(),
      registrationRequest(editionOf, person, {
        fields: personFields({
          email: person.email,
          family_name: family,
          ...overrides,
        }),
      }),
    );
    await db().updateTable("registration").set({ status }).where("id", "=", id).execute();
    return { personId: person.id, registrationId: id };
  }
  const save = (personId: number, fields: Partial<ProfileFields>, publish = true, editionOf = editionId) =>
    saveOwnProfile(db(), {
      editionId: editionOf,
      personId,
      fields: { ...blank, ...fields },
      publish,
      consentText: "I agree",
      language: "en",
      now,
    });
  const names = async (viewerPersonId: number, query: Partial<DirectoryQuery> = {}) =>
    (
      await searchDirectory(db(), {
        editionId,
        viewerPersonId,
        query: { ...everyone, ...query },
      })
    ).entries.map((entry) => entry.familyName);

  let ana: { personId: number; registrationId: number };
  let bruno: { personId: number; registrationId: number };
  let chloe: { personId: number; registrationId: number };

  beforeAll(async () => {
    editionId = await createEdition(db());
    otherEditionId = await createEdition(db());
    const themes = await db()
      .insertInto("meeting_theme")
      .values([
        {
          edition_id: editionId,
          label: JSON.stringify({
            fr: "Eau et assainissement",
            en: "Water and sanitation",
          }),
          position: 1,
        },
        {
          edition_id: editionId,
          label: JSON.stringify({ fr: "Santé", en: "Health" }),
          position: 2,
        },
        {
          edition_id: otherEditionId,
          label: JSON.stringify({ fr: "Culture", en: "Culture" }),
          position: 1,
        },
      ])
      .returning("id")
      .execute();
    [water, health, otherEditionTheme] = themes.map((theme) => theme.id) as [number, number, number];
    ana = await participant(editionId, "Araújo", {
      city: "São Paulo",
      country_code: "BR",
      organisation_type: "foreign_local_authority",
    });
    bruno = await participant(editionId, "Diop", {
      city: "Dakar",
      country_code: "SN",
      organisation_type: "ngo",
    });
    chloe = await participant(editionId, "Lefèvre", {
      city: "Lyon",
      country_code: "FR",
      organisation_type: "region",
    });
    await save(ana.personId, {
      region: "Estado de São Paulo",
      offer: "Expertise en gestion de l'eau",
      themeIds: [water],
      countries: ["SN", "BR"],
    });
    await save(bruno.personId, {
      offer: "Projets de santé communautaire",
      seek: "Partenaires pour l'assainissement",
      themeIds: [health, water],
    });
    // Chloé writes a profile but does not publish it.
    await save(chloe.personId, { offer: "Coopération décentralisée" }, false);
  });

  it("shows only published profiles of confirmed participants, to confirmed participants", async () => {
    expect(await names(chloe.personId)).toEqual(["Araújo", "Diop"]);
    const waiting = await participant(editionId, "Attente", {}, "waitlisted" as never);
    await expect(
      searchDirectory(db(), {
        editionId,
        viewerPersonId: waiting.personId,
        query: everyone,
      }),
    ).rejects.toMatchObject({ code: "meeting_not_participant" });
    // A participant of another edition sees nothing of this one.
    const elsewhere = await participant(otherEditionId, "Ailleurs");
    await expect(
      searchDirectory(db(), {
        editionId,
        viewerPersonId: elsewhere.personId,
        query: everyone,
      }),
    ).rejects.toMatchObject({ code: "meeting_not_participant" });
    // Cancelling one's registration takes one's profile out of the directory.
    await db().updateTable("registration").set({ status: "cancelled" }).where("id", "=", bruno.registrationId).execute();
    expect(await names(ana.personId)).toEqual(["Araújo"]);
    await db().updateTable("registration").set({ status: "confirmed" }).where("id", "=", bruno.registrationId).execute();
  });

  it("searches names, cities, regions and the profile's words regardless of case and accents, with % and _ as themselves", async () => {
    expect(await names(chloe.personId, { q: "araujo" })).toEqual(["Araújo"]);
    expect(await names(chloe.personId, { q: "SAO PAULO" })).toEqual(["Araújo"]);
    expect(await names(chloe.personId, { q: "assainissement" })).toEqual(["Diop"]);
    expect(await names(chloe.personId, { q: "sante dakar" })).toEqual(["Diop"]);
    expect(await names(chloe.personId, { q: "eau" })).toEqual(["Araújo"]);
    expect(await names(chloe.personId, { q: "%" })).toEqual([]);
    expect(await names(chloe.personId, { q: "_" })).toEqual([]);
  });

  it("filters by theme, by country of origin or action, by organisation type and by spoken language", async () => {
    expect(await names(chloe.personId, { themeIds: [health] })).toEqual(["Diop"]);
    expect(await names(chloe.personId, { themeIds: [water] })).toEqual(["Araújo", "Diop"]);
    // Ana comes from Brazil and acts in Senegal; Bruno comes from Senegal.
    expect(await names(chloe.personId, { countries: ["SN"] })).toEqual(["Araújo", "Diop"]);
    expect(await names(chloe.personId, { countries: ["BR"] })).toEqual(["Araújo"]);
    expect(await names(chloe.personId, { organisationTypes: ["ngo"] })).toEqual(["Diop"]);
    const spoken = (await db().selectFrom("registration").where("id", "=", ana.registrationId).select("languages").executeTakeFirstOrThrow()).languages;
    expect(await names(chloe.personId, { language: spoken[0] ?? "fr" })).toContain("Araújo");
    expect(await names(chloe.personId, { language: "zh" })).toEqual([]);
  });

  it("records each publication and withdrawal as a consent with the text shown, and only those", async () => {
    const consents = () =>
      db()
        .selectFrom("consent")
        .where("registration_id", "=", chloe.registrationId)
        .where("kind", "=", "meeting_profile")
        .select(["granted", "text_shown"])
        .orderBy("id")
        .execute();
    expect(await consents()).toEqual([]);
    await save(chloe.personId, { offer: "Coopération décentralisée" }, true);
    await save(chloe.personId, { offer: "Coopération décentralisée, jumelages" }, true);
    await save(chloe.personId, { offer: "Coopération décentralisée, jumelages" }, false);
    expect(await consents()).toEqual([
      { granted: true, text_shown: "I agree" },
      { granted: false, text_shown: "I agree" },
    ]);
    expect(await names(ana.personId)).toEqual(["Araújo", "Diop"]);
    expect((await readOwnProfile(db(), { editionId, personId: chloe.personId })).offer).toBe("Coopération décentralisée, jumelages");
  });

  it("refuses another edition's theme, an unknown country and over-long texts, and changes nothing", async () => {
    const before = await readOwnProfile(db(), {
      editionId,
      personId: ana.personId,
    });
    await expect(save(ana.personId, { themeIds: [otherEditionTheme] })).rejects.toMatchObject({ code: "meeting_profile_themes_invalid" });
    await expect(save(ana.personId, { countries: ["XX"] })).rejects.toMatchObject({ code: "meeting_profile_countries_invalid" });
    await expect(save(ana.personId, { offer: "x".repeat(1001) })).rejects.toMatchObject({ code: "meeting_profile_too_long" });
    expect(await readOwnProfile(db(), { editionId, personId: ana.personId })).toEqual(before);
    expect(before).toMatchObject({
      published: true,
      region: "Estado de São Paulo",
      themeIds: [water],
      countries: ["BR", "SN"],
    });
  });

  it("keeps a text with markup or a formula as plain text", async () => {
    const hostile = '<img src=x onerror=alert(1)> =HYPERLINK("http://evil.example")';
    await save(bruno.personId, { offer: hostile, themeIds: [health] });
    const [entry] = (
      await searchDirectory(db(), {
        editionId,
        viewerPersonId: ana.personId,
        query: { ...everyone, q: "diop" },
      })
    ).entries;
    expect(entry?.offer).toBe(hostile);
    expect(entry).toMatchObject({ themeIds: [health], countries: [] });
  });

  it("keeps the B2B blocks a person cannot attend and their maximum of meetings, and refuses other sessions and odd numbers", async () => {
    const session = async (editionOf: number, kind: "b2b" | "workshop_thematic", hour: number) => {
      const { year } = await db().selectFrom("edition").where("id", "=", editionOf).select("year").executeTakeFirstOrThrow();
      const day =
        (await db().selectFrom("edition_day").where("edition_id", "=", editionOf).select("id").executeTakeFirst()) ??
        (await db()
          .insertInto("edition_day")
          .values({ edition_id: editionOf, day: `${year}-07-09` })
          .returning("id")
          .executeTakeFirstOrThrow());
      return db()
        .insertInto("session")
        .values({
          edition_id: editionOf,
          day_id: day.id,
          kind,
          starts_at: new Date(`${year}-07-09T${hour}:00:00Z`),
          ends_at: new Date(`${year}-07-09T${hour + 1}:00:00Z`),
          title: JSON.stringify({ fr: "Rencontres B2B", en: "B2B meetings" }),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    };
    const b2b = await session(editionId, "b2b", 14);
    const workshop = await session(editionId, "workshop_thematic", 10);
    const elsewhere = await session(otherEditionId, "b2b", 14);
    const blocks = await listMeetingBlocks(db(), editionId);
    expect(blocks.map((block) => block.id)).toEqual([b2b.id]);
    const before = await readOwnProfile(db(), { editionId, personId: ana.personId });
    await expect(save(ana.personId, { ...before, unavailableBlockIds: [workshop.id] })).rejects.toMatchObject({ code: "meeting_profile_blocks_invalid" });
    await expect(save(ana.personId, { ...before, unavailableBlockIds: [elsewhere.id] })).rejects.toMatchObject({ code: "meeting_profile_blocks_invalid" });
    for (const maxMeetings of [-1, 2.5, 101, Number.NaN]) {
      await expect(save(ana.personId, { ...before, maxMeetings })).rejects.toMatchObject({ code: "meeting_profile_max_invalid" });
    }
    await save(ana.personId, { ...before, maxMeetings: 6, unavailableBlockIds: [blocks[0]!.id] });
    expect(await readOwnProfile(db(), { editionId, personId: ana.personId })).toMatchObject({ maxMeetings: 6, unavailableBlockIds: [blocks[0]!.id] });
    await save(ana.personId, { ...before, maxMeetings: null, unavailableBlockIds: [] });
    expect(await readOwnProfile(db(), { editionId, personId: ana.personId })).toMatchObject({ maxMeetings: null, unavailableBlockIds: [] });
  });
});
