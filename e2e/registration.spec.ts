import { spawn, type ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { check, expect, expectNoAccessibilityViolations, test } from "./fixtures";

// A server whose clock stands inside the 2026 registration window.
// Beside the main test server (E2E_PORT), so that two checkouts can run their tests at once.
const port = Number(process.env.E2E_PORT ?? 3210) + 2000 + 10 * Number(process.env.TEST_WORKER_INDEX ?? 0);
const origin = `http://localhost:${port}`;
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  // Building a fresh database with the demo takes a while on a busy machine.
  test.setTimeout(120_000);
  server = spawn(process.execPath, ["e2e/start-server.js"], {
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(port),
      CLOCK_AT: "2026-04-20T10:00:00+02:00",
      ORGANISER_EMAILS: "organiser-desktop@example.org,organiser-phone@example.org",
    },
  });
  const deadline = Date.now() + 110_000;
  while (Date.now() < deadline) {
    if (await fetch(`${origin}/fr`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("registration server did not start");
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

/** Signs in from the sign-in page the browser is on, through the e-mail in the development mailbox. */
async function signInByMail(page: Page, address: string, labels: { email: string; send: string; signIn: string }) {
  await page.getByLabel(labels.email).fill(address);
  await page.getByRole("button", { name: labels.send }).click();
  await page.goto(`${origin}/dev/mailbox`);
  await page.getByRole("row").filter({ hasText: address }).getByRole("link").first().click();
  const text = (await page.locator("pre").first().textContent()) ?? "";
  const mailed = /https?:\/\/\S+\?token=[\w-]{43}/.exec(text)?.[0] ?? "";
  const { pathname, search } = new URL(mailed);
  await page.goto(origin + pathname + search);
  await page.getByRole("button", { name: labels.signIn, exact: true }).click();
}

test("a participant registers, corrects the form, takes a workshop seat and registers a colleague", async ({ page }, testInfo) => {
  const address = `registrant-${testInfo.project.name}@example.org`;
  await page.goto(`${origin}/fr/2026`);
  await expect(page.getByText("Les inscriptions en ligne sont ouvertes jusqu'au 7 juillet 2026.")).toBeVisible();
  await page.getByRole("link", { name: "S'inscrire aux Rencontres 2026" }).click();
  await signInByMail(page, address, { email: "Adresse électronique", send: "M'envoyer un lien de connexion", signIn: "Se connecter" });
  await expect(page).toHaveURL(`${origin}/fr/2026/inscription`);
  await expect(page.getByText(`Courriel : ${address}`)).toBeVisible();
  await check(page);

  // Sent with mistakes: every error is explained in French, and what was typed stays.
  await page.getByLabel("Prénom").fill("Awa");
  await page.getByLabel("Téléphone").fill("not a phone");
  await page.getByRole("button", { name: "M'inscrire" }).click();
  await expect(page.getByRole("alert").first()).toContainText("champs demandent votre attention");
  await expect(page.getByText("Un numéro de téléphone ne contient que des chiffres")).toBeVisible();
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

  await expect(page).toHaveURL(`${origin}/fr/espace`);
  await expect(page.getByText("Awa Diallo, Ville de Dakar — confirmée")).toBeVisible();
  await check(page);

  const workshop = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Ateliers thématiques" }) }).first();
  await workshop.getByRole("button", { name: /Réserver une place/ }).click();
  await expect(page.getByRole("status")).toContainText("Vous avez une place.");
  await expect(page.getByRole("list").filter({ hasText: "Pot de clôture" }).getByRole("link", { name: "Ateliers thématiques" }).first()).toBeVisible();
  await check(page);

  await page.getByRole("link", { name: "Inscrire un·e collègue" }).click();
  await page.getByLabel("Prénom").fill("Moussa");
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Ndiaye");
  await page.getByLabel("Courriel (obligatoire)", { exact: true }).fill(`colleague-${testInfo.project.name}@example.org`);
  await page.getByLabel("Participe en tant que").selectOption("participant");
  await page.getByRole("group", { name: /Serez-vous présent·e au déjeuner/ }).getByLabel("Non").check();
  await check(page);
  await page.getByRole("button", { name: "Inscrire mon ou ma collègue" }).click();
  await expect(page).toHaveURL(`${origin}/fr/espace`);
  await expect(page.getByRole("heading", { name: "Ma délégation" })).toBeVisible();
  await expect(page.getByText(`Moussa Ndiaye (colleague-${testInfo.project.name}@example.org) — confirmée`)).toBeVisible();
  await check(page);

  // The lead manages the delegation: cancelling a colleague frees their place.
  await page.getByLabel("Je veux annuler l'inscription de Moussa Ndiaye").check();
  await page.getByRole("button", { name: "Annuler – Moussa Ndiaye" }).click();
  await expect(page.getByRole("status")).toContainText("Votre inscription est annulée.");
  await expect(page.getByText(`Moussa Ndiaye (colleague-${testInfo.project.name}@example.org) — annulée`)).toBeVisible();

  // Both people got their confirmation, each at their own address.
  await page.goto(`${origin}/dev/mailbox`);
  await expectNoAccessibilityViolations(page);
  for (const to of [address, `colleague-${testInfo.project.name}@example.org`]) {
    await expect(page.getByRole("row").filter({ hasText: to }).filter({ hasText: "Votre inscription aux Rencontres 2026 est confirmée" })).toHaveCount(1);
  }
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
  await expect(page).toHaveURL(`${origin}/en/my-space`);
  const editLink = page.getByRole("link", { name: "Change" }).first();
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

test("an organiser opens a round of ranked wishes and allocates its seats", async ({ page }, testInfo) => {
  await page.goto(`${origin}/fr/2026/organisation`);
  await signInByMail(page, `organiser-${testInfo.project.name}@example.org`, {
    email: "Adresse électronique",
    send: "M'envoyer un lien de connexion",
    signIn: "Se connecter",
  });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisation — Rencontres 2026");
  await expect(page.getByRole("heading", { name: "Aucune inscription en attente de validation" })).toBeVisible();
  await check(page);

  await page.getByRole("checkbox", { name: /Réunions régionales \(2026-07-09, 15:30\)/ }).check();
  await page.getByLabel("Ouverture des vœux").fill("2026-04-01T09:00");
  await page.getByLabel("Clôture des vœux").fill("2026-04-19T18:00");
  await page.getByRole("button", { name: "Ouvrir le tour" }).click();
  await expect(page.getByRole("status")).toHaveText("Le tour est ouvert ; sa graine est publiée avec lui.");
  await expect(page.getByText(/du 1 avril 2026 à 09:00 au 19 avril 2026 à 18:00, graine « [\w-]+ », aucun vœu/)).toBeVisible();
  await check(page);

  await page.getByRole("button", { name: "Attribuer les places maintenant" }).click();
  await expect(page.getByRole("status")).toContainText("Aucune place attribuée, personne sur liste d'attente");
  await expect(page.getByText(/places attribuées le 20 avril 2026/)).toBeVisible();
  await check(page);
});
