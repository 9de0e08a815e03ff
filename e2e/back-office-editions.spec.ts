import type { Page } from "@playwright/test";
import { check, expect, test, useExtraServer } from "./fixtures";
import { signInToBackOffice as signInWithFactor } from "./back-office";

// A server of its own, whose clock stands before the 2026 edition, with an owner for each browser project.
const origin = useExtraServer(250, { CLOCK_AT: "2026-11-02T10:00:00+01:00", E2E_OWNERS: "owner-desktop@example.org,owner-phone@example.org" });

/** Signs in to the back office by e-mail, from wherever the browser stands; where a second factor will be asked. */
/** Signs in to the back office with the second factor, and opens the list of one's editions. */
async function signInToBackOffice(page: Page, visit: (path: string) => Promise<void>, server: string, address: string) {
  await signInWithFactor(page, visit, server, address, "fr");
  await visit(`${server}/fr/organisation`);
}

test("an owner copies 2026 into a draft, previews it, fills a missing translation and publishes it after confirming; visitors then see it", async ({ page, browser, visit }, testInfo) => {
  test.slow();
  // Each browser project has its own server, yet a year of its own keeps the two apart whatever runs where.
  const year = testInfo.project.name === "phone" ? 2028 : 2027;
  const number = year - 2009;
  await signInToBackOffice(page, visit, origin, `owner-${testInfo.project.name}@example.org`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administration");
  await check(page);

  // The link leads to the edition's first section; its menu leads to the edition's own page.
  await page.getByRole("link", { name: "Administration de l'édition 2026" }).click();
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation`);
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Édition", exact: true }).click();
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation/edition`);
  await check(page);
  await page.getByLabel("Année de la nouvelle édition").fill(String(year));
  await page.getByLabel("Numéro de la nouvelle édition").fill(String(number));
  await page.getByLabel("Son premier jour").fill(`${year}-07-07`);
  await page.getByRole("button", { name: "Copier dans un brouillon" }).click();
  await expect(page).toHaveURL(`${origin}/fr/${year}/organisation/edition?done=copied`);
  await expect(page.getByRole("status").first()).toContainText(`L'édition ${year} est créée en brouillon`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Brouillon");
  await check(page);

  // A visitor does not see the draft.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  expect((await visitorPage.goto(`${origin}/fr/${year}`))?.status()).toBe(404);
  expect((await visitorPage.goto(`${origin}/fr/${year}?preview=1`))?.status()).toBe(404);
  await check(visitorPage);

  // The owner rewrites the French title and theme; their English sides wait for a translation.
  const title = page.getByRole("group", { name: "Titre" });
  const theme = page.getByRole("group", { name: "Thème" });
  await title.getByLabel("Français").fill(`Rencontres ${year}`);
  await title.getByLabel("Anglais").fill("");
  await theme.getByLabel("Français").fill("Les territoires en réseau");
  await theme.getByLabel("Anglais").fill("");
  await page.getByRole("button", { name: "Enregistrer l'édition" }).click();
  await expect(page).toHaveURL(`${origin}/fr/${year}/organisation/edition?done=saved`);
  await expect(page.getByText("2 textes ne sont pas traduits.")).toBeVisible();
  await expect(title.getByText("Traduction manquante en anglais")).toBeVisible();
  await expect(title.getByLabel("Anglais")).toHaveAttribute("lang", "en");
  await check(page);

  // The preview shows the draft, said to be one, the missing English in French marked as French.
  await visit(`${origin}/en/${year}?preview=1`);
  await expect(page.getByText("Preview of a draft: visitors do not see this page.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 }).locator('[lang="fr"]')).toHaveText(`Rencontres ${year}`);
  // Personal, kept by no cache: the same address twice is rendered twice, for this person only.
  for (let times = 0; times < 2; times += 1) {
    const previewed = await page.request.get(`${origin}/fr/${year}/programme?preview=1`);
    expect(previewed.status()).toBe(200);
    expect(previewed.headers()["cache-control"]).toBe("private, no-store");
    expect(previewed.headers()["etag"]).toBeUndefined();
  }
  expect((await visitorPage.goto(`${origin}/fr/${year}/programme?preview=1`))?.status()).toBe(404);

  // The English title is filled in from the list of missing translations.
  await visit(`${origin}/fr/${year}/organisation/edition`);
  await page.getByRole("link", { name: /Édition – Titre\s?: manque en anglais/ }).click();
  await title.getByLabel("Anglais").fill(`Meetings ${year}`);
  await page.getByRole("button", { name: "Enregistrer l'édition" }).click();
  await expect(page.getByText("Un texte n'est pas traduit.")).toBeVisible();

  // Publishing with the theme still untranslated asks for a confirmation.
  await page.getByRole("button", { name: "Publier l'édition" }).click();
  await expect(page.getByRole("heading", { name: "Publier malgré les traductions manquantes\u202f?" })).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: "Publier quand même" }).click();
  await expect(page).toHaveURL(`${origin}/fr/${year}/organisation/edition?done=published`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Publiée");
  await check(page);

  // Visitors see it in both languages; the theme not yet in English is shown in French, marked so.
  await visitorPage.goto(`${origin}/en/${year}`);
  await expect(visitorPage.getByRole("heading", { level: 1 })).toContainText(`Meetings ${year}`);
  await expect(visitorPage.locator('.theme [lang="fr"]')).toHaveText("Les territoires en réseau");
  await check(visitorPage);
  await visitorPage.goto(`${origin}/fr/${year}`);
  await expect(visitorPage.getByRole("heading", { level: 1 })).toContainText(`Rencontres ${year}`);
  await check(visitorPage);
  await visitor.close();
});
