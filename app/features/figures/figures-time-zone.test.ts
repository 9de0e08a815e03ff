import { createElement } from "react";
import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import BackOfficeFigures, { loader } from "~/routes/back-office-figures";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, signedInOrganiser } from "~/test/factories";
import { seedRegistrations } from "~/test/figures-seed";
import { renderOnPage } from "~/test/render";
import { settled } from "~/test/route-answers";

// Its own file, as it changes the time zone of the whole test process.

const publicUrl = "http://localhost:3000";
const now = new Date("2026-04-20T21:30:00Z");

describe.each(databaseKinds)("the figures and the server's time zone on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("shows the same page whatever time zone the server and the database session run in", async () => {
    const editionId = await createEdition(db());
    const { year } = await db().selectFrom("edition").select("year").where("id", "=", editionId).executeTakeFirstOrThrow();
    // Around midnight in Paris (the edition's zone): the 15th and the 16th there, whatever the server's.
    await seedRegistrations(db(), editionId, [{ createdAt: "2026-04-14T22:30:00Z" }, { createdAt: "2026-04-15T21:59:00Z", country: "SN" }, { createdAt: "2026-04-15T22:01:00Z", country: "CA" }]);
    const { cookie } = await signedInOrganiser(db(), year, now, "partner");
    const page = async () => {
      const request = new Request(`${publicUrl}/fr/${year}/organisation/chiffres`, { headers: { Cookie: cookie } });
      const answer = await settled(loader({ request, params: { year: String(year) }, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now } } as never));
      expect(answer.status).toBe(200);
      const loaderData = answer.body as { figures: { timeline: { opening: string; cumulative: number[] } } };
      const html = await renderOnPage(createElement(BackOfficeFigures, { loaderData, actionData: undefined, params: {}, matches: [] } as never), "fr");
      return { loaderData, html };
    };

    vi.stubEnv("TZ", "UTC");
    const inUtc = await page();
    expect(inUtc.loaderData.figures.timeline).toMatchObject({ opening: "2026-04-15", cumulative: [2, 3, 3, 3, 3, 3] });
    expect(inUtc.html).toContain("Comptés le 20 avril 2026 à 23:30.");

    for (const zone of ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati"]) {
      vi.stubEnv("TZ", zone);
      // Proves that the process really moved: local midnight is no longer UTC midnight.
      expect(new Date(2026, 3, 15).toISOString()).not.toBe("2026-04-15T00:00:00.000Z");
      // PGlite has one session: its time zone moves too (PostgreSQL's pool keeps the server's).
      if (kind === "pglite") await sql`set time zone ${sql.lit(zone)}`.execute(db());
      const moved = await page();
      expect(moved.loaderData).toEqual(inUtc.loaderData);
      expect(moved.html).toBe(inUtc.html);
    }
    if (kind === "pglite") await sql`set time zone 'UTC'`.execute(db());
  });
});
