import { signInToBackOffice } from "./back-office";
import { check, expect, test, useExtraServer } from "./fixtures";
import { registerAs } from "./participants";

// A server whose clock stands inside the 2026 registration window, before the café block; the
// demo has four café tables kept by demo participants with published profiles.
const origin = useExtraServer(1700, { CLOCK_AT: "2026-04-20T10:00:00+02:00", E2E_OWNERS: "cafes-desktop@example.org,cafes-phone@example.org" });

const texts = {
  en: {
    cafesLink: "Café tables and my seats",
    title: "Cafés des Rencontres — 2026",
    booked: "Your seat is booked.",
    refused: "You already have a café seat at that time: give it up first, or choose another round.",
    programme: "/en/2026/programme?kind=cafe",
    backOffice: "/en/2026/organisers/cafes",
  },
  fr: {
    cafesLink: "Tables des cafés et mes places",
    title: "Cafés des Rencontres — 2026",
    booked: "Votre place est réservée.",
    refused: "Vous avez déjà une place de café à ce moment-là\u202f: libérez-la d’abord, ou choisissez un autre tour.",
    programme: "/fr/2026/programme?kind=cafe",
    backOffice: "/fr/2026/organisation/cafes",
  },
} as const;

test("a participant books a café seat, is refused a second table in the same round, and the programme lists the tables", async ({ page, visit }, testInfo) => {
  test.slow();
  const language = testInfo.project.name === "desktop" ? "en" : "fr";
  const t = texts[language];
  // Each project its own tables, should both run against one server.
  const [first, second] = testInfo.project.name === "desktop" ? ["1", "2"] : ["3", "4"];
  await registerAs(page, origin, language, `cafe-guest-${testInfo.project.name}@example.org`, `Sarr-${testInfo.project.name}`);
  await check(page);

  await page.getByRole("link", { name: t.cafesLink }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
  await check(page);
  const book = (table: string) => page.getByRole("button", { name: language === "en" ? `Book table ${table} at 14:30` : `Réserver la table ${table} à 14:30` });
  await book(first).click();
  await expect(page.getByRole("status")).toHaveText(t.booked);
  await expect(page.getByRole("button", { name: language === "en" ? `Give up table ${first} at 14:30` : `Libérer la table ${first} à 14:30` })).toBeVisible();
  await check(page);

  await book(second).click();
  await expect(page.getByRole("alert")).toHaveText(t.refused);
  await check(page);

  await visit(origin + t.programme);
  const tables = page.getByRole("list", { name: language === "en" ? "Tables of this café" : "Tables de ce café" });
  await expect(tables.first()).toContainText("Étienne Lefèvre");
  await expect(tables.first()).toContainText(
    language === "en" ? "Public water utilities and decentralised cooperation" : "Régies publiques de l’eau et coopération décentralisée",
  );
});

test("an organiser sees the cafés section with its tables and guests", async ({ page, visit }, testInfo) => {
  test.slow();
  const language = testInfo.project.name === "desktop" ? "fr" : "en";
  const t = texts[language];
  await signInToBackOffice(page, visit, origin, `cafes-${testInfo.project.name}@example.org`, language);
  await visit(origin + t.backOffice);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
  await expect(page.getByRole("table")).toContainText("Conceição Araújo");
  await check(page);
});
