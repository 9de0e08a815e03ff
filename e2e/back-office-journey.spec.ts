import type { Browser, Page } from "@playwright/test";
import ICAL from "ical.js";
import sharp from "sharp";
import { check, expect, test, useExtraServer } from "./fixtures";
import { invitationLink, passSecondFactor, signInByMail } from "./back-office";

// A server of its own, whose clock stands before the 2026 edition, with an owner for each browser project.
const origin = useExtraServer(250, { CLOCK_AT: "2026-11-02T10:00:00+01:00", E2E_OWNERS: "owner-desktop@example.org,owner-phone@example.org" });

/** A small PNG of one colour, as a photo or a logo would be uploaded. */
const picture = (name: string, width: number, height: number, background: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer()
    .then((buffer) => ({ name, mimeType: "image/png", buffer }));

/** The events of an iCalendar text. */
const eventsOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");

/** Someone invited to the team opens the e-mailed link in a browser of their own, signs in and enrols an authenticator app. */
async function acceptInvitation(browser: Browser, address: string, subject: string, language: "fr" | "en"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const link = await invitationLink(page, origin, address, subject);
  await page.goto(link);
  await expect(page).toHaveURL(new RegExp(`/${language}/${language === "fr" ? "connexion" : "sign-in"}\\?return_to=`));
  await signInByMail(page, origin, address, language);
  await passSecondFactor(page, origin, address, language);
  await expect(page).toHaveURL(link);
  await check(page);
  return page;
}

test("an owner signs in with a passkey, prepares a draft from 2026 (translations, a speaker, a partner), publishes it; visitors see it; a second owner and a partner join", async ({ page, browser, visit }, testInfo) => {
  // Four sign-ins and some forty pages checked with axe: more than a slow test's time on a busy machine.
  test.setTimeout(240_000);
  // Each browser project has its own server, yet a year of its own keeps the two apart whatever runs where.
  const project = testInfo.project.name;
  const year = project === "phone" ? 2028 : 2027;
  const owner = `owner-${project}@example.org`;
  // Speakers are shared by the editions of a server: one name per project.
  const speaker = project === "phone" ? "Kofi Mensah" : "Awa Diallo";
  const sessionFr = "Conférence plénière thématique";
  const sessionEn = "Plenary conference on networked territories";
  const menu = page.getByRole("navigation", { name: "Administration" });

  // A platform authenticator that verifies its user, as a phone or a laptop with a fingerprint reader does.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });

  // Signed in by mail, the owner sees their editions; opening one asks for a first factor: a passkey.
  await page.goto(`${origin}/fr/organisation`);
  await signInByMail(page, origin, owner, "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administration");
  await check(page);
  await page.getByRole("link", { name: "Administration de l'édition 2026" }).click();
  await expect(page).toHaveURL(`${origin}/fr/organisation/securite?return_to=${encodeURIComponent("/fr/2026/organisation")}`);
  await check(page);
  await page.getByRole("button", { name: "Ajouter une clé d'accès" }).click();
  await expect(page.locator("[data-recovery-code]")).toHaveCount(10);
  await page.getByRole("link", { name: "Continuer" }).click();
  // The link leads to the edition's first section.
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation`);
  await check(page);

  // Signed out and in again, the passkey opens the back office; its menu leads to the edition's own page.
  await visit(`${origin}/fr/espace`);
  await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
  await check(page);
  await page.goto(`${origin}/fr/2026/organisation`);
  await signInByMail(page, origin, owner, "fr");
  await expect(page).toHaveURL(/\/fr\/organisation\/verification\?return_to=/);
  await check(page);
  await page.getByRole("button", { name: "Utiliser ma clé d'accès" }).click();
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation`);
  await menu.getByRole("link", { name: "Édition", exact: true }).click();
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation/edition`);
  await check(page);

  // 2026 copied into a draft.
  await page.getByLabel("Année de la nouvelle édition").fill(String(year));
  await page.getByLabel("Numéro de la nouvelle édition").fill(String(year - 2009));
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

  // A speaker with a photo, in the programme editor.
  await visit(`${origin}/fr/${year}/organisation/programme/intervenants`);
  await page.getByLabel("Nom", { exact: true }).fill(speaker);
  await page.getByLabel("Organisation (facultatif)").fill("Région de Thiès");
  await page.getByLabel("Photo (facultative)").setInputFiles(await picture("portrait.png", 400, 400, { r: 200, g: 120, b: 60 }));
  await page.getByRole("button", { name: "Ajouter l'intervenant" }).click();
  await expect(page.getByRole("status")).toHaveText("L'intervenant a été ajouté.");
  await check(page);

  // A copied session loses its English title, through its form (it may wait for its translation)…
  await visit(`${origin}/fr/${year}/organisation/programme`);
  await page.getByRole("link", { name: sessionFr, exact: true }).click();
  await page.getByLabel("Titre en anglais").fill("");
  await page.getByRole("button", { name: "Enregistrer la séance" }).click();
  await expect(page.getByRole("status")).toContainText("La séance a été enregistrée");
  const sessionId = /\/programme\/(\d+)\?saved$/.exec(page.url())?.[1];
  expect(sessionId).toBeDefined();
  await check(page);

  // …is counted and listed on the edition's page, whose link leads back to the empty field, marked.
  await visit(`${origin}/fr/${year}/organisation/edition`);
  await expect(page.getByText("3 textes ne sont pas traduits.")).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`Séance ${sessionId} – .*manque en anglais.*${sessionFr}`) }).click();
  await expect(page).toHaveURL(`${origin}/fr/${year}/organisation/programme/${sessionId}#title_en`);
  await expect(page.getByLabel("Titre en anglais")).toHaveAccessibleDescription(/Traduction manquante en anglais/);
  await check(page);
  await page.getByLabel("Titre en anglais").fill(sessionEn);
  await page.getByLabel(`${speaker}, Région de Thiès`).selectOption("speaker");
  await page.getByRole("button", { name: "Enregistrer la séance" }).click();
  await expect(page.getByRole("status")).toContainText("La séance a été enregistrée");

  // A partner with a logo.
  await visit(`${origin}/fr/${year}/organisation/partenaires`);
  const supporter = page.getByRole("form", { name: "Ajouter un soutien" });
  await supporter.getByLabel("Nom, en français").fill("Région de Thiès");
  await supporter.getByLabel("Nom, en anglais").fill("Thiès Region");
  await supporter.getByLabel("Rôle").selectOption("partner");
  await supporter.getByLabel("Logo").setInputFiles(await picture("logo.png", 900, 300, { r: 0, g: 110, b: 190 }));
  await supporter.getByRole("button", { name: "Ajouter le soutien" }).click();
  await expect(page.getByRole("status")).toHaveText("Le soutien a été ajouté.");
  await check(page);

  // The English title is filled in from the list of missing translations.
  await visit(`${origin}/fr/${year}/organisation/edition`);
  await expect(page.getByText("2 textes ne sont pas traduits.")).toBeVisible();
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

  // The programme with the session's translated title, the speaker with their photo, the partner's logo.
  await visitorPage.goto(`${origin}/en/${year}/programme`);
  await expect(visitorPage.getByRole("link", { name: sessionEn })).toBeVisible();
  await check(visitorPage);
  await visitorPage.goto(`${origin}/en/${year}/speakers`);
  const card = visitorPage.getByRole("listitem").filter({ has: visitorPage.getByRole("heading", { name: speaker }) });
  await expect(card.getByRole("link", { name: sessionEn })).toBeVisible();
  // The photo beside the name the heading gives: its text is empty, not missing.
  const photo = card.locator("img");
  await expect(photo).toHaveAttribute("alt", "");
  await expect(photo).toHaveAttribute("src", /^\/media\/\d+-[0-9a-f]{64}\.webp$/);
  expect(await photo.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBeGreaterThan(0);
  await check(visitorPage);
  await visitorPage.goto(`${origin}/en/${year}/partners`);
  const logo = visitorPage.getByRole("img", { name: "Thiès Region", exact: true });
  await expect(logo).toHaveAttribute("src", /^\/media\/\d+-[0-9a-f]{64}\.webp$/);
  expect(await logo.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBeGreaterThan(0);
  await check(visitorPage);

  // The programme's calendar file holds the session, in the language of its address, in the new year.
  for (const [language, summary] of [["en", sessionEn], ["fr", sessionFr]] as const) {
    const calendar = await visitorPage.request.get(`${origin}/${language}/${year}/programme.ics`);
    expect(calendar.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const event = eventsOf(await calendar.text()).find((candidate) => candidate.getFirstPropertyValue("summary") === summary);
    expect(event, `${summary} in the ${language} calendar`).toBeDefined();
    expect((event!.getFirstPropertyValue("dtstart") as ICAL.Time).year).toBe(year);
  }
  await visitor.close();

  // The owner invites a second owner, told in English, and a partner of this edition, told in French.
  const secondOwner = `second-owner-${project}@example.org`;
  const partner = `partner-${project}@example.org`;
  await menu.getByRole("link", { name: "Équipe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Équipe de l'édition ${year}`);
  for (const [address, role, language] of [[secondOwner, "owner", "en"], [partner, "partner", "fr"]] as const) {
    await page.getByLabel("Adresse électronique").fill(address);
    await page.getByLabel("Rôle", { exact: true }).selectOption(role);
    await page.getByLabel("Langue du courriel").selectOption(language);
    await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await expect(page.getByRole("status")).toHaveText(`${address} a maintenant ce rôle et en a été informé·e par courriel.`);
  }
  await expect(page.getByRole("row", { name: new RegExp(secondOwner) })).toContainText("Responsable");
  await expect(page.getByRole("row", { name: new RegExp(partner) })).toContainText("Partenaire");
  await check(page);

  // The second owner reaches the edition's back office.
  const secondOwnerPage = await acceptInvitation(browser, secondOwner, `You join the team of the Rencontres ${year}`, "en");
  await expect(secondOwnerPage).toHaveURL(`${origin}/en/${year}/organisers`);
  await expect(secondOwnerPage.getByRole("heading", { level: 1 })).toHaveText(`Organisers — Rencontres ${year}`);
  await expect(secondOwnerPage.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Team" })).toBeVisible();
  await secondOwnerPage.context().close();

  // The partner sees the figures of this edition, and nothing else.
  const partnerPage = await acceptInvitation(browser, partner, `Vous rejoignez l'équipe des Rencontres ${year}`, "fr");
  await expect(partnerPage).toHaveURL(`${origin}/fr/${year}/organisation/chiffres`);
  await expect(partnerPage.getByRole("heading", { level: 1 })).toHaveText(`Chiffres — Rencontres ${year}`);
  await expect(partnerPage.getByRole("navigation", { name: "Administration" }).getByRole("link")).toHaveText(["Chiffres"]);
  const elsewhere = ["", "/edition", "/programme", "/partenaires", "/equipe", "/journal"].map((section) => `/fr/${year}/organisation${section}`);
  for (const path of [...elsewhere, "/fr/2026/organisation/chiffres"]) {
    expect((await partnerPage.goto(origin + path))?.status(), path).toBe(404);
  }
  await check(partnerPage);
  await partnerPage.goto(`${origin}/fr/organisation`);
  await expect(partnerPage.getByRole("heading", { level: 2 })).toHaveText([new RegExp(String(year))]);
  await expect(partnerPage.getByRole("link", { name: `Administration de l'édition ${year}` })).toHaveAttribute("href", `/fr/${year}/organisation/chiffres`);
  await check(partnerPage);
  await partnerPage.context().close();
});
