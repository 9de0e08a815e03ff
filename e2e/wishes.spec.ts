import type { Browser, Page } from "@playwright/test";
import { signInToBackOffice } from "./back-office";
import { check, expect, mailedLink, test, useExtraServer } from "./fixtures";

// A server whose clock stands inside the 2026 registration window, with an organiser for each
// browser project. Beside the main test server (E2E_PORT), one per Playwright worker.
const origin = useExtraServer(3000, {
  CLOCK_AT: "2026-04-20T10:00:00+02:00",
  E2E_OWNERS: "wishes-organiser-desktop@example.org,wishes-organiser-phone@example.org",
});

const texts = {
  fr: {
    email: "Adresse électronique",
    send: "M'envoyer un lien de connexion",
    signIn: "Se connecter",
    register: "/fr/2026/inscription",
    space: "/fr/espace",
    givenName: "Prénom",
    familyName: "Nom (obligatoire)",
    category: "Participe en tant que",
    organisationType: "Type d'organisation",
    organisationName: "Nom de l'organisation",
    country: "Pays",
    lunch: /Serez-vous présent·e au déjeuner/,
    no: "Non",
    submitRegistration: "M'inscrire",
    wishes: /Classez vos vœux \(jusqu'au/,
    noWish: "Pas souhaité",
    first: "1er choix",
    second: "2e choix",
    save: "Enregistrer mes vœux",
    sameRank: "Donnez à chaque vœu son propre rang",
    saved: "Vos vœux sont enregistrés.",
    workshop: "Ateliers thématiques",
    regional: "Réunions régionales",
  },
  en: {
    email: "E-mail address",
    send: "Send me a sign-in link",
    signIn: "Sign in",
    register: "/en/2026/register",
    space: "/en/my-space",
    givenName: "First name",
    familyName: "Last name (required)",
    category: "Taking part as",
    organisationType: "Type of organisation",
    organisationName: "Name of the organisation",
    country: "Country",
    lunch: /Will you attend the lunch/,
    no: "No",
    submitRegistration: "Register",
    wishes: /Rank your wishes \(until/,
    noWish: "Not wished for",
    first: "1st choice",
    second: "2nd choice",
    save: "Save my wishes",
    sameRank: "Give each wish its own rank",
    saved: "Your wishes are saved.",
    workshop: "Thematic workshops",
    regional: "Regional meetings",
  },
} as const;

/** Signs in from the sign-in page the browser is on, through the e-mail in the development mailbox. */
async function signInByMail(page: Page, address: string, language: "fr" | "en") {
  const t = texts[language];
  await check(page);
  await page.getByLabel(t.email).fill(address);
  await page.getByRole("button", { name: t.send }).click();
  await check(page);
  await page.goto(await mailedLink(page, origin, address));
  await check(page);
  await page.getByRole("button", { name: t.signIn, exact: true }).click();
}

/** A participant of 2026, registered and confirmed, on their space. */
async function participant(browser: Browser, language: "fr" | "en", address: string): Promise<Page> {
  const t = texts[language];
  const page = await browser.newPage();
  await page.goto(origin + t.register);
  await signInByMail(page, address, language);
  await expect(page).toHaveURL(origin + t.register);
  await check(page);
  await page.getByLabel(t.givenName).fill("Lina");
  await page.getByLabel(t.familyName, { exact: true }).fill(language === "fr" ? "Martin" : "Smith");
  await page.getByLabel(t.category).selectOption("participant");
  await page.getByLabel(t.organisationType).selectOption("region");
  await page.getByLabel(t.organisationName).fill("Région test");
  await page.getByLabel(t.country).selectOption("FR");
  await page.getByRole("group", { name: t.lunch }).getByLabel(t.no).check();
  await page.getByRole("button", { name: t.submitRegistration }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}${t.space}\\?done=registered#registration-\\d+$`));
  await check(page);
  return page;
}

// Each browser project opens its own round, on its own block of parallel sessions.
const blocks = {
  desktop: { checkbox: "2026-07-08, 14:30", time: { fr: "mercredi 8 juillet, 14:30", en: "Wednesday 8 July, 14:30" }, closes: "2026-05-01T18:00", shownCloses: "au 1er mai 2026 à 18:00" },
  phone: { checkbox: "2026-07-09, 09:30", time: { fr: "jeudi 9 juillet, 09:30", en: "Thursday 9 July, 09:30" }, closes: "2026-05-02T18:00", shownCloses: "au 2 mai 2026 à 18:00" },
} as const;

test("participants rank the sessions of an open round in French and in English; the same rank twice is refused", async ({ page, browser, visit }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name as keyof typeof blocks;
  const block = blocks[project];

  // The organiser opens a round of two parallel sessions, from before the clock to after it.
  await signInToBackOffice(page, visit, origin, `wishes-organiser-${project}@example.org`, "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisation — Rencontres 2026");
  await check(page);
  await page.getByRole("checkbox", { name: `Ateliers thématiques (${block.checkbox})` }).check();
  await page.getByRole("checkbox", { name: `Réunions régionales (${block.checkbox})` }).check();
  await page.getByLabel("Ouverture des vœux").fill("2026-04-20T08:00");
  await page.getByLabel("Clôture des vœux").fill(block.closes);
  await page.getByRole("button", { name: "Ouvrir le tour" }).click();
  await expect(page.getByRole("status")).toHaveText("Le tour est ouvert\u202f; sa graine est publiée avec lui.");
  await check(page);

  for (const language of ["fr", "en"] as const) {
    const t = texts[language];
    const space = await participant(browser, language, `wisher-${language}-${project}@example.org`);
    // Rounds of the other browser project may be open too: this one is the group holding our block.
    const round = space.getByRole("group", { name: t.wishes }).filter({ has: space.getByLabel(`${t.workshop} (${block.time[language]})`) });
    const workshop = round.getByLabel(`${t.workshop} (${block.time[language]})`);
    const regional = round.getByLabel(`${t.regional} (${block.time[language]})`);
    await expect(workshop).toHaveValue("");
    await expect(workshop.getByRole("option")).toHaveText([t.noWish, t.first, t.second]);

    await workshop.selectOption({ label: t.first });
    await regional.selectOption({ label: t.first });
    await round.getByRole("button", { name: t.save }).click();
    // A refusal is an alert (ErrorNotice); only a success is a status.
    await expect(space.getByRole("alert")).toContainText(t.sameRank);
    await check(space);

    const again = space.getByRole("group", { name: t.wishes }).filter({ has: space.getByLabel(`${t.workshop} (${block.time[language]})`) });
    await again.getByLabel(`${t.regional} (${block.time[language]})`).selectOption({ label: t.first });
    await again.getByLabel(`${t.workshop} (${block.time[language]})`).selectOption({ label: t.second });
    await again.getByRole("button", { name: t.save }).click();
    await expect(space.getByRole("status")).toContainText(t.saved);
    // The space shows the wishes as saved, ranked as the participant ranked them.
    await expect(again.getByLabel(`${t.regional} (${block.time[language]})`)).toHaveValue("1");
    await expect(again.getByLabel(`${t.workshop} (${block.time[language]})`)).toHaveValue("2");
    await check(space);
    await space.reload();
    await expect(again.getByLabel(`${t.regional} (${block.time[language]})`)).toHaveValue("1");
    await expect(again.getByLabel(`${t.workshop} (${block.time[language]})`)).toHaveValue("2");
    await check(space);
    await space.close();
  }

  // The organiser sees both people's wishes in the round.
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: block.shownCloses })).toContainText("vœux de 2 personnes");
  await check(page);
});
