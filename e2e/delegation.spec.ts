import type { Page } from "@playwright/test";
import { check, expect, expectNoAccessibilityViolations, mailedLink, test, useExtraServer } from "./fixtures";

// A server whose clock stands inside the 2026 registration window. Beside the main test server
// (E2E_PORT), one per Playwright worker.
const origin = useExtraServer(4000, { CLOCK_AT: "2026-04-20T10:00:00+02:00" });

const nnbsp = "\u202f";

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
  },
} as const;

/** Signs in from the sign-in page the browser is on, through the e-mail in the development mailbox. */
async function signInByMail(page: Page, address: string, language: "fr" | "en") {
  const t = texts[language];
  await check(page);
  await page.getByLabel(t.email).fill(address);
  await page.getByRole("button", { name: t.send }).click();
  await page.goto(await mailedLink(page, origin, address));
  await page.getByRole("button", { name: t.signIn, exact: true }).click();
}

/** Fills in the registration form's details the invitation does not give, and its required question. */
async function fillOwnDetails(page: Page, language: "fr" | "en") {
  const t = texts[language];
  await page.getByLabel(t.category).selectOption("participant");
  await page.getByRole("group", { name: t.lunch }).getByLabel(t.no).check();
}

/** Someone registered for 2026 in `organisation`, signed in and on their space. */
async function registered(page: Page, language: "fr" | "en", person: { address: string; givenName: string; familyName: string; organisation: string }) {
  const t = texts[language];
  await page.goto(origin + t.register);
  await signInByMail(page, person.address, language);
  await expect(page).toHaveURL(origin + t.register);
  await page.getByLabel(t.givenName).fill(person.givenName);
  await page.getByLabel(t.familyName, { exact: true }).fill(person.familyName);
  await page.getByLabel(t.organisationType).selectOption("commune");
  await page.getByLabel(t.organisationName).fill(person.organisation);
  await page.getByLabel(t.country).selectOption("FR");
  await fillOwnDetails(page, language);
  await page.getByRole("button", { name: t.submitRegistration }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}${t.space}\\?done=registered#registration-\\d+$`));
  await check(page);
}

