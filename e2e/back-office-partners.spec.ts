import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { check, expect, test, useExtraServer } from "./fixtures";
import { signInToBackOffice as signInWithFactor } from "./back-office";

// A server with an owner for each browser project, who edits the partners of 2026.
const origin = useExtraServer(500, { E2E_OWNERS: "owner-desktop@example.org,owner-phone@example.org" });

/** Signs in to the back office from the sign-in page a back-office address led to. */
/** Signs in to the back office with the second factor, and comes back to the partners section. */
async function signInToBackOffice(page: Page, visit: (path: string) => Promise<void>, origin: string, address: string) {
  await signInWithFactor(page, visit, origin, address, "en");
  await visit(`${origin}/en/2026/organisers/partners`);
}

test("an owner adds a partner with a logo, and a visitor sees the logo on the partners page", async ({ page, browser, visit }, testInfo) => {
  test.slow();
  const name = `Lakeside Region ${testInfo.project.name}`;
  const logo = testInfo.outputPath("logo.png");
  await sharp({ create: { width: 1200, height: 400, channels: 4, background: { r: 0, g: 110, b: 190, alpha: 0.9 } } }).png().toFile(logo);

  await page.goto(`${origin}/en/2026/organisers/partners`);
  await check(page);
  await signInToBackOffice(page, visit, origin, `owner-${testInfo.project.name}@example.org`);
  await expect(page).toHaveURL(`${origin}/en/2026/organisers/partners`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partners of the 2026 edition");
  await expect(page.getByRole("link", { name: "Partners", exact: true }).and(page.locator("[aria-current=page]"))).toBeVisible();
  await check(page);

  // An HTML page renamed .png is refused by its content, and the form says so beside the field.
  const fake = testInfo.outputPath("fake.png");
  writeFileSync(fake, "<!doctype html><title>x</title><script>alert(1)</script>");
  let form = page.getByRole("form", { name: "Add a supporter" });
  await form.getByLabel("Name, in French").fill(`Région du Lac ${testInfo.project.name}`);
  await form.getByLabel("Name, in English").fill(name);
  await form.getByLabel("Logo").setInputFiles(fake);
  await form.getByRole("button", { name: "Add the supporter" }).click();
  await expect(page.getByRole("alert")).toContainText("The file is not a PNG, JPEG or WebP image");
  await expect(page).toHaveTitle(/^Error: /);
  await check(page);

  form = page.getByRole("form", { name: "Add a supporter" });
  await form.getByLabel("Name, in French").fill(`Région du Lac ${testInfo.project.name}`);
  await form.getByLabel("Name, in English").fill(name);
  await form.getByLabel("Role").selectOption("partner");
  await form.getByLabel("Website (optional)").fill("https://example.org/lakeside");
  await expect(form.getByText("PNG, JPEG or WebP, at most 5 MB.")).toBeVisible();
  await form.getByLabel("Logo").setInputFiles(logo);
  await form.getByRole("button", { name: "Add the supporter" }).click();
  await expect(page.getByRole("status")).toHaveText("The supporter was added.");
  await expect(page.getByRole("heading", { level: 3, name })).toBeVisible();
  await check(page);

  const visitor = await browser.newPage();
  const response = await visitor.goto(`${origin}/en/2026/partners`);
  expect(response?.ok()).toBe(true);
  const image = visitor.getByRole("img", { name, exact: true });
  await expect(image).toBeVisible();
  const source = await image.getAttribute("src");
  expect(source).toMatch(/^\/media\/\d+-[0-9a-f]{64}\.webp$/);
  const served = await visitor.request.get(`${origin}${source}`);
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(served.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-security-policy"]).toContain("sandbox");
  expect(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(800);
  await expect(visitor.getByRole("link", { name: `Website of ${name}` })).toHaveAttribute("href", "https://example.org/lakeside");
  await expect(visitor.getByRole("heading", { name: "The « Relais de la coop déc’ »" })).toBeVisible();
  await check(visitor);

  // The same partner in French, its French name as the logo's text.
  await visitor.goto(`${origin}/fr/2026/partenaires`);
  await expect(visitor.getByRole("img", { name: `Région du Lac ${testInfo.project.name}`, exact: true })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "Le «\u202fRelais de la coop déc’\u202f»" })).toBeVisible();
  await check(visitor);
  await visitor.close();
});
