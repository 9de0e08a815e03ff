import type { Page } from "@playwright/test";
import { mailedLink } from "./fixtures";

// How a spec registers a new participant for 2026 through the real form, in either language.

const texts = {
  en: {
    register: "/en/2026/register",
    email: "E-mail address",
    sendLink: "Send me a sign-in link",
    signIn: "Sign in",
    given: /^First name/,
    family: /^Last name/,
    category: "Taking part as",
    type: "Type of organisation",
    organisation: "Name of the organisation",
    country: /^Country/,
    lunch: /Will you attend the lunch/,
    yes: "Yes",
    submit: "Register",
  },
  fr: {
    register: "/fr/2026/inscription",
    email: "Adresse électronique",
    sendLink: "M'envoyer un lien de connexion",
    signIn: "Se connecter",
    given: /^Prénom/,
    family: /^Nom( \(|$)/,
    category: "Participe en tant que",
    type: "Type d'organisation",
    organisation: "Nom de l'organisation",
    country: /^Pays/,
    lunch: /Serez-vous présent·e au déjeuner/,
    yes: "Oui",
    submit: "M'inscrire",
  },
} as const;

/** Registers `address` for 2026 as a participant of a foreign local authority, signing in by the mailed link. */
export async function registerAs(page: Page, origin: string, language: "en" | "fr", address: string, family: string) {
  const t = texts[language];
  await page.goto(origin + t.register);
  await page.getByLabel(t.email).fill(address);
  await page.getByRole("button", { name: t.sendLink }).click();
  await page.goto(await mailedLink(page, origin, address));
  await page.getByRole("button", { name: t.signIn, exact: true }).click();
  await page.getByLabel(t.given).fill("Nadia");
  await page.getByLabel(t.family).fill(family);
  await page.getByLabel(t.category).selectOption("participant");
  await page.getByLabel(t.type).selectOption("foreign_local_authority");
  await page.getByLabel(t.organisation).fill("Municipalité de Tyr");
  await page.getByLabel(t.country).selectOption("LB");
  await page.getByRole("group", { name: t.lunch }).getByLabel(t.yes).check();
  await page.getByRole("button", { name: t.submit }).click();
}
