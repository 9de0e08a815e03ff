import type { Page } from "@playwright/test";
import { signInToBackOffice } from "./back-office";
import { check, expect, expectNoAccessibilityViolations, mailedLink, test, useExtraServer } from "./fixtures";

// A server whose clock stands inside the 2026 registration window, with an organiser for each browser project.
const origin = useExtraServer(2000, { CLOCK_AT: "2026-04-20T10:00:00+02:00", E2E_OWNERS: "organiser-desktop@example.org,organiser-phone@example.org" });

/** Signs in from the sign-in page the browser is on, through the e-mail in the development mailbox. */
async function signInByMail(page: Page, address: string, labels: { email: string; send: string; signIn: string }) {
  await page.getByLabel(labels.email).fill(address);
  await page.getByRole("button", { name: labels.send }).click();
  await page.goto(await mailedLink(page, origin, address));
  await page.getByRole("button", { name: labels.signIn, exact: true }).click();
}

test("a participant registers, corrects the form, takes a workshop seat and invites a colleague who registers", async ({ page, browser }, testInfo) => {
  // Several people, each signing in by e-mail, and axe on every page: a long journey.
  test.slow();
  const address = `registrant-${testInfo.project.name}@example.org`;
  await page.goto(`${origin}/fr/2026`);
  await expect(page.getByText("Les inscriptions en ligne sont ouvertes jusqu'au 7 juillet 2026.")).toBeVisible();
  await page.getByRole("link", { name: "S'inscrire aux Rencontres 2026" }).click();
  await signInByMail(page, address, { email: "Adresse électronique", send: "M'envoyer un lien de connexion", signIn: "Se connecter" });
  await expect(page).toHaveURL(`${origin}/fr/2026/inscription`);
  await expect(page.getByText(`Courriel\u202f: ${address}`)).toBeVisible();
  await check(page);

  // Sent with mistakes: every error is explained in French, and what was typed stays.
  await page.getByLabel("Prénom").fill("Awa");
  await page.getByLabel("Téléphone").fill("not a phone");
  await page.getByRole("button", { name: "M'inscrire" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Il y a un problème");
  await expect(page.locator("#phone-error")).toContainText("Un numéro de téléphone ne contient que des chiffres");
  await expect(page.getByLabel("Prénom")).toHaveValue("Awa");
  await expect(page.getByLabel("Nom (obligatoire)", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await check(page);

  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Diallo");
  await page.getByLabel("Téléphone").fill("+221 33 800 00 00");
  await page.getByLabel("Participe en tant que").selectOption("participant");
  await page.getByLabel("Type d'organisation").selectOption("foreign_local_authority");
  await page.getByLabel("Nom de l'organisation").fill("Ville de Dakar");
  await page.getByLabel("Pays").selectOption("SN");
  await page.getByRole("group", { name: /Serez-vous présent·e au déjeuner/ }).getByLabel("Oui").check();
  await page.getByLabel(/J'accepte d'apparaître sur les photos/).check();
  await page.getByRole("button", { name: "M'inscrire" }).click();

  await expect(page).toHaveURL(new RegExp(`^${origin}/fr/espace\\?done=registered#registration-\\d+$`));
  await expect(page.getByText("Awa Diallo, Ville de Dakar — confirmée")).toBeVisible();
  await check(page);

  const workshop = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Ateliers thématiques" }) }).first();
  await workshop.getByRole("button", { name: /Réserver une place/ }).click();
  await expect(page.getByRole("status")).toContainText("Vous avez une place à « Ateliers thématiques ».");
  // Post/Redirect/Get: the page shown is the space fetched again, told what was done.
  await expect(page).toHaveURL(new RegExp(`^${origin}/fr/espace\\?done=seat&session=\\d+$`));
  await expect(page.getByRole("list").filter({ hasText: "Pot de clôture" }).getByRole("link", { name: "Ateliers thématiques" }).first()).toBeVisible();
  await check(page);
  // A notice the space does not know says nothing.
  await page.goto(`${origin}/fr/espace?done=anything`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);

  // The lead invites a colleague: nothing is registered until the colleague answers.
  const colleague = `colleague-${testInfo.project.name}@example.org`;
  await page.getByRole("link", { name: "Inviter un·e collègue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inviter un·e collègue aux Rencontres 2026");
  await check(page);
  await page.getByLabel("Prénom").fill("Moussa");
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Ndiaye");
  await page.getByLabel("Courriel (obligatoire)", { exact: true }).fill(colleague);
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Invitation envoyée.");
  await expect(page.getByText(`Moussa Ndiaye (${colleague}), envoyée le 20 avril 2026, valable jusqu'au 4 mai 2026`)).toBeVisible();
  await check(page);
  await page.getByRole("link", { name: "Retour à mon espace" }).click();
  await expect(page.getByRole("heading", { name: "Invitations en attente de réponse" })).toBeVisible();
  await check(page);

  // The colleague, in their own browser, follows the e-mailed link, signs in and registers themselves.
  const context = await browser.newContext();
  const colleaguePage = await context.newPage();
  const link = await mailedLink(colleaguePage, origin, colleague, "Invitation aux Rencontres 2026");
  await colleaguePage.goto(link);
  await signInByMail(colleaguePage, colleague, { email: "Adresse électronique", send: "M'envoyer un lien de connexion", signIn: "Se connecter" });
  await expect(colleaguePage.getByRole("heading", { level: 1 })).toHaveText("Invitation aux Rencontres 2026");
  await expect(colleaguePage.getByText("Awa Diallo vous invite à rejoindre la délégation de Ville de Dakar aux Rencontres 2026.")).toBeVisible();
  await expect(colleaguePage.getByLabel("Prénom")).toHaveValue("Moussa");
  await expect(colleaguePage.getByText(`Courriel\u202f: ${colleague}`)).toBeVisible();
  await check(colleaguePage);
  await colleaguePage.getByLabel("Participe en tant que").selectOption("participant");
  await colleaguePage.getByRole("group", { name: /Serez-vous présent·e au déjeuner/ }).getByLabel("Non").check();
  await colleaguePage.getByRole("button", { name: "Accepter et m'inscrire" }).click();
  await expect(colleaguePage).toHaveURL(new RegExp(`^${origin}/fr/espace\\?done=registered#registration-\\d+$`));
  await expect(colleaguePage.getByText("Moussa Ndiaye, Ville de Dakar — confirmée")).toBeVisible();
  await check(colleaguePage);
  // The link is spent.
  expect((await colleaguePage.goto(link))?.status()).toBe(410);
  await expect(colleaguePage.getByText("Cette invitation a déjà reçu une réponse")).toBeVisible();
  await check(colleaguePage);
  await context.close();

  // The lead sees the colleague's name and status, can cancel the place, and has no way into the form.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Ma délégation" })).toBeVisible();
  await expect(page.getByText(`Moussa Ndiaye (${colleague}) — confirmée`)).toBeVisible();
  await expect(page.getByRole("link", { name: /Modifier – Moussa Ndiaye/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Invitations en attente de réponse" })).toHaveCount(0);
  await check(page);
  await page.getByLabel("Je veux annuler l'inscription de Moussa Ndiaye").check();
  await page.getByRole("button", { name: "Annuler – Moussa Ndiaye" }).click();
  await expect(page.getByRole("status")).toContainText("L'inscription de Moussa Ndiaye est annulée.");
  await expect(page.getByText(`Moussa Ndiaye (${colleague}) — annulée`)).toBeVisible();

  // Both people got their confirmation, each at their own address.
  await page.goto(`${origin}/dev/mailbox`);
  await expectNoAccessibilityViolations(page);
  for (const to of [address, colleague]) {
    await expect(page.getByRole("row").filter({ hasText: to }).filter({ hasText: "Votre inscription aux Rencontres 2026 est confirmée" })).toHaveCount(1);
  }
});

test("in English, a colleague declines an invitation that nobody else can use", async ({ page, browser }, testInfo) => {
  // Several people, each signing in by e-mail, and axe on every page: a long journey.
  test.slow();
  const lead = `english-lead-${testInfo.project.name}@example.org`;
  const colleague = `english-colleague-${testInfo.project.name}@example.org`;
  const labels = { email: "E-mail address", send: "Send me a sign-in link", signIn: "Sign in" };
  await page.goto(`${origin}/en/2026/register`);
  await signInByMail(page, lead, labels);
  await page.getByLabel("First name").fill("Lucía");
  await page.getByLabel("Last name").fill("Pérez");
  await page.getByLabel("Taking part as").selectOption("participant");
  await page.getByLabel("Type of organisation").selectOption("foreign_local_authority");
  await page.getByLabel("Name of the organisation").fill("Ciudad de Rosario");
  await page.getByLabel("Country").selectOption("AR");
  await page.getByRole("group", { name: /Will you attend the lunch/ }).getByLabel("No").check();
  await page.getByRole("button", { name: "Register" }).click();
  await page.getByRole("link", { name: "Invite a colleague" }).click();
  await expect(page).toHaveURL(`${origin}/en/2026/register/colleague`);
  await page.getByLabel("First name").fill("Diego");
  await page.getByLabel("Last name").fill("Gómez");
  await page.getByLabel("E-mail (required)", { exact: true }).fill(colleague);
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("status")).toHaveText("Invitation sent. If this address can receive e-mail, your colleague will find the link there.");
  await check(page);
  // A second invitation, withdrawn from the space: its link stops working.
  await page.getByLabel("First name").fill("Sofía");
  await page.getByLabel("Last name").fill("Ruiz");
  await page.getByLabel("E-mail (required)", { exact: true }).fill(`sofia-${testInfo.project.name}@example.org`);
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await page.goto(`${origin}/en/my-space`);
  await expect(page.getByText(`Sofía Ruiz (sofia-${testInfo.project.name}@example.org), sent on 20 April 2026, valid until 4 May 2026`)).toBeVisible();
  await page.getByRole("button", { name: "Withdraw the invitation – Sofía Ruiz" }).click();
  await expect(page.getByRole("status")).toHaveText("The invitation is withdrawn: its link no longer works.");
  await expect(page.getByText("Sofía Ruiz")).toHaveCount(0);
  await check(page);

  // Someone else signed in who holds the link is refused, and told why.
  const link = await mailedLink(page, origin, colleague, "Invitation to the Rencontres 2026");
  const intruderContext = await browser.newContext();
  const intruder = await intruderContext.newPage();
  await intruder.goto(link);
  await signInByMail(intruder, `intruder-${testInfo.project.name}@example.org`, labels);
  await expect(intruder.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
  await expect(intruder.getByText("This invitation was sent to another e-mail address")).toBeVisible();
  await expect(intruder.getByText("Diego")).toHaveCount(0);
  await check(intruder);
  const tampered = link.replace(/token=[\w-]{43}/, `token=${"A".repeat(43)}`);
  expect((await intruder.goto(tampered))?.status()).toBe(404);
  await intruderContext.close();

  const context = await browser.newContext();
  const colleaguePage = await context.newPage();
  await colleaguePage.goto(link);
  await signInByMail(colleaguePage, colleague, labels);
  await expect(colleaguePage.getByText("Lucía Pérez invites you to join the delegation of Ciudad de Rosario at the Rencontres 2026.")).toBeVisible();
  await check(colleaguePage);
  await colleaguePage.getByRole("button", { name: "Decline the invitation" }).click();
  await expect(colleaguePage.getByRole("status")).toHaveText("You declined the invitation. Its link no longer works.");
  await check(colleaguePage);
  await context.close();

  await page.goto(`${origin}/en/my-space`);
  await expect(page.getByText(colleague)).toHaveCount(0);
});

test("the form in English, and a registration nobody else can open", async ({ page, browser }, testInfo) => {
  const address = `english-${testInfo.project.name}@example.org`;
  await page.goto(`${origin}/en/2026/register`);
  await signInByMail(page, address, { email: "E-mail address", send: "Send me a sign-in link", signIn: "Sign in" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Register for the Rencontres 2026");
  await check(page);
  await page.getByLabel("First name").fill("Ana");
  await page.getByLabel("Last name").fill("Souza");
  await page.getByLabel("Taking part as").selectOption("speaker");
  await page.getByLabel("Type of organisation").selectOption("network");
  await page.getByLabel("Name of the organisation").fill("Rede de Cidades");
  await page.getByLabel("Country").selectOption("BR");
  await page.getByRole("group", { name: /Will you attend the lunch/ }).getByLabel("No").check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}/en/my-space\\?done=registered#registration-\\d+$`));
  // A refused form says why, in an alert, and changes nothing.
  const refused = page.waitForResponse((response) => response.request().method() === "POST");
  await page.getByRole("button", { name: "Cancel my registration" }).click();
  expect((await refused).status()).toBe(422);
  await expect(page.getByRole("alert")).toHaveText("Tick the box to confirm.");
  // A speaker waits for the organisers' approval, and the space says why.
  await expect(page.getByText("Ana Souza, Rede de Cidades — awaiting approval")).toBeVisible();
  await expect(page.getByText(/The organisers check this registration before confirming it/)).toBeVisible();
  await check(page);
  const editLink = page.getByRole("link", { name: "Edit", exact: true }).first();
  const editUrl = (await editLink.getAttribute("href")) ?? "";
  expect(editUrl).toMatch(/\?edit=\d+$/);

  // Another signed-in person who changes nothing but the URL is shown nothing.
  const other = await browser.newPage();
  await other.goto(`${origin}/en/sign-in`);
  await signInByMail(other, `other-${testInfo.project.name}@example.org`, { email: "E-mail address", send: "Send me a sign-in link", signIn: "Sign in" });
  const response = await other.goto(origin + editUrl);
  expect(response?.status()).toBe(404);
  await expect(other.getByText("Ana")).toHaveCount(0);
  expect((await other.goto(`${origin}/en/2026/organisers`))?.status()).toBe(404);
  await other.close();
});

test("an organiser opens a round of ranked wishes and allocates its seats", async ({ page, visit }, testInfo) => {
  // Signing in to the back office enrols a second factor first: a few more pages, each checked.
  test.slow();
  await signInToBackOffice(page, visit, origin, `organiser-${testInfo.project.name}@example.org`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisation — Rencontres 2026");
  await check(page);

  await page.getByRole("checkbox", { name: /Réunions régionales \(2026-07-09, 15:30\)/ }).check();
  await page.getByLabel("Ouverture des vœux").fill("2026-04-01T09:00");
  await page.getByLabel("Clôture des vœux").fill("2026-04-19T18:00");
  await page.getByRole("button", { name: "Ouvrir le tour" }).click();
  await expect(page.getByRole("status")).toHaveText("Le tour est ouvert\u202f; sa graine est publiée avec lui.");
  await expect(page.getByText(/du 1er avril 2026 à 09:00 au 19 avril 2026 à 18:00, graine «\u202f[\w-]+\u202f», aucun vœu/)).toBeVisible();
  await check(page);

  await page.getByRole("button", { name: "Attribuer les places maintenant" }).click();
  await expect(page.getByRole("status")).toContainText("Aucune place attribuée, personne sur liste d'attente");
  await expect(page.getByText(/places attribuées le 20 avril 2026/)).toBeVisible();
  await check(page);
});
