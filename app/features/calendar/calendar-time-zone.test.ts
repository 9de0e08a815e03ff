import { afterAll, describe, expect, it, vi } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { listSessions } from "~/features/programme/programme.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { programmeCalendar } from "./calendar.server";

// Its own file, as it changes the time zone of the whole test process.

describe.each(databaseKinds)("calendar files and the server's time zone on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  async function programme() {
    const edition = await getEdition(database().db, 2026);
    const sessions = await listSessions(database().db, edition.id);
    return programmeCalendar({ edition, sessions, language: "en", publicUrl: "https://rencontres.example.org" });
  }

  it("writes the same file whatever time zone the server runs in", async () => {
    vi.stubEnv("TZ", "UTC");
    const inUtc = await programme();
    expect(inUtc).toContain("DTSTART;TZID=Europe/Paris:20260708T140000");

    for (const zone of ["America/New_York", "Asia/Kolkata", "Europe/Paris"]) {
      vi.stubEnv("TZ", zone);
      // Proves that the process really moved: local midnight is no longer UTC midnight.
      expect(new Date(2026, 6, 8).toISOString()).not.toBe("2026-07-08T00:00:00.000Z");
      expect(await programme()).toBe(inUtc);
    }
  });
});
