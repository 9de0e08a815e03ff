import { signInToBackOffice } from "./back-office";
import { check, expect, mailedLink, test, useExtraServer } from "./fixtures";
import { registerAs } from "./participants";

// A server whose clock stands inside the 2026 registration window; the demo has published profiles.
const origin = useExtraServer(1100, { CLOCK_AT: "2026-04-20T10:00:00+02:00", E2E_OWNERS: "themes-desktop@example.org,themes-phone@example.org" });

const texts = {
  en: {
    profileLink: "My profile",
    directoryLink: "Directory of participants",
    profileTitle: "My profile for the B2B meetings of 2026",
    region: "Region, province or state",
    offer: "What I offer",
    seek: "What I am looking for",
    themes: "Themes",
    water: "Water and sanitation",
    consent: /I agree that my profile/,
    save: "Save my profile",
    saved: "Your profile is saved and shown in the directory.",
    hidden: "Your profile is saved; it is not shown in the directory.",
    words: "Name, organisation, city, region or words of a profile",
    search: "Search",
    one: "1 profile.",
    none: "No profile matches.",
    ask: "Ask Jürgen Schäfer for a meeting",
    must: "must meet",
    message: "Your message",
    send: "Send my request",
    asked: "Your request is sent; you will receive an e-mail when it is answered.",
    outgoing: "Requests I made",
    pending: /awaiting an answer/,
  },
  fr: {
    profileLink: "Mon profil",
    directoryLink: "Annuaire des participants",
    profileTitle: "Mon profil pour les rendez-vous B2B de 2026",
    region: "Région, province ou État",
    offer: "Ce que je propose",
    seek: "Ce que je recherche",
    themes: "Thèmes",
    water: "Eau et assainissement",
    consent: /J’accepte que mon profil/,
    save: "Enregistrer mon profil",
    saved: "Votre profil est enregistré et figure dans l’annuaire.",
    hidden: "Votre profil est enregistré\u202f; il ne figure pas dans l’annuaire.",
    words: "Nom, organisation, ville, région ou mots d’un profil",
    search: "Chercher",
    one: "1 profil.",
    none: "Aucun profil ne correspond.",
    ask: "Demander un rendez-vous à Jürgen Schäfer",
    must: "rencontre indispensable",
    message: "Votre message",
    send: "Envoyer ma demande",
    asked: "Votre demande est envoyée\u202f; vous recevrez un courriel à sa réponse.",
    outgoing: "Demandes envoyées",
    pending: /en attente de réponse/,
  },
} as const;


test("a participant publishes a profile, finds a demo profile regardless of accents, appears in the directory, then withdraws", async ({ page }, testInfo) => {
  test.slow();
  const language = testInfo.project.name === "desktop" ? "en" : "fr";
  const t = texts[language];
  const family = `Haddad-${testInfo.project.name}`;
  await registerAs(page, origin, language, `meetings-${testInfo.project.name}@example.org`, family);
  await check(page);

  await page.getByRole("link", { name: t.profileLink }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.profileTitle);
  await check(page);
  await page.getByLabel(t.region).fill("Liban-Sud");
  await page.getByLabel(t.offer).fill("Gestion des déchets <b>côtiers</b> =SUM(1)");
  await page.getByLabel(t.seek).fill("Villes jumelles pour l'eau potable");
  await page.getByRole("group", { name: t.themes }).getByLabel(t.water).check();
  await page.getByLabel(t.consent).check();
  await page.getByRole("button", { name: t.save }).click();
  await expect(page.getByRole("status")).toHaveText(t.saved);
  await check(page);

  // The directory: a demo profile found without its accents, then one's own by its words.
  await page.getByRole("link", { name: t.directoryLink }).click();
  await check(page);
  await page.getByLabel(t.words).fill("koln");
  await page.getByRole("button", { name: t.search }).click();
  await expect(page.getByRole("status")).toHaveText(t.one);
  await expect(page.getByRole("heading", { level: 3 })).toHaveText("Jürgen Schäfer");
  await check(page);
  await page.getByLabel(t.words).fill("dechets cotiers");
  await page.getByRole("button", { name: t.search }).click();
  await expect(page.getByRole("heading", { level: 3 })).toHaveText(`Nadia ${family}`);
  // Markup and formulas in a profile are shown as typed.
  await expect(page.getByText("Gestion des déchets <b>côtiers</b> =SUM(1)")).toBeVisible();
  await check(page);

  // Withdrawn, the profile leaves the directory.
  await page.goBack();
  await page.goBack();
  await page.getByRole("link", { name: t.profileLink }).first().click();
  await page.getByLabel(t.consent).uncheck();
  await page.getByRole("button", { name: t.save }).click();
  await expect(page.getByRole("status")).toHaveText(t.hidden);
  await page.goto(`${origin}/${language}/2026/${language === "fr" ? "rendez-vous" : "meetings"}?q=dechets+cotiers`);
  await expect(page.getByRole("status")).toHaveText(t.none);
  await check(page);
});