test("a French lead's colleague accepts in English; every message names the person it is about", async ({ page, browser }, testInfo) => {
  // Two people, each signing in by e-mail, and axe on every page: a long journey.
  test.slow();
  const lead = `lead-${testInfo.project.name}@example.org`;
  const colleague = `amina-${testInfo.project.name}@example.org`;
  await registered(page, "fr", { address: lead, givenName: "Marie", familyName: "Martin", organisation: "Ville d'Amiens" });

  // The lead invites Amina, in English, which the form lets the lead choose.
  await page.getByRole("link", { name: "Inviter un·e collègue" }).click();
  await page.getByLabel("Prénom").fill("Amina");
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Diallo");
  await page.getByLabel("Courriel (obligatoire)", { exact: true }).fill(colleague);
  await page.getByRole("group", { name: "Langue de l'invitation" }).getByLabel("English").check();
  await check(page);
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Invitation envoyée.");

  // Amina's e-mail, in English, says who invites her; she signs in and accepts in English.
  const context = await browser.newContext();
  const amina = await context.newPage();
  const link = await mailedLink(amina, origin, colleague, "Invitation to the Rencontres 2026");
  await expect(amina.locator("pre").first()).toContainText(
    "Marie Martin (Ville d'Amiens)\ninvites you to register for the Rencontres 2026 in their organisation's delegation.",
  );
  expect(new URL(link).pathname).toBe("/en/2026/invitation");
  await amina.goto(link);
  await signInByMail(amina, colleague, "en");
  await expect(amina.getByRole("heading", { level: 1 })).toHaveText("Invitation to the Rencontres 2026");
  await expect(amina.getByText("Marie Martin invites you to join the delegation of Ville d'Amiens at the Rencontres 2026.")).toBeVisible();
  await expect(amina.getByLabel("First name")).toHaveValue("Amina");
  await expect(amina.getByText(`E-mail: ${colleague} (the address you signed in with)`)).toBeVisible();
  // Her consents are asked of her, in her language, and nothing is ticked for her.
  const photos = amina.getByLabel("I agree to appear in photos and videos taken during the Rencontres and published by the organisers.");
  await expect(photos).not.toBeChecked();
  await check(amina);
  await photos.check();
  await fillOwnDetails(amina, "en");
  await amina.getByRole("button", { name: "Accept and register" }).click();
  await expect(amina).toHaveURL(new RegExp(`^${origin}/en/my-space\\?done=registered#registration-\\d+$`));
  await expect(amina.getByText("Amina Diallo, Ville d'Amiens — confirmed")).toBeVisible();
  await check(amina);
  await context.close();

  // Invited again, Amina is named as registered already, and nothing is sent.
  await page.getByLabel("Prénom").fill("Amina");
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Diallo");
  await page.getByLabel("Courriel (obligatoire)", { exact: true }).fill(colleague);
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole("status")).toHaveText(`Amina Diallo fait déjà partie de votre délégation${nnbsp}: aucune invitation n'a été envoyée.`);
  await check(page);

  // The lead cancels Amina's place, worded with French elision, and has no way into her form.
  await page.getByRole("link", { name: "Retour à mon espace" }).click();
  await expect(page.getByText(`Amina Diallo (${colleague}) — confirmée`)).toBeVisible();
  await expect(page.getByRole("link", { name: /Amina Diallo/ })).toHaveCount(0);
  await page.getByLabel("Je veux annuler l'inscription d'Amina Diallo").check();
  await page.getByRole("button", { name: "Annuler – Amina Diallo" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "L'inscription d'Amina Diallo est annulée. Nous le lui avons annoncé par courriel et vous en avons envoyé une copie.",
  );
  await expect(page.getByText(`Amina Diallo (${colleague}) — annulée`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Annuler – Amina Diallo" })).toHaveCount(0);
  await check(page);
  // A notice about someone outside the lead's delegation names nobody.
  await page.goto(`${origin}/fr/espace?done=member-cancelled&registration=1`);
  await expect(page.getByRole("status")).toHaveCount(0);

  // Amina is told in English who cancelled; the lead gets a copy in French.
  await page.goto(`${origin}/dev/mailbox`);
  await expectNoAccessibilityViolations(page);
  await expect(page.getByRole("row").filter({ hasText: colleague }).filter({ hasText: "Your registration for the Rencontres 2026 is cancelled" })).toHaveCount(1);
  await page.getByRole("row").filter({ hasText: lead }).filter({ hasText: `Copie${nnbsp}: Votre inscription aux Rencontres 2026 est annulée` }).getByRole("link").first().click();
  await expect(page.locator("pre").first()).toContainText("Marie Martin (Ville d'Amiens), qui gère votre délégation, a annulé votre inscription aux Rencontres 2026");
  await expectNoAccessibilityViolations(page);
});

test("a workshop card explains a clash before anyone presses a button, and a seat names its workshop", async ({ page }, testInfo) => {
  test.slow();
  await registered(page, "en", { address: `clash-${testInfo.project.name}@example.org`, givenName: "Paul", familyName: "Durand", organisation: "City of Lyon" });
  const cards = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 4 }) });
  const thematic = cards.filter({ has: page.getByRole("heading", { name: "Thematic workshops" }) }).first();
  const when = (await thematic.locator(".meta").first().textContent()) ?? "";
  // Each card links to the workshop's public page and describes it.
  await expect(thematic.getByRole("link", { name: "Thematic workshops" })).toBeVisible();
  await expect(thematic).toContainText("Local authorities and partners discuss one theme of international action.");
  await thematic.getByRole("button", { name: /Book a seat/ }).click();
  await expect(page.getByRole("status")).toHaveText("You have a seat at “Thematic workshops”.");
  await check(page);

  // The session held at the same time is explained on the card that clashes, which offers no button.
  const parallel = cards.filter({ hasText: when }).filter({ hasNot: page.getByRole("heading", { name: "Thematic workshops" }) }).first();
  await expect(parallel).toContainText("At the same time as “Thematic workshops”, which you hold: give up that seat first to take this one.");
  await expect(parallel.getByRole("button")).toHaveCount(0);

  // The public page of the workshop says how many seats are left and how to sign up.
  await cards
    .filter({ has: page.getByRole("button", { name: /Give up my place/ }) })
    .getByRole("link", { name: "Thematic workshops" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thematic workshops");
  await expect(page.getByText(/seats? left out of 40/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "How to sign up" })).toBeVisible();
  await check(page);
  await page.getByRole("link", { name: "Sign up from my space" }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}/en/my-space#workshop-\\d+$`));
});
