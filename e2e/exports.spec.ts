import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { signInToBackOffice } from "./back-office";
import { check, expect, test, useExtraServer } from "./fixtures";

// A server whose clock stands inside the 2026 registration window, with an owner for each browser project.
const origin = useExtraServer(7300, { CLOCK_AT: "2026-04-20T10:00:00+02:00", E2E_OWNERS: "exporter-desktop@example.org,exporter-phone@example.org" });

const organisation = '=HYPERLINK("http://evil.example","clic")';
const phone = "+33 1 53 41 81 81";

/** The file a click downloads, as bytes, with the name the server gave it. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]) as [Download, void];
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

async function sheetRows(bytes: Buffer): Promise<{ name: string; rows: unknown[][]; types: number[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  const types: number[][] = [];
  sheet.eachRow((row) => {
    rows.push(Array.from({ length: 4 }, (_, index) => row.getCell(index + 1).value ?? null));
    types.push(Array.from({ length: 4 }, (_, index) => row.getCell(index + 1).type));
  });
  return { name: sheet.name, rows, types };
}

test("an organiser exports a workshop's attendance list, read back cell for cell as XLSX and CSV, and the registrations of the table", async ({ page, visit }, testInfo) => {
  test.slow();
  const address = `exporter-${testInfo.project.name}@example.org`;
  await signInToBackOffice(page, visit, origin, address, "fr");

  // The organiser registers, with a name in Cyrillic and an organisation a spreadsheet would run, and takes a workshop seat.
  await visit(`${origin}/fr/2026/inscription`);
  await page.getByLabel("Prénom").fill("Ирина");
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Петрова");
  await page.getByLabel("Téléphone").fill(phone);
  await page.getByLabel("Participe en tant que").selectOption("participant");
  await page.getByLabel("Type d'organisation").selectOption("foreign_local_authority");
  await page.getByLabel("Nom de l'organisation").fill(organisation);
  await page.getByLabel("Pays").selectOption("UA");
  await page.getByRole("group", { name: /Serez-vous présent·e au déjeuner/ }).getByLabel("Oui").check();
  await page.getByRole("button", { name: "M'inscrire" }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}/fr/espace\\?done=registered`));
  const workshop = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Ateliers thématiques" }) }).first();
  await workshop.getByRole("button", { name: /Réserver une place/ }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}/fr/espace\\?done=seat&session=\\d+$`));
  const sessionId = new URL(page.url()).searchParams.get("session")!;

  // The exports page, in French then in English.
  await page.goto(`${origin}/fr/2026/organisation`);
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Exports" }).click();
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation/exports`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Exports 2026");
  await check(page);
  await visit(`${origin}/en/2026/organisers/exports`);
  await expect(page.getByRole("heading", { name: "Workshop attendance sheets" })).toBeVisible();
  await visit(`${origin}/fr/2026/organisation/exports`);

  const links = page.locator(`a[href*="/exports/ateliers/${sessionId}?"]`);
  const xlsx = await downloaded(page, () => links.filter({ hasText: "XLSX" }).click());
  expect(xlsx.name).toBe(`emargement-2026-${sessionId}.xlsx`);
  const workbook = await sheetRows(xlsx.bytes);
  expect(workbook.name).toBe("Émargement");
  expect(workbook.rows).toEqual([
    ["Nom", "Prénom", "Organisation", "Signature"],
    ["Петрова", "Ирина", organisation, null],
  ]);
  // Texts, not formulas: the organisation reads as typed and runs nothing.
  expect(workbook.types[1]!.slice(0, 3)).toEqual([ExcelJS.ValueType.String, ExcelJS.ValueType.String, ExcelJS.ValueType.String]);

  const csv = await downloaded(page, () => links.filter({ hasText: "CSV" }).click());
  expect(csv.name).toBe(`emargement-2026-${sessionId}.csv`);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(parse(csv.bytes, { bom: true, delimiter: ";" })).toEqual([
    ["Nom", "Prénom", "Organisation", "Signature"],
    ["Петрова", "Ирина", `'${organisation}`, ""],
  ]);

  const pdf = await downloaded(page, () => links.filter({ hasText: "PDF" }).click());
  expect(pdf.name).toBe(`emargement-2026-${sessionId}.pdf`);
  expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");

  // The registrations of the edition, with the phone column, as CSV for a French Excel.
  const form = page.getByRole("region", { name: "Inscriptions" });
  await form.getByLabel("Téléphone").check();
  await form.getByLabel("Texte CSV (.csv)").check();
  const registrations = await downloaded(page, () => form.getByRole("button", { name: "Télécharger" }).click());
  expect(registrations.name).toBe("inscriptions-2026.csv");
  const records = parse(registrations.bytes, { bom: true, delimiter: ";" }) as string[][];
  const headers = records[0]!;
  expect(headers.slice(0, 4)).toEqual(["Référence", "Nom", "Prénom", "Courriel"]);
  const mine = records.find((record) => record[headers.indexOf("Courriel")] === address)!;
  expect(mine[headers.indexOf("Nom")]).toBe("Петрова");
  expect(mine[headers.indexOf("Téléphone")]).toBe(`'${phone}`);
  expect(mine[headers.indexOf("Organisation")]).toBe(`'${organisation}`);
  expect(mine[headers.indexOf("Pays")]).toBe("Ukraine");
  await check(page);
});
