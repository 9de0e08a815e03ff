import { check, expect, test, useExtraServer } from "./fixtures";
import { signInToBackOffice } from "./back-office";

// A server with the demo participants and an owner per browser project; the desktop works in
// French, the phone in English, on the same registrations: each test reads counts before it acts.
const origin = useExtraServer(600, { CLOCK_AT: "2026-05-20T10:00:00+02:00", E2E_OWNERS: "owner-desktop@example.org,owner-phone@example.org" });

const texts = {
  fr: {
    table: "/fr/2026/organisation/inscriptions",
    section: "Inscriptions",
    search: "Nom, organisation, courriel, ville ou référence",
    filters: "Filtres",
    origin: "Provenance",
    abroad: "De l'étranger",
    day: "Jour de présence",
    none: "n'est aucune des valeurs cochées (SAUF)",
    apply: "Appliquer les filtres",
    segmentName: "Nom du segment",
    saveSegment: "Enregistrer le segment",
    saved: (name: string) => `Segment « ${name} » enregistré.`,
    pending: /^en attente de validation \((\d+)\)$/,
    review: "Vérifier avant de décider",
    searchSubmit: "Rechercher",
    live: "Le tableau suit votre saisie.",
    confirmTitle: "Confirmer la décision",
    confirmOne: "Valider 1 inscription en attente de validation ?",
    confirm: "Confirmer",
    approvedOne: "1 inscription validée.",
    results: /^(\d+) inscriptions? correspond/,
  },
  en: {
    table: "/en/2026/organisers/registrations",
    section: "Registrations",
    search: "Name, organisation, e-mail, city or reference",
    filters: "Filters",
    origin: "Origin",
    abroad: "From abroad",
    day: "Day attended",
    none: "is none of those ticked (NOT)",
    apply: "Apply the filters",
    segmentName: "Name of the segment",
    saveSegment: "Save the segment",
    saved: (name: string) => `Segment “${name}” saved.`,
    pending: /^awaiting approval \((\d+)\)$/,
    review: "Review before deciding",
    searchSubmit: "Search",
    live: "The table follows as you type.",
    confirmTitle: "Confirm the decision",
    confirmOne: "Approve 1 registration awaiting approval?",
    confirm: "Confirm",
    approvedOne: "1 registration approved.",
    results: /^(\d+) registrations? match/,
  },
} as const;

const count = (text: string | null, pattern: RegExp) => Number(pattern.exec((text ?? "").replace(/[\s\u202f]/g, (space) => (space === "\u202f" ? "" : " ")))?.[1] ?? NaN);

test("an organiser searches an accented name, filters with a NOT, saves the segment and approves a registration awaiting approval", async ({ page, browser, visit }, testInfo) => {
  test.slow();
  const language = testInfo.project.name === "desktop" ? "fr" : "en";
  const t = texts[language];
  await signInToBackOffice(page, visit, origin, `owner-${testInfo.project.name}@example.org`, language);
  await page.getByRole("navigation", { name: language === "fr" ? "Administration" : "Back office" }).getByRole("link", { name: t.section, exact: true }).click();
  await expect(page).toHaveURL(origin + t.table);
  await check(page);

  // Typed without accents or capitals, the search finds São Paulo and Étienne; the address follows.
  await expect(page.getByText(t.live)).toBeVisible();
  const search = page.getByRole("searchbox", { name: t.search });
  await search.fill("sao paulo");
  await expect(page).toHaveURL(`${origin}${t.table}?q=sao+paulo`);
  await expect(page.getByRole("rowheader").filter({ hasText: "SILVA João" })).toBeVisible();
  await check(page);
  await search.fill("ETIENNE lefevre");
  await expect(page.getByRole("rowheader").filter({ hasText: "LEFÈVRE Étienne" }).first()).toBeVisible();
  await expect(page.getByRole("rowheader").filter({ hasText: "SILVA" })).toHaveCount(0);
  // Back goes to the previous search's address.
  await page.goto(`${origin}${t.table}?q=sao+paulo`);
  await expect(page.getByRole("rowheader").filter({ hasText: "SILVA João" })).toBeVisible();

  // Foreign participants who do not come on the last day: a condition with its NOT.
  await page.goto(origin + t.table);
  const everyone = count(await page.getByRole("status").filter({ hasText: t.results }).textContent(), t.results);
  await page.getByText(t.filters, { exact: true }).click();
  await page.getByRole("group", { name: t.origin, exact: true }).getByLabel(t.abroad).check();
  const day = page.getByRole("group", { name: t.day, exact: true });
  await day.getByRole("checkbox").last().check();
  await day.getByLabel(t.none).check();
  await page.getByRole("button", { name: t.apply }).click();
  await expect(page).toHaveURL(/\?origin=foreign&not_day=2026-07-\d\d$/);
  const kept = count(await page.getByRole("status").filter({ hasText: t.results }).textContent(), t.results);
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(everyone);
  await check(page);

  const name = `Abroad, not the last day (${testInfo.project.name})`;
  await page.getByLabel(t.segmentName).fill(name);
  await page.getByRole("button", { name: t.saveSegment }).click();
  await expect(page.getByRole("status").filter({ hasText: t.saved(name) })).toBeVisible();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\?segment=\d+$/);
  expect(count(await page.getByRole("status").filter({ hasText: t.results }).textContent(), t.results)).toBe(kept);
  await check(page);

  // One registration awaiting approval, approved after a review that says how many it touches.
  await page.goto(origin + t.table);
  const pendingLink = page.getByRole("navigation").getByRole("link", { name: t.pending });
  const pendingBefore = count(await pendingLink.textContent(), t.pending);
  expect(pendingBefore).toBeGreaterThan(0);
  await pendingLink.click();
  await expect(page).toHaveURL(/status=pending/);
  await page.getByRole("row").nth(1).getByRole("checkbox").check();
  await page.getByRole("button", { name: t.review }).click();
  await expect(page.getByRole("heading", { name: t.confirmTitle })).toBeFocused();
  await expect(page.getByText(t.confirmOne)).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: t.confirm, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: t.approvedOne })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: t.pending })).toHaveText(new RegExp(`\\(${pendingBefore - 1}\\)$`));
  await check(page);

  // Without JavaScript, the same forms work: the raw filter form is sent to the view's own address.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), viewport: page.viewportSize() });
  const plain = await noScript.newPage();
  await plain.goto(origin + t.table);
  await plain.getByRole("searchbox", { name: t.search }).fill("São Paulo");
  await plain.getByRole("button", { name: t.searchSubmit, exact: true }).click();
  await expect(plain).toHaveURL(`${origin}${t.table}?q=S%C3%A3o+Paulo`);
  await expect(plain.getByRole("rowheader").filter({ hasText: "SILVA João" })).toBeVisible();
  await plain.getByText(t.filters, { exact: true }).click();
  await plain.getByRole("group", { name: t.origin, exact: true }).getByLabel(t.abroad).check();
  await plain.getByRole("group", { name: t.origin, exact: true }).getByLabel(t.none).check();
  await plain.getByRole("button", { name: t.apply }).click();
  await expect(plain).toHaveURL(`${origin}${t.table}?q=S%C3%A3o+Paulo&not_origin=foreign`);
  // (axe needs scripts: these pages were checked with them above.)
  await expect(plain.getByRole("rowheader")).toHaveCount(0);
  await noScript.close();
});
