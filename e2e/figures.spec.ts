import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite } from "~/db/connection.server";
import { seedRegistrations, seedWorkshop } from "~/test/figures-seed";
import { check, expect, test } from "./fixtures";
import { signInToBackOffice } from "./back-office";

// A server whose 2026 edition holds known registrations only, written into its database between a
// first start (which builds it) and a second one, at a fixed clock: the page must show their counts.

const port = Number(process.env.E2E_PORT ?? 3210) + 800 + 10 * Number(process.env.TEST_WORKER_INDEX ?? 0);
const origin = `http://localhost:${port}`;
const owner = (project: string) => `figures-owner-${project}@example.org`;
let dataDir = "";
let server: ChildProcess | undefined;

function start(): ChildProcess {
  return spawn(process.execPath, ["server.js"], {
    stdio: "ignore",
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", DEMO_DATA: "true", TZ: "UTC", CLOCK_AT: "2026-04-23T12:00:00+02:00" },
  });
}

async function started(): Promise<void> {
  const deadline = Date.now() + 110_000;
  while (Date.now() < deadline) {
    if (await fetch(`${origin}/fr`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server at ${origin} did not start`);
}

async function stop(): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(join(tmpdir(), "rencontres-e2e-figures-"));
  server = start();
  await started();
  await stop();
  const connection = await openPglite(dataDir);
  const { db } = connection;
  const edition = await db.selectFrom("edition").select("id").where("year", "=", 2026).executeTakeFirstOrThrow();
  // In place of the demo participants, these and no others.
  await db.deleteFrom("registration").where("edition_id", "=", edition.id).execute();
  const ids = await seedRegistrations(db, edition.id, [
    { createdAt: "2026-04-15T08:00:00Z", country: "FR", category: "participant", organisationType: "commune", language: "fr" },
    { createdAt: "2026-04-16T09:00:00Z", country: "FR", category: "speaker", organisationType: "region", language: "en" },
    { createdAt: "2026-04-16T10:00:00Z", country: "SN", category: "participant", organisationType: "foreign_local_authority", language: "fr", status: "pending" },
    { createdAt: "2026-04-20T12:00:00Z", country: "SN", category: "participant", organisationType: "ngo", language: "en", status: "waitlisted" },
    { createdAt: "2026-04-17T12:00:00Z", country: "BR", category: "participant", organisationType: "commune", language: "fr", status: "cancelled" },
    { createdAt: "2026-04-22T12:00:00Z", country: "JP", category: "press", organisationType: "company", language: "en" },
  ]);
  await seedWorkshop(db, edition.id, { day: "2026-07-10", capacity: 10, title: "Coopération décentralisée", confirmed: [ids[0]!, ids[1]!], waitlisted: [ids[3]!] });
  const person = await db.insertInto("person").values({ email: owner(test.info().project.name) }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("staff_role").values({ person_id: person.id, edition_id: null, role: "owner" }).execute();
  await connection.close();
  server = start();
  await started();
});

test.afterAll(async () => {
  await stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("the statistics page shows the seeded edition's counts in both languages, and a frozen snapshot downloads as a PDF", async ({ page, visit }, testInfo) => {
  test.slow();
  await signInToBackOffice(page, visit, origin, owner(testInfo.project.name));
  await visit(`${origin}/fr/2026/organisation/chiffres`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chiffres — Rencontres 2026");
  await expect(page.locator("[data-figure=total]")).toHaveText("5");
  await expect(page.locator("[data-figure=countries]")).toHaveText("3");
  await expect(page.locator("[data-figure=foreign]")).toHaveText("3 (60\u00a0%)");
  await expect(page.getByRole("img", { name: "Par pays (3 pays)" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Inscriptions au fil du temps, comparées à l'édition précédente" })).toBeVisible();
  const byCountry = page.getByRole("table", { name: "Par pays (3 pays)" });
  await expect(byCountry.getByRole("row")).toHaveText([/^PaysInscriptionsPart$/, /^France240/, /^Sénégal240/, /^Japon120/, /^Total5100/]);
  const byCategory = page.getByRole("table", { name: "Par catégorie" });
  await expect(byCategory.getByRole("row", { name: /Participant·e/ }).getByRole("cell").first()).toHaveText("3");
  const workshops = page.getByRole("table", { name: "Remplissage des séances sur inscription" });
  await expect(workshops.getByRole("row", { name: /Atelier Coopération décentralisée/ }).getByRole("cell")).toHaveText(["10", "2", "20\u00a0%", "1"]);
  const byStatus = page.getByRole("table", { name: "Par état" });
  await expect(byStatus.getByRole("row", { name: /annulée/ }).getByRole("cell").first()).toHaveText("1");
  // France's shape on the map is named with its count.
  await expect(page.locator("svg[role=img] path title", { hasText: "France : 2" }).or(page.locator("svg[role=img] path title", { hasText: "France: 2" }))).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("figures-fr.png"), fullPage: true });

  await page.getByRole("button", { name: "Figer ces chiffres" }).click();
  await expect(page.getByRole("status")).toHaveText("Les chiffres sont figés\u202f: téléchargez le rapport ci-dessous.");
  await check(page);
  const snapshots = page.getByRole("table", { name: "Instantanés figés pour les rapports" });
  await expect(snapshots.getByRole("row")).toHaveCount(2);
  const pdf = await snapshots.getByRole("link", { name: /Rapport PDF \(français\)/ }).getAttribute("href");
  const response = await page.request.get(origin + pdf);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  await visit(`${origin}/en/2026/organisers/figures`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Figures — Rencontres 2026");
  await expect(page.locator("[data-figure=total]")).toHaveText("5");
  await expect(page.locator("[data-figure=foreign]")).toHaveText("3 (60%)");
  await expect(page.getByRole("table", { name: "By country (3 countries)" }).getByRole("row", { name: /Senegal/ }).getByRole("cell")).toHaveText(["2", "40%"]);
  await expect(page.getByRole("table", { name: "By language of the site and e-mails" }).getByRole("row", { name: /English/ }).getByRole("cell")).toHaveText(["3", "60%"]);
  await page.screenshot({ path: testInfo.outputPath("figures-en.png"), fullPage: true });
});
