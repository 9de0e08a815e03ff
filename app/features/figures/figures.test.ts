import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import { saveSegment } from "~/features/segments/segments.server";
import { emptyFilter, type RegistrationFilter } from "~/features/segments/filter";
import { action, loader } from "~/routes/back-office-figures";
import { loader as snapshotLoader } from "~/routes/back-office-figures-snapshot";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, createStaff, signedInOrganiser, staffSession } from "~/test/factories";
import { seedRegistrations, seedWorkshop } from "~/test/figures-seed";
import { settled } from "~/test/route-answers";
import { comparisonRows } from "./figures";
import { editionFigures, scopeName } from "./figures.server";
import { figuresSnapshot, freezeFigures } from "./snapshots.server";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-04-23T10:00:00Z");

/** Six registrations of an edition opening on 15 April 2026 (Paris), one of them cancelled, and a workshop. */
async function seededEdition(db: Kysely<DB>) {
  const editionId = await createEdition(db);
  const { year } = await db.selectFrom("edition").select("year").where("id", "=", editionId).executeTakeFirstOrThrow();
  const ids = await seedRegistrations(db, editionId, [
    { createdAt: "2026-04-15T08:00:00Z", country: "FR", category: "participant", organisationType: "commune", language: "fr" },
    { createdAt: "2026-04-16T09:00:00Z", country: "FR", category: "speaker", organisationType: "region", language: "en" },
    // 00:30 on 16 April in Paris: the edition's day, not the server's.
    { createdAt: "2026-04-15T22:30:00Z", country: "SN", category: "participant", organisationType: "foreign_local_authority", language: "fr", status: "pending" },
    { createdAt: "2026-04-20T12:00:00Z", country: "SN", category: "participant", organisationType: "ngo", language: "en", status: "waitlisted" },
    { createdAt: "2026-04-17T12:00:00Z", country: "BR", category: "participant", organisationType: "commune", language: "fr", status: "cancelled" },
    { createdAt: "2026-04-22T12:00:00Z", country: "JP", category: "press", organisationType: "company", language: "en" },
  ]);
  const workshopId = await seedWorkshop(db, editionId, { day: `${year}-07-08`, capacity: 10, title: "Coopération", confirmed: [ids[0]!, ids[1]!], waitlisted: [ids[3]!] });
  return { editionId, year, ids, workshopId };
}

