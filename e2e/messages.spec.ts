import type { Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { startTestSmtpServer, type TestSmtpServer } from "../app/features/mail/test-smtp-server";
import { passSecondFactor } from "./back-office";
import { check, expect, test, useExtraServer } from "./fixtures";

// A server that sends its e-mail through a real SMTP server this spec starts (no development
// mailbox then): the sign-in links and the message itself are read from what that server got.
// The desktop works in French, the phone in English; each writes its own message.
const smtpPort = Number(process.env.E2E_PORT ?? 3210) + 905 + 10 * Number(process.env.TEST_WORKER_INDEX ?? 0);
let smtp: TestSmtpServer | undefined;
test.beforeAll(async () => {
  smtp = await startTestSmtpServer(smtpPort);
});
test.afterAll(async () => {
  await smtp?.close();
});
const origin = useExtraServer(900, {
  CLOCK_AT: "2026-05-20T10:00:00+02:00",
  E2E_OWNERS: "owner-desktop@example.org,owner-phone@example.org",
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
});

const texts = {
  fr: {
    backOffice: "/fr/2026/organisation",
    table: "/fr/2026/organisation/inscriptions?country=BF&country=DE",
    email: "Adresse électronique",
    send: "M'envoyer un lien de connexion",
    signIn: "Se connecter",
    segmentName: "Nom du segment",
    saveSegment: "Enregistrer le segment",
    section: "Messages",
    write: "Écrire un message",
    inFrench: "En français",
    inEnglish: "En anglais",
    subject: "Objet",
    body: "Corps (Markdown)",
    segmentChoice: "Un segment enregistré",
    segment: "Segment",
    save: "Enregistrer et vérifier",
    count: "4\u202fpersonnes",
    byLanguage: "(2 en français, 2 en anglais)",
    picker: "Aperçu pour (nom, organisation, courriel, ville ou référence)",
    find: "Trouver",
    frame: "Le message tel que Jürgen Schäfer le lira",
    test: /M'envoyer cette version pour essai/,
    testSent: "L'essai part vers",
    confirm: "Envoyer à 4 personnes",
    confirmed: "Confirmé\u202f: le message est en route.",
    sent: "Envoyés",
  },
  en: {
    backOffice: "/en/2026/organisers",
    table: "/en/2026/organisers/registrations?country=BF&country=DE",
    email: "E-mail address",
    send: "Send me a sign-in link",
    signIn: "Sign in",
    segmentName: "Name of the segment",
    saveSegment: "Save the segment",
    section: "Messages",
    write: "Write a message",
    inFrench: "In French",
    inEnglish: "In English",
    subject: "Subject",
    body: "Body (Markdown)",
    segmentChoice: "A saved segment",
    segment: "Segment",
    save: "Save and review",
    count: "4 people",
    byLanguage: "(2 in French, 2 in English)",
    picker: "Preview as (name, organisation, e-mail, city or reference)",
    find: "Find",
    frame: "The message as Jürgen Schäfer will read it",
    test: /Send this version to me as a test/,
    testSent: "The test is on its way to",
    confirm: "Send to 4 people",
    confirmed: "Confirmed: the message is on its way.",
    sent: "Sent",
  },
} as const;

/** The demo participants of Burkina Faso (French) and Germany (English) in 2026. */
const recipients = {
  "salimata.ouedraogo@example.org": "fr",
  "issouf.kabore@example.org": "fr",
  "jurgen.schafer@example.org": "en",
  "kathe.muller@example.org": "en",
} as const;

const addressOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? "";

async function received(predicate: (mail: ParsedMail) => boolean, count: number): Promise<ParsedMail[]> {
  await expect.poll(() => smtp!.received.filter(predicate).length, { timeout: 60_000, intervals: [250] }).toBeGreaterThanOrEqual(count);
  return smtp!.received.filter(predicate);
}

/** Signs in to the back office through the e-mailed link, which arrives at the SMTP server. */
async function signIn(page: Page, address: string, language: "fr" | "en") {
  const t = texts[language];
  await page.goto(origin + t.backOffice);
  await check(page);
  const before = smtp!.received.filter((mail) => addressOf(mail) === address).length;
  await page.getByLabel(t.email).fill(address);
  await page.getByRole("button", { name: t.send }).click();
  await check(page);
  const mails = await received((mail) => addressOf(mail) === address, before + 1);
  const link = /https?:\/\/\S+\?token=[\w-]{43}/.exec(mails.at(-1)!.text ?? "")?.[0] ?? "";
  const { pathname, search } = new URL(link);
  await page.goto(origin + pathname + search);
  await check(page);
  await page.getByRole("button", { name: t.signIn, exact: true }).click();
  await passSecondFactor(page, origin, address, language);
  await expect(page).toHaveURL(origin + t.backOffice);
  await check(page);
}

test("an organiser writes to a segment in both languages, reviews, previews, tests and confirms; each person gets it once, in their language", async ({ page, visit }, testInfo) => {
  test.slow();
  const language = testInfo.project.name === "desktop" ? "fr" : "en";
  const t = texts[language];
  const owner = `owner-${testInfo.project.name}@example.org`;
  const tag = `${testInfo.project.name}-${Date.now()}`;
  await signIn(page, owner, language);

  // The segment: the table's filter, saved under a name.
  await visit(origin + t.table);
  await page.getByLabel(t.segmentName).fill(`Ouaga Köln ${tag}`);
  await page.getByRole("button", { name: t.saveSegment }).click();
  await check(page);

  await page.getByRole("navigation", { name: language === "fr" ? "Administration" : "Back office" }).getByRole("link", { name: t.section, exact: true }).click();
  await check(page);
  await page.getByRole("link", { name: t.write }).click();
  await check(page);
  const french = page.getByRole("group", { name: t.inFrench });
  await french.getByLabel(t.subject).fill(`Rendez-vous ${tag} pour {first_name}`);
  await french.getByLabel(t.body).fill(`Bonjour **{name}**,\n\nÀ bientôt aux {edition}.\n\nVotre espace\u202f: {registration_link}`);
  const english = page.getByRole("group", { name: t.inEnglish });
  await english.getByLabel(t.subject).fill(`See you ${tag}, {first_name}`);
  await english.getByLabel(t.body).fill(`Hello **{name}**,\n\nSee you at the {edition}.\n\nYour space: {registration_link}`);
  await page.getByLabel(t.segmentChoice).check();
  await page.getByLabel(t.segment, { exact: true }).selectOption({ label: `Ouaga Köln ${tag}` });
  await page.getByRole("button", { name: t.save }).click();

  // The review: how many, in which language; a preview as a chosen recipient; a test to oneself.
  await expect(page.getByText(t.count, { exact: true })).toBeVisible();
  await expect(page.getByText(t.byLanguage)).toBeVisible();
  await check(page);
  await page.getByLabel(t.picker).fill("schafer");
  await page.getByRole("button", { name: t.find }).click();
  await page.getByRole("link", { name: "Jürgen Schäfer" }).click();
  await check(page);
  await expect(page.frameLocator(`iframe[title="${t.frame}"]`).getByText("Hello Jürgen Schäfer,")).toBeVisible();
  await page.getByRole("button", { name: t.test }).click();
  await expect(page.getByText(t.testSent)).toBeVisible({ timeout: 20_000 });
  await check(page);
  const [testMail] = await received((mail) => addressOf(mail) === owner && (mail.subject ?? "").includes(tag), 1);
  expect(testMail!.subject).toBe(`[TEST] See you ${tag}, Jürgen`);

  await page.getByRole("button", { name: t.confirm }).click();
  await expect(page.getByText(t.confirmed)).toBeVisible({ timeout: 60_000 });
  await check(page);

  // The worker delivers through the SMTP server: each recipient once, in their language.
  const isMessage = (mail: ParsedMail) => (mail.subject ?? "").includes(tag) && addressOf(mail) !== owner;
  const mails = await received(isMessage, 4);
  expect(mails.map(addressOf).sort()).toEqual(Object.keys(recipients).sort());
  for (const mail of mails) {
    const spoken = recipients[addressOf(mail) as keyof typeof recipients];
    expect(mail.subject).toMatch(spoken === "fr" ? new RegExp(`^Rendez-vous ${tag} pour `) : new RegExp(`^See you ${tag}, `));
    expect(mail.html || "").toContain(`lang="${spoken}"`);
    expect(mail.text).toContain(spoken === "fr" ? `${origin}/fr/espace` : `${origin}/en/my-space`);
  }

  // The delivery report, on reload, says they were sent.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator('dd[data-count="sent"]').textContent();
      },
      { timeout: 30_000 },
    )
    .toBe("4");
  await check(page);
  expect(page.getByText(t.sent).first()).toBeTruthy();
});
