import { expect, test } from "./fixtures";

test.describe("the menu", () => {
  test("marks the section of the page being read, and only that one", async ({ page, visit }) => {
    const menu = page.getByRole("navigation", { name: "Main menu" });
    const current = menu.locator('[aria-current="page"]');
    for (const [path, section] of [
      ["/en", "2026 edition"],
      ["/en/2026", "2026 edition"],
      ["/en/2026/programme", "Programme"],
      ["/en/2026/programme/2026-07-09", "Programme"],
      ["/en/2026/practical-information", "Practical information"],
      ["/en/2025/partners", "Partners"],
      ["/en/archive", "Past editions"],
      ["/en/sign-in", "My space"],
    ] as const) {
      await visit(path);
      await expect(current, path).toHaveCount(1);
      await expect(current, path).toHaveText(section);
    }
    await visit("/en/privacy");
    await expect(current).toHaveCount(0);
  });

  test("of a year without an edition has only links that lead somewhere", async ({ page, request }) => {
    const response = await page.goto("/en/2030");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    const hrefs = await page.locator("header a[href], footer a[href], main a[href]").evaluateAll((links) =>
      links.map((link) => link.getAttribute("href") ?? ""),
    );
    expect(hrefs).toContain("/en/2026/programme");
    expect(hrefs.filter((href) => href.includes("2030"))).toEqual([]);
    for (const href of new Set(hrefs)) expect((await request.get(href)).status(), href).toBe(200);
  });
});

test.describe("a browser that prefers German", () => {
  test.use({ locale: "de-DE", extraHTTPHeaders: { "Accept-Language": "de-DE,de;q=0.9" } });

  test("is sent to the site in English", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/en$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test.describe("a past edition", () => {
  test("does not announce a country of honour to come", async ({ page, visit }) => {
    for (const path of ["/en/2025", "/en/2025/partners", "/fr/2025", "/fr/2025/partenaires"]) {
      await visit(path);
      await expect(page.getByText(/to be announced|sera annoncé/)).toHaveCount(0);
    }
  });
});

test.describe("the privacy notice", () => {
  test("says how health data is handled and links the data download and the account deletion", async ({ page, visit }) => {
    for (const [path, texts, space, download] of [
      ["/en/privacy", ["Health data", "explicit consent", "How long data is kept", "portability"], "your space", "download all your data"],
      ["/fr/donnees-personnelles", ["Données de santé", "consentement explicite", "Durées de conservation", "portabilité"], "votre espace", "téléchargez toutes vos données"],
    ] as const) {
      await visit(path);
      for (const text of texts) await expect(page.getByText(text).first(), text).toBeVisible();
      const main = page.getByRole("main");
      await expect(main.getByRole("link", { name: space })).toHaveAttribute("href", path.startsWith("/en") ? "/en/my-space" : "/fr/espace");
      await expect(main.getByRole("link", { name: download })).toHaveAttribute("href", /\/data\.json$/);
      await expect(main.getByRole("link", { name: "coop-dec@cites-unies-france.org" }).first()).toBeVisible();
      await expect(main.getByRole("link", { name: /cnil\.fr/ })).toBeVisible();
    }
  });
});
