import { check, expect, expectNoAccessibilityViolations, test } from "./fixtures";

const journeys = [
  {
    language: "fr",
    signInPath: "/fr/connexion",
    linkPath: "/fr/connexion/lien",
    mySpace: "Mon espace",
    email: "Adresse électronique",
    send: "M'envoyer un lien de connexion",
    sent: "Consultez votre messagerie",
    signIn: "Se connecter",
    signedInAs: "Session ouverte avec l'adresse",
    signOut: "Se déconnecter",
    signInTitle: "Connexion",
    spacePath: "/fr/espace",
    account: "Compte et déconnexion",
    signedOut: "Vous êtes déconnecté·e.",
  },
  {
    language: "en",
    signInPath: "/en/sign-in",
    linkPath: "/en/sign-in/link",
    mySpace: "My space",
    email: "E-mail address",
    send: "Send me a sign-in link",
    sent: "Check your e-mail",
    signIn: "Sign in",
    signedInAs: "Signed in as",
    signOut: "Sign out everywhere",
    signInTitle: "Sign in",
    spacePath: "/en/my-space",
    account: "Account and sign-out",
    signedOut: "You are signed out.",
  },
] as const;

for (const journey of journeys) {
  test(`sign in by e-mail link and sign out (${journey.language})`, async ({ page, visit }, testInfo) => {
    const address = `e2e-${journey.language}-${testInfo.project.name}@example.org`;

    await visit(`/${journey.language}`);
    await page.getByRole("link", { name: journey.mySpace }).click();
    await expect(page).toHaveURL(`${journey.signInPath}?return_to=${encodeURIComponent(journey.spacePath)}`);
    await check(page);

    await page.getByLabel(journey.email).fill(address);
    await page.getByRole("button", { name: journey.send }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(journey.sent);
    await check(page);

    // No SMTP server in the tests: the e-mail waits in the outbox, shown by the development mailbox
    // (a developer's tool with wide tables: checked with axe, not for phone widths).
    await page.goto("/dev/mailbox");
    await expectNoAccessibilityViolations(page);
    await page.getByRole("row").filter({ hasText: address }).getByRole("link").first().click();
    await expectNoAccessibilityViolations(page);
    const text = (await page.locator("pre").first().textContent()) ?? "";
    const mailed = /https?:\/\/\S+\?token=[\w-]{43}/.exec(text)?.[0];
    expect(mailed, "sign-in link in the e-mail").toBeDefined();
    // The link names PUBLIC_URL; follow its path on this test server.
    const { pathname, search } = new URL(mailed ?? "http://unknown");
    const link = pathname + search;
    expect(pathname).toBe(journey.linkPath);

    // Opening the link shows a button; only pressing it signs in.
    await visit(link);
    await page.getByRole("button", { name: journey.signIn, exact: true }).click();
    await expect(page).toHaveURL(journey.spacePath);
    await expect(page.getByText(`${journey.signedInAs} ${address}.`)).toBeVisible();
    await check(page);
    // Signed in, the sign-in page has nothing to offer: it leads to the space, where signing out is.
    await visit(journey.signInPath);
    await expect(page).toHaveURL(journey.spacePath);
    await page.getByRole("link", { name: journey.account }).click();
    await expect(page.getByRole("heading", { name: journey.account })).toBeFocused();

    await page.getByRole("button", { name: journey.signOut, exact: true }).click();
    await expect(page).toHaveURL(`${journey.signInPath}?signed_out=1`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(journey.signInTitle);
    await expect(page.getByRole("status")).toHaveText(journey.signedOut);
    await check(page);

    // The link is spent: opening it again says so, and offers a new one to the same address.
    await visit(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(journey.language === "fr" ? "Ce lien de connexion a déjà servi" : "This sign-in link has already been used");
    await expect(page.getByLabel(journey.email)).toHaveValue(address);
  });
}
