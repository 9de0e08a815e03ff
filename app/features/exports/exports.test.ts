import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { RegistrationStatus } from "~/db/schema";
import { getEdition } from "~/features/editions/editions.server";
import type { PersonFields } from "~/features/registration/form";
import { register } from "~/features/registration/registration.server";
import { emptyFilter } from "~/features/segments/filter";
import { saveSegment } from "~/features/segments/segments.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createWorkshop, personFields, registrationRequest, signedInOrganiser } from "~/test/factories";
import { readPdf } from "~/test/pdf-text";
import { attendancePdf } from "./attendance-pdf.server";
import { parseExportRequest, type ExportTable } from "./exports";
import { attendanceTable, exportsPage, registrationsExport, workshopAttendance } from "./exports.server";
import { toCsv, toXlsx } from "./writers.server";

const now = new Date("2026-05-01T10:00:00Z");
let tokens = 0;
/** A word found in no other registration, to keep a test's registrations apart from the demo's and the other tests'. */
const uniqueWord = () => `zexport${++tokens}q${process.pid}`;

/** Every value OWASP says a spreadsheet runs, each starting with one of `=`, `+`, `-`, `@`, tab, carriage return. */
const dangerous = ['=HYPERLINK("http://evil.example","click")', "+33 1 53 41 81 81", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"];

async function readXlsx(file: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => rows.push(row));
  return { sheet, rows };
}

