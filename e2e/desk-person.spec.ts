import type { Page } from "@playwright/test";
import { check, expect, test, useExtraServer } from "./fixtures";
import { signInToBackOffice } from "./back-office";

// A server whose clock stands inside the 2026 registration window, with an owner for each browser
// project: the desktop one works in French, the phone one in English.
const origin = useExtraServer(700, { CLOCK_AT: "2026-04-20T10:00:00+02:00", E2E_OWNERS: "desk-desktop@example.org,desk-phone@example.org" });

const texts = {
  fr: {
    newPage: "/fr/2026/organisation/inscriptions/nouvelle",
    list: "/fr/2026/organisation/inscriptions",
    newLink: "Inscrire une personne à sa place",
    settings: "/fr/2026/organisation/reglages-inscription",
    confirmedOnes: "/fr/2026/organisation/inscriptions?status=confirmed",
    matching: /^(\d+) inscriptions? correspond/,
    givenName: "Prénom",
    familyName: "Nom (obligatoire)",
    email: /^Courriel/,
    category: "Participe en tant que",
    organisationType: "Type d'organisation",
    organisationName: "Nom de l'organisation",
    country: "Pays",
    lunch: /Serez-vous présent·e au déjeuner/,
    yes: "Oui",
    mailLanguage: "Langue de ses courriels",
    mailLanguageChoice: "Anglais",
    submit: "Inscrire cette personne",
    registered: "La personne est inscrite et reçoit le courriel habituel.",
    capacity: "Capacité",
    save: "Enregistrer",
    saved: "Enregistré.",
    waitlisted: /sur liste d'attente/,
    promote: "Sortir de la liste d'attente",
    promoted: "La personne est confirmée, au-delà de la capacité de l'édition, et en est informée par courriel.",
    confirmed: /Inscription R26-\w+, confirmée/,
    note: "Nouvelle note",
    addNote: "Ajouter la note",
    noteAdded: "La note est ajoutée.",
    edit: "Modifier l'inscription",
    saveChanges: "Enregistrer les modifications",
    edited: "L'inscription est modifiée.",
    resend: "Renvoyer la confirmation",
    resent: "Le courriel de confirmation est renvoyé.",
    mails: /Courriels envoyés à cette personne \((\d+)\)/,
    promotedSubject: /A place has freed up/,
    confirmedSubject: /Your registration for the Rencontres 2026 is confirmed/,
  },
  en: {
    newPage: "/en/2026/organisers/registrations/new",
    list: "/en/2026/organisers/registrations",
    newLink: "Register someone on their behalf",
    settings: "/en/2026/organisers/registration-settings",
    confirmedOnes: "/en/2026/organisers/registrations?status=confirmed",
    matching: /^(\d+) registrations? match/,
    givenName: "First name",
    familyName: "Last name (required)",
    email: /^E-mail/,
    category: "Taking part as",
    organisationType: "Type of organisation",
    organisationName: "Name of the organisation",
    country: "Country",
    lunch: /Will you attend the lunch/,
    yes: "Yes",
    mailLanguage: "Language of their e-mails",
    mailLanguageChoice: "French",
    submit: "Register this person",
    registered: "The person is registered and receives the usual e-mail.",
    capacity: "Capacity",
    save: "Save",
    saved: "Saved.",
    waitlisted: /on the waiting list/,
    promote: "Move up from the waiting list",
    promoted: "The person is confirmed, beyond the edition's capacity, and was told by e-mail.",
    confirmed: /Registration R26-\w+, confirmed/,
    note: "New note",
    addNote: "Add the note",
    noteAdded: "The note is added.",
    edit: "Change the registration",
    saveChanges: "Save the changes",
    edited: "The registration is changed.",
    resend: "Resend the confirmation",
    resent: "The confirmation e-mail is on its way again.",
    mails: /E-mails sent to this person \((\d+)\)/,
    promotedSubject: /Une place s.est libérée/,
    confirmedSubject: /Votre inscription aux Rencontres 2026 est confirmée/,
  },
} as const;

