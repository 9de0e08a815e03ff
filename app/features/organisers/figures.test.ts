import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { register } from "~/features/registration/registration.server";
import { loader } from "~/routes/back-office-figures";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, createStaff, personFields, registrationRequest, signedInOrganiser, staffSession } from "~/test/factories";
import { editionFigures } from "./figures.server";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("an edition's figures on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  async function registrations(editionId: number, rows: { category?: "participant" | "speaker"; country?: string; cancel?: boolean }[]) {
    for (const row of rows) {
      const person = await createPerson(db());
      const request = registrationRequest(editionId, person, {
        fields: personFields({ email: person.email, category: row.category ?? "participant", country_code: row.country ?? "FR" }),
      });
      const { id } = await register(db(), request);
      if (row.cancel) await db().updateTable("registration").set({ status: "cancelled" }).where("id", "=", id).execute();
    }
  }

  it("counts the edition's registrations by status, category, organisation type and country, and nothing of another edition", async () => {
    const year = 2026;
    const editionId = await createEdition(db());
    const { year: testYear } = await db().selectFrom("edition").select("year").where("id", "=", editionId).executeTakeFirstOrThrow();
    await registrations(editionId, [{}, {}, { country: "SN" }, { category: "speaker", country: "SN" }, { cancel: true, country: "BR" }]);
    await registrations((await getEdition(db(), year)).id, [{ country: "JP" }]);
    const { access } = await signedInOrganiser(db(), testYear, now, "partner");
    const figures = await editionFigures(db(), access);
    expect(figures.byStatus).toEqual([
      { key: "pending", count: 1 },
      { key: "confirmed", count: 3 },
      { key: "waitlisted", count: 0 },
      { key: "cancelled", count: 1 },
    ]);
    expect(figures.byCategory).toEqual([
      { key: "participant", count: 3 },
      { key: "speaker", count: 1 },
    ]);
    expect(figures.byCountry).toEqual([
      { key: "FR", count: 2 },
      { key: "SN", count: 2 },
    ]);
    expect(figures.countries).toBe(2);
    expect(figures.byOrganisationType).toEqual([{ key: "commune", count: 4 }]);
    expect(JSON.stringify(figures)).not.toMatch(/@example\.org|Camille|Martin/);
  });

  it("is shown to partners and organisers of the edition only; anyone else is sent to sign in or told it does not exist", async () => {
    const visit = async (cookie?: string) => {
      const request = new Request(`${publicUrl}/fr/2026/organisation/chiffres`, { headers: cookie ? { Cookie: cookie } : {} });
      return loader({ request, params: { year: "2026" }, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now } } as never).then(
        (result) => (result instanceof Response ? result.status : 200),
        (error: unknown) => (error instanceof Response ? error.status : ((error as { init?: { status?: number } }).init?.status ?? 500)),
      );
    };
    const cookieOf = async (person: { id: number }) => (await staffSession(db(), person, now)).cookie;
    expect(await visit()).toBe(302);
    expect(await visit(await cookieOf(await createPerson(db())))).toBe(404);
    expect(await visit(await cookieOf(await createStaff(db(), "partner", 2025)))).toBe(404);
    expect(await visit(await cookieOf(await createStaff(db(), "checkin", 2026)))).toBe(404);
    expect(await visit(await cookieOf(await createStaff(db(), "partner", 2026)))).toBe(200);
    expect(await visit(await cookieOf(await createStaff(db(), "organiser", 2026)))).toBe(200);
  });
});
