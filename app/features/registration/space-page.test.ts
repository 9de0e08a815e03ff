import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { getEdition } from "~/features/editions/editions.server";
import Space, { loader } from "~/routes/space";
import { paths } from "~/lib/paths";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createWorkshop, registrationRequest } from "~/test/factories";
import { renderOnPage } from "~/test/render";
import { register } from "./registration.server";
import { signUp } from "./signups.server";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("the personal space page on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  const untitledInFrench = (sessionId: number, en: string, description: string | null = null) =>
    db()
      .updateTable("session")
      .set({ title: JSON.stringify({ fr: "", en }), description: description === null ? null : JSON.stringify({ fr: "", en: description }) })
      .where("id", "=", sessionId)
      .execute();

  it("shows a workshop not yet translated into French in English, marked as English, wherever it names it", async () => {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db());
    const { id: registrationId } = await register(db(), registrationRequest(edition.id, person, { now }));
    const held = await createWorkshop(db(), { day: "2026-07-08", start: "14:30", end: "16:00", capacity: 4 });
    await untitledInFrench(held, "Workshop in English only", "Bring a laptop.\n\nAnd a charger.");
    // At the same time as the one held: its card names that one in its notice.
    await createWorkshop(db(), { day: "2026-07-08", start: "15:00", end: "15:30", capacity: 4, title: "clashing" });
    const round = await db()
      .insertInto("wish_round")
      .values({ edition_id: edition.id, opens_at: "2026-04-01T00:00:00Z", closes_at: "2026-06-01T00:00:00Z", seed: "space page" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const wished = await createWorkshop(db(), { day: "2026-07-09", start: "08:00", end: "08:45", capacity: 2, wishRoundId: round.id });
    await untitledInFrench(wished, "Wished in English only");
    await signUp(db(), { registrationId, personId: person.id, sessionId: held, now, publicUrl });

    const { token } = await openSignInSession(db(), person.id, now);
    const request = new Request(`${publicUrl}/fr/espace?done=seat&session=${held}`, { headers: { Cookie: `rencontres_session=${token}` } });
    const answer = (await loader({ request, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now }, params: {} } as never)) as { data: unknown };
    const html = await renderOnPage(createElement(Space, { loaderData: answer.data } as never), "fr");

    const inEnglish = '<span lang="en">Workshop in English only</span>';
    // The notice is a sentence of the page: the title sits in it as plain text.
    expect(html).toContain("Vous avez une place à «\u202fWorkshop in English only\u202f».");
    // The summary, the workshop's card (heading, leave button) and the agenda (link, calendar file).
    expect(html).toContain(`<li>${inEnglish}, `);
    expect(html.match(new RegExp(`<a href="${paths.session("fr", 2026, held)}"[^>]*>${inEnglish}</a>`, "g"))).toHaveLength(2);
    expect(html.match(new RegExp(`<span class="visually-hidden"> – ${inEnglish}</span>`, "g"))).toHaveLength(2);
    expect(html).toContain('<div lang="en"><p>Bring a laptop.</p><p>And a charger.</p></div>');
    expect(html).toContain("En même temps que «\u202fWorkshop in English only\u202f», où vous avez une place");
    expect(html).toContain(`<label for="rank-${wished}"><span lang="en">Wished in English only</span> (`);
  });
});
