import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { check, expect, expectNoAccessibilityViolations, mailedLink } from "./fixtures";

// How every spec reaches the back office: sign in by e-mail, then pass the second factor. The
// first time an address signs in, it enrols an authenticator app (TOTP), whose secret this
// module keeps, per address, for the next sign-ins of the same test run (and worker).

const texts = {
  fr: {
    backOffice: "/fr/2026/organisation",
    email: "Adresse électronique",
    send: "M'envoyer un lien de connexion",
    signIn: "Se connecter",
    startTotp: "Configurer une application d'authentification",
    code: "Code à 6 chiffres",
    confirmTotp: "Confirmer l'application",
    continue: "Continuer",
    verifyCode: "Code de l'application d'authentification",
    verify: "Vérifier",
  },
  en: {
    backOffice: "/en/2026/organisers",
    email: "E-mail address",
    send: "Send me a sign-in link",
    signIn: "Sign in",
    startTotp: "Set up an authenticator app",
    code: "6-digit code",
    confirmTotp: "Confirm the app",
    continue: "Continue",
    verifyCode: "Code from the authenticator app",
    verify: "Verify",
  },
} as const;

/** The label of the TOTP code field of the verification page, for specs that type a wrong one. */
export const verifyCodeLabel = { fr: texts.fr.verifyCode, en: texts.en.verifyCode } as const;

interface Enrolled {
  secret: string;
  /** The last time step used: the server refuses a code twice, so the next sign-in waits for a new one. */
  lastStep: number;
  recoveryCodes: string[];
}
// Per server and address: each spec's server has its own database, and the same address may be
// used against several of them by one worker.
const enrolled = new Map<string, Enrolled>();
const enrolmentKey = (origin: string, address: string) => `${origin} ${address}`;

/** The TOTP secret and recovery codes of an address enrolled on `origin` by signInToBackOffice. */
export function enrolmentOf(origin: string, address: string): Enrolled | undefined {
  return enrolled.get(enrolmentKey(origin, address));
}

/** A code of `secret` in a time step not used yet (waiting for the next one if need be). */
export async function freshCode(secret: string, lastStep: number): Promise<{ code: string; step: number }> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  while (totp.counter() <= lastStep) await new Promise((resolve) => setTimeout(resolve, 500));
  return { code: totp.generate(), step: totp.counter() };
}

/** Signs in from the sign-in page the browser is on, through the e-mail in the development mailbox. */
export async function signInByMail(page: Page, origin: string, address: string, language: "fr" | "en" = "fr"): Promise<void> {
  const t = texts[language];
  await check(page);
  await page.getByLabel(t.email).fill(address);
  await page.getByRole("button", { name: t.send }).click();
  await check(page);
  await page.goto(await mailedLink(page, origin, address));
  await check(page);
  await page.getByRole("button", { name: t.signIn, exact: true }).click();
}

/**
 * Passes the second factor asked after signInByMail: the first time `address` signs in on `origin`,
 * enrols an authenticator app (keeping its secret and recovery codes), else types a fresh code.
 */
export async function passSecondFactor(page: Page, origin: string, address: string, language: "fr" | "en" = "fr"): Promise<void> {
  const t = texts[language];
  const known = enrolled.get(enrolmentKey(origin, address));
  if (!known) {
    await expect(page.getByRole("button", { name: t.startTotp })).toBeVisible();
    await check(page);
    await page.getByRole("button", { name: t.startTotp }).click();
    const secret = (await page.locator("[data-totp-secret]").textContent()) ?? "";
    await check(page);
    const { code, step } = await freshCode(secret, -1);
    await page.getByRole("textbox", { name: t.code }).fill(code);
    await page.getByRole("button", { name: t.confirmTotp }).click();
    const recoveryCodes = await page.locator("[data-recovery-code]").allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await check(page);
    enrolled.set(enrolmentKey(origin, address), { secret, lastStep: step, recoveryCodes });
    await page.getByRole("link", { name: t.continue }).click();
  } else {
    await expect(page.getByRole("textbox", { name: t.verifyCode })).toBeVisible();
    await check(page);
    const { code, step } = await freshCode(known.secret, known.lastStep);
    known.lastStep = step;
    await page.getByRole("textbox", { name: t.verifyCode }).fill(code);
    await page.getByRole("button", { name: t.verify, exact: true }).click();
  }
}

/**
 * Opens the 2026 back office of `origin` as `address` (who holds a role there): signs in by mail,
 * then enrols an authenticator app (the first time) or types its code, and lands on the page.
 * `visit` is the fixture's (it checks every page it opens).
 */
export async function signInToBackOffice(
  page: Page,
  visit: (path: string) => Promise<void>,
  origin: string,
  address: string,
  language: "fr" | "en" = "fr",
): Promise<void> {
  const t = texts[language];
  await page.goto(origin + t.backOffice);
  await signInByMail(page, origin, address, language);
  await passSecondFactor(page, origin, address, language);
  await expect(page).toHaveURL(origin + t.backOffice);
  await visit(origin + t.backOffice);
}

/** The address a team invitation e-mailed to `address` leads to (the latest with `subject`), on `origin`. */
export async function invitationLink(page: Page, origin: string, address: string, subject: string): Promise<string> {
  await page.goto(`${origin}/dev/mailbox`);
  await expectNoAccessibilityViolations(page);
  await page.getByRole("row").filter({ hasText: address }).filter({ hasText: subject }).getByRole("link").first().click();
  await expectNoAccessibilityViolations(page);
  const text = (await page.locator("pre").first().textContent()) ?? "";
  const { pathname } = new URL(/https?:\/\/\S+\/(organisation|organisers)\S*/.exec(text)?.[0] ?? "");
  return origin + pathname;
}