/** Registers someone on their behalf through the desk's form, and lands on their page. */
async function registerOnBehalf(page: Page, t: (typeof texts)[keyof typeof texts], person: { given: string; family: string; email: string }) {
  // From the registrations table, which links to the form.
  await page.goto(origin + t.list);
  await check(page);
  await page.getByRole("link", { name: t.newLink }).click();
  await expect(page).toHaveURL(origin + t.newPage);
  await check(page);
  await page.getByLabel(t.givenName).fill(person.given);
  await page.getByLabel(t.familyName, { exact: true }).fill(person.family);
  await page.getByRole("textbox", { name: t.email }).fill(person.email);
  await page.getByLabel(t.category).selectOption("participant");
  await page.getByLabel(t.organisationType).selectOption("foreign_local_authority");
  await page.getByLabel(t.organisationName).fill("Commune de Dakar");
  await page.getByLabel(t.country).selectOption("SN");
  await page.getByRole("group", { name: t.lunch }).getByLabel(t.yes).check();
  await page.getByRole("group", { name: t.mailLanguage }).getByLabel(t.mailLanguageChoice).check();
  await page.getByRole("button", { name: t.submit }).click();
  await expect(page.getByRole("status")).toHaveText(t.registered);
  await check(page);
}

test("an organiser moves a waitlisted person up, adds a note, changes their organisation and resends the confirmation", async ({ page, visit }, testInfo) => {
  test.slow();
  const who = testInfo.project.name;
  const language = who === "phone" ? "en" : "fr";
  const other = language === "fr" ? "en" : "fr";
  const t = texts[language];
  await signInToBackOffice(page, visit, origin, `desk-${who}@example.org`, language);

  // One more confirmed registration, then a capacity of as many as are confirmed: the next person waits.
  await registerOnBehalf(page, t, { given: "Aminata", family: `Traoré ${who}`, email: `aminata.${who}@example.org` });
  await visit(origin + t.confirmedOnes);
  const confirmed = Number(t.matching.exec((await page.getByRole("status").filter({ hasText: t.matching }).textContent()) ?? "")?.[1]);
  expect(confirmed).toBeGreaterThan(0);
  await visit(origin + t.settings);
  await page.getByLabel(t.capacity).fill(String(confirmed));
  await page.getByRole("button", { name: t.save, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(t.saved);
  await check(page);
  await registerOnBehalf(page, t, { given: "Étienne", family: `Ndiaye ${who}`, email: `etienne.${who}@example.org` });
  await expect(page.getByText(t.waitlisted).first()).toBeVisible();
  const personPage = page.url().replace(/\?.*$/, "");
  // The table leads to the page too (searched: the demo participants fill its first pages).
  await visit(`${origin}${t.list}?q=ndiaye+${who}`);
  await page.getByRole("link", { name: `NDIAYE ${who.toUpperCase()} Étienne` }).click();
  await expect(page).toHaveURL(personPage);
  await check(page);

  await page.getByRole("button", { name: t.promote }).click();
  await expect(page.getByRole("status")).toHaveText(t.promoted);
  await expect(page.getByText(t.confirmed)).toBeVisible();
  // The e-mail telling them left in their language, listed with its delivery.
  await expect(page.getByRole("row").filter({ hasText: t.promotedSubject })).toHaveCount(1);
  await check(page);

  await page.getByLabel(t.note).fill(`Called on ${who}: <b>arrives</b> late.`);
  await page.getByRole("button", { name: t.addNote }).click();
  await expect(page.getByRole("status")).toHaveText(t.noteAdded);
  await expect(page.getByText(`Called on ${who}: <b>arrives</b> late.`)).toBeVisible();
  await expect(page.getByText(`desk-${who}@example.org, `)).toBeVisible();
  await check(page);

  await page.getByRole("link", { name: t.edit }).click();
  await check(page);
  await page.getByLabel(t.organisationName).fill(`Ville de Saint-Louis ${who}`);
  await page.getByRole("button", { name: t.saveChanges }).click();
  await expect(page.getByRole("status")).toHaveText(t.edited);
  await expect(page.getByText(`Ville de Saint-Louis ${who}`)).toBeVisible();
  await check(page);

  const before = Number(t.mails.exec((await page.getByRole("heading", { name: t.mails }).textContent()) ?? "")?.[1]);
  await page.getByRole("button", { name: t.resend }).click();
  await expect(page.getByRole("status")).toHaveText(t.resent);
  await expect(page.getByRole("heading", { name: t.mails })).toHaveText(t.mails);
  const after = Number(t.mails.exec((await page.getByRole("heading", { name: t.mails }).textContent()) ?? "")?.[1]);
  expect(after).toBe(before + 1);
  await expect(page.getByRole("row").filter({ hasText: t.confirmedSubject })).toHaveCount(1);
  await check(page);

  // The same page in the other language.
  await visit(personPage.replace(language === "fr" ? "/fr/2026/organisation/inscriptions/" : "/en/2026/organisers/registrations/", language === "fr" ? "/en/2026/organisers/registrations/" : "/fr/2026/organisation/inscriptions/"));
  await expect(page.getByText(`Ville de Saint-Louis ${who}`)).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", other);
});
