import type { Page } from "@playwright/test";
import { check, expect, test, useExtraServer } from "./fixtures";
import { signInToBackOffice as signInWithFactor } from "./back-office";

// A server whose clock stands inside the 2026 registration window, with an owner for each browser project.
const origin = useExtraServer(300, { CLOCK_AT: "2026-04-20T10:00:00+02:00", E2E_OWNERS: "owner-desktop@example.org,owner-phone@example.org" });

/**
 * Signs `address` in to the 2026 back office: its first page asks to sign in, the link comes by
 * e-mail, and the person lands back on that page. (A second factor will be asked here.)
 */
/** Signs in to the back office with the second factor. */
async function signInToBackOffice(page: Page, visit: (path: string) => Promise<void>, server: string, address: string) {
  await signInWithFactor(page, visit, server, address, "fr");
}

test("an owner writes practical information a visitor reads, rewords a question without changing an answer, and reads the retention dry run", async ({ page, browser, visit }, testInfo) => {
  test.slow();
  const who = testInfo.project.name;
  const address = `owner-${who}@example.org`;
  await signInToBackOffice(page, visit, origin, address);
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Infos pratiques" }).click();
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation/infos-pratiques`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Infos pratiques 2026");

  // A section in both languages.
  const adding = page.getByRole("region", { name: "Ajouter une rubrique" });
  await adding.getByLabel("Titre en français").fill(`Vestiaire ${who}`);
  await adding.getByLabel("Titre en anglais").fill(`Cloakroom ${who}`);
  await adding.getByLabel("Texte en français").fill("Au rez-de-chaussée, près de l'accueil.\n\nGratuit.");
  await adding.getByLabel("Texte en anglais").fill(
    'On the ground floor, near the reception desk.\n\nFree of charge.\n\n<script>window.injected = 1</script><img src=x onerror="window.injected = 2"> javascript:alert(1)',
  );
  await adding.getByRole("button", { name: "Ajouter une rubrique" }).click();
  await expect(page.getByRole("status")).toHaveText("Rubrique ajoutée.");
  await expect(page.getByRole("heading", { name: `Vestiaire ${who}` })).toBeVisible();
  await check(page);

  // A visitor reads it on the English practical page, paragraphs kept.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`${origin}/en/2026/practical-information`);
  await expect(visitorPage.getByRole("heading", { name: `Cloakroom ${who}` })).toBeVisible();
  await expect(visitorPage.getByText("On the ground floor, near the reception desk.", { exact: true })).toBeVisible();
  await expect(visitorPage.getByText("Free of charge.", { exact: true })).toBeVisible();
  await expect(visitorPage.getByRole("heading", { name: "Visas and invitation letters" })).toBeVisible();
  // Plain text: markup typed by an organiser is shown as typed, never run nor made a link.
  await expect(visitorPage.getByText('<script>window.injected = 1</script><img src=x onerror="window.injected = 2"> javascript:alert(1)')).toBeVisible();
  expect(await visitorPage.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
  await expect(visitorPage.locator('main img[src="x"], main a[href^="javascript"]')).toHaveCount(0);
  await check(visitorPage);
  await visitor.close();

  // A question of the owner's own, which they answer by registering.
  const label = `Taille de t-shirt ${who}`;
  await visit(`${origin}/fr/2026/organisation/questions`);
  const newQuestion = page.getByRole("region", { name: "Ajouter une question" });
  await newQuestion.getByLabel("Question en français").fill(label);
  await newQuestion.getByLabel("Question en anglais").fill(`T-shirt size ${who}`);
  await newQuestion.getByRole("button", { name: "Ajouter une question" }).click();
  await expect(page.getByRole("status")).toHaveText("Question ajoutée.");
  await check(page);

  await visit(`${origin}/fr/2026/inscription`);
  await page.getByLabel("Prénom").fill("Nadia");
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Benali");
  await page.getByLabel("Participe en tant que").selectOption("participant");
  await page.getByLabel("Type d'organisation").selectOption("commune");
  await page.getByLabel("Nom de l'organisation").fill("Ville de Lyon");
  await page.getByLabel("Pays").selectOption("FR");
  await page.getByRole("group", { name: /Serez-vous présent·e au déjeuner/ }).getByLabel("Oui").check();
  await page.getByLabel(label).fill("M");
  await page.getByRole("button", { name: "M'inscrire" }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}/fr/espace\\?done=registered`));
  await expect(page.getByText(`${label} — M`)).toBeVisible();
  await check(page);

  // The owner rewords the question: the answer given still shows the question it answered.
  await visit(`${origin}/fr/2026/organisation/questions`);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: label, exact: true }) });
  await card.getByLabel("Question en français").fill(`Taille ${who}, nouvelle formulation`);
  await card.getByRole("button", { name: `Enregistrer – ${label}` }).click();
  await expect(page.getByRole("status")).toHaveText("Enregistré.");
  await expect(page.getByRole("heading", { name: `Taille ${who}, nouvelle formulation` })).toBeVisible();
  await check(page);
  await visit(`${origin}/fr/espace`);
  await expect(page.getByText(`${label} — M`)).toBeVisible();

  // The retention dry run: when, how many, which fields.
  await visit(`${origin}/fr/2026/organisation/conservation`);
  const plan = page.getByRole("region", { name: "Ce que fera la conservation" });
  await expect(plan).toContainText("2027");
  await expect(plan).toContainText(/inscriptions? (est|sont) anonymisée/);
  await expect(plan.getByRole("listitem").filter({ hasText: "adresse électronique" })).toBeVisible();
  await check(page);
});