test("a participant asks a demo participant for a meeting; he accepts in his own language and she is told in hers", async ({ page, browser }, testInfo) => {
  // Two people sign in and one registers: long on a busy machine.
  test.setTimeout(240_000);
  const language = testInfo.project.name === "desktop" ? "fr" : "en";
  const t = texts[language];
  const family = `Khalil-${testInfo.project.name}`;
  const address = `asker-${testInfo.project.name}@example.org`;
  await registerAs(page, origin, language, address, family);
  await page.getByRole("link", { name: t.profileLink }).click();
  await page.getByLabel(t.consent).check();
  await page.getByRole("button", { name: t.save }).click();
  await page.getByRole("link", { name: t.directoryLink }).click();
  await page.getByLabel(t.words).fill("schafer");
  await page.getByRole("button", { name: t.search }).click();
  await page.getByRole("link", { name: t.ask }).click();
  await check(page);
  await page.getByLabel(t.must).check();
  await page.getByLabel(t.message).fill("Jumelage autour du climat ?");
  await page.getByRole("button", { name: t.send }).click();
  await expect(page.getByRole("status")).toHaveText(t.asked);
  await expect(page.getByRole("region", { name: t.outgoing }).getByText(t.pending)).toBeVisible();
  await check(page);

  // Jürgen, who reads the site in English, accepts from the link of his e-mail.
  const his = await browser.newContext();
  const other = await his.newPage();
  await other.goto(`${origin}/en/sign-in`);
  await other.getByLabel("E-mail address").fill("jurgen.schafer@example.org");
  await other.getByRole("button", { name: "Send me a sign-in link" }).click();
  // His link, read from the mailbox in the first browser, opened in his.
  const link = await mailedLink(page, origin, "jurgen.schafer@example.org", "sign-in link");
  await other.goto(link);
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await other.goto(`${origin}/en/2026/meetings/requests`);
  await expect(other.getByRole("region", { name: "Requests I received" }).getByText("Jumelage autour du climat ?")).toBeVisible();
  await check(other);
  await other.getByRole("button", { name: `Accept to meet Nadia ${family}` }).click();
  await expect(other.getByRole("status")).toHaveText("You accepted the meeting; the organisers will tell you its time and table.");
  await check(other);
  await his.close();

  // She is told in her language.
  await page.goto(`${origin}/dev/mailbox`);
  const subject = language === "fr" ? "Jürgen Schäfer a accepté de vous rencontrer" : "Jürgen Schäfer accepted to meet you";
  await expect(page.getByRole("row").filter({ hasText: address }).filter({ hasText: subject })).toHaveCount(1);
});

test("an organiser adds a theme in both languages and moves it up; participants can pick it", async ({ page, visit }, testInfo) => {
  test.slow();
  const language = testInfo.project.name === "desktop" ? "en" : "fr";
  await signInToBackOffice(page, visit, origin, `themes-${testInfo.project.name}@example.org`, language);
  const themes = `${origin}/${language}/2026/${language === "fr" ? "organisation/rendez-vous" : "organisers/meetings"}`;
  await visit(themes);
  const fr = `Villes durables ${testInfo.project.name}`;
  const en = `Sustainable cities ${testInfo.project.name}`;
  await page.getByLabel(language === "fr" ? "En français" : "In French", { exact: true }).fill(fr);
  await page.getByLabel(language === "fr" ? "En anglais" : "In English", { exact: true }).fill(en);
  await page.getByRole("button", { name: language === "fr" ? "Ajouter le thème" : "Add the theme" }).click();
  await expect(page.getByRole("status")).toHaveText(language === "fr" ? "Le thème est ajouté." : "The theme is added.");
  await check(page);
  const rows = page.getByRole("table").getByRole("row");
  const last = async () => await rows.last().locator("input[name=label_en]").inputValue();
  expect(await last()).toBe(en);
  await page.getByRole("button", { name: language === "fr" ? `Monter «\u202f${fr}\u202f»` : `Move up “${fr}”` }).click();
  await expect(page.getByRole("status")).toHaveText(language === "fr" ? "L’ordre est modifié." : "The order is changed.");
  expect(await last()).not.toBe(en);
  await check(page);
});
