import type { Page } from "@playwright/test";
import { enrolmentOf, signInByMail, signInToBackOffice } from "./back-office";
import { check, expect, expectNoAccessibilityViolations, test, useExtraServer } from "./fixtures";

// A server of its own whose owners (of every edition) enrol their second factors here (offset 170:
// clear of the main test servers of checkouts a hundred ports apart).
const origin = useExtraServer(170, {
  CLOCK_AT: "2026-04-20T10:00:00+02:00",
  E2E_OWNERS: ["passkey-desktop", "passkey-phone", "totp-desktop", "totp-phone"].map((name) => `security-${name}@example.org`).join(","),
});

/** Signs out from the person's space. */
async function signOut(page: Page, language: "fr" | "en") {
  await page.goto(`${origin}/${language}/${language === "fr" ? "espace" : "my-space"}`);
  await check(page);
  await page.getByRole("button", { name: language === "fr" ? "Se déconnecter" : "Sign out", exact: true }).click();
  await check(page);
}

test("an owner enrols a passkey, signs in again with it, invites an organiser and revokes them; the audit log lists it", async ({ page, visit }, testInfo) => {
  test.slow();
  const project = testInfo.project.name;
  const owner = `security-passkey-${project}@example.org`;
  const invitee = `invited-${project}@example.org`;
  // A platform authenticator that verifies its user, as a phone or a laptop with a fingerprint reader does.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });

  // Signed in by mail, the owner is sent to enrol a first factor, and comes back afterwards.
  await page.goto(`${origin}/fr/2026/organisation/equipe`);
  await expect(page).toHaveURL(`${origin}/fr/connexion?return_to=${encodeURIComponent("/fr/2026/organisation/equipe")}`);
  await signInByMail(page, origin, owner, "fr");
  await expect(page).toHaveURL(`${origin}/fr/organisation/securite?return_to=${encodeURIComponent("/fr/2026/organisation/equipe")}`);
  await expect(page.getByText("Vous n'avez pas encore de second facteur\u202f: ajoutez-en un pour accéder à l'administration.")).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: "Ajouter une clé d'accès" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Codes de secours");
  await expect(page.locator("[data-recovery-code]")).toHaveCount(10);
  await check(page);
  await page.getByRole("link", { name: "Continuer" }).click();
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation/equipe`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Équipe de l'édition 2026");
  await check(page);

  // Signed out and in again, the passkey opens the back office.
  await signOut(page, "fr");
  await page.goto(`${origin}/fr/2026/organisation/equipe`);
  await signInByMail(page, origin, owner, "fr");
  await expect(page).toHaveURL(new RegExp(`/fr/organisation/verification\\?return_to=`));
  await check(page);
  await page.getByRole("button", { name: "Utiliser ma clé d'accès" }).click();
  await expect(page).toHaveURL(`${origin}/fr/2026/organisation/equipe`);
  await check(page);

  // The owner invites an organiser of this edition, who is told in English.
  await page.getByLabel("Adresse électronique").fill(invitee);
  await page.getByLabel("Rôle", { exact: true }).selectOption("organiser");
  await page.getByLabel("Langue du courriel").selectOption("en");
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole("status")).toHaveText(`${invitee} a maintenant ce rôle et en a été informé·e par courriel.`);
  await expect(page.getByRole("row", { name: new RegExp(invitee) })).toContainText("Organisateur·rice");
  await check(page);
  await page.goto(`${origin}/dev/mailbox`);
  await expect(page.getByRole("row").filter({ hasText: invitee }).filter({ hasText: "You join the team of the Rencontres 2026" })).toHaveCount(1);
  // The development mailbox is checked like mailedLink does: it is a tool, not a page of the site.
  await expectNoAccessibilityViolations(page);
  await page.goto(`${origin}/fr/2026/organisation/equipe`);

  // …and revokes them.
  await page.getByRole("button", { name: `Retirer – ${invitee}, Organisateur·rice` }).click();
  await expect(page.getByRole("status")).toHaveText("Le rôle a été retiré.");
  await expect(page.getByRole("row", { name: new RegExp(invitee) })).toHaveCount(0);
  await check(page);

  // The audit log, in English, lists both changes, newest first, and filters them.
  await visit(`${origin}/en/2026/organisers/audit-log`);
  const rows = page.getByRole("row").filter({ hasText: invitee });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("team.revoke");
  await expect(rows.nth(1)).toContainText("team.grant");
  await expect(rows.nth(0)).toContainText(owner);
  await page.getByLabel("Action").selectOption("team.revoke");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/action=team\.revoke/);
  await expect(page.getByRole("row").filter({ hasText: invitee })).toHaveCount(1);
  await check(page);
});

test("an owner enrols an authenticator app and uses a recovery code once", async ({ page, visit }, testInfo) => {
  test.slow();
  const owner = `security-totp-${testInfo.project.name}@example.org`;
  await signInToBackOffice(page, visit, origin, owner, "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisers — Rencontres 2026");
  const { recoveryCodes } = enrolmentOf(origin, owner)!;

  // Signed in again without the app: a recovery code passes, once.
  await signOut(page, "en");
  await page.goto(`${origin}/en/2026/organisers`);
  await signInByMail(page, origin, owner, "en");
  await expect(page).toHaveURL(/\/en\/organisers\/verification\?return_to=/);
  await check(page);
  await page.getByRole("textbox", { name: "Recovery code" }).fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Use this recovery code" }).click();
  await expect(page).toHaveURL(`${origin}/en/2026/organisers`);
  await check(page);

  await visit(`${origin}/en/organisers/security`);
  await expect(page.getByText("9 recovery codes left.")).toBeVisible();
  await signOut(page, "en");
  await page.goto(`${origin}/en/2026/organisers`);
  await signInByMail(page, origin, owner, "en");
  await page.getByRole("textbox", { name: "Recovery code" }).fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Use this recovery code" }).click();
  await expect(page.getByRole("alert")).toContainText("This code does not match, or has already been used.");
  await expect(page.getByRole("textbox", { name: "Recovery code" })).toHaveAttribute("aria-invalid", "true");
  await check(page);
});
