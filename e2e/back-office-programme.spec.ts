import type { Page } from "@playwright/test";
import { check, expect, test, useExtraServer } from "./fixtures";
import { signInToBackOffice as signInWithFactor } from "./back-office";

// A server of its own, with an owner for each browser project.
const origin = useExtraServer(400, { E2E_OWNERS: "owner-desktop@example.org,owner-phone@example.org" });

/** Signs in to the back office from one of its pages, through the development mailbox. */
/** Signs in to the back office with the second factor, and opens the programme editor. */
async function signInToBackOffice(page: Page, visit: (path: string) => Promise<void>, origin: string, address: string) {
  await signInWithFactor(page, visit, origin, address, "fr");
  await visit(`${origin}/fr/2026/organisation/programme`);
}

/** The UID of the event titled `summary` in an iCalendar text. */
function uidOf(calendar: string, summary: string): string | undefined {
  const events = calendar.replace(/\r\n[ \t]/g, "").split("BEGIN:VEVENT").slice(1);
  const event = events.find((text) => text.includes(`SUMMARY;LANGUAGE=en:${summary}\r\n`));
  return /\r\nUID:([^\r\n]+)/.exec(`\r\n${event ?? ""}`)?.[1];
}

test("an owner adds a session with a speaker in both languages, is warned of a busy room, and visitors see it at once", async ({ page, visit, browser }, testInfo) => {
  test.slow();
  const project = testInfo.project.name;
  await signInToBackOffice(page, visit, origin, `owner-${project}@example.org`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Programme 2026\u202f: édition");
  await expect(page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Programme" })).toHaveAttribute("aria-current", "page");

  // A speaker, whose biography is plain text: markup stays text.
  await page.getByRole("link", { name: "Intervenants et modérateurs" }).click();
  await page.getByLabel("Nom", { exact: true }).fill("Aminata Touré");
  await page.getByLabel("Organisation (facultatif)").fill("Ville de Dakar");
  await page.getByLabel(/^Biographie.* en français$/).fill("Maire adjointe.\n\n<script>window.xss = 1</script> <img src=x onerror=\"window.xss = 1\">");
  await page.getByLabel(/^Biographie.* en anglais$/).fill("Deputy mayor.\n\n<script>window.xss = 1</script> javascript:window.xss=1");
  await page.getByRole("button", { name: "Ajouter l'intervenant" }).click();
  await expect(page.getByRole("status")).toHaveText("L'intervenant a été ajouté.");
  await expect(page.getByRole("link", { name: "Aminata Touré" })).toBeVisible();
  await check(page);

  // A session in the main hall while the plenary conference is held there.
  await page.getByRole("link", { name: "Retour à l'édition du programme" }).click();
  await page.getByRole("link", { name: "Ajouter une séance" }).click();
  await check(page);
  await page.getByLabel("Type de séance").selectOption("workshop_thematic");
  await page.getByLabel("Titre en français").fill(`Villes et climat ${project}`);
  await page.getByLabel("Titre en anglais").fill(`Cities and climate ${project}`);
  await page.getByLabel(/^Description.* en français$/).fill("Un atelier.\n\nDeuxième paragraphe.");
  await page.getByLabel(/^Description.* en anglais$/).fill("A workshop.\n\nSecond paragraph.");
  await page.getByLabel("Jour").selectOption({ label: "mercredi 8 juillet 2026" });
  await page.getByLabel("Début").fill("2026-07-08T17:00");
  await page.getByLabel("Fin").fill("2026-07-08T18:00");
  await page.getByLabel("Salle", { exact: true }).selectOption({ label: "Grand salon (400 places)" });
  await page.getByLabel("Aminata Touré, Ville de Dakar").selectOption("speaker");
  await page.getByRole("button", { name: "Créer la séance" }).click();

  await expect(page.getByRole("status")).toContainText("La séance a été enregistrée");
  const warnings = page.getByRole("region", { name: "Un point à vérifier" });
  await expect(warnings).toContainText("Grand salon accueille deux séances à la fois\u202f:");
  await expect(warnings.getByRole("link", { name: "Conférence plénière thématique" })).toBeVisible();
  await check(page);
  const editorUrl = page.url();

  // A visitor, in English: the programme, the session with its speaker, the speakers page, the calendar.
  const visitor = await browser.newPage();
  await visitor.goto(`${origin}/en/2026/programme`);
  await check(visitor);
  await visitor.getByRole("link", { name: `Cities and climate ${project}` }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`Cities and climate ${project}`);
  await expect(visitor.getByText("Second paragraph.")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Aminata Touré" })).toBeVisible();
  await expect(visitor.getByText("Deputy mayor.")).toBeVisible();
  await check(visitor);
  await visitor.goto(`${origin}/en/2026/programme`);
  await visitor.getByRole("link", { name: "Speakers and moderators" }).click();
  await expect(visitor).toHaveURL(`${origin}/en/2026/speakers`);
  const card = visitor.getByRole("listitem").filter({ has: visitor.getByRole("heading", { name: "Aminata Touré" }) });
  await expect(card).toContainText("Ville de Dakar");
  await expect(card).toContainText("<script>window.xss = 1</script> javascript:window.xss=1");
  await expect(card.getByRole("link", { name: `Cities and climate ${project}` })).toBeVisible();
  expect(await visitor.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();
  expect(await visitor.locator("a[href^='javascript'], img[onerror]").count()).toBe(0);
  await check(visitor);
  await visitor.goto(`${origin}/fr/2026/intervenants`);
  await expect(visitor.getByText("Maire adjointe.")).toBeVisible();
  expect(await visitor.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();
  await check(visitor);

  const calendar = await (await visitor.request.get(`${origin}/en/2026/programme.ics`)).text();
  const uid = uidOf(calendar, `Cities and climate ${project}`);
  expect(uid).toMatch(/^[0-9a-f-]{36}@/);

  // Moved to another room and time: the warning goes, the calendar entry keeps its UID.
  await page.goto(editorUrl);
  await page.getByLabel("Salle", { exact: true }).selectOption({ label: "Salle d'atelier A (60 places)" });
  await page.getByLabel("Début").fill("2026-07-08T18:30");
  await page.getByLabel("Fin").fill("2026-07-08T19:30");
  await page.getByRole("button", { name: "Enregistrer la séance" }).click();
  await expect(page.getByRole("status")).toContainText("La séance a été enregistrée");
  await expect(page.getByRole("region", { name: /point.* à vérifier/ })).toHaveCount(0);
  await check(page);
  const after = await (await visitor.request.get(`${origin}/en/2026/programme.ics`)).text();
  expect(uidOf(after, `Cities and climate ${project}`)).toBe(uid);
  expect(after).toContain("DTSTART;TZID=Europe/Paris:20260708T183000");
  await visitor.close();
});
