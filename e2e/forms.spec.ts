import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { check, expect, mailedLink, test } from "./fixtures";

// A server of its own, on a database kept between restarts: a sign-in link expires when the
// server comes back with its clock 20 minutes later, as it would after a long coffee.
const port = Number(process.env.E2E_PORT ?? 3210) + 4000 + 10 * Number(process.env.TEST_WORKER_INDEX ?? 0);
const origin = `http://localhost:${port}`;
const minute = 60_000;
let clockAt = new Date("2026-04-20T10:00:00+02:00");
let dataDir = "";
let server: ChildProcess | undefined;

async function startServer() {
  server = spawn(process.execPath, ["server.js"], {
    stdio: "ignore",
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", DEMO_DATA: "true", TZ: "UTC", CLOCK_AT: clockAt.toISOString() },
  });
  const deadline = Date.now() + 110_000;
  while (Date.now() < deadline) {
    if (await fetch(`${origin}/fr`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server at ${origin} did not start`);
}

async function stopServer() {
  const running = server;
  server = undefined;
  if (!running || running.exitCode !== null) return;
  await new Promise((resolve) => {
    running.once("exit", resolve);
    running.kill("SIGTERM");
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), "rencontres-e2e-forms-"));
  await startServer();
});

test.afterAll(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

const journeys = [
  {
    language: "fr",
    signIn: "/fr/connexion",
    register: "/fr/2026/inscription",
    space: "/fr/espace",
    email: "Adresse électronique",
    send: "M'envoyer un lien de connexion",
    signInButton: "Se connecter",
    sent: "Consultez votre messagerie",
    problem: "Il y a un problème",
    errorTitle: /^Erreur\u202f: /,
    givenName: "Prénom",
    familyName: "Nom (obligatoire)",
    category: "Participe en tant que",
    organisationType: "Type d'organisation",
    organisationName: "Nom de l'organisation",
    country: "Pays",
    lunch: /Serez-vous présent·e au déjeuner/,
    yes: "Oui",
    health: /Besoins liés à un handicap ou à votre santé/,
    healthConsent: /J'accepte que mes réponses relatives à ma santé/,
    healthError: /Pour donner cette réponse, cochez juste en dessous le consentement/,
    submit: "M'inscrire",
    edit: "Modifier",
    approval: "Intervenant·e (soumis à la validation des organisateurs)",
    expired: "Ce lien de connexion a expiré",
    languageNote: /Changer de langue recharge ce formulaire vide/,
  },
  {
    language: "en",
    signIn: "/en/sign-in",
    register: "/en/2026/register",
    space: "/en/my-space",
    email: "E-mail address",
    send: "Send me a sign-in link",
    signInButton: "Sign in",
    sent: "Check your e-mail",
    problem: "There is a problem",
    errorTitle: /^Error: /,
    givenName: "First name",
    familyName: "Last name (required)",
    category: "Taking part as",
    organisationType: "Type of organisation",
    organisationName: "Name of the organisation",
    country: "Country",
    lunch: /Will you attend the lunch/,
    yes: "Yes",
    health: /Needs related to a disability or your health/,
    healthConsent: /I agree that my answers about health or disability are kept/,
    healthError: /To give this answer, tick the consent about health data just below/,
    submit: "Register",
    edit: "Edit",
    approval: "Speaker (needs the organisers' approval)",
    expired: "This sign-in link has expired",
    languageNote: /Changing the language reloads this form empty/,
  },
] as const;

type Journey = (typeof journeys)[number];

/** Signs in from the sign-in page the browser is on, through the e-mail in the development mailbox. */
async function signInByMail(page: Page, visit: (path: string) => Promise<void>, journey: Journey, address: string) {
  await page.getByLabel(journey.email).fill(address);
  await page.getByRole("button", { name: journey.send }).click();
  await visit(await mailedLink(page, origin, address));
  await page.getByRole("button", { name: journey.signInButton, exact: true }).click();
}

for (const journey of journeys) {
  test(`a health answer typed without its consent is kept and explained, then saved with it (${journey.language})`, async ({ page, visit }, testInfo) => {
    test.slow();
    const address = `forms-health-${journey.language}-${testInfo.project.name}@example.org`;
    await visit(`${origin}${journey.signIn}?return_to=${encodeURIComponent(journey.register)}`);
    await signInByMail(page, visit, journey, address);
    await expect(page).toHaveURL(`${origin}${journey.register}`);
    await expect(page.getByText(journey.languageNote)).toBeVisible();
    await expect(page.getByLabel(journey.category).locator("option", { hasText: journey.approval })).toHaveCount(1);

    await page.getByLabel(journey.givenName).fill("Awa");
    await page.getByLabel(journey.familyName, { exact: true }).fill("Diallo");
    await page.getByLabel(journey.category).selectOption("participant");
    await page.getByLabel(journey.organisationType).selectOption("foreign_local_authority");
    await page.getByLabel(journey.organisationName).fill("Ville de Dakar");
    await page.getByLabel(journey.country).selectOption("SN");
    await page.getByRole("group", { name: journey.lunch }).getByLabel(journey.yes).check();
    const health = page.getByRole("textbox", { name: journey.health });
    await health.fill("Step-free access, please");
    await page.getByRole("button", { name: journey.submit }).click();

    // Refused, not dropped: the answer stays, its field says why, the summary leads to it.
    await expect(page).toHaveTitle(journey.errorTitle);
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: journey.problem }) });
    await expect(summary).toBeFocused();
    await expect(health).toHaveValue("Step-free access, please");
    await expect(health).toHaveAttribute("aria-invalid", "true");
    await expect(health).toHaveAccessibleDescription(journey.healthError);
    await page.evaluate(() => window.scrollTo(0, 0));
    await summary.getByRole("link").first().click();
    await expect(health).toBeFocused();
    await check(page);

    await page.getByLabel(journey.healthConsent).check();
    await page.getByRole("button", { name: journey.submit }).click();
    await expect(page).toHaveURL(new RegExp(`^${origin}${journey.space}\\?done=registered#registration-\\d+$`));
    await page.getByRole("link", { name: journey.edit, exact: true }).first().click();
    await expect(page.getByRole("textbox", { name: journey.health })).toHaveValue("Step-free access, please");
    await expect(page.getByLabel(journey.healthConsent)).toBeChecked();
  });

  test(`an error summary's link moves the focus to its field, without JavaScript too (${journey.language})`, async ({ browser, visit }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}${journey.signIn}`);
    await page.getByLabel(journey.email).fill("not an address");
    await page.getByRole("button", { name: journey.send }).click();
    await expect(page).toHaveTitle(journey.errorTitle);
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: journey.problem }) });
    await expect(summary).toBeFocused();
    await summary.getByRole("link").click();
    await expect(page.getByLabel(journey.email)).toBeFocused();
    await expect(page.getByLabel(journey.email)).toHaveValue("not an address");
    await context.close();
    // The same page with JavaScript, checked like every page.
    await visit(`${origin}${journey.signIn}`);
  });

  test(`an expired sign-in link says so and offers a new one to the same address (${journey.language})`, async ({ page, visit }, testInfo) => {
    test.slow();
    const address = `forms-expired-${journey.language}-${testInfo.project.name}@example.org`;
    const returnTo = `/${journey.language}/2026`;
    await visit(`${origin}${journey.signIn}?return_to=${encodeURIComponent(returnTo)}`);
    await page.getByLabel(journey.email).fill(address);
    await page.getByRole("button", { name: journey.send }).click();
    const link = await mailedLink(page, origin, address);

    await stopServer();
    clockAt = new Date(clockAt.getTime() + 20 * minute);
    await startServer();

    await visit(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(journey.expired);
    await expect(page.getByLabel(journey.email)).toHaveValue(address);
    await expect(page.locator('input[name="return_to"]')).toHaveValue(returnTo);
    await page.getByRole("button", { name: journey.send }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(journey.sent);

    // The new link works and leads back to the page the first one was asked from.
    await visit(await mailedLink(page, origin, address));
    await page.getByRole("button", { name: journey.signInButton, exact: true }).click();
    await expect(page).toHaveURL(`${origin}${returnTo}`);
  });
}