describe("export files", () => {
  const table: ExportTable = { headers: ["Valeur", "Texte"], rows: dangerous.map((value) => [value, "Émile, « Ça va ; oui »"]) };

  it("writes CSV in UTF-8 with a byte order mark, the chosen separator, and every formula neutralised by a quote, its text kept", () => {
    const file = toCsv(table, "semicolon");
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString("utf8");
    expect(text.slice(1).split("\r\n")[0]).toBe("Valeur;Texte");
    // Each neutralised value is quoted, so that the quote is read as part of the text.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")";`);
    expect(text).toContain(`"'+33 1 53 41 81 81";`);
    const records = parse(file, { bom: true, delimiter: ";", relax_column_count: false }) as string[][];
    expect(records).toEqual([["Valeur", "Texte"], ...dangerous.map((value) => [`'${value}`, "Émile, « Ça va ; oui »"])]);
    // No field of the file starts with a character a spreadsheet would compute.
    for (const record of records.slice(1)) expect(record[0]).toMatch(/^'/);
  });

  it("leaves out of XLSX only the control characters XML cannot carry, and leaves empty values as empty cells", async () => {
    const { rows } = await readXlsx(await toXlsx({ headers: ["A", "B", "C"], rows: [["Bell\u0007 ring", "", "Line\nbreak\ttab"]] }, "Feuille"));
    expect(rows[1]!.getCell(1).value).toBe("Bell ring");
    expect(rows[1]!.getCell(2).value).toBeNull();
    expect(rows[1]!.getCell(3).value).toBe("Line\nbreak\ttab");
  });

  it("writes CSV with commas when asked, read back alike", () => {
    const records = parse(toCsv(table, "comma"), { bom: true }) as string[][];
    expect(records[0]).toEqual(["Valeur", "Texte"]);
    expect(records[1]).toEqual([`'${dangerous[0]}`, "Émile, « Ça va ; oui »"]);
  });

  it("writes XLSX with every cell a text, never a formula, shown exactly as typed", async () => {
    const { sheet, rows } = await readXlsx(await toXlsx(table, "Inscriptions"));
    expect(sheet.name).toBe("Inscriptions");
    expect(rows).toHaveLength(dangerous.length + 1);
    expect(rows[0]!.values).toEqual([undefined, "Valeur", "Texte"]);
    dangerous.forEach((value, index) => {
      const cell = rows[index + 1]!.getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      // XML reads a carriage return as a line feed: the cell starts with a line break, still a text.
      expect(cell.value).toBe(value.replace(/\r/g, "\n"));
      expect(cell.numFmt).toBe("@");
    });
  });
});

describe.each(databaseKinds)("exports of an edition's registrations on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  async function registered(
    word: string,
    fields: Partial<PersonFields> = {},
    options: { status?: RegistrationStatus; language?: "fr" | "en"; year?: number; answers?: Record<number, unknown>; workshops?: number[] } = {},
  ) {
    const edition = await getEdition(db(), options.year ?? 2026);
    const person = await createPerson(db(), { email: `${word}.${++tokens}@example.org`, language: options.language });
    const { id } = await register(
      db(),
      registrationRequest(edition.id, person, { fields: personFields({ email: person.email, ...fields }), now: options.year === 2025 ? new Date("2025-05-01T10:00:00Z") : now }),
    );
    if (options.status) await db().updateTable("registration").set({ status: options.status }).where("id", "=", id).execute();
    for (const [question, value] of Object.entries(options.answers ?? {}))
      await db().insertInto("registration_answer").values({ registration_id: id, question_id: Number(question), value: JSON.stringify(value) }).execute();
    for (const session of options.workshops ?? []) await db().insertInto("session_signup").values({ session_id: session, registration_id: id, status: "confirmed" }).execute();
    return id;
  }

  const exportOf = async (organiser: Awaited<ReturnType<typeof signedInOrganiser>>, query: Record<string, string | string[]>, language: "fr" | "en" = "fr") => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) for (const one of [value].flat()) params.append(name, one);
    return registrationsExport(db(), organiser.access, { ...parseExportRequest(params), language, now });
  };

  it("exports the registrations the filter keeps, sorted by name, with the columns asked and headers in the page's language, and logs it", async () => {
    const word = uniqueWord();
    await registered(word, { family_name: "Zola", given_name: "Émile", organisation_name: "Ville de Lyon", country_code: "SN", city: "Dakar", days: ["2026-07-09"] });
    await registered(word, { family_name: "Arendt", given_name: "Hannah", organisation_type: "region" }, { language: "en" });
    await registered(word, { family_name: "Cancelled" }, { status: "cancelled" });
    const organiser = await signedInOrganiser(db(), 2026, now);
    const columns = ["family_name", "given_name", "organisation_name", "organisation_type", "country", "city", "status", "language", "days", "registered_at"];

    const table = await exportOf(organiser, { q: word, status: "confirmed", column: columns });
    expect(table.headers).toEqual(["Nom", "Prénom", "Organisation", "Type d'organisation", "Pays", "Ville", "Statut", "Langue", "Jours", "Inscrit·e le"]);
    expect(table.rows).toEqual([
      ["Arendt", "Hannah", "Ville de Montpellier", "Région", "France", "Montpellier", "Confirmée", "anglais", "2026-07-08, 2026-07-09", "2026-05-01 12:00"],
      ["Zola", "Émile", "Ville de Lyon", "Commune", "Sénégal", "Dakar", "Confirmée", "français", "2026-07-09", "2026-05-01 12:00"],
    ]);
    const english = await exportOf(organiser, { q: word, not_status: "confirmed", column: ["family_name", "status", "country"] }, "en");
    expect(english).toEqual({ headers: ["Family name", "Status", "Country"], rows: [["Cancelled", "Cancelled", "France"]] });

    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "export.registrations").where("actor_person_id", "=", organiser.access.personId).orderBy("id").execute();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      edition_id: organiser.access.editionId,
      subject_type: "registration",
      after: { filter: { ...emptyFilter, q: word, include: { status: ["confirmed"] } }, segment: null, columns, format: "xlsx", rows: 2 },
    });
  });

  it("exports a saved segment chosen by its id, and does not find a segment of another edition", async () => {
    const word = uniqueWord();
    await registered(word, { family_name: "Senghor", country_code: "SN" });
    await registered(word, { family_name: "Martin", country_code: "FR" });
    const organiser = await signedInOrganiser(db(), 2026, now);
    const segment = await saveSegment(db(), organiser.access, { name: `Étrangers ${word}`, filter: { ...emptyFilter, q: word, exclude: { country: ["FR"] } }, now });
    // The table's parameters carried along are set aside for the segment chosen.
    const table = await exportOf(organiser, { source: String(segment.id), q: "nobody", column: ["family_name"], format: "csv" });
    expect(table.rows).toEqual([["Senghor"]]);
    const entry = await db().selectFrom("audit_log").selectAll().where("action", "=", "export.registrations").where("subject_id", "=", String(segment.id)).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ subject_type: "segment", after: { segment: segment.name, format: "csv", rows: 1 } });

    const other = await signedInOrganiser(db(), 2025, now);
    await expect(exportOf(other, { source: String(segment.id) })).rejects.toMatchObject({ code: "segment_not_found" });
  });

  it("gives each registration's workshops, delegation and answers to the questions, a question removed since included", async () => {
    const word = uniqueWord();
    const edition = await getEdition(db(), 2026);
    const question = await db()
      .insertInto("registration_question")
      .values({ edition_id: edition.id, kind: "multiple", label: JSON.stringify({ fr: `Repas ${word}`, en: `Meals ${word}` }), options: JSON.stringify([{ value: "veg", label: { fr: "Végétarien", en: "Vegetarian" } }, { value: "halal", label: { fr: "Halal", en: "Halal" } }]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const text = await db()
      .insertInto("registration_question")
      .values({ edition_id: edition.id, kind: "text", label: JSON.stringify({ fr: `Remarque ${word}`, en: `Remark ${word}` }), removed_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const workshop = await createWorkshop(db(), { start: "14:00", end: "15:30", capacity: 30, title: word });
    await registered(word, { family_name: "Diop" }, { answers: { [question.id]: ["veg", "halal"], [text.id]: "<img src=x onerror=alert(1)>" }, workshops: [workshop] });
    const organiser = await signedInOrganiser(db(), 2026, now);
    const page = await exportsPage(db(), organiser.access, { ...emptyFilter, q: word }, "fr");
    expect(page.matching).toBe(1);
    expect(page.columns).toContainEqual({ key: `answer:${question.id}`, label: `Repas ${word}` });
    expect(page.columns).toContainEqual({ key: `answer:${text.id}`, label: `Remarque ${word}` });
    expect(page.workshops).toContainEqual(expect.objectContaining({ id: workshop, confirmed: 1 }));

    const table = await exportOf(organiser, { q: word, column: ["family_name", "workshops", "delegation", `answer:${question.id}`, `answer:${text.id}`] }, "en");
    expect(table.headers).toEqual(["Family name", "Workshops", "Delegation", `Meals ${word}`, `Remark ${word}`]);
    expect(table.rows).toEqual([["Diop", `Workshop ${word}`, "", "Vegetarian, Halal", "<img src=x onerror=alert(1)>"]]);
  });

  it("neutralises a participant's formulas and markup in both files without losing a character", async () => {
    const word = uniqueWord();
    const fields = { given_name: dangerous[0]!, family_name: "<img src=x onerror=alert(1)>", phone: dangerous[1]!, job_title: dangerous[2]!, city: dangerous[3]!, organisation_name: dangerous[4]! };
    await registered(word, fields);
    const organiser = await signedInOrganiser(db(), 2026, now);
    const columns = ["given_name", "family_name", "phone", "job_title", "city", "organisation_name"];
    const table = await exportOf(organiser, { q: word, column: columns });
    const values = Object.values(fields);
    expect(table.rows).toEqual([values]);

    const { rows } = await readXlsx(await toXlsx(table, "Inscriptions"));
    values.forEach((value, index) => {
      const cell = rows[1]!.getCell(index + 1);
      expect([cell.type, cell.formula, cell.value]).toEqual([ExcelJS.ValueType.String, undefined, value]);
    });
    const records = parse(toCsv(table, "semicolon"), { bom: true, delimiter: ";" }) as string[][];
    expect(records[1]).toEqual(values.map((value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)));
  });
});

describe.each(databaseKinds)("attendance sheets of workshops on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  async function seated(sessionId: number, fields: Partial<PersonFields>, status: "confirmed" | "waitlisted" = "confirmed", registrationStatus?: RegistrationStatus) {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db());
    const { id } = await register(db(), registrationRequest(edition.id, person, { fields: personFields({ email: person.email, ...fields }) }));
    if (registrationStatus) await db().updateTable("registration").set({ status: registrationStatus }).where("id", "=", id).execute();
    await db().insertInto("session_signup").values({ session_id: sessionId, registration_id: id, status }).execute();
  }

  it("lists the confirmed seats alphabetically with an empty signature column, and logs the export", async () => {
    const workshop = await createWorkshop(db(), { start: "09:00", end: "10:30", capacity: 40, title: "Coopération" });
    await seated(workshop, { family_name: "Достоевский", given_name: "Фёдор", organisation_name: "Город Москва" });
    await seated(workshop, { family_name: "Ba", given_name: "Amadou", organisation_name: '=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)>' });
    await seated(workshop, { family_name: "Waiting" }, "waitlisted");
    await seated(workshop, { family_name: "Cancelled" }, "confirmed", "cancelled");
    const organiser = await signedInOrganiser(db(), 2026, now);

    const sheet = await workshopAttendance(db(), organiser.access, { sessionId: workshop, format: "pdf", language: "fr", now });
    expect(sheet).toMatchObject({ session: "Atelier Coopération", when: "jeudi 9 juillet 2026, de 09:00 à 10:30", year: 2026 });
    expect(attendanceTable(sheet)).toEqual({
      headers: ["Nom", "Prénom", "Organisation", "Signature"],
      rows: [
        ["Ba", "Amadou", '=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)>', ""],
        ["Достоевский", "Фёдор", "Город Москва", ""],
      ],
    });
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "export.workshop").where("subject_id", "=", String(workshop)).execute();
    expect(log).toMatchObject([{ subject_type: "session", edition_id: organiser.access.editionId, after: { format: "pdf", rows: 2 } }]);

    const pdf = readPdf(await attendancePdf(sheet, { compress: false }));
    expect(pdf.pages).toBe(1);
    expect(pdf.embeddedFonts).toEqual(expect.arrayContaining(["DejaVuSans", "DejaVuSans-Bold"]));
    expect(pdf.lines.slice(0, 3)).toEqual(["Feuille d'émargement", expect.stringContaining("2026"), "Atelier Coopération"]);
    expect(pdf.lines).toContain("ДОСТОЕВСКИЙ Фёдор");
    expect(pdf.lines).toContain("Город Москва");
    // Wrapped over lines in its cell, whole.
    expect(pdf.lines.join("").replace(/\s/g, "")).toContain('=HYPERLINK("http://evil.example","x")<imgsrc=xonerror=alert(1)>');
    // Text only: no link, no annotation, whatever a name holds.
    expect(pdf.annotations).toBe(false);
    expect(pdf.lines.join(" ")).not.toContain("Waiting");
  });

  it("numbers the pages of a long sheet and repeats the column headers on each", async () => {
    const people = Array.from({ length: 60 }, (_, index) => ({ familyName: `Nom ${index}`, givenName: "Zoë", organisation: "Ville" }));
    const pdf = readPdf(await attendancePdf({ language: "en", year: 2026, edition: "Rencontres 2026", session: "Workshop", when: "Thursday", room: "Room 1", people }, { compress: false }));
    expect(pdf.pages).toBe(3);
    expect(pdf.lines.filter((line) => line === "Signature")).toHaveLength(3);
    expect(pdf.lines).toEqual(expect.arrayContaining(["Workshop — page 1 of 3", "Workshop — page 3 of 3", "Room: Room 1", "60 participants", "NOM 59 Zoë"]));
  });

  it("does not find a session of another edition, nor one without sign-up", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    const edition2025 = await getEdition(db(), 2025);
    const other = await db().selectFrom("session").select("id").where("edition_id", "=", edition2025.id).where("requires_signup", "=", true).executeTakeFirstOrThrow();
    const edition = await getEdition(db(), 2026);
    const plenary = await db().selectFrom("session").select("id").where("edition_id", "=", edition.id).where("requires_signup", "=", false).executeTakeFirstOrThrow();
    for (const sessionId of [other.id, plenary.id])
      await expect(workshopAttendance(db(), organiser.access, { sessionId, format: "xlsx", language: "fr", now })).rejects.toMatchObject({ code: "session_not_found" });
  });
});
