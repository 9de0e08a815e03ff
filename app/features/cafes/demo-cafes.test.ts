import { describe, expect, it } from "vitest";
import { loadDemoMeetings } from "~/features/meetings/demo-meetings.server";
import { loadDemoParticipants } from "~/features/registration/demo-participants.server";
import { useTestDatabase } from "~/test/database";
import { loadDemoCafes } from "./demo-cafes.server";

describe("demo cafés", () => {
  const database = useTestDatabase("pglite", { demo: true });

  it("put four tables in the newest edition's café block, kept by demo participants with a published profile, once", async () => {
    const db = database().db;
    await loadDemoParticipants(db);
    await loadDemoMeetings(db);
    await loadDemoCafes(db);
    await loadDemoCafes(db);
    const cafes = await db
      .selectFrom("cafe")
      .innerJoin("edition", "edition.id", "cafe.edition_id")
      .innerJoin("registration", "registration.id", "cafe.host_registration_id")
      .innerJoin("meeting_profile", "meeting_profile.registration_id", "registration.id")
      .where("meeting_profile.published_at", "is not", null)
      .select(["edition.year", "cafe.table_label", "registration.family_name"])
      .orderBy("cafe.table_label")
      .execute();
    expect(cafes.map((cafe) => [cafe.year, cafe.table_label, cafe.family_name])).toEqual([
      [2026, "1", "Lefèvre"],
      [2026, "2", "Araújo"],
      [2026, "3", "Schäfer"],
      [2026, "4", "Côté"],
    ]);
  });
});
