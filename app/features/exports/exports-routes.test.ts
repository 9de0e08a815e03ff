import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { register } from "~/features/registration/registration.server";
import { loader as registrationsLoader } from "~/routes/back-office-export-registrations";
import { loader as workshopLoader } from "~/routes/back-office-export-workshop";
import { loader as pageLoader } from "~/routes/back-office-exports";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createStaff, createWorkshop, personFields, registrationRequest, signedInOrganiser, staffSession } from "~/test/factories";
import { readPdf } from "~/test/pdf-text";
import { settled } from "~/test/route-answers";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("the export routes on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  function args(path: string, cookie: string, params: Record<string, string> = {}) {
    const request = new Request(publicUrl + path, { headers: { Origin: publicUrl, Cookie: cookie } });
    const context = { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now };
    return { request, context, params: { year: path.split("/")[2]!, ...params } } as never;
  }

  /** A 2026 workshop with one confirmed seat, its holder's phone a number a spreadsheet would compute. */
  async function workshopWithOne(word: string) {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db(), { email: `${word}@example.org` });
    const { id } = await register(db(), registrationRequest(edition.id, person, { fields: personFields({ email: person.email, family_name: "Ndiaye", given_name: "Awa", phone: "+33 1 53 41 81 81", organisation_name: "=1+1" }) }));
    const sessionId = await createWorkshop(db(), { start: "16:00", end: "17:00", capacity: 20, title: word });
    await db().insertInto("session_signup").values({ session_id: sessionId, registration_id: id, status: "confirmed" }).execute();
    return sessionId;
  }

  const exportsLogged = async () => Number((await db().selectFrom("audit_log").where("action", "like", "export.%").select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow()).count);

  it("answers a registrations file as an attachment named with the year, never cached, headers in the page's language", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    await workshopWithOne("zroutexlsx");
    const xlsx = await settled(registrationsLoader(args("/en/2026/organisers/exports/registrations?q=zroutexlsx&column=family_name&column=phone&column=organisation_name", organiser.cookie)));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("Content-Disposition")).toBe('attachment; filename="registrations-2026.xlsx"');
    expect(xlsx.headers.get("Cache-Control")).toBe("private, no-store");
    const response = await registrationsLoader(args("/en/2026/organisers/exports/registrations?q=zroutexlsx&column=family_name&column=phone&column=organisation_name", organiser.cookie));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (response as Response).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Registrations");
    expect(sheet.getRow(1).values).toEqual([undefined, "Family name", "Phone", "Organisation"]);
    expect(sheet.getRow(2).values).toEqual([undefined, "Ndiaye", "+33 1 53 41 81 81", "=1+1"]);

    const csv = (await registrationsLoader(args("/fr/2026/organisation/exports/inscriptions?q=zroutexlsx&column=family_name&column=phone&format=csv&separator=comma", organiser.cookie))) as Response;
    expect(csv.headers.get("Content-Disposition")).toBe('attachment; filename="inscriptions-2026.csv"');
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(parse(Buffer.from(await csv.arrayBuffer()), { bom: true })).toEqual([["Nom", "Téléphone"], ["Ndiaye", "'+33 1 53 41 81 81"]]);
  });

  it("answers a workshop's list as XLSX, CSV and a printable PDF", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    const sessionId = await workshopWithOne("zroutepdf");
    const path = (format: string) => `/fr/2026/organisation/exports/ateliers/${sessionId}?format=${format}`;
    const get = (format: string) => workshopLoader(args(path(format), organiser.cookie, { sessionId: String(sessionId) })) as Promise<Response>;

    const pdf = await get("pdf");
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toBe(`attachment; filename="emargement-2026-${sessionId}.pdf"`);
    expect(pdf.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // Compressed as served: its text is not readable as such, but its structure is.
    expect(readPdf(bytes)).toMatchObject({ pages: 1, annotations: false });

    const csv = await get("csv");
    expect(csv.headers.get("Content-Disposition")).toBe(`attachment; filename="emargement-2026-${sessionId}.csv"`);
    expect(parse(Buffer.from(await csv.arrayBuffer()), { bom: true, delimiter: ";" })).toEqual([["Nom", "Prénom", "Organisation", "Signature"], ["Ndiaye", "Awa", "'=1+1", ""]]);

    const xlsx = await get("xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets[0]!.name).toBe("Émargement");
    expect(workbook.worksheets[0]!.getRow(2).values).toEqual([undefined, "Ndiaye", "Awa", "=1+1"]);
  });

  it("shows the page with the filter carried from the table, its count, the columns and the workshops", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    const sessionId = await workshopWithOne("zroutepage");
    const result = await settled(pageLoader(args("/en/2026/organisers/exports?q=zroutepage&status=confirmed", organiser.cookie)));
    expect(result.status).toBe(200);
    expect(result.headers.get("Cache-Control")).toBe("private, no-store");
    const body = result.body as { filtered: boolean; filterParams: string[][]; page: { matching: number; columns: { key: string; label: string }[]; workshops: { id: number; confirmed: number }[] } };
    expect(body.filtered).toBe(true);
    expect(body.filterParams).toEqual([["q", "zroutepage"], ["status", "confirmed"]]);
    expect(body.page.matching).toBe(1);
    expect(body.page.columns[0]).toEqual({ key: "reference", label: "Reference" });
    expect(body.page.workshops).toContainEqual(expect.objectContaining({ id: sessionId, confirmed: 1 }));
  });

  it("does not exist for partners, the check-in desk, an organiser of another edition, nor someone without a role: nothing is exported nor logged", async () => {
    const sessionId = await workshopWithOne("zrouteintruders");
    const before = await exportsLogged();
    const cookieOf = async (person: { id: number }) => (await staffSession(db(), person, now)).cookie;
    const intruders = {
      partner: await cookieOf(await createStaff(db(), "partner", 2026)),
      checkin: await cookieOf(await createStaff(db(), "checkin", 2026)),
      "organiser of 2025": await cookieOf(await createStaff(db(), "organiser", 2025)),
      participant: await cookieOf(await createPerson(db())),
    };
    for (const [name, cookie] of Object.entries(intruders)) {
      const answers = [
        await settled(pageLoader(args("/fr/2026/organisation/exports", cookie))),
        await settled(registrationsLoader(args("/fr/2026/organisation/exports/inscriptions?format=csv", cookie))),
        ...(await Promise.all(
          ["xlsx", "csv", "pdf"].map((format) => settled(workshopLoader(args(`/fr/2026/organisation/exports/ateliers/${sessionId}?format=${format}`, cookie, { sessionId: String(sessionId) })))),
        )),
      ];
      expect([name, answers.map((answer) => answer.status)]).toEqual([name, [404, 404, 404, 404, 404]]);
    }
    expect(await exportsLogged()).toBe(before);

    // The 2025 organiser's own edition does not hold the 2026 workshop either.
    const organiser2025 = await signedInOrganiser(db(), 2025, now);
    const across = await settled(workshopLoader(args(`/fr/2025/organisation/exports/ateliers/${sessionId}?format=pdf`, organiser2025.cookie, { sessionId: String(sessionId) })));
    expect(across.status).toBe(404);
    expect(await exportsLogged()).toBe(before);

    // An owner of every edition, and the edition's organiser, get the files.
    const owner = await cookieOf(await createStaff(db(), "owner", null));
    expect((await settled(registrationsLoader(args("/fr/2026/organisation/exports/inscriptions", owner)))).status).toBe(200);
    const organiser = await signedInOrganiser(db(), 2026, now);
    expect((await settled(workshopLoader(args(`/fr/2026/organisation/exports/ateliers/${sessionId}?format=pdf`, organiser.cookie, { sessionId: String(sessionId) })))).status).toBe(200);
    expect(await exportsLogged()).toBe(before + 2);
  });
});
