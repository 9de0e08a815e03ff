import { describe, expect, it } from "vitest";
import { loadDemoParticipants } from "~/features/registration/demo-participants.server";
import { useTestDatabase } from "~/test/database";
import { loadDemoMeetings } from "./demo-meetings.server";

describe("demo meetings", () => {
  const database = useTestDatabase("pglite", { demo: true });

  it("give every demo edition its themes and publish six profiles in the newest, each with its consent, once", async () => {
    const db = database().db;
    await loadDemoParticipants(db);
    await loadDemoMeetings(db);
    await loadDemoMeetings(db);
    const themes = await db.selectFrom("meeting_theme").innerJoin("edition", "edition.id", "meeting_theme.edition_id").select(["edition.year"]).execute();
    expect(themes.filter((theme) => theme.year === 2025)).toHaveLength(15);
    expect(themes.filter((theme) => theme.year === 2026)).toHaveLength(15);
    const published = await db
      .selectFrom("meeting_profile")
      .innerJoin("registration", "registration.id", "meeting_profile.registration_id")
      .where("meeting_profile.published_at", "is not", null)
      .select([
        "registration.family_name",
        (eb) =>
          eb
            .selectFrom("consent")
            .whereRef("consent.registration_id", "=", "registration.id")
            .where("kind", "=", "meeting_profile")
            .select((c) => c.fn.countAll<string>().as("n"))
            .as("consents"),
      ])
      .orderBy("registration.family_name")
      .execute();
    expect(published.map((row) => [row.family_name, Number(row.consents)])).toEqual([
      ["Araújo", 1],
      ["Côté", 1],
      ["Diop", 1],
      ["Lefèvre", 1],
      ["Ouédraogo", 1],
      ["Schäfer", 1],
    ]);
    // The board of the newest edition has tables and accepted requests to schedule, once.
    const tables = await db.selectFrom("meeting_table").innerJoin("edition", "edition.id", "meeting_table.edition_id").select(["edition.year", "meeting_table.seats"]).execute();
    expect(tables.map((table) => [table.year, table.seats])).toEqual([...Array(10).fill([2026, 2]), [2026, 6], [2026, 6]]);
    const requests = await db.selectFrom("meeting_request").select("status").execute();
    expect(requests.map((request) => request.status).sort()).toEqual(["accepted", "accepted", "accepted", "pending"]);
  });
});
