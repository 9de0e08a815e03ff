import { check, expect, test } from "./fixtures";

test.describe("the public site in English", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9,fr;q=0.5" } });

  test("a visitor goes from the front door to a session, its calendar file and back in French", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/en$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Paris Meeting of local authorities in international action");
    await expect(page.getByText("Local authorities in the new world order")).toBeVisible();
    await expect(page.getByText("Wednesday 8 July – Thursday 9 July 2026")).toBeVisible();
    await check(page);

    await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Programme" }).click();
    await expect(page).toHaveURL(/\/en\/2026\/programme$/);
    await expect(page.getByRole("heading", { name: "Wednesday, 8 July 2026" })).toBeVisible();
    const parallel = page.getByRole("list", { name: "3 sessions at the same time" }).first();
    await expect(parallel.getByRole("listitem")).toHaveCount(3);
    await check(page);

    await page.getByRole("checkbox", { name: "B2B meetings" }).check();
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\?kind=b2b$/);
    await expect(page.getByRole("link", { name: "Thematic workshops" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "B2B meetings" })).toHaveCount(4);
    await check(page);

    await page.getByRole("link", { name: "Thursday 9 July" }).click();
    await expect(page).toHaveURL(/\/en\/2026\/programme\/2026-07-09\?kind=b2b$/);
    await expect(page.getByRole("link", { name: "B2B meetings" })).toHaveCount(3);
    await page.getByRole("link", { name: "Show everything" }).click();
    await page.getByRole("link", { name: "Plenary session honouring one country" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plenary session honouring one country");
    await expect(page.getByText("Thursday, 9 July 2026, 11:30 to 12:30")).toBeVisible();
    await check(page);

    const calendar = await page.request.get(
      (await page.getByRole("link", { name: "Add to my calendar (.ics)" }).getAttribute("href")) ?? "",
    );
    expect(calendar.headers()["content-type"]).toContain("text/calendar");
    expect(await calendar.text()).toContain("BEGIN:VEVENT");

    await page.getByRole("link", { name: "Français" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plénière de mise à l'honneur d'un pays");
    await expect(page.getByText("jeudi 9 juillet 2026, de 11:30 à 12:30")).toBeVisible();
    await check(page);
  });

  test("practical information, partners, archive and the pages about the site", async ({ page, visit }) => {
    await visit("/en/2026/practical-information");
    await expect(page.getByText("9bis, avenue d'Iéna")).toBeVisible();
    await expect(page.getByText("Line 9, Iéna station, exit Musée Guimet")).toBeVisible();
    await expect(page.getByText("Lines 32, 63 and 82, Iéna stop")).toBeVisible();
    await expect(page.getByText("Parking Kléber, 65 avenue Kléber, 75116 Paris")).toBeVisible();
    await expect(page.getByRole("link", { name: "coop-dec@cites-unies-france.org" })).toBeVisible();
    await expect(page.getByRole("link", { name: /map/ })).toHaveAttribute("href", /openstreetmap/);

    await visit("/en/2026/partners");
    await expect(page.getByRole("heading", { name: "PLATFORMA" })).toBeVisible();
    await expect(page.getByText("The PLATFORMA project is co-financed by the European Union.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Country of honour" })).toBeVisible();

    await visit("/en/archive");
    await page.getByRole("link", { name: "16th edition, 2025" }).click();
    await expect(page).toHaveURL(/\/en\/2025$/);
    await expect(page.getByText("This is a past edition, kept as it was.")).toBeVisible();
    await expect(page.getByText("Constructing the local authorities' international action of tomorrow")).toBeVisible();
    await expect(page.getByText("Online registration is closed.")).toBeVisible();
    await check(page);

    await visit("/en/2025/programme");
    await expect(page.getByRole("heading", { name: "Friday, 4 July 2025" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ceremony honouring one country" })).toBeVisible();

    for (const path of ["/en/accessibility", "/en/legal-notice", "/en/privacy"]) await visit(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy");
  });

  test("an unknown page is a localised 404 with a way back", async ({ page }) => {
    for (const path of ["/en/1999", "/en/2026/programme/2026-07-10", "/en/2026/sessions/999999", "/en/2026/sessions/abc", "/xx/page"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
      await check(page);
    }
    await page.getByRole("link", { name: "Back to the home page" }).click();
    await expect(page).toHaveURL(/\/en$/);
  });
});

test.describe("the public site in French", () => {
  test.use({ locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" } });

  test("un visiteur parcourt l'édition 2026 en français", async ({ page, visit }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/fr$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Rencontres de l'action internationale des collectivités territoriales");
    await expect(page.getByText("17e édition")).toBeVisible();
    await expect(page.getByText("Les inscriptions en ligne sont closes.")).toBeVisible();
    await check(page);

    await page.getByRole("link", { name: "Tout le programme" }).click();
    await expect(page).toHaveURL(/\/fr\/2026\/programme$/);
    await expect(page.getByRole("heading", { name: "mercredi 8 juillet 2026" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "13:00 – 14:00" })).toBeVisible();
    await check(page);

    await page.getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(/\/en\/2026\/programme$/);
    await page.getByRole("link", { name: "Français" }).click();

    await page.getByRole("link", { name: "Infos pratiques" }).first().click();
    await expect(page).toHaveURL(/\/fr\/2026\/infos-pratiques$/);
    await expect(page.getByText("Ligne 9, station Iéna, sortie Musée Guimet")).toBeVisible();
    await check(page);

    await visit("/fr/2026/partenaires");
    await expect(page.getByText("Le projet PLATFORMA est co-financé par l'Union européenne.")).toBeVisible();
    for (const path of ["/fr/archives", "/fr/accessibilite", "/fr/mentions-legales", "/fr/donnees-personnelles", "/fr/2025"]) await visit(path);
    await expect(page.getByText("Cette édition est passée\u202f; sa page est conservée telle quelle.")).toBeVisible();
  });

  test("une adresse inconnue donne une page 404 en français", async ({ page }) => {
    const response = await page.goto("/fr/2026/seances/999999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
    await expect(page.getByRole("link", { name: "Retour à l'accueil" })).toBeVisible();
    await check(page);
  });

  test("every public page announces its other language", async ({ page }) => {
    await page.goto("/fr/2026/infos-pratiques");
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", /\/en\/2026\/practical-information$/);
    await expect(page.locator('link[rel="alternate"][hreflang="fr"]')).toHaveAttribute("href", /\/fr\/2026\/infos-pratiques$/);
    await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", /\/$/);
  });
});
