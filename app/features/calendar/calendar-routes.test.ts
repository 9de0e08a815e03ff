import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { listSessions } from "~/features/programme/programme.server";
import { loader as programmeLoader } from "~/routes/programme-calendar";
import { loader as sessionLoader } from "~/routes/session-calendar";
import { databaseKinds, useTestDatabase } from "~/test/database";

const publicUrl = "https://rencontres.example.org";

describe.each(databaseKinds)("calendar routes on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });

  function args(path: string, params: Record<string, string>) {
    const context = { db: database().db, env: { PUBLIC_URL: publicUrl }, now: () => new Date("2026-06-01T00:00:00Z") };
    return { request: new Request(publicUrl + path), params, context } as unknown as Parameters<typeof programmeLoader>[0] &
      Parameters<typeof sessionLoader>[0];
  }

  const notFound = { init: { status: 404 } };

  it("serves the programme as a calendar file to download", async () => {
    const response = await programmeLoader(args("/fr/2026/programme.ics", { year: "2026" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="rencontres-2026-programme.ics"');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Programme des Rencontres 2026");
  });

  it("serves one session in the language of the path", async () => {
    const edition = await getEdition(database().db, 2026);
    const opening = (await listSessions(database().db, edition.id)).find((s) => s.kind === "opening");
    if (!opening) throw new Error("no opening");
    const path = `/en/2026/sessions/${opening.id}/calendar.ics`;
    const response = await sessionLoader(args(path, { year: "2026", sessionId: String(opening.id) }));
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="rencontres-2026-${opening.id}-official-opening-of-the-rencontres.ics"`,
    );
    const [event] = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents("vevent");
    expect(event?.getFirstPropertyValue("summary")).toBe("Official opening of the Rencontres");
  });

  it("answers 404, never 500, for an unknown or malformed year", async () => {
    for (const year of ["1999", "abcd", "20266", ""]) {
      await expect(programmeLoader(args(`/fr/${year}/programme.ics`, { year }))).rejects.toMatchObject(notFound);
    }
  });

  it("answers 404 for a session that is unknown, malformed or of another edition", async () => {
    const edition2025 = await getEdition(database().db, 2025);
    const [session2025] = await listSessions(database().db, edition2025.id);
    if (!session2025) throw new Error("no 2025 session");
    for (const sessionId of [String(session2025.id), "999999", "0", "-1", "1e3", "abc", "12345678901234567890"]) {
      const path = `/en/2026/sessions/${sessionId}/calendar.ics`;
      await expect(sessionLoader(args(path, { year: "2026", sessionId }))).rejects.toMatchObject(notFound);
    }
    const path = `/en/1999/sessions/${session2025.id}/calendar.ics`;
    await expect(sessionLoader(args(path, { year: "1999", sessionId: String(session2025.id) }))).rejects.toMatchObject(
      notFound,
    );
  });
});