describe.each(databaseKinds)("an edition's figures on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  it("counts every figure of a seeded edition exactly, and nothing of another edition", async () => {
    const { year, workshopId } = await seededEdition(db());
    const demo = await db().selectFrom("edition").select("id").where("year", "=", 2026).executeTakeFirstOrThrow();
    await seedRegistrations(db(), demo.id, [{ createdAt: "2026-04-16T09:00:00Z", country: "DE" }]);
    const { access } = await signedInOrganiser(db(), year, now, "partner");
    const figures = await editionFigures(db(), access, { now });
    expect(figures.byStatus).toEqual([
      { key: "pending", count: 1 },
      { key: "confirmed", count: 3 },
      { key: "waitlisted", count: 1 },
      { key: "cancelled", count: 1 },
    ]);
    expect(figures.total).toBe(5);
    expect(figures.byCategory).toEqual([
      { key: "participant", count: 3 },
      { key: "press", count: 1 },
      { key: "speaker", count: 1 },
    ]);
    expect(figures.byOrganisationType).toEqual(["commune", "company", "foreign_local_authority", "ngo", "region"].map((key) => ({ key, count: 1 })));
    expect(figures.byLanguage).toEqual([
      { key: "en", count: 3 },
      { key: "fr", count: 2 },
    ]);
    expect(figures.byCountry).toEqual([
      { key: "FR", count: 2 },
      { key: "SN", count: 2 },
      { key: "JP", count: 1 },
    ]);
    expect(figures.countries).toBe(3);
    expect(figures.venueCountry).toBe("FR");
    expect(figures.foreign).toBe(3);
    expect(figures.workshops).toEqual([{ id: workshopId, title: { fr: "Atelier Coopération", en: "Workshop Coopération" }, startsAt: `${year}-07-08T08:00:00.000Z`, capacity: 10, confirmed: 2, waitlisted: 1 }]);
    // Day 0 is 15 April; the one registered at 00:30 in Paris counts on the 16th; today is the 23rd.
    expect(figures.timeline).toEqual({ year, opening: "2026-04-15", cumulative: [1, 3, 3, 3, 3, 4, 4, 5, 5] });
    expect(JSON.stringify(figures)).not.toMatch(/@example\.org|Camille|Figure \d|Montpellier/);
  });

  it("compares with the previous edition at the same distance from its opening, or from a first registration before it", async () => {
    const previousId = await createEdition(db());
    const currentId = await createEdition(db());
    const [previous, current] = await Promise.all(
      [previousId, currentId].map((id) => db().selectFrom("edition").select("year").where("id", "=", id).executeTakeFirstOrThrow()),
    );
    expect(current!.year).toBe(previous!.year + 1);
    await db().updateTable("edition").set({ registration_opens_at: "2025-04-01T00:00:00+02:00", registration_closes_at: "2025-04-10T18:00:00+02:00" }).where("id", "=", previousId).execute();
    await seedRegistrations(db(), previousId, [
      // Registered by the organisers two days before the opening: the count starts that day.
      { createdAt: "2025-03-30T10:00:00Z" },
      { createdAt: "2025-04-02T10:00:00Z" },
      { createdAt: "2025-04-05T10:00:00Z", status: "cancelled" },
      { createdAt: "2025-04-09T10:00:00Z" },
    ]);
    await seedRegistrations(db(), currentId, [{ createdAt: "2026-04-15T10:00:00Z" }, { createdAt: "2026-04-16T10:00:00Z" }, { createdAt: "2026-04-16T11:00:00Z" }]);
    const { access } = await signedInOrganiser(db(), current!.year, new Date("2026-04-17T10:00:00Z"));
    const figures = await editionFigures(db(), access, { now: new Date("2026-04-17T10:00:00Z") });
    expect(figures.timeline).toEqual({ year: current!.year, opening: "2026-04-15", cumulative: [1, 3, 3] });
    // 30 March to 10 April, the closing: twelve days.
    expect(figures.previous).toEqual({ year: previous!.year, opening: "2025-03-30", cumulative: [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3] });
    expect(comparisonRows(figures)).toEqual([
      { day: 0, date: "2026-04-15", current: 1, previous: 1 },
      { day: 2, date: "2026-04-17", current: 3, previous: 1 },
    ]);
  });

  it("has no previous edition to compare the first one with", async () => {
    const { access } = await signedInOrganiser(db(), 2025, now);
    const figures = await editionFigures(db(), access, { now });
    expect(figures.previous).toBeNull();
    expect(comparisonRows(figures).every((row) => row.previous === null)).toBe(true);
  });

  it("restricts the figures to a segment for organisers, the previous edition staying whole; partners cannot", async () => {
    const { year } = await seededEdition(db());
    const { access } = await signedInOrganiser(db(), year, now);
    const segment = await saveSegment(db(), access, { name: "Sénégal", filter: { ...emptyFilter, include: { country: ["SN"] } }, now });
    const filter: RegistrationFilter = { ...emptyFilter, include: { segment: [String(segment.id)] } };
    const figures = await editionFigures(db(), access, { filter, now });
    const whole = await editionFigures(db(), access, { now });
    expect(figures.total).toBe(2);
    expect(figures.byCountry).toEqual([{ key: "SN", count: 2 }]);
    expect(figures.foreign).toBe(2);
    expect(figures.workshops[0]).toMatchObject({ confirmed: 0, waitlisted: 1 });
    expect(figures.timeline.cumulative.at(-1)).toBe(2);
    expect(figures.previous).toEqual(whole.previous);
    expect(await scopeName(db(), access, filter)).toBe("Sénégal");
    expect(await scopeName(db(), access, { ...emptyFilter, include: { status: ["confirmed"] } })).toBe("?status=confirmed");

    const shown = await settled(loader(routeArgs(`/fr/${year}/organisation/chiffres?segment=${segment.id}`, year, (await signedInOrganiser(db(), year, now)).cookie)));
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ scope: "Sénégal", segmentId: String(segment.id), query: `segment=${segment.id}`, figures: { total: 2 }, segments: [{ id: segment.id, name: "Sénégal" }] });
    const unknown = await settled(loader(routeArgs(`/fr/${year}/organisation/chiffres?segment=999999`, year, (await signedInOrganiser(db(), year, now)).cookie)));
    expect(unknown.status).toBe(404);

    const partner = await signedInOrganiser(db(), year, now, "partner");
    await expect(editionFigures(db(), partner.access, { filter, now })).rejects.toMatchObject({ code: "not_staff" });
    const page = await settled(loader(routeArgs(`/fr/${year}/organisation/chiffres?segment=${segment.id}`, year, partner.cookie)));
    expect(page.status).toBe(404);
  });

  function routeArgs(path: string, year: number, cookie?: string, init: { method?: string; body?: URLSearchParams; params?: Record<string, string> } = {}, at = now) {
    const headers: Record<string, string> = { Origin: publicUrl };
    if (cookie) headers.Cookie = cookie;
    const request = new Request(publicUrl + path, { method: init.method ?? "GET", headers, body: init.body });
    return { request, params: { year: String(year), ...init.params }, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => at } } as never;
  }

  it("freezes a dated snapshot, audit-logged, that later registrations do not change, and downloads it as PDF and XLSX", async () => {
    const { editionId, year } = await seededEdition(db());
    const organiser = await signedInOrganiser(db(), year, now);
    const frozen = await settled(action(routeArgs(`/fr/${year}/organisation/chiffres`, year, organiser.cookie, { method: "POST", body: new URLSearchParams({ csrf: organiser.person.csrfToken, intent: "freeze" }) })));
    expect(frozen.status).toBe(303);
    expect(frozen.location).toBe(`/fr/${year}/organisation/chiffres?frozen=1#snapshots`);
    const row = await db().selectFrom("figures_snapshot").selectAll().where("edition_id", "=", editionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ frozen_at: now, frozen_by_person_id: organiser.access.personId, frozen_by_email: organiser.access.email, segment_name: null });
    const audit = await db().selectFrom("audit_log").selectAll().where("action", "=", "figures.freeze").where("subject_id", "=", String(row.id)).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ edition_id: editionId, actor_person_id: organiser.access.personId, after: { asOf: now.toISOString(), segment: null, total: 5 } });

    await seedRegistrations(db(), editionId, [{ createdAt: "2026-04-23T11:00:00Z", country: "CA" }]);
    const snapshot = await figuresSnapshot(db(), organiser.access, row.id);
    expect(snapshot.figures.total).toBe(5);
    expect(snapshot.figures.countries).toBe(3);

    const partner = await signedInOrganiser(db(), year, now, "partner");
    const download = async (language: "fr" | "en", format: "pdf" | "xlsx") => {
      const path = `/${language}/${year}/${language === "fr" ? "organisation/chiffres" : "organisers/figures"}/${row.id}/${format}`;
      const response = (await snapshotLoader(routeArgs(path, year, partner.cookie, { params: { snapshotId: String(row.id), format } }))) as Response;
      return { response, bytes: Buffer.from(await response.arrayBuffer()) };
    };
    for (const language of ["fr", "en"] as const) {
      const { response, bytes } = await download(language, "pdf");
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`attachment; filename="rencontres-${year}-(chiffres|figures)-2026-04-23-${row.id}\\.pdf"`));
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(bytes.length).toBeGreaterThan(10_000);
    }

    const { response, bytes } = await download("fr", "xlsx");
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const values = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const rows: unknown[][] = [];
      sheet.eachRow((sheetRow) => rows.push((sheetRow.values as unknown[]).slice(1)));
      return rows;
    };
    const nbsp = "\u00a0";
    const narrow = "\u202f";
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Synthèse", "Pays", "Provenance", "Catégorie", "Type d'organisation", "Langue", "Séance", "État", "Au fil du temps"]);
    expect(values("Synthèse")).toEqual([
      [`Rencontres ${year}${narrow}: chiffres`],
      ["Chiffres figés le 23 avril 2026 à 12:00."],
      ["Inscriptions (hors annulées)", 5],
      ["Pays représentés", 3],
      ["Participants venus de l'étranger", `3 (60${nbsp}%)`],
    ]);
    expect(values("Pays")).toEqual([
      ["Par pays (3 pays)"],
      ["Pays", "Inscriptions", "Part"],
      ["France", 2, `40${nbsp}%`],
      ["Sénégal", 2, `40${nbsp}%`],
      ["Japon", 1, `20${nbsp}%`],
      ["Total", 5, `100${nbsp}%`],
    ]);
    expect(values("Séance")).toEqual([
      ["Remplissage des séances sur inscription"],
      ["Séance", "Places", "Prises", "Remplissage", "Liste d'attente"],
      ["Atelier Coopération, 8 juil., 10:00", 10, 2, `20${nbsp}%`, 1],
    ]);
    expect(values("État")).toEqual([
      ["Par état"],
      ["État", "Inscriptions", "Part"],
      ["en attente de validation", 1, `16,7${nbsp}%`],
      ["confirmée", 3, `50${nbsp}%`],
      ["sur liste d'attente", 1, `16,7${nbsp}%`],
      ["annulée", 1, `16,7${nbsp}%`],
      ["Total", 6, `100${nbsp}%`],
    ]);
    expect(values("Au fil du temps")).toEqual([
      ["Inscriptions au fil du temps, comparées à l'édition précédente"],
      ["Jours depuis l'ouverture", `Date (${year})`, String(year), `${year - 1}, même jour`],
      [0, "mercredi 15 avril 2026", 1, expect.anything()],
      [7, "mercredi 22 avril 2026", 5, expect.anything()],
      [8, "jeudi 23 avril 2026", 5, expect.anything()],
    ]);
  });

  it("freezes a segment's figures under its name, and a name written as a formula stays text in the spreadsheet", async () => {
    const { year } = await seededEdition(db());
    const organiser = await signedInOrganiser(db(), year, now);
    const name = '=HYPERLINK("https://evil.example","x")';
    const segment = await saveSegment(db(), organiser.access, { name, filter: { ...emptyFilter, include: { country: ["SN"] } }, now });
    const path = `/fr/${year}/organisation/chiffres?segment=${segment.id}`;
    const frozen = await settled(action(routeArgs(path, year, organiser.cookie, { method: "POST", body: new URLSearchParams({ csrf: organiser.person.csrfToken, intent: "freeze" }) })));
    expect(frozen.location).toBe(`/fr/${year}/organisation/chiffres?segment=${segment.id}&frozen=1#snapshots`);
    const row = await db().selectFrom("figures_snapshot").select(["id", "segment_name"]).where("segment_name", "=", name).executeTakeFirstOrThrow();
    const snapshot = await figuresSnapshot(db(), organiser.access, row.id);
    expect(snapshot.figures.total).toBe(2);
    const response = (await snapshotLoader(routeArgs(`/en/${year}/organisers/figures/${row.id}/xlsx`, year, organiser.cookie, { params: { snapshotId: String(row.id), format: "xlsx" } }))) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
    expect(workbook.getWorksheet("Summary")!.getCell("A3").value).toBe("Figures of");
    const cell = workbook.getWorksheet("Summary")!.getCell("B3");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(name);
    expect(workbook.getWorksheet("Summary")!.getCell("B5").value).toBe(2);
  });

  it("lets partners read the page and the snapshots' downloads but not freeze; check-in staff, another edition's organiser and strangers get nothing", async () => {
    const { editionId, year } = await seededEdition(db());
    const organiser = await signedInOrganiser(db(), year, now);
    const snapshotId = await freezeFigures(db(), organiser.access, { filter: emptyFilter, now });
    const other = await createEdition(db());
    const otherYear = (await db().selectFrom("edition").select("year").where("id", "=", other).executeTakeFirstOrThrow()).year;
    const otherOrganiser = await signedInOrganiser(db(), otherYear, now);
    const otherSnapshot = await freezeFigures(db(), otherOrganiser.access, { filter: emptyFilter, now });
    const cookieOf = async (person: { id: number }) => (await staffSession(db(), person, now)).cookie;
    const partner = await cookieOf(await createStaff(db(), "partner", year));
    const checkin = await cookieOf(await createStaff(db(), "checkin", year));
    const stranger = await cookieOf(await createPerson(db()));
    const otherCookie = otherOrganiser.cookie;

    const page = (cookie?: string) => settled(loader(routeArgs(`/fr/${year}/organisation/chiffres`, year, cookie))).then((answer) => answer.status);
    const file = (cookie: string | undefined, id: number, format = "pdf") =>
      settled(snapshotLoader(routeArgs(`/fr/${year}/organisation/chiffres/${id}/${format}`, year, cookie, { params: { snapshotId: String(id), format } }))).then((answer) => answer.status);
    expect(await page()).toBe(302);
    expect(await page(partner)).toBe(200);
    expect(await page(organiser.cookie)).toBe(200);
    for (const cookie of [checkin, stranger, otherCookie]) expect(await page(cookie)).toBe(404);
    expect(await file(undefined, snapshotId)).toBe(302);
    expect(await file(partner, snapshotId)).toBe(200);
    expect(await file(partner, snapshotId, "xlsx")).toBe(200);
    expect(await file(partner, snapshotId, "csv")).toBe(404);
    for (const cookie of [checkin, stranger, otherCookie]) expect(await file(cookie, snapshotId)).toBe(404);
    // Another edition's snapshot, asked under this edition: it does not exist here.
    expect(await file(partner, otherSnapshot)).toBe(404);

    const partnerSession = await signedInOrganiser(db(), year, now, "partner");
    const freeze = await settled(action(routeArgs(`/fr/${year}/organisation/chiffres`, year, partnerSession.cookie, { method: "POST", body: new URLSearchParams({ csrf: partnerSession.person.csrfToken, intent: "freeze" }) })));
    expect(freeze.status).toBe(404);
    const answer = await settled(loader(routeArgs(`/fr/${year}/organisation/chiffres`, year, partnerSession.cookie)));
    const body = answer.body as { snapshots: { id: number; frozenByEmail: string | null }[]; segments: unknown[] };
    expect(body.snapshots).toEqual([expect.objectContaining({ id: snapshotId, frozenByEmail: null })]);
    expect(body.segments).toEqual([]);
    expect(await db().selectFrom("figures_snapshot").select("id").where("edition_id", "=", editionId).execute()).toHaveLength(1);
  });
});
